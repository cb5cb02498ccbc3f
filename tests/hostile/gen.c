/* gen.c: the hostile-string corpus (issue 6, item 6), generated at test
 * time so the repository holds no raw escape bytes.
 *
 *   hostile_gen write DIR
 *       DIR/persons.csv, events.csv, relations.csv: one fictional person
 *       H-0001... per valid hostile value, the value in every free-text
 *       field; DIR/values.txt: "H-0001<TAB>family<TAB>value" with the
 *       value's bytes as \xHH escapes (for reading by people); and
 *       DIR/bad/NNN.csv, one persons file per refused value (invalid
 *       UTF-8, NUL, longer than the importer takes) whose bad row is
 *       line 4, listed in DIR/bad.txt as "FILE<TAB>LINE<TAB>FIELD<TAB>
 *       REASON-WORDS".
 *   hostile_gen check persons|events|relations EXPORT.csv
 *       reads an export back and checks that every value came back byte
 *       for byte in every field it was put in; exit 1 naming the first
 *       difference.
 *   hostile_gen screens COLS DUMP...
 *       every line of every :save-screen dump is valid UTF-8 with no C0
 *       (but the newline), DEL, C1, bidi or zero-width character, and
 *       at most COLS display columns wide.
 *   hostile_gen layout WORD DUMP...
 *       on every table row starting "H-", the last WORD starts at the
 *       same display column: the row's layout did not shift.
 *
 * Every value is fictional: names, markup and byte patterns, no one's
 * data. */
#include <locale.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <wchar.h>

#include "casepath/csv.h"
#include "casepath/u8.h"

#define MAX_VALUES 400
#define MAX_TEXT 32768  /* the importer's limit for one text field */

struct value {
	const char *family;
	char *bytes;
	size_t len;
};

static struct value values[MAX_VALUES];
static size_t nvalues;

static void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("hostile_gen: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void
add_bytes(const char *family, const char *s, size_t len)
{
	char *copy;

	for (size_t i = 0; i < nvalues; i++)
		if (values[i].len == len && memcmp(values[i].bytes, s, len) == 0)
			die("duplicate value %zu in family %s", i, family);
	if (nvalues == MAX_VALUES)
		die("too many values");
	copy = malloc(len + 1);
	if (!copy)
		die("out of memory");
	memcpy(copy, s, len);
	copy[len] = '\0';
	values[nvalues].family = family;
	values[nvalues].bytes = copy;
	values[nvalues].len = len;
	nvalues++;
}

static void
add(const char *family, const char *s)
{
	add_bytes(family, s, strlen(s));
}

static void
addf(const char *family, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	add(family, buf);
}

/* "before" + code point + "after" */
static void
add_cp(const char *family, const char *before, unsigned c, const char *after)
{
	char buf[128], u[4];
	size_t n = u8_encode(c, u);

	snprintf(buf, sizeof buf, "%s%.*s%s", before, (int)n, u, after);
	add(family, buf);
}

/* s repeated until the text is count copies long */
static void
add_repeat(const char *family, const char *prefix, const char *s, size_t count)
{
	size_t n = strlen(s), p = strlen(prefix);
	char *buf = malloc(p + n * count + 1);

	if (!buf)
		die("out of memory");
	memcpy(buf, prefix, p);
	for (size_t i = 0; i < count; i++)
		memcpy(buf + p + i * n, s, n);
	buf[p + n * count] = '\0';
	add_bytes(family, buf, p + n * count);
	free(buf);
}

static void
build_corpus(void)
{
	/* a plain row first: the layout every hostile row must keep */
	add("plain", "Plain Ascii");

	/* --- escape sequences with a 7-bit ESC ---------------------------- */
	static const char *const esc[] = {
		/* CSI: clear, move, colour, modes, reports, mouse, resize */
		"\033[2J", "\033[H", "\033[1;1H", "\033[31m", "\033[0m",
		"\033[7m", "\033[8m", "\033[K", "\033[3J", "\033[?1049h",
		"\033[?25l", "\033[6n", "\033[c", "\033[?1000h", "\033[?2004h",
		"\033[8;100;300t", "\033[21t", "\033[20t", "\033[1A\033[2K",
		"\033[999C", "\033[4l", "\033[?7l",
		/* DECSCUSR: cursor shapes */
		"\033[0 q", "\033[1 q", "\033[2 q", "\033[5 q", "\033[6 q",
		/* single-character escapes: reset, save/restore, charsets */
		"\033c", "\0337", "\0338", "\033(0", "\033#8", "\033=", "\033D",
		"\033M", "\033N", "\033Z",
		/* OSC: titles, clipboard, hyperlinks, colours, cwd */
		"\033]0;pwned title\007", "\033]2;pwned title\033\\",
		"\033]1;icon\007", "\033]2;\007",
		"\033]52;c;SGVsbG8gY2xpcGJvYXJk\007",
		"\033]52;p;cm0gLXJmIH4=\033\\", "\033]52;c;?\007",
		"\033]8;;http://example.invalid/\033\\click\033]8;;\033\\",
		"\033]8;id=1;file:///etc/passwd\007here\033]8;;\007",
		"\033]4;1;rgb:ff/00/00\007", "\033]10;?\007", "\033]11;#000000\007",
		"\033]7;file://host.invalid/tmp\007", "\033]1337;SetMark\007",
		"\033]0;unterminated title",
		/* DCS, APC, PM, SOS */
		"\033P$q\"p\033\\", "\033P+q544e\033\\",
		"\033Ptmux;\033\033]52;c;aGk=\007\033\\", "\033_Gf=100;AAAA\033\\",
		"\033^privacy message\033\\", "\033Xstart of string\033\\",
	};
	for (size_t i = 0; i < sizeof esc / sizeof *esc; i++)
		addf("escape", "Esc%zu %sname", i, esc[i]);
	add("escape", "\033");
	add("escape", "\033\033\033[");

	/* --- the 8-bit C1 forms, as UTF-8 (U+009B CSI, U+009D OSC ...) ----- */
	add_cp("c1-seq", "Csi ", 0x9B, "2J cleared");
	add_cp("c1-seq", "Csi ", 0x9B, "31mred");
	add_cp("c1-seq", "Osc ", 0x9D, "0;title\007");
	add_cp("c1-seq", "Osc ", 0x9D, "52;c;SGk=\007");
	add_cp("c1-seq", "Dcs ", 0x90, "$q\"p");
	add_cp("c1-seq", "Apc ", 0x9F, "Gf=1");
	add_cp("c1-seq", "Pm ", 0x9E, "x");
	for (unsigned c = 0x80; c <= 0x9F; c++)
		add_cp("c1", "Cone ", c, " tail");

	/* --- every C0 control but NUL, and DEL ---------------------------- */
	for (unsigned c = 1; c < 0x20; c++)
		add_cp("c0", "Czero ", c, " tail");
	add("c0", "\t");
	add("c0", "\r\n");
	add_cp("del", "Del ", 0x7F, " tail");

	/* --- bidi embeddings, overrides, isolates, marks ------------------ */
	for (unsigned c = 0x202A; c <= 0x202E; c++)
		add_cp("bidi", "Bidi ", c, "abc def");
	for (unsigned c = 0x2066; c <= 0x2069; c++)
		add_cp("bidi", "Isolate ", c, "abc def");
	add_cp("bidi", "Mark ", 0x200E, "x");
	add_cp("bidi", "Mark ", 0x200F, "x");
	add_cp("bidi", "Mark ", 0x061C, "x");
	add("bidi", "Invoice \xe2\x80\xae" "exe.fdp");
	add("bidi", "\xe2\x80\xae\xe2\x80\xae\xe2\x80\xae\xe2\x80\xae");
	add("bidi", "\xe2\x81\xa7\xd9\x85\xd8\xad\xd9\x85\xd8\xaf\xe2\x81\xa9 Ali");

	/* --- zero-width and invisible characters --------------------------- */
	add_cp("zero-width", "Zw", 0x200B, "sp");
	add_cp("zero-width", "Zw", 0x200C, "nj");
	add_cp("zero-width", "Zw", 0x200D, "j");
	add_cp("zero-width", "Zw", 0xFEFF, "bom");
	add_cp("zero-width", "Zw", 0x2060, "wj");
	add_cp("zero-width", "", 0xFEFF, "Bom at start");
	add_cp("zero-width", "Haddad", 0x200B, "");
	add_cp("zero-width", "Zw", 0x2061, "fa");
	add_cp("zero-width", "Zw", 0x2062, "it");
	add_cp("zero-width", "Zw", 0x2063, "is");
	add_cp("zero-width", "Zw", 0x2064, "ip");
	add_repeat("zero-width", "Many", "\xe2\x80\x8b", 300);

	/* --- combining characters, floods of them --------------------------- */
	add_repeat("combining", "Z", "\xcc\x81", 50);
	add_repeat("combining", "e", "\xcd\x8a\xcc\xb4\xcc\xa1", 100);
	add_repeat("combining", "", "\xcc\x88", 500);
	add("combining", "Ay\xcc\x86\xcc\x81\xcc\xa7se Zal\xcc\x80\xcc\x81\xcc\x82\xcc\x83go");
	add_repeat("combining", "x", "\xd9\x8b", 40);    /* Arabic fathatan */
	add_repeat("combining", "long ", "a\xcc\x81", 1000);

	/* --- wide CJK, emoji, fullwidth, mixed edges ----------------------- */
	add("wide", "\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e");          /* 王小明 */
	add("wide", "\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e");  /* 山田太郎 */
	add("wide", "\xea\xb9\x80\xeb\xaf\xbc\xec\xa4\x80");          /* 김민준 */
	add("wide", "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 family");
	add("wide", "\xf0\x9f\x87\xb8\xf0\x9f\x87\xbe flag");
	add_repeat("wide", "", "\xf0\x9f\x98\x80", 40);
	add("wide", "\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3 fullwidth");
	add_repeat("wide", "a", "\xe7\x8e\x8b", 39);   /* a wide char on every edge */
	add_repeat("wide", "ab", "\xe7\x8e\x8b", 39);
	add("wide", "\xf0\xa0\x80\x80 extension B");
	add("wide", "\xe3\x80\x80ideographic space");
	add_repeat("wide", "", "\xe5\x90\x8d", 1333);  /* 3,999 bytes */

	/* --- Arabic and Uyghur, with right-to-left marks -------------------- */
	add("rtl", "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf \xd8\xad\xd8\xaf\xd8\xa7\xd8\xaf");
	add("rtl", "\xd9\x85\xdb\x87\xda\xbe\xdb\x95\xd9\x85\xd9\x85\xdb\x95\xd8\xaf");
	add("rtl", "\xe2\x80\x8f\xd9\x85\xd8\xad\xd9\x85\xd8\xaf\xe2\x80\x8f 42");
	add("rtl", "\xd8\xa3\xd8\xa8\xd9\x88 \xd8\xb9\xd9\x85\xd8\xb1 (\xd8\xa7\xd9\x84\xd8\xb4\xd8\xa7\xd9\x85)");
	add("rtl", "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d mixed 123 \xd9\x85\xd8\xad\xd9\x85\xd8\xaf");
	add("rtl", "\xd8\xb9\xd8\xa8\xd8\xaf\xd8\xa7\xd9\x84\xd9\x84\xd9\x87\xd8\x9c");

	/* --- long --------------------------------------------------------- */
	/* 10,000 characters, narrow and wide (30,000 bytes): they import,
	 * show cut to their column and come back byte for byte */
	add_repeat("long", "", "A", 10000);
	add_repeat("long", "", "\xe5\x90\x8d", 10000);
	add_repeat("long", "B", "abcdefghij", 399);

	/* --- SQL and FTS5 metacharacters ---------------------------------- */
	static const char *const sql[] = {
		"'; DROP TABLE person; --", "Robert'); DROP TABLE person;--",
		"%", "_", "%_%", "\"", "''", "\\", "\\0", "\\x00", "\\n",
		"1 OR 1=1", "' OR ''='", "NULL", "null", "`id`", "\\'",
		"a' COLLATE NOCASE --", "x%' ESCAPE '\\", "[brackets]", "$1 ?1 :a @b",
		"NEAR(a b)", "\"unterminated", "pre*", "^start", "a AND OR NOT b",
		"family_name:x", "{a b}", "-minus", "a + b", "/* comment */",
		"; PRAGMA writable_schema=1;", "char(0)", "x'00'",
	};
	for (size_t i = 0; i < sizeof sql / sizeof *sql; i++)
		add("sql", sql[i]);

	/* --- printf format strings ---------------------------------------- */
	static const char *const fmt[] = {
		"%n%s%x%p", "%s%s%s%s%s%s", "%99999999d", "%1$n", "%ls%lc",
		"%c%c%c", "%%", "%.4000s", "%*d", "%hhn",
	};
	for (size_t i = 0; i < sizeof fmt / sizeof *fmt; i++)
		add("printf", fmt[i]);

	/* --- CSV metacharacters ------------------------------------------- */
	static const char *const csv[] = {
		"a\"b", "\"quoted\"", "a,b", ",,,", "a\rb", "a\nb", "a\r\nb",
		"trailing\n", " leading space", "trailing space ", "\"\"\"",
		"x\",\"y", "\n\n", "=HYPERLINK(\"http://example.invalid\")",
		"+cmd", "@SUM(A1)",
	};
	for (size_t i = 0; i < sizeof csv / sizeof *csv; i++)
		add("csv", csv[i]);
}

/* Values the importer must refuse, each with where and why. */
struct bad {
	const char *bytes;
	size_t len;
	const char *reason;     /* words the message must hold */
};

static struct bad bads[64];
static size_t nbads;

static void
add_bad(const char *s, size_t len, const char *reason)
{
	bads[nbads].bytes = s;
	bads[nbads].len = len;
	bads[nbads].reason = reason;
	nbads++;
}

static void
build_bad(void)
{
#define BAD(s, why) add_bad("Bad " s " end", sizeof "Bad " s " end" - 1, why)
	BAD("\x80", "invalid UTF-8");                  /* lone continuation */
	BAD("\xbf\xbf", "invalid UTF-8");
	BAD("\xc0\xaf", "invalid UTF-8");              /* overlong '/' */
	BAD("\xc1\xbf", "invalid UTF-8");
	BAD("\xe0\x80\xaf", "invalid UTF-8");          /* overlong, 3 bytes */
	BAD("\xf0\x80\x80\xaf", "invalid UTF-8");      /* overlong, 4 bytes */
	BAD("\xed\xa0\x80", "invalid UTF-8");          /* surrogate D800 */
	BAD("\xed\xbf\xbf", "invalid UTF-8");          /* surrogate DFFF */
	BAD("\xf4\x90\x80\x80", "invalid UTF-8");      /* past U+10FFFF */
	BAD("\xc3", "invalid UTF-8");                  /* truncated */
	BAD("\xe2\x82", "invalid UTF-8");
	BAD("\xf0\x9f\x98", "invalid UTF-8");
	BAD("\xff", "invalid UTF-8");
	BAD("\xfe\xff", "invalid UTF-8");
	BAD("\xf8\x88\x80\x80\x80", "invalid UTF-8");  /* old 5-byte form */
	BAD("\xc0\x80", "invalid UTF-8");              /* "modified UTF-8" NUL */
	BAD("\xc2\x1b[2J", "invalid UTF-8");           /* ESC eats a lead byte */
	BAD("\x00", "NUL byte");
#undef BAD
}

static char *long_ascii;

static void
build_long_bad(void)
{
	/* one byte past what one field takes */
	long_ascii = malloc(MAX_TEXT + 2);
	if (!long_ascii)
		die("out of memory");
	memset(long_ascii, 'N', MAX_TEXT + 1);
	long_ascii[MAX_TEXT + 1] = '\0';
	add_bad(long_ascii, MAX_TEXT + 1, "longer than 32768 bytes");
}

/* --- writing ----------------------------------------------------------- */

static void
put_field(FILE *f, const char *s, size_t len)
{
	/* RFC 4180 by hand, so a NUL or an invalid byte goes out as is */
	fputc('"', f);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			fputc('"', f);
		fputc(s[i], f);
	}
	fputc('"', f);
}

/* Aliases are a ';'-separated list, trimmed, with an optional
 * " (type)": a value goes in as one alias only when it survives that. */
static bool
alias_safe(const struct value *v)
{
	return v->len > 0 && !memchr(v->bytes, ';', v->len) &&
	       v->bytes[0] != ' ' && v->bytes[v->len - 1] != ' ' &&
	       v->bytes[v->len - 1] != ')';
}

static const char persons_header[] =
	"case_no,family_name,given_names,native_name,aliases,sex,birth_date,"
	"nationality,claimed_nationality,ethnicity,languages,interpreter_needed,"
	"category,notes\n";

static void
put_person(FILE *f, const char *case_no, const struct value *v)
{
	fprintf(f, "%s,", case_no);
	put_field(f, v->bytes, v->len);          /* family_name */
	fputc(',', f);
	put_field(f, v->bytes, v->len);          /* given_names */
	fputc(',', f);
	put_field(f, v->bytes, v->len);          /* native_name */
	fputc(',', f);
	if (alias_safe(v))
		put_field(f, v->bytes, v->len);  /* aliases */
	else
		fputs("Alias", f);
	fputs(",U,1990,SYR,,", f);
	put_field(f, v->bytes, v->len);          /* ethnicity */
	fputs(",ar,yes,foreign_national,", f);
	put_field(f, v->bytes, v->len);          /* notes */
	fputc('\n', f);
}

static FILE *
open_out(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "wb")))
		die("cannot write %s", path);
	return f;
}

static void
write_all(const char *dir)
{
	FILE *p = open_out(dir, "persons.csv"), *e = open_out(dir, "events.csv");
	FILE *r = open_out(dir, "relations.csv"), *t = open_out(dir, "values.txt");
	FILE *b;
	char path[4096];

	fputs(persons_header, p);
	fputs("case_no,date,kind,place,country,ref,duration,outcome,note\n", e);
	fputs("case_no,relation,other_case_no,verification,note\n", r);
	for (size_t i = 0; i < nvalues; i++) {
		const struct value *v = &values[i];
		char case_no[32];

		snprintf(case_no, sizeof case_no, "H-%04zu", i + 1);
		put_person(p, case_no, v);
		/* a decision served three days before the tests' today: a
		 * running challenge window puts everyone in deadlines and review */
		fprintf(e, "%s,2026-06-10,removal_decision,", case_no);
		put_field(e, v->bytes, v->len);
		fputs(",TUR,", e);
		put_field(e, v->bytes, v->len);
		fputs(",,,", e);
		put_field(e, v->bytes, v->len);
		fprintf(e, "\n%s,2026-06-12,removal_notified,", case_no);
		put_field(e, v->bytes, v->len);
		fputs(",TUR,", e);
		put_field(e, v->bytes, v->len);
		fputs(",,", e);
		put_field(e, v->bytes, v->len);
		fputc(',', e);
		put_field(e, v->bytes, v->len);
		fputc('\n', e);
		if (i > 0) {
			/* the store keeps a sibling pair lowest case number first */
			fprintf(r, "H-%04zu,sibling,%s,unverified,", i, case_no);
			put_field(r, v->bytes, v->len);
			fputc('\n', r);
		}
		fprintf(t, "%s\t%s\t", case_no, v->family);
		for (size_t k = 0; k < v->len && k < 200; k++) {
			unsigned char c = (unsigned char)v->bytes[k];

			if (c >= 0x20 && c < 0x7F && c != '\\')
				fputc(c, t);
			else
				fprintf(t, "\\x%02X", c);
		}
		fputs(v->len > 200 ? "...\n" : "\n", t);
	}
	fclose(p);
	fclose(e);
	fclose(r);
	fclose(t);

	snprintf(path, sizeof path, "%s/bad", dir);
	mkdir(path, 0700);
	t = open_out(dir, "bad.txt");
	for (size_t i = 0; i < nbads; i++) {
		static const char *const fields[] = { "family_name", "given_names",
		                                      "native_name", "notes" };
		static const int fieldno[] = { 2, 3, 4, 14 };
		struct value v = { "bad", (char *)bads[i].bytes, bads[i].len };
		struct value good = { "good", (char *)"Good", 4 };
		size_t k = i % 4;
		char name[32];

		snprintf(name, sizeof name, "bad/%03zu.csv", i + 1);
		b = open_out(dir, name);
		fputs(persons_header, b);
		put_person(b, "B-1", &good);
		put_person(b, "B-2", &good);
		/* line 4: the bad value in one field, good ones elsewhere */
		fputs("B-3", b);
		for (int col = 2; col <= 14; col++) {
			static const char *const rest[15] = {
				[2] = "Good", [3] = "Good", [4] = "Good", [5] = "Alias",
				[6] = "U", [7] = "1990", [8] = "SYR", [9] = "",
				[10] = "Good", [11] = "ar", [12] = "yes",
				[13] = "foreign_national", [14] = "Good",
			};

			fputc(',', b);
			if (col == fieldno[k])
				put_field(b, v.bytes, v.len);
			else
				put_field(b, rest[col], strlen(rest[col]));
		}
		fputc('\n', b);
		put_person(b, "B-4", &good);
		fclose(b);
		fprintf(t, "%s\t4\t%s\t%d\t%s\n", name, fields[k], fieldno[k],
		        bads[i].reason);
	}
	fclose(t);
	printf("%zu valid values, %zu refused\n", nvalues, nbads);
}

/* --- checking an export --------------------------------------------------- */

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, got;

	*len = 0;
	if (!f)
		die("cannot read %s", path);
	do {
		if (*len == cap) {
			cap = cap ? 2 * cap : 65536;
			if (!(buf = realloc(buf, cap)))
				die("out of memory");
		}
		got = fread(buf + *len, 1, cap - *len, f);
		*len += got;
	} while (got > 0);
	fclose(f);
	return buf;
}

static int
column(struct csv_reader *r, const char *name)
{
	for (size_t i = 0; i < csv_field_count(r); i++)
		if (strcmp(csv_field(r, i), name) == 0)
			return (int)i;
	die("the export has no column %s", name);
	return -1;
}

static int
check_export(const char *kind, const char *path)
{
	static const char *const person_cols[] = {
		"family_name", "given_names", "native_name", "ethnicity", "notes",
		"aliases", NULL };
	static const char *const event_cols[] = { "place", "ref", "note", NULL };
	static const char *const relation_cols[] = { "note", NULL };
	const char *const *cols = strcmp(kind, "persons") == 0 ? person_cols :
	                          strcmp(kind, "events") == 0 ? event_cols :
	                          relation_cols;
	size_t len, seen = 0;
	char *buf = slurp(path, &len);
	struct csv_reader *r = csv_reader_new(buf, len);
	int idx[8], case_col, n = 0, rc = 1;
	bool *got = calloc(nvalues, sizeof *got);

	if (!got || csv_read(r) != 1)
		die("%s: no header", path);
	/* a relation's value is its second person's */
	case_col = column(r, cols == relation_cols ? "other_case_no" : "case_no");
	for (n = 0; cols[n]; n++)
		idx[n] = column(r, cols[n]);
	for (;;) {
		int got_row = csv_read(r);
		unsigned long i;
		const struct value *v;

		if (got_row < 0)
			die("%s: the export does not read back as CSV", path);
		if (got_row == 0)
			break;
		if (sscanf(csv_field(r, (size_t)case_col), "H-%lu", &i) != 1 ||
		    i < 1 || i > nvalues)
			continue;
		v = &values[i - 1];
		for (int c = 0; c < n; c++) {
			const char *f = csv_field(r, (size_t)idx[c]);

			if (strcmp(cols[c], "aliases") == 0 && !alias_safe(v))
				continue;
			if (strlen(f) != v->len || memcmp(f, v->bytes, v->len) != 0) {
				fprintf(stderr, "hostile_gen: %s: H-%04lu (%s) column %s:"
				        " %zu bytes back, %zu put in\n", path, i, v->family,
				        cols[c], strlen(f), v->len);
				goto out;
			}
		}
		got[i - 1] = true;
		seen++;
	}
	for (size_t i = strcmp(kind, "relations") == 0 ? 1 : 0; i < nvalues; i++)
		if (!got[i]) {
			fprintf(stderr, "hostile_gen: %s: H-%04zu (%s) is missing\n",
			        path, i + 1, values[i].family);
			goto out;
		}
	printf("%s: %zu %s rows, every value byte for byte\n", path, seen, kind);
	rc = 0;
out:
	csv_reader_free(&r);
	free(buf);
	free(got);
	return rc;
}

/* --- checking screen dumps ------------------------------------------------ */

/* Code points that must never reach the screen raw: C0 but newline,
 * DEL, C1, bidi controls and marks, zero-width and invisible ones. */
static bool
forbidden(unsigned c)
{
	return (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F) ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200E || c == 0x200F || c == 0x061C ||
	       (c >= 0x200B && c <= 0x200D) || (c >= 0x2060 && c <= 0x2064) ||
	       c == 0xFEFF;
}

/* Display width of s[0..n), or -1 with *bad set on a forbidden or
 * unprintable character. */
static int
line_width(const char *s, size_t n, unsigned *bad)
{
	mbstate_t st;
	int w = 0;

	memset(&st, 0, sizeof st);
	while (n > 0) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, n, &st);
		int cw;

		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			*bad = 0xFFFFFFFFu;
			return -1;
		}
		if (forbidden((unsigned)wc) || (cw = wcwidth(wc)) < 0) {
			*bad = (unsigned)wc;
			return -1;
		}
		w += cw;
		s += k;
		n -= k;
	}
	return w;
}

/* Every line of every dump: valid UTF-8, nothing forbidden, at most
 * cols columns wide. */
static int
check_screens(int cols, int nfiles, char **files)
{
	int bad_files = 0;
	unsigned long lines = 0;

	for (int i = 0; i < nfiles; i++) {
		size_t len;
		char *buf = slurp(files[i], &len), *p = buf, *end = buf + len;
		int lineno = 0;

		if (memchr(buf, '\0', len)) {
			fprintf(stderr, "%s: a NUL byte\n", files[i]);
			bad_files++;
		}
		while (p < end) {
			char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
			unsigned bad = 0;
			int w = line_width(p, n, &bad);

			lineno++;
			lines++;
			if (w < 0) {
				fprintf(stderr, "%s:%d: U+%04X on the screen raw\n",
				        files[i], lineno, bad);
				bad_files++;
				break;
			}
			if (w > cols) {
				fprintf(stderr, "%s:%d: %d columns wide, the terminal has %d\n",
				        files[i], lineno, w, cols);
				bad_files++;
				break;
			}
			p += n + 1;
		}
		free(buf);
	}
	printf("%d screens, %lu lines: no control, bidi or zero-width character,"
	       " none wider than %d columns\n", nfiles, lines, cols);
	return bad_files ? 1 : 0;
}

/* The layout of a table does not shift: on every row starting with
 * "H-", the last occurrence of word starts at the same display column
 * as it does on the first such row (a plain ASCII row comes first). */
static int
check_layout(const char *word, int nfiles, char **files)
{
	int want = -1, rows = 0;

	for (int i = 0; i < nfiles; i++) {
		size_t len;
		char *buf = slurp(files[i], &len), *p = buf, *end = buf + len;
		int lineno = 0;

		while (p < end) {
			char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
			char *at = NULL;
			unsigned bad;

			lineno++;
			if (n > 2 && memcmp(p, "H-", 2) == 0) {
				for (char *q = p; q + strlen(word) <= p + n; q++)
					if (memcmp(q, word, strlen(word)) == 0)
						at = q;
				if (!at) {
					fprintf(stderr, "%s:%d: no '%s' on the row\n", files[i],
					        lineno, word);
					free(buf);
					return 1;
				}
				int col = line_width(p, (size_t)(at - p), &bad);

				if (want < 0)
					want = col;
				if (col != want) {
					fprintf(stderr, "%s:%d: '%s' at column %d, on the first"
					        " row at %d: the layout shifted\n", files[i],
					        lineno, word, col, want);
					free(buf);
					return 1;
				}
				rows++;
			}
			p += n + 1;
		}
		free(buf);
	}
	if (rows == 0) {
		fprintf(stderr, "hostile_gen: no table rows in the dumps\n");
		return 1;
	}
	printf("%d rows: '%s' always at column %d\n", rows, word, want);
	return 0;
}

int
main(int argc, char **argv)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		die("no C.UTF-8 locale");
	build_corpus();
	build_bad();
	build_long_bad();
	if (argc == 3 && strcmp(argv[1], "write") == 0) {
		write_all(argv[2]);
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "check") == 0)
		return check_export(argv[2], argv[3]);
	if (argc >= 3 && strcmp(argv[1], "screens") == 0)
		return check_screens(atoi(argv[2]), argc - 3, argv + 3);
	if (argc >= 3 && strcmp(argv[1], "layout") == 0)
		return check_layout(argv[2], argc - 3, argv + 3);
	if (argc == 2 && strcmp(argv[1], "count") == 0) {
		printf("%zu\n", nvalues);
		return 0;
	}
	fprintf(stderr, "usage: hostile_gen write DIR | check persons|events|relations"
	        " EXPORT.csv | screens COLS DUMP... | layout WORD DUMP... | count\n");
	return 2;
}
