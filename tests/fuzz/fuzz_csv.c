/* fuzz_csv.c: a libFuzzer target for the CSV reader and writer, and
 * the u8 functions on the way. `make fuzz` runs it under clang with
 * its corpus tests/fuzz/corpus/csv/; `make check` replays that corpus
 * with replay.c under gcc's ASan+UBSan.
 *
 * For every input: read every record; write each record back with the
 * writer and read the output again, which must give the same records
 * with the right line numbers; and check that sanitising, fitting and
 * folding any bytes give valid UTF-8 with no control characters and
 * the widths they claim. */
#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "casepath/csv.h"
#include "casepath/u8.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* wcwidth() knows wide and zero-width characters only here */
	REQUIRE(setlocale(LC_ALL, "C.UTF-8") != NULL);
	return 0;
}

/* Nothing below U+0020 or DEL may reach a terminal, nor C1, bidi or
 * zero-width characters, and the result must be valid UTF-8. */
static void
check_clean(const char *s)
{
	size_t n = strlen(s);
	mbstate_t st;

	REQUIRE(u8_valid(s, n, NULL));
	memset(&st, 0, sizeof st);
	while (n > 0) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, n, &st);
		uint32_t c = (uint32_t)wc;

		REQUIRE(k > 0 && k <= n);
		REQUIRE(c >= 0x20 && c != 0x7F && !(c >= 0x80 && c <= 0x9F));
		REQUIRE(!(c >= 0x202A && c <= 0x202E) && !(c >= 0x2066 && c <= 0x2069));
		REQUIRE(c != 0x200E && c != 0x200F && c != 0x061C);
		REQUIRE(!(c >= 0x200B && c <= 0x200D) && !(c >= 0x2060 && c <= 0x2064));
		REQUIRE(c != 0xFEFF);
		s += k;
		n -= k;
	}
}

static void
check_u8(const char *s)
{
	char small[16], *big;
	size_t need = u8_sanitize(s, small, sizeof small);
	int width = u8_width(s);

	REQUIRE(strlen(small) < sizeof small);
	check_clean(small);
	big = malloc(need + 1);
	REQUIRE(big);
	REQUIRE(u8_sanitize(s, big, need + 1) == need);
	REQUIRE(strlen(big) == need);
	check_clean(big);
	/* the small result is a prefix of the whole */
	REQUIRE(strncmp(small, big, strlen(small)) == 0);
	REQUIRE(u8_width(big) == width);

	for (int cols = -1; cols < 12; cols += 3) {
		char out[64];
		bool pad = cols % 2 != 0;
		int w = u8_fit(s, cols, pad, out, sizeof out);

		check_clean(out);
		REQUIRE(w == u8_width(out));
		REQUIRE(w <= (cols < 0 ? 0 : cols));
		/* with room enough: cut or padded to exactly cols, else whole */
		if (cols > 0 && need + 4 + (size_t)cols < sizeof out) {
			if (width > cols || pad)
				REQUIRE(w == cols);
			else
				REQUIRE(w == width && strcmp(out, big) == 0);
		}
	}
	free(big);

	need = u8_fold(s, NULL, 0);
	big = malloc(need + 1);
	REQUIRE(big);
	REQUIRE(u8_fold(s, big, need + 1) == need);
	REQUIRE(strlen(big) == need);
	REQUIRE(u8_valid(big, need, NULL));
	REQUIRE(u8_fold(s, small, sizeof small) == need);
	REQUIRE(strncmp(small, big, strlen(small)) == 0);
	free(big);
}

/* The records of a buffer, kept for comparing: fields back to back. */
struct records {
	char *text;
	size_t len, cap;
	size_t *counts;        /* fields per record */
	unsigned long *lines;
	size_t n, cap_n;
};

static void
keep(struct records *k, const struct csv_reader *r)
{
	size_t nf = csv_field_count(r);

	if (k->n == k->cap_n) {
		k->cap_n = k->cap_n ? 2 * k->cap_n : 16;
		k->counts = realloc(k->counts, k->cap_n * sizeof *k->counts);
		k->lines = realloc(k->lines, k->cap_n * sizeof *k->lines);
		REQUIRE(k->counts && k->lines);
	}
	k->counts[k->n] = nf;
	k->lines[k->n] = csv_record_line(r);
	k->n++;
	for (size_t i = 0; i < nf; i++) {
		const char *f = csv_field(r, i);
		size_t m = strlen(f) + 1;

		if (k->len + m > k->cap) {
			k->cap = 2 * (k->len + m);
			k->text = realloc(k->text, k->cap);
			REQUIRE(k->text);
		}
		memcpy(k->text + k->len, f, m);
		k->len += m;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct records k = { 0 };
	struct csv_reader *r = csv_reader_new((const char *)data, size);
	char *out = NULL, *copy;
	size_t out_len = 0, at = 0;
	unsigned long line, prev_line = 0;
	FILE *f = open_memstream(&out, &out_len);
	const char **row = NULL;
	size_t row_cap = 0;
	int got;

	REQUIRE(f);
	while ((got = csv_read(r)) == 1) {
		size_t nf = csv_field_count(r);

		REQUIRE(nf >= 1);
		REQUIRE(csv_record_line(r) > prev_line);
		prev_line = csv_record_line(r);
		if (nf > row_cap) {
			row_cap = nf;
			row = realloc(row, row_cap * sizeof *row);
			REQUIRE(row);
		}
		for (size_t i = 0; i < nf; i++) {
			row[i] = csv_field(r, i);
			/* every field is valid UTF-8 without NUL */
			REQUIRE(u8_valid(row[i], strlen(row[i]), NULL));
			if (i < 4)
				check_u8(row[i]);
		}
		csv_write_row(f, row, nf);
		keep(&k, r);
	}
	if (got < 0) {
		size_t field;
		const char *why = csv_reader_error(r, &line, &field);

		REQUIRE(why != NULL);
		REQUIRE(line >= prev_line && line >= 1);
		REQUIRE(field >= 1);
		REQUIRE(csv_read(r) == -1);
	} else {
		/* no fault: the whole input was valid UTF-8 */
		size_t skip = size >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

		REQUIRE(u8_valid((const char *)data + skip, size - skip, NULL));
		REQUIRE(memchr(data, '\0', size) == NULL);
		REQUIRE(csv_read(r) == 0);
	}
	csv_reader_free(&r);
	REQUIRE(fclose(f) == 0);

	/* read back what was written: the same records, and each one on
	 * the line after the previous one's line breaks */
	r = csv_reader_new(out, out_len);
	line = 1;
	for (size_t rec = 0; rec < k.n; rec++) {
		REQUIRE(csv_read(r) == 1);
		REQUIRE(csv_field_count(r) == k.counts[rec]);
		REQUIRE(csv_record_line(r) == line);
		for (size_t i = 0; i < k.counts[rec]; i++) {
			const char *want = k.text + at;

			REQUIRE(strcmp(csv_field(r, i), want) == 0);
			for (const char *p = want; *p; p++)
				line += *p == '\n';
			at += strlen(want) + 1;
		}
		line++;
	}
	REQUIRE(csv_read(r) == 0);
	csv_reader_free(&r);

	/* the raw bytes through the u8 functions, invalid ones and all */
	copy = malloc(size + 1);
	REQUIRE(copy);
	memcpy(copy, data, size);
	copy[size] = '\0';
	check_u8(copy);
	free(copy);

	free(out);
	free(row);
	free(k.text);
	free(k.counts);
	free(k.lines);
	return 0;
}
