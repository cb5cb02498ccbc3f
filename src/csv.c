/* csv.c: RFC 4180 over a caller-owned buffer. One growing buffer holds
 * the current record's unquoted fields back to back, so reading a
 * million rows allocates a handful of times, not per field. */
#include <stdlib.h>
#include <string.h>

#include "casepath/csv.h"
#include "casepath/u8.h"
#include "casepath/util.h"

struct csv_reader {
	const char *buf;
	size_t len, pos;
	unsigned long line;          /* physical line at pos */
	unsigned long record_line;   /* where the current record started */
	char *text;                  /* the record's fields, NUL-separated */
	size_t text_len, text_cap;
	size_t *starts;              /* offset of each field in text */
	size_t nfields, fields_cap;
	const char *error;
	unsigned long error_line;
	size_t error_field;
};

struct csv_reader *
csv_reader_new(const char *buf, size_t len)
{
	struct csv_reader *r = xcalloc(1, sizeof *r);

	r->buf = buf;
	r->len = len;
	r->line = 1;
	/* a UTF-8 byte-order mark is not data */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		r->pos = 3;
	return r;
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

static void
put_char(struct csv_reader *r, char c)
{
	if (r->text_len + 1 >= r->text_cap) {
		r->text_cap = r->text_cap ? r->text_cap * 2 : 1024;
		r->text = xrealloc(r->text, r->text_cap);
	}
	r->text[r->text_len++] = c;
}

static void
start_field(struct csv_reader *r)
{
	if (r->nfields == r->fields_cap) {
		r->fields_cap = r->fields_cap ? r->fields_cap * 2 : 32;
		r->starts = xrealloc(r->starts, r->fields_cap * sizeof *r->starts);
	}
	r->starts[r->nfields++] = r->text_len;
}

static int
fail(struct csv_reader *r, const char *why, unsigned long line)
{
	r->error = why;
	r->error_line = line;
	r->error_field = r->nfields;
	return -1;
}

int
csv_read(struct csv_reader *r)
{
	const char *b = r->buf;
	size_t n = r->len;

	r->error = NULL;
	/* skip blank lines */
	while (r->pos < n && (b[r->pos] == '\n' || b[r->pos] == '\r')) {
		if (b[r->pos] == '\r' && (r->pos + 1 >= n || b[r->pos + 1] != '\n'))
			break;  /* a lone CR: let the field parser complain */
		if (b[r->pos] == '\n')
			r->line++;
		r->pos++;
	}
	if (r->pos >= n)
		return 0;
	r->record_line = r->line;
	r->nfields = 0;
	r->text_len = 0;
	for (;;) {
		/* one field */
		start_field(r);
		if (r->pos < n && b[r->pos] == '"') {
			unsigned long open_line = r->line;

			r->pos++;
			for (;;) {
				if (r->pos >= n)
					return fail(r, "unterminated quoted field", open_line);
				if (b[r->pos] == '"') {
					if (r->pos + 1 < n && b[r->pos + 1] == '"') {
						put_char(r, '"');
						r->pos += 2;
						continue;
					}
					r->pos++;
					break;
				}
				if (b[r->pos] == '\n')
					r->line++;
				if (b[r->pos] == '\0')
					return fail(r, "NUL byte in data", r->line);
				put_char(r, b[r->pos++]);
			}
			if (r->pos < n && b[r->pos] != ',' && b[r->pos] != '\n' &&
			    !(b[r->pos] == '\r' && r->pos + 1 < n && b[r->pos + 1] == '\n') &&
			    !(b[r->pos] == '\r' && r->pos + 1 == n))
				return fail(r, "text after a closing quote", r->line);
		} else {
			while (r->pos < n && b[r->pos] != ',' && b[r->pos] != '\n') {
				char c = b[r->pos];

				if (c == '\r') {
					if (r->pos + 1 >= n || b[r->pos + 1] == '\n')
						break;
					return fail(r, "carriage return inside an unquoted field",
					            r->line);
				}
				if (c == '"')
					return fail(r, "quote inside an unquoted field", r->line);
				if (c == '\0')
					return fail(r, "NUL byte in data", r->line);
				put_char(r, c);
				r->pos++;
			}
		}
		put_char(r, '\0');
		/* the field's bytes must be UTF-8 */
		{
			size_t start = r->starts[r->nfields - 1];

			if (!u8_valid(r->text + start, r->text_len - 1 - start, NULL))
				return fail(r, "invalid UTF-8", r->line);
		}
		if (r->pos >= n)
			break;
		if (b[r->pos] == ',') {
			r->pos++;
			continue;
		}
		/* end of record: CRLF or LF */
		if (b[r->pos] == '\r')
			r->pos++;
		if (r->pos < n && b[r->pos] == '\n') {
			r->pos++;
			r->line++;
		}
		break;
	}
	return 1;
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

void
csv_write_field(FILE *out, const char *s)
{
	size_t n;

	if (!s || !*s)
		return;
	n = strlen(s);
	if (!strpbrk(s, ",\"\r\n") && s[0] != ' ' && s[n - 1] != ' ') {
		fwrite(s, 1, n, out);
		return;
	}
	putc('"', out);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			putc('"', out);
		putc(*p, out);
	}
	putc('"', out);
}

void
csv_write_row(FILE *out, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			putc(',', out);
		csv_write_field(out, fields[i]);
	}
	putc('\n', out);
}
