/* test_csv.c: the RFC 4180 reader and writer. Well-formed input with
 * every quoting and line-end form, each malformed case with its exact
 * reason, line and field, the writer's quoting, a write-then-read
 * round trip of hostile strings, and a 100,000-row buffer. */
#include <check.h>
#include <locale.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/csv.h"

Suite *suite_csv(void);

static void
setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
}

/* Checks the reader's next record: its line and exactly the n fields
 * given. */
static void
expect_record(struct csv_reader *r, unsigned long line, size_t n, ...)
{
	va_list ap;
	int got = csv_read(r);

	ck_assert_int_eq(got, 1);
	ck_assert_uint_eq(csv_record_line(r), line);
	ck_assert_uint_eq(csv_field_count(r), n);
	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(csv_field(r, i), va_arg(ap, const char *));
	va_end(ap);
}

static void
expect_end(struct csv_reader *r)
{
	ck_assert_int_eq(csv_read(r), 0);
	/* and it stays at the end */
	ck_assert_int_eq(csv_read(r), 0);
}

/* A reader over a string literal (not NUL-terminated as far as the
 * reader knows: only len bytes). */
static struct csv_reader *
reader(const char *s)
{
	return csv_reader_new(s, strlen(s));
}

START_TEST(simple_rows)
{
	struct csv_reader *r = reader("case,family,given\n"
	                              "TR-1,Yılmaz,Ayşe\n"
	                              "TR-2,Petrov,Ivan\n");

	expect_record(r, 1, 3, "case", "family", "given");
	expect_record(r, 2, 3, "TR-1", "Yılmaz", "Ayşe");
	expect_record(r, 3, 3, "TR-2", "Petrov", "Ivan");
	expect_end(r);
	ck_assert_str_eq(csv_field(r, 0), "");   /* out of range: "" */
	csv_reader_free(&r);
	ck_assert_ptr_null(r);
	csv_reader_free(&r);                      /* twice is harmless */
}
END_TEST

START_TEST(empty_fields)
{
	struct csv_reader *r = reader(",,\n\"\"\na,\n,b\n\"\",\"\"\n");

	expect_record(r, 1, 3, "", "", "");
	expect_record(r, 2, 1, "");
	expect_record(r, 3, 2, "a", "");
	expect_record(r, 4, 2, "", "b");
	expect_record(r, 5, 2, "", "");
	expect_end(r);
	csv_reader_free(&r);
}
END_TEST

START_TEST(quoted_fields)
{
	struct csv_reader *r = reader(
		"name,note\n"
		"\"Smith, J\",\"said \"\"hi\"\"\"\n"
		"\"multi\nline\nnote\",x\n"
		"\"\"\"\",\"a\"\"\"\"b\"\n"
		"last,row\n");

	expect_record(r, 1, 2, "name", "note");
	expect_record(r, 2, 2, "Smith, J", "said \"hi\"");
	expect_record(r, 3, 2, "multi\nline\nnote", "x");
	/* the line count went on through the quoted line breaks */
	expect_record(r, 6, 2, "\"", "a\"\"b");
	expect_record(r, 7, 2, "last", "row");
	expect_end(r);
	csv_reader_free(&r);
}
END_TEST

START_TEST(crlf)
{
	struct csv_reader *r = reader("a,b\r\n\"x\r\ny\",z\r\n\"q\"\r\nc,d\r\n");

	expect_record(r, 1, 2, "a", "b");
	/* a line break inside quotes is data, CR and all */
	expect_record(r, 2, 2, "x\r\ny", "z");
	expect_record(r, 4, 1, "q");
	expect_record(r, 5, 2, "c", "d");
	expect_end(r);
	csv_reader_free(&r);
}
END_TEST

START_TEST(missing_final_newline)
{
	struct csv_reader *r = reader("a,b\nc,d");

	expect_record(r, 1, 2, "a", "b");
	expect_record(r, 2, 2, "c", "d");
	expect_end(r);
	csv_reader_free(&r);

	r = reader("a,\"b\"");
	expect_record(r, 1, 2, "a", "b");
	expect_end(r);
	csv_reader_free(&r);

	r = reader("a,");
	expect_record(r, 1, 2, "a", "");
	expect_end(r);
	csv_reader_free(&r);

	/* a CRLF cut to its CR */
	r = reader("a,b\r");
	expect_record(r, 1, 2, "a", "b");
	expect_end(r);
	csv_reader_free(&r);

	r = reader("a\n\r");
	expect_record(r, 1, 1, "a");
	expect_end(r);
	csv_reader_free(&r);
}
END_TEST

START_TEST(bom)
{
	struct csv_reader *r = reader("\xef\xbb\xbf" "case,name\n1,x\n");

	expect_record(r, 1, 2, "case", "name");
	expect_record(r, 2, 2, "1", "x");
	expect_end(r);
	csv_reader_free(&r);

	/* only at the very start: elsewhere it is data (U+FEFF) */
	r = reader("a\n\xef\xbb\xbf" "b\n");
	expect_record(r, 1, 1, "a");
	expect_record(r, 2, 1, "\xef\xbb\xbf" "b");
	expect_end(r);
	csv_reader_free(&r);

	r = reader("\xef\xbb\xbf");
	expect_end(r);
	csv_reader_free(&r);
}
END_TEST

START_TEST(blank_lines)
{
	struct csv_reader *r = reader("\n\na,b\n\n\r\nc,d\n\n");

	expect_record(r, 3, 2, "a", "b");
	expect_record(r, 6, 2, "c", "d");
	expect_end(r);
	csv_reader_free(&r);

	r = reader("");
	expect_end(r);
	csv_reader_free(&r);

	r = csv_reader_new(NULL, 0);
	expect_end(r);
	csv_reader_free(&r);

	r = reader("\r\n\n\r\n");
	expect_end(r);
	csv_reader_free(&r);
}
END_TEST

START_TEST(wide_and_long)
{
	/* no limit on the number of fields or their length */
	size_t nf = 20000, big = 3u << 20;
	char *s = malloc(nf * 2 + big + 16), *p = s;
	struct csv_reader *r;

	ck_assert_ptr_nonnull(s);
	for (size_t i = 0; i < nf; i++) {
		*p++ = (char)('a' + i % 26);
		*p++ = i + 1 < nf ? ',' : '\n';
	}
	*p++ = '"';
	memset(p, 'x', big);
	p += big;
	*p++ = '"';
	*p++ = '\n';
	r = csv_reader_new(s, (size_t)(p - s));
	ck_assert_int_eq(csv_read(r), 1);
	ck_assert_uint_eq(csv_field_count(r), nf);
	for (size_t i = 0; i < nf; i++) {
		ck_assert_uint_eq(strlen(csv_field(r, i)), 1);
		ck_assert_int_eq(csv_field(r, i)[0], 'a' + (int)(i % 26));
	}
	ck_assert_int_eq(csv_read(r), 1);
	ck_assert_uint_eq(csv_record_line(r), 2);
	ck_assert_uint_eq(csv_field_count(r), 1);
	ck_assert_uint_eq(strlen(csv_field(r, 0)), big);
	expect_end(r);
	csv_reader_free(&r);
	free(s);
}
END_TEST

/* --- malformed input ---------------------------------------------------------- */

static const struct bad_case {
	const char *input;
	size_t len;                 /* 0: strlen(input) */
	int good_records;           /* records read before the fault */
	const char *reason;
	unsigned long line;
	size_t field;
} bad_cases[] = {
	{ "a,b\nc,\"open\n\nmore", 0, 1, "unterminated quoted field", 2, 2 },
	{ "\"", 0, 0, "unterminated quoted field", 1, 1 },
	{ "a,\"x\"\"", 0, 0, "unterminated quoted field", 1, 2 },
	{ "a,b\nc,d\"e\n", 0, 1, "quote inside an unquoted field", 2, 2 },
	{ "a\"\n", 0, 0, "quote inside an unquoted field", 1, 1 },
	{ "a,\"b\"x,c\n", 0, 0, "text after a closing quote", 1, 2 },
	{ "a\n\"b\nc\" d\n", 0, 1, "text after a closing quote", 3, 1 },
	{ "\"a\"\rb\n", 0, 0, "text after a closing quote", 1, 1 },
	{ "a,b\nc\rd,e\n", 0, 1, "carriage return inside an unquoted field", 2, 1 },
	{ "a,b\r\r\n", 0, 0, "carriage return inside an unquoted field", 1, 2 },
	{ "\rx\n", 0, 0, "carriage return inside an unquoted field", 1, 1 },
	{ "a,b\nc,d\0e\n", 10, 1, "NUL byte in data", 2, 2 },
	{ "a,\"b\n\0\"\n", 8, 0, "NUL byte in data", 2, 2 },
	{ "\0", 1, 0, "NUL byte in data", 1, 1 },
	/* line 3, field 2: the case the import reports by column */
	{ "case,family\n1,Ok\n2,Ba\xff" "d\n", 0, 2, "invalid UTF-8", 3, 2 },
	/* the line of the bad byte, not of the record */
	{ "a,\"x\ny\xc0\xaf" "z\"\n", 0, 0, "invalid UTF-8", 2, 2 },
	{ "\xed\xa0\x80\n", 0, 0, "invalid UTF-8", 1, 1 },        /* surrogate */
	{ "a,b,\xf4\x90\x80\x80\n", 0, 0, "invalid UTF-8", 1, 3 }, /* > U+10FFFF */
	{ "a,\xe2\x82", 0, 0, "invalid UTF-8", 1, 2 },             /* cut at end */
	{ "a,\xe2\x82,b\n", 0, 0, "invalid UTF-8", 1, 2 },         /* cut by comma */
	{ "\"\x80\"", 0, 0, "invalid UTF-8", 1, 1 },
	{ "ok\n\xef\xbb\n", 0, 1, "invalid UTF-8", 2, 1 },          /* half a BOM */
};

START_TEST(malformed)
{
	const struct bad_case *c = &bad_cases[_i];
	size_t len = c->len ? c->len : strlen(c->input);
	struct csv_reader *r = csv_reader_new(c->input, len);
	unsigned long line = 0;
	size_t field = 0;
	const char *why;

	for (int k = 0; k < c->good_records; k++)
		ck_assert_int_eq(csv_read(r), 1);
	ck_assert_msg(csv_read(r) == -1, "case %d: no error", _i);
	why = csv_reader_error(r, &line, &field);
	ck_assert_ptr_nonnull(why);
	ck_assert_msg(strcmp(why, c->reason) == 0, "case %d: '%s'", _i, why);
	ck_assert_msg(line == c->line, "case %d: line %lu", _i, line);
	ck_assert_msg(field == c->field, "case %d: field %zu", _i, field);
	/* the reader stops at the first fault */
	ck_assert_int_eq(csv_read(r), -1);
	ck_assert_str_eq(csv_reader_error(r, NULL, NULL), c->reason);
	csv_reader_free(&r);
}
END_TEST

/* --- writing ------------------------------------------------------------------- */

/* The writer's output for one field, in a static buffer. */
static const char *
written_field(const char *s)
{
	static char out[256];
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	csv_write_field(f, s);
	fclose(f);
	ck_assert_uint_lt(len, sizeof out);
	memcpy(out, buf, len + 1);
	free(buf);
	return out;
}

START_TEST(writer_quoting)
{
	ck_assert_str_eq(written_field("plain"), "plain");
	ck_assert_str_eq(written_field("Yılmaz"), "Yılmaz");
	ck_assert_str_eq(written_field("in side"), "in side");
	ck_assert_str_eq(written_field(""), "");
	ck_assert_str_eq(written_field(NULL), "");
	ck_assert_str_eq(written_field("a,b"), "\"a,b\"");
	ck_assert_str_eq(written_field("say \"hi\""), "\"say \"\"hi\"\"\"");
	ck_assert_str_eq(written_field("\""), "\"\"\"\"");
	ck_assert_str_eq(written_field("x\ny"), "\"x\ny\"");
	ck_assert_str_eq(written_field("x\ry"), "\"x\ry\"");
	ck_assert_str_eq(written_field(" lead"), "\" lead\"");
	ck_assert_str_eq(written_field("trail "), "\"trail \"");
	ck_assert_str_eq(written_field(" "), "\" \"");
	ck_assert_str_eq(written_field("\xef\xbb\xbf" "x"), "\"\xef\xbb\xbf" "x\"");
}
END_TEST

START_TEST(writer_rows)
{
	const char *row[] = { "a", NULL, "b c", "d,e" };
	const char *empty[] = { "" };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	csv_write_row(f, row, 4);
	csv_write_row(f, empty, 1);
	csv_write_row(f, row, 2);
	fclose(f);
	ck_assert_str_eq(buf, "a,,b c,\"d,e\"\n\"\"\na,\n");
	free(buf);
}
END_TEST

START_TEST(round_trip)
{
	static const char *const nasty[] = {
		"", " ", "  ", "\"", "\"\"", ",", ",,", "\n", "\r", "\r\n", "\n\n",
		"a\"b,c\nd", " lead", "trail ", "\"quoted\"", "İstanbul",
		"阿卜杜拉", "محمد", ("\xe2\x80\xae" "evil"), "\x1b[31m", "\t",
		("\xef\xbb\xbf" "bom"), "=HYPERLINK(\"x\")", "a\r\nb\r\nc", "end\"",
	};
	size_t n = sizeof nasty / sizeof nasty[0];
	const char *row[3];
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct csv_reader *r;
	unsigned long line = 1;

	ck_assert_ptr_nonnull(f);
	/* each string alone, then with neighbours on either side */
	for (size_t i = 0; i < n; i++)
		csv_write_row(f, &nasty[i], 1);
	for (size_t i = 0; i < n; i++) {
		row[0] = nasty[i];
		row[1] = nasty[(i + 1) % n];
		row[2] = nasty[(i + 7) % n];
		csv_write_row(f, row, 3);
	}
	fclose(f);
	r = csv_reader_new(buf, len);
	for (size_t pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			size_t nf = pass ? 3 : 1;

			ck_assert_int_eq(csv_read(r), 1);
			ck_assert_uint_eq(csv_record_line(r), line);
			ck_assert_uint_eq(csv_field_count(r), nf);
			row[0] = nasty[i];
			row[1] = nasty[(i + 1) % n];
			row[2] = nasty[(i + 7) % n];
			for (size_t k = 0; k < nf; k++) {
				ck_assert_str_eq(csv_field(r, k), row[k]);
				/* the next record starts after this one's line breaks */
				for (const char *p = row[k]; *p; p++)
					line += *p == '\n';
			}
			line++;
		}
	}
	expect_end(r);
	csv_reader_free(&r);
	free(buf);
}
END_TEST

START_TEST(hundred_thousand_rows)
{
	const size_t rows = 100000;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct csv_reader *r;
	unsigned long line = 1;
	char a[32], b[64], c[64];

	ck_assert_ptr_nonnull(f);
	fputs("\xef\xbb\xbf" "id,name,note\r\n", f);
	for (size_t i = 0; i < rows; i++) {
		/* every 1000th note spans two lines */
		if (i % 1000 == 999)
			fprintf(f, "%zu,Şükrü %zu,\"two\r\nlines, \"\"%zu\"\"\"\r\n", i, i, i);
		else
			fprintf(f, "%zu,Şükrü %zu,plain %zu\r\n", i, i, i);
	}
	fclose(f);
	r = csv_reader_new(buf, len);
	expect_record(r, line++, 3, "id", "name", "note");
	for (size_t i = 0; i < rows; i++) {
		bool two = i % 1000 == 999;

		snprintf(a, sizeof a, "%zu", i);
		snprintf(b, sizeof b, "Şükrü %zu", i);
		if (two)
			snprintf(c, sizeof c, "two\r\nlines, \"%zu\"", i);
		else
			snprintf(c, sizeof c, "plain %zu", i);
		/* one ck_assert per row, not per field: libcheck records each */
		if (csv_read(r) != 1 || csv_record_line(r) != line ||
		    csv_field_count(r) != 3 || strcmp(csv_field(r, 0), a) != 0 ||
		    strcmp(csv_field(r, 1), b) != 0 || strcmp(csv_field(r, 2), c) != 0)
			ck_abort_msg("row %zu (line %lu) read wrong", i, line);
		line += two ? 2 : 1;
	}
	expect_end(r);
	csv_reader_free(&r);
	free(buf);
}
END_TEST

Suite *
suite_csv(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("read");
	TCase *bad = tcase_create("malformed");
	TCase *wr = tcase_create("write");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, simple_rows);
	tcase_add_test(tc, empty_fields);
	tcase_add_test(tc, quoted_fields);
	tcase_add_test(tc, crlf);
	tcase_add_test(tc, missing_final_newline);
	tcase_add_test(tc, bom);
	tcase_add_test(tc, blank_lines);
	tcase_add_test(tc, wide_and_long);
	tcase_add_test(tc, hundred_thousand_rows);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(bad, setup, NULL);
	tcase_add_loop_test(bad, malformed, 0,
	                    (int)(sizeof bad_cases / sizeof bad_cases[0]));
	suite_add_tcase(s, bad);

	tcase_add_checked_fixture(wr, setup, NULL);
	tcase_add_test(wr, writer_quoting);
	tcase_add_test(wr, writer_rows);
	tcase_add_test(wr, round_trip);
	suite_add_tcase(s, wr);
	return s;
}
