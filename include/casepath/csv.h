/* csv.h: an RFC 4180 reader and writer.
 *
 * The reader takes a buffer (the whole file, or a window of it that the
 * caller moves along: csv_reader_feed), checks that it is valid UTF-8 and splits it into records of
 * fields. It knows physical line numbers so errors can name them, and
 * it tolerates CRLF or LF line ends and a missing final line end. A
 * UTF-8 byte-order mark at the start is skipped. */
#ifndef CASEPATH_CSV_H
#define CASEPATH_CSV_H

#include <stddef.h>
#include <stdio.h>

struct csv_reader;

/* Borrows buf (len bytes) for the reader's lifetime. Never fails
 * except on out-of-memory (which aborts). */
struct csv_reader *csv_reader_new(const char *buf, size_t len);
void csv_reader_free(struct csv_reader **r);

/* Reading a file a window at a time: csv_reader_offset is how many
 * bytes of the buffer the records read so far took (what lies before
 * it is never looked at again); csv_reader_feed lends a new buffer
 * that starts at that offset, keeping the line count. The caller keeps
 * more of the file in the buffer than any record needs, since the
 * reader takes the buffer's end for the file's. */
size_t csv_reader_offset(const struct csv_reader *r);
void csv_reader_feed(struct csv_reader *r, const char *buf, size_t len);

/* Reads the next record. Returns 1 with a record, 0 at end of input,
 * -1 on a malformed record (see csv_reader_error). After a record,
 * csv_field_count/csv_field give its fields: NUL-terminated, unquoted,
 * owned by the reader and valid until the next call. csv_record_line
 * is the physical line (1-based) the record starts on. Blank lines
 * (zero bytes between line ends) are skipped. */
int csv_read(struct csv_reader *r);
size_t csv_field_count(const struct csv_reader *r);
const char *csv_field(const struct csv_reader *r, size_t i);
unsigned long csv_record_line(const struct csv_reader *r);

/* After -1: the physical line and 1-based field number of the fault,
 * and a constant reason: "invalid UTF-8" (the line of the first bad
 * byte), "NUL byte in data", "unterminated quoted field" (the line the
 * quote opened on), "quote inside an unquoted field", "text after a
 * closing quote" or "carriage return inside an unquoted field" (a CR
 * not followed by LF). The reader stops at the first fault: later
 * calls return -1 again with the same error. */
const char *csv_reader_error(const struct csv_reader *r,
                             unsigned long *line, size_t *field);

/* Writes one field, quoted when it holds a comma, quote, CR or LF, or
 * starts or ends with a space or starts with a UTF-8 byte-order mark;
 * quotes inside are doubled. NULL is written as an empty field. */
void csv_write_field(FILE *out, const char *s);
/* Writes n fields separated by commas, then "\n". A row of one empty
 * field is written as "\"\"" so it is not read back as a blank line. */
void csv_write_row(FILE *out, const char *const *fields, size_t n);

#endif
