/* date.h: partial dates ("2019", "2019-10", "2019-10-29", "~2016"),
 * day numbers and durations ("7d", "6m", "3y6m").
 *
 * A day number is the count of days since 1970-01-01 (proleptic
 * Gregorian), so arithmetic and comparison are plain integer work.
 * Nothing here allocates; reasons are constant strings. */
#ifndef CASEPATH_DATE_H
#define CASEPATH_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum date_precision {
	DATE_NONE = 0,  /* empty: no date known */
	DATE_YEAR,      /* "2019" */
	DATE_MONTH,     /* "2019-10" */
	DATE_DAY        /* "2019-10-29" */
};

struct pdate {
	int year;       /* 1000..9999 */
	int month;      /* 1..12, 0 when precision is DATE_YEAR */
	int day;        /* 1..31, 0 unless precision is DATE_DAY */
	enum date_precision precision;
	bool approx;    /* written with a leading '~' */
};

struct duration {
	int years, months, days;  /* all >= 0; weeks are folded into days */
};

/* Longest text pdate_format() or day_format() writes, with the NUL. */
#define PDATE_TEXT_MAX 12
#define DURATION_TEXT_MAX 32

/* Parses s into *out: "YYYY", "YYYY-MM" or "YYYY-MM-DD", each with an
 * optional leading '~'; year 1000..9999, two-digit month and day, no
 * spaces. Returns NULL on success, else a constant reason such as
 * "month must be 01 to 12" ("day does not exist in that month" for
 * 2023-02-29), and leaves *out untouched. The empty string is rejected
 * with "empty date"; callers that allow a missing date test for "" first. */
const char *pdate_parse(const char *s, struct pdate *out);

/* Writes the canonical text ("~2016", "2019-10", "2019-10-29") into buf
 * (at least PDATE_TEXT_MAX bytes). Returns buf. */
char *pdate_format(const struct pdate *d, char *buf, size_t len);

/* The first and last day the partial date can mean: "2019" spans
 * 2019-01-01..2019-12-31, "2019-02" 2019-02-01..2019-02-28, an exact
 * date just itself. The '~' mark does not widen the span: it records
 * how the date was known, not extra days. DATE_NONE spans the whole
 * range 1000-01-01..9999-12-31 (unknown could be any day). */
int32_t pdate_earliest(const struct pdate *d);
int32_t pdate_latest(const struct pdate *d);

/* Orders by earliest day, then latest day; 0 when they mean the same span
 * (so "~2019" and "2019" compare equal: '~' is ignored). */
int pdate_compare(const struct pdate *a, const struct pdate *b);

/* A partial date made exact (precision DATE_DAY, not approximate). */
struct pdate pdate_from_day(int32_t day);

/* Day numbers, valid for years 1000..9999. ymd_valid() checks that
 * range too; days_in_month() returns 0 for a month outside 1..12. */
bool ymd_valid(int year, int month, int day);
int days_in_month(int year, int month);
int32_t day_from_ymd(int year, int month, int day);
void day_to_ymd(int32_t day, int *year, int *month, int *mday);
/* 0 = Monday ... 6 = Sunday */
int day_weekday(int32_t day);
/* "YYYY-MM-DD" into buf (at least PDATE_TEXT_MAX bytes). Returns buf. */
char *day_format(int32_t day, char *buf, size_t len);

/* --- display (--date-format) ---------------------------------------------
 * Stored and exchanged dates are always ISO; what the screens and the
 * text report show follows date_display_set():
 *   "iso"     YYYY-MM-DD (the default)
 *   "locale"  the language's convention, from the message catalogue
 *             (tr, ru: 23.11.2026; a month alone 11.2026)
 *   PATTERN   %d %m %Y (%y, %%) and other characters as they are,
 *             e.g. "%d/%m/%Y"; a month alone is then written YYYY-MM
 * A year alone stays YYYY and an approximate date keeps its '~' in every
 * format, so a partial date never reads as a full one. Returns NULL, or
 * why spec is not a format. */
const char *date_display_set(const char *spec);
/* day_format() in the display format. */
char *day_display(int32_t day, char *buf, size_t len);
/* A date as written ("2016", "~2016-05", "2016-05-12") in the display
 * format; text that is not a date is copied as it is. */
char *pdate_display(const char *written, char *buf, size_t len);
/* Parses an exact "YYYY-MM-DD" date: no '~', no year or month alone.
 * NULL on success, else a constant reason; *out is untouched then. */
const char *day_parse(const char *s, int32_t *out);

/* Durations: one or more <number><unit> parts in the order y, m, w, d,
 * each at most once ("7d", "6m", "3y6m", "2w", "1y2m3d"); numbers 0..9999
 * with no sign or spaces. Weeks become 7 days each. Returns NULL on
 * success, else a constant reason, leaving *out untouched.
 * duration_format() writes the canonical short form: "3y6m", "14d" for
 * "2w", "0d" when all parts are zero (days folded from many weeks can
 * pass 9999, and that form does not parse back). */
const char *duration_parse(const char *s, struct duration *out);
char *duration_format(const struct duration *d, char *buf, size_t len);
bool duration_is_zero(const struct duration *d);

/* Adds years and months together first, clamping to the month's last
 * day (31 Jan + 1m = 28/29 Feb; 29 Feb 2024 + 1y = 28 Feb 2025), then
 * days. */
int32_t day_add(int32_t day, const struct duration *d);

/* Today as a day number: $CASEPATH_TODAY (YYYY-MM-DD) when set and
 * valid, else the local date. Tests and --as-of rely on the override. */
int32_t day_today(void);

#endif
