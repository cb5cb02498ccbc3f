/* date.c: partial dates, day numbers and durations.
 *
 * Everything is integer arithmetic on day numbers (days since
 * 1970-01-01, proleptic Gregorian); nothing allocates, and every
 * reason handed back is a string constant. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casepath/date.h"
#include "casepath/i18n.h"

/* Reasons shared by several paths; day_parse() recognises
 * R_PDATE_FORMAT by address to reword it for exact dates. */
static const char *const R_PDATE_FORMAT = N_("expected YYYY, YYYY-MM or YYYY-MM-DD");
static const char *const R_DAY_FORMAT = N_("expected YYYY-MM-DD");
static const char *const R_EMPTY_DATE = N_("empty date");

/* --- calendar ------------------------------------------------------------- */

static bool
is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
days_in_month(int year, int month)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && is_leap(year))
		return 29;
	return len[month - 1];
}

bool
ymd_valid(int year, int month, int day)
{
	return year >= 1000 && year <= 9999 && month >= 1 && month <= 12 &&
	       day >= 1 && day <= days_in_month(year, month);
}

/* Division rounding toward minus infinity, so the era arithmetic below
 * stays right for days before 0000-03-01 too. */
static int32_t
floor_div(int32_t a, int32_t b)
{
	int32_t q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/* The civil-from-days / days-from-civil method: count years from
 * March 1st so the leap day is the last day of the counted year, and
 * work in 400-year eras of exactly 146097 days. Month lengths from
 * March on follow (153 * m + 2) / 5. 719468 is the number of days from
 * 0000-03-01 to 1970-01-01. */
int32_t
day_from_ymd(int year, int month, int day)
{
	int32_t y = (int32_t)year - (month <= 2 ? 1 : 0);
	int32_t era = floor_div(y, 400);
	int32_t yoe = y - era * 400;                         /* 0..399 */
	int32_t mp = (month + 9) % 12;                       /* March = 0 */
	int32_t doy = (153 * mp + 2) / 5 + day - 1;          /* 0..365 */
	int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* 0..146096 */

	return era * 146097 + doe - 719468;
}

void
day_to_ymd(int32_t day, int *year, int *month, int *mday)
{
	int32_t z = day + 719468;
	int32_t era = floor_div(z, 146097);
	int32_t doe = z - era * 146097;
	int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int32_t mp = (5 * doy + 2) / 153;
	int32_t m = mp < 10 ? mp + 3 : mp - 9;

	*mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)m;
	*year = (int)(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

int
day_weekday(int32_t day)
{
	/* 1970-01-01, day 0, was a Thursday: 3 when Monday is 0. */
	int32_t w = (day % 7 + 7 + 3) % 7;

	return (int)w;
}

char *
day_format(int32_t day, char *buf, size_t len)
{
	int y, m, d;

	if (len == 0)
		return buf;
	day_to_ymd(day, &y, &m, &d);
	{
		struct pdate p = { .year = y, .month = m, .day = d,
		                   .precision = DATE_DAY };

		return pdate_format(&p, buf, len);
	}
}

/* --- partial dates -------------------------------------------------------- */

/* Counts the digits at s; *value gets the number the first four make,
 * which is all any caller accepts. */
static size_t
digit_run(const char *s, int *value)
{
	size_t n = 0;
	int v = 0;

	while (s[n] >= '0' && s[n] <= '9') {
		if (n < 4)
			v = v * 10 + (s[n] - '0');
		n++;
	}
	*value = v;
	return n;
}

/* A month or day part: exactly two digits. */
static const char *
two_digits(const char *s, int *value, size_t *used)
{
	size_t n = digit_run(s, value);

	*used = n;
	if (n == 1)
		return N_("month and day need two digits, e.g. 2023-01-05");
	if (n != 2)
		return R_PDATE_FORMAT;
	return NULL;
}

static const char *
pdate_parse_en(const char *s, struct pdate *out)
{
	struct pdate d = { 0 };
	const char *why;
	size_t n;

	if (!s || !*s)
		return R_EMPTY_DATE;
	/* Spaces get their own reason: they are invisible in a CSV cell. */
	if (isspace((unsigned char)s[0]) ||
	    isspace((unsigned char)s[strlen(s) - 1]))
		return N_("date must not have spaces around it");
	if (*s == '~') {
		d.approx = true;
		s++;
		if (!*s)
			return N_("expected a date after ~");
		if (isspace((unsigned char)*s))
			return N_("date must not have spaces around it");
	}

	if (digit_run(s, &d.year) != 4)
		return R_PDATE_FORMAT;
	s += 4;
	d.precision = DATE_YEAR;
	if (*s == '-') {
		if ((why = two_digits(s + 1, &d.month, &n)) != NULL)
			return why;
		s += 1 + n;
		d.precision = DATE_MONTH;
		if (*s == '-') {
			if ((why = two_digits(s + 1, &d.day, &n)) != NULL)
				return why;
			s += 1 + n;
			d.precision = DATE_DAY;
		}
	}
	if (*s)
		return R_PDATE_FORMAT;

	/* The shape is right; now the values. */
	if (d.year < 1000)
		return N_("year must be 1000 to 9999");
	if (d.precision >= DATE_MONTH && (d.month < 1 || d.month > 12))
		return N_("month must be 01 to 12");
	if (d.precision == DATE_DAY) {
		if (d.day < 1 || d.day > 31)
			return N_("day must be 01 to 31");
		if (d.day > days_in_month(d.year, d.month))
			return N_("day does not exist in that month");
	}
	*out = d;
	return NULL;
}

char *
pdate_format(const struct pdate *d, char *buf, size_t len)
{
	/* digits by hand: a load formats every event's date, and snprintf
	 * was a tenth of an import's instructions; the same text */
	char text[PDATE_TEXT_MAX], *p = text;

	if (len == 0)
		return buf;
	if (d->precision == DATE_NONE || d->precision > DATE_DAY) {
		buf[0] = '\0';
		return buf;
	}
	if (d->year < 0 || d->year > 9999 || d->month < 0 || d->month > 99 ||
	    d->day < 0 || d->day > 99) {
		const char *mark = d->approx ? "~" : "";

		if (d->precision == DATE_YEAR)
			snprintf(buf, len, "%s%04d", mark, d->year);
		else if (d->precision == DATE_MONTH)
			snprintf(buf, len, "%s%04d-%02d", mark, d->year, d->month);
		else
			snprintf(buf, len, "%s%04d-%02d-%02d", mark, d->year, d->month,
			         d->day);
		return buf;
	}
	if (d->approx)
		*p++ = '~';
	*p++ = (char)('0' + d->year / 1000);
	*p++ = (char)('0' + d->year / 100 % 10);
	*p++ = (char)('0' + d->year / 10 % 10);
	*p++ = (char)('0' + d->year % 10);
	if (d->precision != DATE_YEAR) {
		*p++ = '-';
		*p++ = (char)('0' + d->month / 10);
		*p++ = (char)('0' + d->month % 10);
	}
	if (d->precision == DATE_DAY) {
		*p++ = '-';
		*p++ = (char)('0' + d->day / 10);
		*p++ = (char)('0' + d->day % 10);
	}
	*p = '\0';
	/* snprintf's truncation when buf is shorter */
	if ((size_t)(p - text) >= len) {
		memcpy(buf, text, len - 1);
		buf[len - 1] = '\0';
	} else {
		memcpy(buf, text, (size_t)(p - text) + 1);
	}
	return buf;
}

int32_t
pdate_earliest(const struct pdate *d)
{
	switch (d->precision) {
	case DATE_YEAR:
		return day_from_ymd(d->year, 1, 1);
	case DATE_MONTH:
		return day_from_ymd(d->year, d->month, 1);
	case DATE_DAY:
		return day_from_ymd(d->year, d->month, d->day);
	case DATE_NONE:
	default:
		/* Unknown could be any day; stay finite so callers may
		 * still add durations without overflow. */
		return day_from_ymd(1000, 1, 1);
	}
}

int32_t
pdate_latest(const struct pdate *d)
{
	switch (d->precision) {
	case DATE_YEAR:
		return day_from_ymd(d->year, 12, 31);
	case DATE_MONTH:
		return day_from_ymd(d->year, d->month,
		                    days_in_month(d->year, d->month));
	case DATE_DAY:
		return day_from_ymd(d->year, d->month, d->day);
	case DATE_NONE:
	default:
		return day_from_ymd(9999, 12, 31);
	}
}

int
pdate_compare(const struct pdate *a, const struct pdate *b)
{
	int32_t x = pdate_earliest(a), y = pdate_earliest(b);

	if (x == y) {
		x = pdate_latest(a);
		y = pdate_latest(b);
	}
	return (x > y) - (x < y);
}

struct pdate
pdate_from_day(int32_t day)
{
	struct pdate d = { .precision = DATE_DAY, .approx = false };

	day_to_ymd(day, &d.year, &d.month, &d.day);
	return d;
}

static const char *
day_parse_en(const char *s, int32_t *out)
{
	struct pdate d;
	const char *why;

	if (!s || !*s)
		return R_EMPTY_DATE;
	if (*s == '~')
		return N_("expected an exact date, without ~");
	why = pdate_parse_en(s, &d);
	if (why == R_PDATE_FORMAT)
		return R_DAY_FORMAT;  /* partial shapes are no option here */
	if (why)
		return why;
	if (d.precision != DATE_DAY)
		return N_("expected a full date YYYY-MM-DD, not a year or month");
	*out = day_from_ymd(d.year, d.month, d.day);
	return NULL;
}

/* --- durations ------------------------------------------------------------ */

static const char *
duration_parse_en(const char *s, struct duration *out)
{
	static const char units[] = "ymwd";
	struct duration d = { 0 };
	int last = -1, weeks = 0;

	if (!s || !*s)
		return N_("empty duration");
	while (*s) {
		const char *u;
		int v, at;
		size_t n = digit_run(s, &v);

		if (n == 0) {
			if (*s == '-' || *s == '+')
				return N_("a duration has no sign");
			if (isspace((unsigned char)*s))
				return N_("a duration has no spaces");
			return N_("expected a number then a unit, e.g. 7d or 3y6m");
		}
		if (n > 4)
			return N_("a number must be 0 to 9999");
		s += n;
		if (!*s)
			return N_("missing unit after the number: y, m, w or d");
		/* *s is not NUL here, so strchr cannot match the terminator */
		if ((u = strchr(units, *s)) == NULL)
			return N_("unit must be y, m, w or d");
		at = (int)(u - units);
		if (at == last)
			return N_("each unit may appear only once");
		if (at < last)
			return N_("units must come in the order y, m, w, d");
		last = at;
		switch (*s++) {
		case 'y': d.years = v; break;
		case 'm': d.months = v; break;
		case 'w': weeks = v; break;
		default:  d.days = v; break;
		}
	}
	d.days += weeks * 7;  /* at most 9999 * 8, no overflow */
	*out = d;
	return NULL;
}

/* Appends "<n><unit>" at buf + used; once the buffer is full it stops
 * writing but snprintf has already left it NUL-terminated. */
static size_t
append_part(char *buf, size_t len, size_t used, int n, char unit)
{
	char text[16], *p = text + sizeof text;
	unsigned v = n < 0 ? 0u - (unsigned)n : (unsigned)n;
	size_t w, fit;

	if (used >= len)
		return used;
	/* digits by hand, as pdate_format: every clock's arithmetic names
	 * its length, and snprintf was most of this */
	*--p = unit;
	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	if (n < 0)
		*--p = '-';
	w = (size_t)(text + sizeof text - p);
	fit = w < len - used ? w : len - used - 1;
	memcpy(buf + used, p, fit);
	buf[used + fit] = '\0';
	return used + w;
}

char *
duration_format(const struct duration *d, char *buf, size_t len)
{
	size_t used = 0;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	if (d->years)
		used = append_part(buf, len, used, d->years, 'y');
	if (d->months)
		used = append_part(buf, len, used, d->months, 'm');
	/* Weeks were folded into days; "0d" keeps zero readable. */
	if (d->days || (!d->years && !d->months))
		append_part(buf, len, used, d->days, 'd');
	return buf;
}

bool
duration_is_zero(const struct duration *d)
{
	return d->years == 0 && d->months == 0 && d->days == 0;
}

int32_t
day_add(int32_t day, const struct duration *d)
{
	int y, m, dd, last;
	int32_t months;

	day_to_ymd(day, &y, &m, &dd);
	/* Years and months together, so 2023-08-31 + 6m and + 0y6m agree,
	 * and clamping happens once. */
	months = (int32_t)y * 12 + (m - 1) + (int32_t)d->years * 12 + d->months;
	y = (int)floor_div(months, 12);
	m = (int)(months - (int32_t)y * 12) + 1;
	last = days_in_month(y, m);
	if (dd > last)
		dd = last;
	return day_from_ymd(y, m, dd) + d->days;
}

int32_t
day_today(void)
{
	const char *env = getenv("CASEPATH_TODAY");
	int32_t day;
	time_t now;
	struct tm tm;

	if (env && day_parse(env, &day) == NULL)
		return day;
	now = time(NULL);
	if (localtime_r(&now, &tm) == NULL)
		return (int32_t)(now / 86400);  /* UTC beats no date at all */
	return day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The parsers' reasons, in the user's language (the English ones above
 * are compared by address inside this file). */
const char *
pdate_parse(const char *s, struct pdate *out)
{
	const char *why = pdate_parse_en(s, out);

	return why ? _(why) : NULL;
}

const char *
day_parse(const char *s, int32_t *out)
{
	const char *why = day_parse_en(s, out);

	return why ? _(why) : NULL;
}

const char *
duration_parse(const char *s, struct duration *out)
{
	const char *why = duration_parse_en(s, out);

	return why ? _(why) : NULL;
}

/* --- display ---------------------------------------------------------------- */

static char day_pattern[32];     /* "" for ISO */
static char month_pattern[32];   /* "" for ISO */

/* Expands %d %m %Y %y %% of pat; false when the result does not fit. */
static bool
expand(const char *pat, int y, int m, int d, char *buf, size_t len)
{
	size_t at = 0;

	for (const char *p = pat; *p; p++) {
		char part[8];
		size_t n;

		if (*p != '%') {
			part[0] = *p;
			part[1] = '\0';
		} else {
			switch (*++p) {
			case 'd': snprintf(part, sizeof part, "%02d", d); break;
			case 'm': snprintf(part, sizeof part, "%02d", m); break;
			case 'Y': snprintf(part, sizeof part, "%04d", y); break;
			case 'y': snprintf(part, sizeof part, "%02d", y % 100); break;
			case '%': snprintf(part, sizeof part, "%%"); break;
			default: return false;
			}
		}
		n = strlen(part);
		if (at + n >= len)
			return false;
		memcpy(buf + at, part, n);
		at += n;
	}
	if (len)
		buf[at] = '\0';
	return true;
}

/* A pattern names the day, month and year once each. */
static bool
pattern_ok(const char *pat, bool need_day)
{
	char out[PDATE_TEXT_MAX];

	if ((need_day && !strstr(pat, "%d")) || !strstr(pat, "%m") ||
	    (!strstr(pat, "%Y") && !strstr(pat, "%y")))
		return false;
	return expand(pat, 2026, 11, 23, out, sizeof out);
}

const char *
date_display_set(const char *spec)
{
	if (!spec || strcmp(spec, "iso") == 0) {
		day_pattern[0] = month_pattern[0] = '\0';
		return NULL;
	}
	if (strcmp(spec, "locale") == 0) {
		/* TRANSLATORS: the date format of --date-format locale: %d the
		 * day, %m the month, %Y the year (tr and ru: %d.%m.%Y). At most
		 * 11 characters once filled in. */
		const char *day = i18n_pgettext("date_format", "%Y-%m-%d");
		/* TRANSLATORS: a date known only to the month, in the format of
		 * --date-format locale (tr and ru: %m.%Y). */
		const char *month = i18n_pgettext("date_format", "%Y-%m");

		if (!pattern_ok(day, true) || !pattern_ok(month, false))
			day = "%Y-%m-%d", month = "%Y-%m";
		snprintf(day_pattern, sizeof day_pattern, "%s",
		         strcmp(day, "%Y-%m-%d") == 0 ? "" : day);
		snprintf(month_pattern, sizeof month_pattern, "%s",
		         strcmp(month, "%Y-%m") == 0 ? "" : month);
		return NULL;
	}
	if (strlen(spec) >= sizeof day_pattern || !pattern_ok(spec, true))
		return _("expected iso, locale or a pattern with %d, %m and %Y"
		         " (e.g. %d/%m/%Y), at most 11 characters filled in");
	snprintf(day_pattern, sizeof day_pattern, "%s", spec);
	month_pattern[0] = '\0';
	return NULL;
}

char *
day_display(int32_t day, char *buf, size_t len)
{
	int y, m, d;

	if (!day_pattern[0])
		return day_format(day, buf, len);
	day_to_ymd(day, &y, &m, &d);
	if (!expand(day_pattern, y, m, d, buf, len))
		return day_format(day, buf, len);
	return buf;
}

char *
pdate_display(const char *written, char *buf, size_t len)
{
	struct pdate d;
	char body[PDATE_TEXT_MAX];
	const char *pat;

	if (len == 0)
		return buf;
	if (!written || pdate_parse_en(written, &d) != NULL || !day_pattern[0]) {
		snprintf(buf, len, "%s", written ? written : "");
		return buf;
	}
	pat = d.precision == DATE_DAY ? day_pattern
	      : d.precision == DATE_MONTH ? month_pattern : "";
	if (!pat[0] || !expand(pat, d.year, d.month, d.day, body, sizeof body)) {
		snprintf(buf, len, "%s", written);
		return buf;
	}
	snprintf(buf, len, "%s%s", d.approx ? "~" : "", body);
	return buf;
}
