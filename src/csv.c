/* csv.c: RFC 4180 over a caller-owned buffer. One growing buffer holds
 * the current record's unquoted fields back to back, NUL-separated,
 * with an array of their offsets, so reading two million rows
 * allocates a handful of times, not per field. Runs of ordinary bytes
 * are found with a class table and copied with one memcpy; UTF-8 is
 * checked on the way, so the buffer is read once. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/csv.h"
#include "casepath/i18n.h"

/* Byte classes: a set bit ends a run of ordinary bytes. */
enum {
	STOP_UNQUOTED = 1,   /* , " CR LF NUL and non-ASCII */
	STOP_QUOTED = 2,     /* " LF NUL and non-ASCII */
};

struct csv_reader {
	const unsigned char *buf;
	size_t len, pos;
	unsigned long line;          /* physical line at pos */
	unsigned long record_line;   /* where the current record started */
	char *text;                  /* the record's fields, NUL-separated */
	size_t text_len, text_cap;
	size_t *starts;              /* offset of each field in text */
	size_t nfields, fields_cap;
	const char *error;           /* set once: the reader stops there */
	unsigned long error_line;
	size_t error_field;
	unsigned char cls[256];
};

/* csv.c stands alone (the fuzzer links only csv.c and u8.c), so it has
 * its own aborting allocator rather than util.c's. */
static void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q) {
		fputs(_("casepath: out of memory\n"), stderr);
		abort();
	}
	return q;
}

static void *
xmalloc(size_t n)
{
	return xrealloc(NULL, n);
}

struct csv_reader *
csv_reader_new(const char *buf, size_t len)
{
	struct csv_reader *r = xmalloc(sizeof *r);

	memset(r, 0, sizeof *r);
	r->buf = (const unsigned char *)buf;
	r->len = buf ? len : 0;
	r->line = 1;
	/* a UTF-8 byte-order mark is not data */
	if (r->len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		r->pos = 3;
	for (unsigned c = 0x80; c < 256; c++)
		r->cls[c] = STOP_UNQUOTED | STOP_QUOTED;
	r->cls['"'] = r->cls['\n'] = r->cls['\0'] = STOP_UNQUOTED | STOP_QUOTED;
	r->cls[','] = r->cls['\r'] = STOP_UNQUOTED;
	return r;
}

size_t
csv_reader_offset(const struct csv_reader *r)
{
	return r->pos;
}

void
csv_reader_feed(struct csv_reader *r, const char *buf, size_t len)
{
	r->buf = (const unsigned char *)buf;
	r->len = buf ? len : 0;
	r->pos = 0;
}

void
csv_reader_free(struct csv_reader **rp)
{
	struct csv_reader *r = *rp;

	if (!r)
		return;
	free(r->text);
	free(r->starts);
	free(r);
	*rp = NULL;
}

/* Length of the well-formed UTF-8 sequence at s (n > 0 bytes left,
 * s[0] >= 0x80), or 0. Unicode table 3-7: no overlongs, surrogates,
 * code points past U+10FFFF or cut sequences. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0], lo = 0x80, hi = 0xBF;
	size_t len;

	if (c < 0xC2 || c > 0xF4)
		return 0;
	if (c < 0xE0) {
		len = 2;
	} else if (c < 0xF0) {
		len = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else {
		len = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if (s[i] < lo || s[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xBF;
	}
	return len;
}

/* Makes room for n more bytes of text and a NUL. Kept out of line:
 * after the first few records the buffer is big enough. */
static void
grow_text(struct csv_reader *r, size_t n)
{
	size_t cap = r->text_cap ? r->text_cap : 256;

	while (n + 1 > cap - r->text_len) {
		if (cap > SIZE_MAX / 2)
			cap = SIZE_MAX;
		else
			cap *= 2;
	}
	r->text = xrealloc(r->text, cap);
	r->text_cap = cap;
}

/* Appends n bytes of the buffer to the current field. */
static inline void
put(struct csv_reader *r, const unsigned char *from, size_t n)
{
	if (n + 1 > r->text_cap - r->text_len)
		grow_text(r, n);
	memcpy(r->text + r->text_len, from, n);
	r->text_len += n;
}

static void
grow_fields(struct csv_reader *r)
{
	r->fields_cap = r->fields_cap ? r->fields_cap * 2 : 32;
	r->starts = xrealloc(r->starts, r->fields_cap * sizeof *r->starts);
}

static inline void
start_field(struct csv_reader *r)
{
	if (r->nfields == r->fields_cap)
		grow_fields(r);
	r->starts[r->nfields++] = r->text_len;
}

/* Ends the current field: put() always leaves room for its NUL. */
static inline void
end_field(struct csv_reader *r)
{
	if (r->text_len + 1 > r->text_cap)
		grow_text(r, 0);
	r->text[r->text_len++] = '\0';
}

static int
fail(struct csv_reader *r, const char *why, unsigned long line)
{
	r->error = why;
	r->error_line = line;
	r->error_field = r->nfields;   /* the field being read, 1-based */
	r->nfields = 0;
	return -1;
}

/* Reads a quoted field, r->pos on its opening quote. */
static int
quoted_field(struct csv_reader *r)
{
	const unsigned char *b = r->buf;
	size_t n = r->len, pos = r->pos + 1, start = pos;
	unsigned long open_line = r->line;

	for (;;) {
		size_t k;

		while (pos < n && !(r->cls[b[pos]] & STOP_QUOTED))
			pos++;
		if (pos >= n) {
			/* name the line the quote opened on: the end of the file
			 * says nothing about where the mistake is */
			r->pos = pos;
			return fail(r, _("unterminated quoted field"), open_line);
		}
		switch (b[pos]) {
		case '\n':
			r->line++;
			pos++;
			continue;
		case '\0':
			return fail(r, _("NUL byte in data"), r->line);
		case '"':
			if (pos + 1 < n && b[pos + 1] == '"') {
				/* keep one quote of the pair */
				put(r, b + start, pos + 1 - start);
				pos += 2;
				start = pos;
				continue;
			}
			put(r, b + start, pos - start);
			end_field(r);
			r->pos = pos + 1;
			return 1;
		default:
			if ((k = utf8_len(b + pos, n - pos)) == 0)
				return fail(r, _("invalid UTF-8"), r->line);
			pos += k;
			continue;
		}
	}
}

/* Reads an unquoted field from r->pos. */
static int
unquoted_field(struct csv_reader *r)
{
	const unsigned char *b = r->buf;
	size_t n = r->len, pos = r->pos, start = pos, k;

	for (;;) {
		while (pos < n && !(r->cls[b[pos]] & STOP_UNQUOTED))
			pos++;
		if (pos >= n || b[pos] < 0x80)
			break;
		if ((k = utf8_len(b + pos, n - pos)) == 0)
			return fail(r, _("invalid UTF-8"), r->line);
		pos += k;
	}
	if (pos < n) {
		switch (b[pos]) {
		case '"':
			return fail(r, _("quote inside an unquoted field"), r->line);
		case '\0':
			return fail(r, _("NUL byte in data"), r->line);
		case '\r':
			/* only CRLF, or a CR ending the file, ends a line */
			if (pos + 1 < n && b[pos + 1] != '\n')
				return fail(r, _("carriage return inside an unquoted field"),
				            r->line);
			break;
		default:
			break;
		}
	}
	put(r, b + start, pos - start);
	end_field(r);
	r->pos = pos;
	return 1;
}

int
csv_read(struct csv_reader *r)
{
	const unsigned char *b = r->buf;
	size_t n = r->len;

	if (r->error)
		return -1;
	/* skip blank lines: LF, CRLF, and a CR that ends the file */
	while (r->pos < n) {
		if (b[r->pos] == '\n') {
			r->pos++;
			r->line++;
		} else if (b[r->pos] == '\r' &&
		           (r->pos + 1 == n || b[r->pos + 1] == '\n')) {
			r->pos++;
		} else {
			break;
		}
	}
	r->nfields = 0;
	r->text_len = 0;
	if (r->pos >= n)
		return 0;
	r->record_line = r->line;
	for (;;) {
		size_t pos;

		start_field(r);
		if (b[r->pos] == '"') {
			if (quoted_field(r) < 0)
				return -1;
			pos = r->pos;
			if (pos < n && b[pos] != ',' && b[pos] != '\n' &&
			    !(b[pos] == '\r' && (pos + 1 == n || b[pos + 1] == '\n')))
				return fail(r, _("text after a closing quote"), r->line);
		} else if (unquoted_field(r) < 0) {
			return -1;
		}
		pos = r->pos;
		if (pos >= n)
			return 1;
		if (b[pos] == ',') {
			r->pos++;
			if (r->pos >= n) {
				/* "a," at the very end: a last, empty field */
				start_field(r);
				end_field(r);
				return 1;
			}
			continue;
		}
		/* the line end: LF, CRLF or a CR ending the file */
		if (b[pos] == '\r')
			pos++;
		if (pos < n) {
			pos++;
			r->line++;
		}
		r->pos = pos;
		return 1;
	}
}

size_t
csv_field_count(const struct csv_reader *r)
{
	return r->nfields;
}

const char *
csv_field(const struct csv_reader *r, size_t i)
{
	return i < r->nfields ? r->text + r->starts[i] : "";
}

unsigned long
csv_record_line(const struct csv_reader *r)
{
	return r->record_line;
}

const char *
csv_reader_error(const struct csv_reader *r, unsigned long *line, size_t *field)
{
	if (line)
		*line = r->error_line;
	if (field)
		*field = r->error_field;
	return r->error;
}

/* --- writing ------------------------------------------------------------------ */

static bool
needs_quotes(const char *s, size_t n)
{
	if (n == 0)
		return false;
	/* spaces at either end are data, but many tools trim them */
	if (s[0] == ' ' || s[n - 1] == ' ')
		return true;
	/* a leading BOM at the start of a file would be taken for one */
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		return true;
	return strcspn(s, ",\"\r\n") < n;
}

void
csv_write_field(FILE *out, const char *s)
{
	const char *q;
	size_t n;

	if (!s)
		s = "";
	n = strlen(s);
	if (!needs_quotes(s, n)) {
		fwrite(s, 1, n, out);
		return;
	}
	putc('"', out);
	while ((q = strchr(s, '"')) != NULL) {
		/* the quote itself, then its double */
		fwrite(s, 1, (size_t)(q - s) + 1, out);
		putc('"', out);
		s = q + 1;
	}
	fputs(s, out);
	putc('"', out);
}

void
csv_write_row(FILE *out, const char *const *fields, size_t n)
{
	/* a row of one empty field would be a blank line, which readers
	 * skip: write it as "" so the row survives */
	if (n == 1 && (!fields[0] || !fields[0][0])) {
		fputs("\"\"\n", out);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			putc(',', out);
		csv_write_field(out, fields[i]);
	}
	putc('\n', out);
}
