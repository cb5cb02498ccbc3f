/* date.c: partial dates, day numbers and durations. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casepath/date.h"

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

bool
ymd_valid(int year, int month, int day)
{
	return year >= 1000 && year <= 9999 && month >= 1 && month <= 12 &&
	       day >= 1 && day <= days_in_month(year, month);
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian
 * calendar, integer only. */
int32_t
day_from_ymd(int year, int month, int day)
{
	int y = year - (month <= 2);
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int mp = (month + 9) % 12;
	int doy = (153 * mp + 2) / 5 + day - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (int32_t)(era * 146097 + doe - 719468);
}

void
day_to_ymd(int32_t day, int *year, int *month, int *mday)
{
	int32_t z = day + 719468;
	int32_t era = (z >= 0 ? z : z - 146096) / 146097;
	int32_t doe = z - era * 146097;
	int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int32_t mp = (5 * doy + 2) / 153;
	int32_t d = doy - (153 * mp + 2) / 5 + 1;
	int32_t m = mp < 10 ? mp + 3 : mp - 9;

	*year = (int)(yoe + era * 400 + (m <= 2));
	*month = (int)m;
	*mday = (int)d;
}

int
day_weekday(int32_t day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int32_t w = (day + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

char *
day_format(int32_t day, char *buf, size_t len)
{
	int y, m, d;

	day_to_ymd(day, &y, &m, &d);
	snprintf(buf, len, "%04d-%02d-%02d", y, m, d);
	return buf;
}

/* Reads exactly n digits. */
static bool
digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

const char *
pdate_parse(const char *s, struct pdate *out)
{
	struct pdate d = { 0 };
	size_t n;

	if (!s || !*s)
		return "empty date";
	if (*s == '~') {
		d.approx = true;
		s++;
	}
	n = strlen(s);
	if (n != 4 && n != 7 && n != 10)
		return "expected YYYY, YYYY-MM or YYYY-MM-DD";
	if (!digits(s, 4, &d.year))
		return "expected YYYY, YYYY-MM or YYYY-MM-DD";
	if (d.year < 1000)
		return "year must be 1000 to 9999";
	d.precision = DATE_YEAR;
	if (n >= 7) {
		if (s[4] != '-' || !digits(s + 5, 2, &d.month))
			return "expected YYYY, YYYY-MM or YYYY-MM-DD";
		if (d.month < 1 || d.month > 12)
			return "month must be 01 to 12";
		d.precision = DATE_MONTH;
	}
	if (n == 10) {
		if (s[7] != '-' || !digits(s + 8, 2, &d.day))
			return "expected YYYY, YYYY-MM or YYYY-MM-DD";
		if (d.day < 1 || d.day > days_in_month(d.year, d.month))
			return "day does not exist in that month";
		d.precision = DATE_DAY;
	}
	*out = d;
	return NULL;
}

char *
pdate_format(const struct pdate *d, char *buf, size_t len)
{
	const char *mark = d->approx ? "~" : "";

	switch (d->precision) {
	case DATE_YEAR:
		snprintf(buf, len, "%s%04d", mark, d->year);
		break;
	case DATE_MONTH:
		snprintf(buf, len, "%s%04d-%02d", mark, d->year, d->month);
		break;
	case DATE_DAY:
		snprintf(buf, len, "%s%04d-%02d-%02d", mark, d->year, d->month, d->day);
		break;
	default:
		snprintf(buf, len, "%s", "");
		break;
	}
	return buf;
}

int32_t
pdate_earliest(const struct pdate *d)
{
	return day_from_ymd(d->year, d->precision >= DATE_MONTH ? d->month : 1,
	                    d->precision == DATE_DAY ? d->day : 1);
}

int32_t
pdate_latest(const struct pdate *d)
{
	int m = d->precision >= DATE_MONTH ? d->month : 12;

	return day_from_ymd(d->year, m, d->precision == DATE_DAY
	                    ? d->day : days_in_month(d->year, m));
}

int
pdate_compare(const struct pdate *a, const struct pdate *b)
{
	int32_t x = pdate_earliest(a), y = pdate_earliest(b);

	if (x != y)
		return x < y ? -1 : 1;
	x = pdate_latest(a), y = pdate_latest(b);
	return x < y ? -1 : x > y;
}

struct pdate
pdate_from_day(int32_t day)
{
	struct pdate d = { .precision = DATE_DAY };

	day_to_ymd(day, &d.year, &d.month, &d.day);
	return d;
}

const char *
day_parse(const char *s, int32_t *out)
{
	struct pdate d;
	const char *why;

	if (s && *s == '~')
		return "expected an exact date YYYY-MM-DD";
	if ((why = pdate_parse(s, &d)) != NULL)
		return why;
	if (d.precision != DATE_DAY)
		return "expected an exact date YYYY-MM-DD";
	*out = pdate_earliest(&d);
	return NULL;
}

const char *
duration_parse(const char *s, struct duration *out)
{
	static const char units[] = "ymwd";
	struct duration d = { 0 };
	int last = -1, weeks = 0;

	if (!s || !*s)
		return "empty duration";
	while (*s) {
		long v = 0;
		int digits_seen = 0;
		const char *u;

		while (*s >= '0' && *s <= '9') {
			v = v * 10 + (*s++ - '0');
			if (++digits_seen > 4)
				return "a number may have at most 4 digits";
		}
		if (!digits_seen)
			return "expected a number then a unit (y, m, w, d), e.g. 7d or 3y6m";
		if (!*s || !(u = strchr(units, *s)))
			return "unit must be y, m, w or d, e.g. 7d or 3y6m";
		if ((int)(u - units) <= last)
			return "units must come once each, in the order y, m, w, d";
		last = (int)(u - units);
		switch (*s++) {
		case 'y': d.years = (int)v; break;
		case 'm': d.months = (int)v; break;
		case 'w': weeks = (int)v; break;
		default: d.days = (int)v; break;
		}
	}
	d.days += weeks * 7;
	*out = d;
	return NULL;
}

char *
duration_format(const struct duration *d, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	if (d->years)
		used += (size_t)snprintf(buf + used, len - used, "%dy", d->years);
	if (d->months && used < len)
		used += (size_t)snprintf(buf + used, len - used, "%dm", d->months);
	if ((d->days || used == 0) && used < len)
		snprintf(buf + used, len - used, "%dd", d->days);
	return buf;
}

bool
duration_is_zero(const struct duration *d)
{
	return !d->years && !d->months && !d->days;
}

int32_t
day_add(int32_t day, const struct duration *d)
{
	int y, m, dd, months;

	day_to_ymd(day, &y, &m, &dd);
	months = (y * 12 + (m - 1)) + d->years * 12 + d->months;
	y = months / 12;
	m = months % 12 + 1;
	if (dd > days_in_month(y, m))
		dd = days_in_month(y, m);
	return day_from_ymd(y, m, dd) + d->days;
}

int32_t
day_today(void)
{
	const char *env = getenv("CASEPATH_TODAY");
	int32_t day;
	time_t t;
	struct tm tm;

	if (env && *env && day_parse(env, &day) == NULL)
		return day;
	t = time(NULL);
	localtime_r(&t, &tm);
	return day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
