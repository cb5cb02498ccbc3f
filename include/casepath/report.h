/* report.h: what a supervisor reads on Monday. A report is a list of
 * sections (caseload by stage, by nationality, ...), each a list of
 * rows with a value, the change since a chosen date and, for flows, a
 * value a month. The model is plain data: store_report() fills it
 * (src/store_report.c, the only part that speaks SQL), the formatters
 * below write it as text, CSV or HTML, and the TUI's report view draws
 * the same rows. No curses, no SQL here. */
#ifndef CASEPATH_REPORT_H
#define CASEPATH_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "casepath/status.h"

/* How a section is drawn. */
enum report_chart {
	CHART_BARS,       /* a horizontal bar a row, scaled to the largest */
	CHART_HISTOGRAM,  /* the same, rows in bucket order, legal limits marked */
	CHART_SERIES      /* a row a kind, a value a month: sparklines, stacked bars */
};

enum report_row_flag {
	ROW_ALERT = 1 << 0,  /* overdue or past a legal limit: highlighted */
	ROW_LIMIT = 1 << 1,  /* the first row past a limit; note names it */
	ROW_REST = 1 << 2,   /* the remainder of a top-N list */
	ROW_TOTAL = 1 << 3   /* a summary row, not part of the bars' total */
};

struct report_row {
	char *key;            /* stable, for CSV and tests: "removal_centre", "SYR" */
	char *label;          /* for people: "removal centre", "SYR Syrian Arab Republic" */
	char *note;           /* "" or the limit or rule the row is about */
	long value;
	bool has_change;      /* change is the change since report.since */
	long change;
	unsigned flags;       /* enum report_row_flag */
	long *series;         /* CHART_SERIES: section.nmonths values, else NULL */
};

struct report_section {
	const char *key;      /* static: "stage"; the CSV file is KEY.csv */
	char *title;
	char *unit;           /* what value counts: "persons", "clocks" */
	char *note;           /* how it is counted, what is left out; "" none */
	enum report_chart chart;
	bool shares;          /* each row's share of total is meaningful */
	long total;           /* what shares are of */
	char *total_label;    /* what total counts: "total", "persons awaiting removal" */
	bool has_change;      /* change of the total since report.since */
	long change;
	struct report_row *rows;
	size_t nrows, rows_cap;
	char **months;        /* CHART_SERIES: "2025-01" labels, oldest first */
	size_t nmonths;
};

struct report {
	int32_t as_of;        /* day number */
	int32_t since;        /* day number, or -1 without a comparison */
	char filter[256];     /* the list filter as text, "" for none */
	long persons;         /* persons the filter selects */
	struct report_section *sections;
	size_t nsections, sections_cap;
};

/* --- building (store_report and tests) ---------------------------------- */

/* Appends a section; the report owns it. title, unit and note are
 * copied. The pointer stays valid until the next report_add_section. */
struct report_section *report_add_section(struct report *r, const char *key,
                                          const char *title, const char *unit,
                                          enum report_chart chart);
/* Appends a row; key, label and note ("" or NULL for none) are copied.
 * In a CHART_SERIES section the row gets nmonths zeroed values. */
struct report_row *report_add_row(struct report_section *s, const char *key,
                                  const char *label, const char *note,
                                  long value);
/* Sets the section's note, or the label of its total (copied). */
void report_set_note(struct report_section *s, const char *note);
void report_set_total_label(struct report_section *s, const char *label);
/* Sets the months of a CHART_SERIES section: n months ending with the
 * month of as_of; call before adding rows. */
void report_set_months(struct report_section *s, int32_t as_of, size_t n);
/* The index of the month day falls in, or -1 outside the section's. */
int report_month_index(const struct report_section *s, int32_t day);
/* Frees everything the report owns and zeroes it. */
void report_clear(struct report *r);
/* The section with this key, or NULL. */
const struct report_section *report_section(const struct report *r,
                                            const char *key);

/* Whole calendar months from day `from` to day `to` (0 when to is
 * before from), counted as day_add() counts a legal clock's months:
 * 2026-01-31 to 2026-02-27 is 0, to 2026-02-28 is 1. */
int report_months_between(int32_t from, int32_t to);

/* --- the report from the database (src/store_report.c) ------------------ */

struct store;
struct list_filter;

/* Fills out (cleared first) with every section for the persons filter
 * f selects (NULL: everyone), judged on as_of (ages, time in a stage,
 * deadlines, the months shown; f->today is ignored). With since >= 0,
 * each figure that can be traced through the event history also gets
 * its change since that day: stage, nationality, sex and age, time in
 * a stage (the stage then is derived by the pathway rules from the
 * events up to since) and outcomes (events since). Deadlines, blocked
 * removals and families have no history to compare with: no change.
 * Needs the store's rule set. ST_OK, or a database error with
 * store_errmsg(); out is cleared on error. */
enum status store_report(struct store *st, const struct list_filter *f,
                         int32_t as_of, int32_t since, struct report *out);

/* --- formatting (src/report_format.c) ----------------------------------- */

/* A bar of value/max of `cells` columns into out: whole cells and, with
 * unicode, the last cell's eighth ("█", "▏".."▉"); without, '#' cells
 * rounded to the nearest. A value above zero always shows at least a
 * sliver ('▏' or '#'). Returns the columns used (never more than
 * cells); out always terminated. */
int report_bar(long value, long max, int cells, bool unicode, char *out,
               size_t outlen);
/* A sparkline of n values, one column each, scaled to the largest:
 * " ▁▂▃▄▅▆▇█" with unicode, " .:-=+*#" without (a value above zero is
 * never blank). Returns the columns written. */
int report_spark(const long *values, size_t n, bool unicode, char *out,
                 size_t outlen);

/* Whether charts may use block characters: the locale's codeset
 * (nl_langinfo(CODESET)) is UTF-8 and the terminal, when the output is
 * one (term non-NULL), is not one without them ("vt100", "vt220",
 * "dumb"). */
bool report_unicode_ok(const char *codeset, const char *term);

/* The report as text, width columns wide (at least 60), with Unicode
 * block bars or '#' bars. Every label is sanitised. Returns 0, or -1
 * on a write error. */
int report_write_text(FILE *out, const struct report *r, int width,
                      bool unicode);
/* One section as CSV (RFC 4180, header row): key,label,value[,share]
 * [,change],note; a CHART_SERIES section has a column a month instead
 * of share. Returns 0, or -1 on a write error. */
int report_write_csv(FILE *out, const struct report *r,
                     const struct report_section *s);
/* Every section as DIR/KEY.csv; creates dir when missing. On failure
 * returns -1 with err naming the file and the reason. */
int report_write_csv_dir(const char *dir, const struct report *r, char *err,
                         size_t errlen);
/* A self-contained XHTML page (well-formed XML: no scripts, no outside
 * files) with each section as a table and an inline SVG chart. Every
 * text is sanitised (u8_sanitize) and XML-escaped. Returns 0 or -1. */
int report_write_html(FILE *out, const struct report *r);
/* Sanitises s (control characters made visible, see u8.h) and escapes
 * it for XML text and attribute values into out. Returns the length
 * the whole escaped text needs, like snprintf. */
size_t report_xml_escape(const char *s, char *out, size_t outlen);

#endif
