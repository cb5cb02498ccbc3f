/* test_date.c: partial dates, day numbers and durations. Most tests
 * are tables run as loop tests, so a failing row is named by its
 * input; the calendar itself is checked against known dates and by
 * walking every day from 1000-01-01 to 9999-12-31. */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casepath/date.h"

Suite *suite_date(void);

#define NROWS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Tables are walked inside one test each: forking a test per row costs
 * a sanitizer start-up apiece. Only a failure goes through libcheck,
 * and its message names the row. */
#define CHECK(cond, ...) \
	do { \
		if (!(cond)) \
			ck_abort_msg(__VA_ARGS__); \
	} while (0)

static bool
streq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* Known anchors, from an independent calendar. */
#define D_1000_01_01 (-354285)
#define D_9999_12_31 2932896

/* --- pdate_parse: accepted ----------------------------------------------- */

static const struct {
	const char *in;
	int year, month, day;
	enum date_precision precision;
	bool approx;
} pdate_ok[] = {
	{ "2019",        2019, 0,  0,  DATE_YEAR,  false },
	{ "~2016",       2016, 0,  0,  DATE_YEAR,  true  },
	{ "2019-10",     2019, 10, 0,  DATE_MONTH, false },
	{ "~2019-10",    2019, 10, 0,  DATE_MONTH, true  },
	{ "2019-10-29",  2019, 10, 29, DATE_DAY,   false },
	{ "~2019-10-29", 2019, 10, 29, DATE_DAY,   true  },
	{ "1000",        1000, 0,  0,  DATE_YEAR,  false },
	{ "9999",        9999, 0,  0,  DATE_YEAR,  false },
	{ "1000-01-01",  1000, 1,  1,  DATE_DAY,   false },
	{ "9999-12-31",  9999, 12, 31, DATE_DAY,   false },
	{ "2023-01",     2023, 1,  0,  DATE_MONTH, false },
	{ "2023-12",     2023, 12, 0,  DATE_MONTH, false },
	{ "2023-01-31",  2023, 1,  31, DATE_DAY,   false },
	{ "2023-04-30",  2023, 4,  30, DATE_DAY,   false },
	{ "2023-02-28",  2023, 2,  28, DATE_DAY,   false },
	{ "2024-02-29",  2024, 2,  29, DATE_DAY,   false },
	{ "2000-02-29",  2000, 2,  29, DATE_DAY,   false },
	{ "1600-02-29",  1600, 2,  29, DATE_DAY,   false },
	{ "1900-02-28",  1900, 2,  28, DATE_DAY,   false },
	{ "2023-12-31",  2023, 12, 31, DATE_DAY,   false },
};

START_TEST(test_pdate_parse_ok)
{
	for (int i = 0; i < NROWS(pdate_ok); i++) {
		const char *in = pdate_ok[i].in;
		struct pdate d;
		char buf[PDATE_TEXT_MAX];
		const char *why;

		memset(&d, 0x5a, sizeof d);
		why = pdate_parse(in, &d);
		CHECK(why == NULL, "\"%s\": %s", in, why);
		CHECK(d.year == pdate_ok[i].year && d.month == pdate_ok[i].month &&
		      d.day == pdate_ok[i].day &&
		      d.precision == pdate_ok[i].precision &&
		      d.approx == pdate_ok[i].approx,
		      "\"%s\" gave %d-%d-%d precision %d approx %d", in, d.year,
		      d.month, d.day, (int)d.precision, (int)d.approx);
		/* every accepted text is already canonical */
		pdate_format(&d, buf, sizeof buf);
		CHECK(streq(buf, in), "\"%s\" formats as \"%s\"", in, buf);
	}
}
END_TEST

/* --- pdate_parse: rejected ----------------------------------------------- */

#define FMT "expected YYYY, YYYY-MM or YYYY-MM-DD"
#define SPACES "date must not have spaces around it"
#define TWO "month and day need two digits, e.g. 2023-01-05"

static const struct {
	const char *in;
	const char *why;
} pdate_bad[] = {
	{ "",             "empty date" },
	{ "~",            "expected a date after ~" },
	{ "~~2019",       FMT },
	{ "2023-02-30",   "day does not exist in that month" },
	{ "2023-02-29",   "day does not exist in that month" },
	{ "1900-02-29",   "day does not exist in that month" },
	{ "2100-02-29",   "day does not exist in that month" },
	{ "2023-04-31",   "day does not exist in that month" },
	{ "2023-01-32",   "day must be 01 to 31" },
	{ "2023-01-00",   "day must be 01 to 31" },
	{ "2023-13",      "month must be 01 to 12" },
	{ "2023-00",      "month must be 01 to 12" },
	{ "2023-13-01",   "month must be 01 to 12" },
	{ "~2023-00-10",  "month must be 01 to 12" },
	{ "0999",         "year must be 1000 to 9999" },
	{ "0000-01-01",   "year must be 1000 to 9999" },
	{ "999",          FMT },
	{ "10000",        FMT },
	{ "20230101",     FMT },
	{ "2023-1-5",     TWO },
	{ "2023-1",       TWO },
	{ "2023-01-5",    TWO },
	{ "2023-001",     FMT },
	{ "2023-01-001",  FMT },
	{ "2023-",        FMT },
	{ "2023-01-",     FMT },
	{ "2023--01",     FMT },
	{ "2023/01/05",   FMT },
	{ "2023.01",      FMT },
	{ "2023-01-05T",  FMT },
	{ "2023-01-05x",  FMT },
	{ "2023x",        FMT },
	{ "2023-01-05-",  FMT },
	{ "2023-01-05-1", FMT },
	{ "yesterday",    FMT },
	{ "abcd",         FMT },
	{ "abcd-ef-gh",   FMT },
	{ "-2023",        FMT },
	{ "+2023",        FMT },
	{ "2023~",        FMT },
	{ " 2023",        SPACES },
	{ "2023 ",        SPACES },
	{ "2023-01-05\n", SPACES },
	{ "\t2023",       SPACES },
	{ "~ 2023",       SPACES },
	{ " ~2023",       SPACES },
	{ "2023 -01",     FMT },
	{ "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x93", FMT },  /* full-width */
};

START_TEST(test_pdate_parse_bad)
{
	for (int i = 0; i < NROWS(pdate_bad); i++) {
		const char *in = pdate_bad[i].in;
		struct pdate d, before;
		const char *why;

		memset(&d, 0x5a, sizeof d);
		before = d;
		why = pdate_parse(in, &d);
		CHECK(why != NULL, "\"%s\" was accepted", in);
		CHECK(streq(why, pdate_bad[i].why), "\"%s\": got \"%s\", want \"%s\"",
		      in, why, pdate_bad[i].why);
		/* a failed parse leaves the output alone */
		CHECK(memcmp(&d, &before, sizeof d) == 0, "\"%s\" wrote *out", in);
	}
}
END_TEST

START_TEST(test_pdate_parse_null)
{
	struct pdate d;

	ck_assert_str_eq(pdate_parse(NULL, &d), "empty date");
}
END_TEST

/* Reasons are constants: the same pointer each time, lower-case. */
START_TEST(test_pdate_reasons_constant)
{
	struct pdate d;
	const char *a = pdate_parse("2023-13", &d);
	const char *b = pdate_parse("1999-00", &d);

	ck_assert_ptr_eq(a, b);
	ck_assert(a[0] >= 'a' && a[0] <= 'z');
}
END_TEST

/* --- pdate_format -------------------------------------------------------- */

START_TEST(test_pdate_format)
{
	struct pdate d = { .year = 2016, .precision = DATE_YEAR, .approx = true };
	char buf[PDATE_TEXT_MAX];

	ck_assert_str_eq(pdate_format(&d, buf, sizeof buf), "~2016");
	d = (struct pdate){ .year = 2019, .month = 3, .precision = DATE_MONTH };
	ck_assert_str_eq(pdate_format(&d, buf, sizeof buf), "2019-03");
	d = (struct pdate){ .year = 2019, .month = 3, .day = 7,
	                    .precision = DATE_DAY };
	ck_assert_str_eq(pdate_format(&d, buf, sizeof buf), "2019-03-07");
	d = (struct pdate){ .year = 9999, .month = 12, .day = 31,
	                    .precision = DATE_DAY, .approx = true };
	/* the longest text fits PDATE_TEXT_MAX exactly */
	ck_assert_str_eq(pdate_format(&d, buf, sizeof buf), "~9999-12-31");
	ck_assert_uint_eq(strlen(buf) + 1, PDATE_TEXT_MAX);
	d = (struct pdate){ .precision = DATE_NONE };
	strcpy(buf, "junk");
	ck_assert_str_eq(pdate_format(&d, buf, sizeof buf), "");
}
END_TEST

START_TEST(test_pdate_format_short_buffer)
{
	struct pdate d = { .year = 2019, .month = 10, .day = 29,
	                   .precision = DATE_DAY, .approx = true };
	char buf[16];

	memset(buf, 'x', sizeof buf);
	pdate_format(&d, buf, 5);
	ck_assert_str_eq(buf, "~201");
	ck_assert_int_eq(buf[5], 'x');
	buf[0] = 'q';
	pdate_format(&d, buf, 0);  /* writes nothing */
	ck_assert_int_eq(buf[0], 'q');
}
END_TEST

/* The hand-written digits give snprintf's text for every year, month
 * and day a date can hold, and fall back to it outside (day_format of
 * a day before year 1000 or after 9999). */
START_TEST(test_pdate_format_as_snprintf)
{
	char got[32], want[64];

	for (int y = 0; y <= 10001; y += 7)
		for (int m = 0; m <= 12; m++)
			for (int dd = 0; dd <= 31; dd += 5) {
				struct pdate d = { .year = y, .month = m, .day = dd,
				                   .precision = DATE_DAY, .approx = (y & 1) };

				snprintf(want, sizeof want, "%s%04d-%02d-%02d", d.approx ? "~" : "",
				         y, m, dd);
				want[PDATE_TEXT_MAX - 1] = '\0';
				ck_assert_str_eq(pdate_format(&d, got, PDATE_TEXT_MAX), want);
				d.precision = DATE_MONTH;
				snprintf(want, sizeof want, "%s%04d-%02d", d.approx ? "~" : "", y, m);
				ck_assert_str_eq(pdate_format(&d, got, PDATE_TEXT_MAX), want);
			}
	ck_assert_str_eq(day_format(day_from_ymd(2024, 2, 29), got, sizeof got),
	                 "2024-02-29");
	ck_assert_str_eq(day_format(day_from_ymd(12024, 2, 29), got, sizeof got),
	                 "12024-02-29");
}
END_TEST

/* --- earliest / latest --------------------------------------------------- */

static const struct {
	const char *in, *earliest, *latest;
} spans[] = {
	{ "2019",        "2019-01-01", "2019-12-31" },
	{ "~2019",       "2019-01-01", "2019-12-31" },  /* '~' is a mark only */
	{ "2024",        "2024-01-01", "2024-12-31" },
	{ "2019-02",     "2019-02-01", "2019-02-28" },
	{ "2024-02",     "2024-02-01", "2024-02-29" },
	{ "2000-02",     "2000-02-01", "2000-02-29" },
	{ "1900-02",     "1900-02-01", "1900-02-28" },
	{ "~2023-02",    "2023-02-01", "2023-02-28" },
	{ "~2024-02",    "2024-02-01", "2024-02-29" },
	{ "2023-04",     "2023-04-01", "2023-04-30" },
	{ "2023-12",     "2023-12-01", "2023-12-31" },
	{ "2019-10-29",  "2019-10-29", "2019-10-29" },
	{ "~2019-10-29", "2019-10-29", "2019-10-29" },
	{ "2024-02-29",  "2024-02-29", "2024-02-29" },
	{ "1000",        "1000-01-01", "1000-12-31" },
	{ "9999-12",     "9999-12-01", "9999-12-31" },
};

START_TEST(test_pdate_span)
{
	for (int i = 0; i < NROWS(spans); i++) {
		const char *in = spans[i].in;
		struct pdate d;
		char a[PDATE_TEXT_MAX], b[PDATE_TEXT_MAX];

		CHECK(pdate_parse(in, &d) == NULL, "\"%s\" rejected", in);
		day_format(pdate_earliest(&d), a, sizeof a);
		day_format(pdate_latest(&d), b, sizeof b);
		CHECK(streq(a, spans[i].earliest) && streq(b, spans[i].latest),
		      "\"%s\" spans %s..%s, want %s..%s", in, a, b,
		      spans[i].earliest, spans[i].latest);
	}
}
END_TEST

START_TEST(test_pdate_span_none)
{
	struct pdate d = { .precision = DATE_NONE };

	ck_assert_int_eq(pdate_earliest(&d), D_1000_01_01);
	ck_assert_int_eq(pdate_latest(&d), D_9999_12_31);
}
END_TEST

/* --- pdate_compare ------------------------------------------------------- */

static const struct {
	const char *a, *b;
	int sign;
} compares[] = {
	{ "2019",       "2019",       0 },
	{ "2019",       "~2019",      0 },   /* same span: '~' is ignored */
	{ "2019-10-29", "2019-10-29", 0 },
	{ "2018",       "2019",       -1 },
	{ "2019",       "2018-12-31", 1 },
	{ "2019",       "2019-01",    1 },   /* same start, 2019 ends later */
	{ "2019-01",    "2019-01-01", 1 },
	{ "2019",       "2019-01-01", 1 },
	{ "2019-01-02", "2019",       1 },   /* later start wins over span */
	{ "2019-12",    "2019",       1 },
	{ "2019-02",    "2019-03",    -1 },
	{ "2019-02-28", "2019-03",    -1 },
	{ "2019-12-31", "2020",       -1 },
	{ "~2020-05",   "2020-05",    0 },
	{ "1000-01-01", "9999-12-31", -1 },
};

START_TEST(test_pdate_compare)
{
	for (int i = 0; i < NROWS(compares); i++) {
		struct pdate a, b;
		int ab, ba;

		CHECK(pdate_parse(compares[i].a, &a) == NULL, "%s", compares[i].a);
		CHECK(pdate_parse(compares[i].b, &b) == NULL, "%s", compares[i].b);
		ab = pdate_compare(&a, &b);
		ba = pdate_compare(&b, &a);
		CHECK(ab == compares[i].sign && ba == -compares[i].sign,
		      "compare(%s, %s) = %d and reversed %d, want %d",
		      compares[i].a, compares[i].b, ab, ba, compares[i].sign);
	}
}
END_TEST

static int
cmp_pdate(const void *x, const void *y)
{
	return pdate_compare(x, y);
}

/* Sorting with pdate_compare gives the expected total order. */
START_TEST(test_pdate_compare_sort)
{
	static const char *const want[] = {
		/* same first day: the shorter span sorts first */
		"2018", "2019-01-01", "2019-01", "2019", "2019-01-31",
		"2019-02", "2019-02-28", "2019-12", "2019-12-31", "2020-01-01",
	};
	static const int shuffle[] = { 7, 2, 9, 0, 5, 3, 8, 1, 6, 4 };
	struct pdate d[10];
	char buf[PDATE_TEXT_MAX];

	for (int i = 0; i < 10; i++)
		ck_assert_ptr_null(pdate_parse(want[shuffle[i]], &d[i]));
	qsort(d, 10, sizeof d[0], cmp_pdate);
	for (int i = 0; i < 10; i++)
		ck_assert_str_eq(pdate_format(&d[i], buf, sizeof buf), want[i]);
}
END_TEST

/* --- pdate_from_day ------------------------------------------------------ */

START_TEST(test_pdate_from_day)
{
	struct pdate d = pdate_from_day(day_from_ymd(2024, 2, 29));
	char buf[PDATE_TEXT_MAX];

	ck_assert_int_eq(d.precision, DATE_DAY);
	ck_assert(!d.approx);
	ck_assert_int_eq(d.year, 2024);
	ck_assert_int_eq(d.month, 2);
	ck_assert_int_eq(d.day, 29);
	ck_assert_str_eq(pdate_format(&d, buf, sizeof buf), "2024-02-29");
	d = pdate_from_day(0);
	ck_assert_str_eq(pdate_format(&d, buf, sizeof buf), "1970-01-01");
	ck_assert_int_eq(pdate_earliest(&d), 0);
	ck_assert_int_eq(pdate_latest(&d), 0);
}
END_TEST

/* --- calendar ------------------------------------------------------------ */

static const struct {
	int year, month, days;
} month_lengths[] = {
	{ 2023, 1, 31 }, { 2023, 2, 28 }, { 2023, 3, 31 }, { 2023, 4, 30 },
	{ 2023, 5, 31 }, { 2023, 6, 30 }, { 2023, 7, 31 }, { 2023, 8, 31 },
	{ 2023, 9, 30 }, { 2023, 10, 31 }, { 2023, 11, 30 }, { 2023, 12, 31 },
	{ 2024, 2, 29 }, { 2000, 2, 29 }, { 1900, 2, 28 }, { 2100, 2, 28 },
	{ 1600, 2, 29 }, { 1700, 2, 28 }, { 2400, 2, 29 }, { 1004, 2, 29 },
	{ 2023, 0, 0 }, { 2023, 13, 0 }, { 2023, -1, 0 },
};

START_TEST(test_days_in_month)
{
	for (int i = 0; i < NROWS(month_lengths); i++) {
		int y = month_lengths[i].year, m = month_lengths[i].month;
		int got = days_in_month(y, m);

		CHECK(got == month_lengths[i].days, "days_in_month(%d, %d) = %d, want %d",
		      y, m, got, month_lengths[i].days);
	}
}
END_TEST

START_TEST(test_ymd_valid)
{
	ck_assert(ymd_valid(2024, 2, 29));
	ck_assert(ymd_valid(2000, 2, 29));
	ck_assert(!ymd_valid(2023, 2, 29));
	ck_assert(!ymd_valid(1900, 2, 29));
	ck_assert(ymd_valid(1000, 1, 1));
	ck_assert(ymd_valid(9999, 12, 31));
	ck_assert(!ymd_valid(999, 12, 31));
	ck_assert(!ymd_valid(10000, 1, 1));
	ck_assert(!ymd_valid(2023, 0, 1));
	ck_assert(!ymd_valid(2023, 13, 1));
	ck_assert(!ymd_valid(2023, 1, 0));
	ck_assert(!ymd_valid(2023, 1, 32));
	ck_assert(!ymd_valid(2023, 4, 31));
}
END_TEST

static const struct {
	int y, m, d;
	int32_t day;
	int weekday;    /* 0 = Monday */
} known[] = {
	{ 1970, 1, 1,   0,            3 },  /* Thursday */
	{ 1969, 12, 31, -1,           2 },
	{ 1970, 1, 5,   4,            0 },  /* Monday */
	{ 1970, 1, 4,   3,            6 },  /* Sunday */
	{ 2000, 3, 1,   11017,        2 },
	{ 2023, 3, 11,  19427,        5 },  /* Saturday */
	{ 2024, 2, 29,  19782,        3 },
	{ 2026, 11, 23, 20780,        0 },  /* Monday */
	{ 1900, 3, 1,   -25508,       3 },
	{ 1600, 2, 29,  -135081,      1 },
	{ 1066, 10, 14, -329893,      6 },  /* Sunday (proleptic) */
	{ 1000, 1, 1,   D_1000_01_01, 2 },
	{ 9999, 12, 31, D_9999_12_31, 4 },
};

START_TEST(test_known_days)
{
	for (int i = 0; i < NROWS(known); i++) {
		int32_t day = day_from_ymd(known[i].y, known[i].m, known[i].d);
		int y, m, d;

		CHECK(day == known[i].day, "%04d-%02d-%02d is day %d, want %d",
		      known[i].y, known[i].m, known[i].d, (int)day, (int)known[i].day);
		day_to_ymd(known[i].day, &y, &m, &d);
		CHECK(y == known[i].y && m == known[i].m && d == known[i].d,
		      "day %d gave %d-%d-%d", (int)known[i].day, y, m, d);
		CHECK(day_weekday(day) == known[i].weekday,
		      "%04d-%02d-%02d: weekday %d, want %d", y, m, d,
		      day_weekday(day), known[i].weekday);
	}
}
END_TEST

START_TEST(test_weekday_cycle)
{
	/* seven days on is the same weekday, either side of day 0 */
	for (int32_t day = -30; day < 30; day++) {
		ck_assert_int_eq(day_weekday(day + 7), day_weekday(day));
		ck_assert_int_eq(day_weekday(day + 1), (day_weekday(day) + 1) % 7);
		ck_assert(day_weekday(day) >= 0 && day_weekday(day) <= 6);
	}
}
END_TEST

/* day_from_ymd and day_to_ymd undo each other across the whole range.
 * Plain ifs: libcheck records every assertion it evaluates. */
START_TEST(test_round_trip_sampled)
{
	char buf[PDATE_TEXT_MAX];
	int32_t day, back;
	int y, m, d, n = 0;

	for (day = D_1000_01_01; day <= D_9999_12_31; day += 97, n++) {
		day_to_ymd(day, &y, &m, &d);
		if (!ymd_valid(y, m, d))
			ck_abort_msg("day %d gave %d-%d-%d", (int)day, y, m, d);
		if (day_from_ymd(y, m, d) != day)
			ck_abort_msg("day %d did not round-trip", (int)day);
		day_format(day, buf, sizeof buf);
		if (day_parse(buf, &back) != NULL || back != day)
			ck_abort_msg("\"%s\" did not round-trip", buf);
	}
	ck_assert_int_eq(n, 33889);  /* 3287181 days / 97, rounded up */
}
END_TEST

/* Every day from 1000-01-01 on is the day after the one before. */
START_TEST(test_walk_every_day)
{
	int y = 1000, m = 1, d = 1, yy, mm, dd;
	int32_t day;

	for (day = D_1000_01_01; day <= D_9999_12_31; day++) {
		day_to_ymd(day, &yy, &mm, &dd);
		if (yy != y || mm != m || dd != d)
			ck_abort_msg("day %d: got %d-%d-%d, want %d-%d-%d",
			             (int)day, yy, mm, dd, y, m, d);
		if (day_from_ymd(y, m, d) != day)
			ck_abort_msg("%d-%d-%d is not day %d", y, m, d, (int)day);
		if (++d > days_in_month(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	ck_assert_int_eq(y, 10000);
}
END_TEST

/* --- day_format / day_parse ---------------------------------------------- */

START_TEST(test_day_format)
{
	char buf[PDATE_TEXT_MAX];

	ck_assert_str_eq(day_format(0, buf, sizeof buf), "1970-01-01");
	ck_assert_str_eq(day_format(19427, buf, sizeof buf), "2023-03-11");
	ck_assert_str_eq(day_format(D_1000_01_01, buf, sizeof buf), "1000-01-01");
	ck_assert_str_eq(day_format(D_9999_12_31, buf, sizeof buf), "9999-12-31");
	ck_assert_ptr_eq(day_format(0, buf, 4), buf);
	ck_assert_str_eq(buf, "197");
}
END_TEST

#define EXACT_ONLY "expected a full date YYYY-MM-DD, not a year or month"

static const struct {
	const char *in;
	const char *why;    /* NULL: accepted */
	int32_t day;
} day_parses[] = {
	{ "1970-01-01",  NULL, 0 },
	{ "2023-03-11",  NULL, 19427 },
	{ "2024-02-29",  NULL, 19782 },
	{ "1000-01-01",  NULL, D_1000_01_01 },
	{ "9999-12-31",  NULL, D_9999_12_31 },
	{ "",            "empty date", 0 },
	{ "~2023-03-11", "expected an exact date, without ~", 0 },
	{ "~",           "expected an exact date, without ~", 0 },
	{ "2023",        EXACT_ONLY, 0 },
	{ "2023-03",     EXACT_ONLY, 0 },
	{ "2023-02-29",  "day does not exist in that month", 0 },
	{ "2023-13-01",  "month must be 01 to 12", 0 },
	{ "0999-01-01",  "year must be 1000 to 9999", 0 },
	{ "20230311",    "expected YYYY-MM-DD", 0 },
	{ "2023-03-11x", "expected YYYY-MM-DD", 0 },
	{ "today",       "expected YYYY-MM-DD", 0 },
	{ "2023-3-11",   TWO, 0 },
	{ " 2023-03-11", SPACES, 0 },
};

START_TEST(test_day_parse)
{
	for (int i = 0; i < NROWS(day_parses); i++) {
		const char *in = day_parses[i].in;
		int32_t day = -7777;
		const char *why = day_parse(in, &day);

		if (day_parses[i].why == NULL) {
			CHECK(why == NULL, "\"%s\": %s", in, why);
			CHECK(day == day_parses[i].day, "\"%s\" is day %d, want %d",
			      in, (int)day, (int)day_parses[i].day);
		} else {
			CHECK(streq(why, day_parses[i].why),
			      "\"%s\": got \"%s\", want \"%s\"", in, why,
			      day_parses[i].why);
			CHECK(day == -7777, "\"%s\" wrote *out", in);
		}
	}
}
END_TEST

START_TEST(test_day_parse_null)
{
	int32_t day;

	ck_assert_str_eq(day_parse(NULL, &day), "empty date");
}
END_TEST

/* --- durations ----------------------------------------------------------- */

static const struct {
	const char *in;
	int years, months, days;
	const char *canonical;
} dur_ok[] = {
	{ "7d",             0, 0, 7,     "7d" },
	{ "6m",             0, 6, 0,     "6m" },
	{ "1y",             1, 0, 0,     "1y" },
	{ "3y6m",           3, 6, 0,     "3y6m" },
	{ "2w",             0, 0, 14,    "14d" },
	{ "1w3d",           0, 0, 10,    "10d" },
	{ "1y2m3d",         1, 2, 3,     "1y2m3d" },
	{ "1y2m1w3d",       1, 2, 10,    "1y2m10d" },
	{ "18y",            18, 0, 0,    "18y" },
	{ "0d",             0, 0, 0,     "0d" },
	{ "0y0m0w0d",       0, 0, 0,     "0d" },
	{ "0y6m",           0, 6, 0,     "6m" },
	{ "007d",           0, 0, 7,     "7d" },
	{ "9999d",          0, 0, 9999,  "9999d" },
	{ "9999y9999m9999w9999d", 9999, 9999, 79992, "9999y9999m79992d" },
	{ "1y3d",           1, 0, 3,     "1y3d" },
};

START_TEST(test_duration_parse_ok)
{
	for (int i = 0; i < NROWS(dur_ok); i++) {
		const char *in = dur_ok[i].in;
		struct duration d, again;
		char buf[DURATION_TEXT_MAX];
		const char *why = duration_parse(in, &d);

		CHECK(why == NULL, "\"%s\": %s", in, why);
		CHECK(d.years == dur_ok[i].years && d.months == dur_ok[i].months &&
		      d.days == dur_ok[i].days, "\"%s\" gave %dy %dm %dd", in,
		      d.years, d.months, d.days);
		duration_format(&d, buf, sizeof buf);
		CHECK(streq(buf, dur_ok[i].canonical), "\"%s\" formats as \"%s\"",
		      in, buf);
		/* the canonical form parses back to the same duration, unless
		 * folding weeks took the days past what a number may hold */
		if (d.days > 9999)
			continue;
		CHECK(duration_parse(buf, &again) == NULL &&
		      again.years == d.years && again.months == d.months &&
		      again.days == d.days, "\"%s\" does not parse back", buf);
	}
}
END_TEST

#define NUMUNIT "expected a number then a unit, e.g. 7d or 3y6m"
#define NOUNIT "missing unit after the number: y, m, w or d"
#define BADUNIT "unit must be y, m, w or d"
#define ONCE "each unit may appear only once"
#define ORDER "units must come in the order y, m, w, d"
#define TOOBIG "a number must be 0 to 9999"

static const struct {
	const char *in, *why;
} dur_bad[] = {
	{ "",        "empty duration" },
	{ "6",       NOUNIT },
	{ "3y6",     NOUNIT },
	{ "m6",      NUMUNIT },
	{ "m",       NUMUNIT },
	{ "d",       NUMUNIT },
	{ "6x",      BADUNIT },
	{ "6M",      BADUNIT },
	{ "6D",      BADUNIT },
	{ "6h",      BADUNIT },
	{ "6m3y",    ORDER },
	{ "3d1w",    ORDER },
	{ "1d1y",    ORDER },
	{ "6m6m",    ONCE },
	{ "1y1y",    ONCE },
	{ "2w1w",    ONCE },
	{ "-1d",     "a duration has no sign" },
	{ "+1d",     "a duration has no sign" },
	{ "1y-1d",   "a duration has no sign" },
	{ " 7d",     "a duration has no spaces" },
	{ "7d ",     "a duration has no spaces" },
	{ "3y 6m",   "a duration has no spaces" },
	{ "3 y",     BADUNIT },
	{ "6 m",     BADUNIT },
	{ "10000d",  TOOBIG },
	{ "12345d",  TOOBIG },
	{ "99999999999999999999d", TOOBIG },
	{ "7dd",     NUMUNIT },
	{ "7d7",     NOUNIT },
	{ "1.5y",    BADUNIT },
	{ "seven",   NUMUNIT },
};

START_TEST(test_duration_parse_bad)
{
	for (int i = 0; i < NROWS(dur_bad); i++) {
		const char *in = dur_bad[i].in;
		struct duration d = { 11, 22, 33 };
		const char *why = duration_parse(in, &d);

		CHECK(why != NULL, "\"%s\" accepted", in);
		CHECK(streq(why, dur_bad[i].why), "\"%s\": got \"%s\", want \"%s\"",
		      in, why, dur_bad[i].why);
		CHECK(d.years == 11 && d.months == 22 && d.days == 33,
		      "\"%s\" wrote *out", in);
	}
}
END_TEST

START_TEST(test_duration_parse_null)
{
	struct duration d;

	ck_assert_str_eq(duration_parse(NULL, &d), "empty duration");
}
END_TEST

START_TEST(test_duration_format)
{
	char buf[DURATION_TEXT_MAX];
	struct duration d = { 0, 0, 0 };

	ck_assert_str_eq(duration_format(&d, buf, sizeof buf), "0d");
	d = (struct duration){ 3, 6, 0 };
	ck_assert_str_eq(duration_format(&d, buf, sizeof buf), "3y6m");
	d = (struct duration){ 0, 0, 14 };
	ck_assert_str_eq(duration_format(&d, buf, sizeof buf), "14d");
	d = (struct duration){ 2, 0, 5 };
	ck_assert_str_eq(duration_format(&d, buf, sizeof buf), "2y5d");
	d = (struct duration){ 0, 1, 1 };
	ck_assert_str_eq(duration_format(&d, buf, sizeof buf), "1m1d");
}
END_TEST

START_TEST(test_duration_format_short_buffer)
{
	struct duration d = { 1234, 5678, 9012 };
	char buf[40];

	memset(buf, 'x', sizeof buf);
	duration_format(&d, buf, 7);
	ck_assert_str_eq(buf, "1234y5");
	ck_assert_int_eq(buf[7], 'x');
	memset(buf, 'x', sizeof buf);
	duration_format(&d, buf, 11);  /* exactly full after the months */
	ck_assert_str_eq(buf, "1234y5678m");
	ck_assert_int_eq(buf[11], 'x');
	buf[0] = 'q';
	duration_format(&d, buf, 0);
	ck_assert_int_eq(buf[0], 'q');
}
END_TEST

START_TEST(test_duration_is_zero)
{
	struct duration d;

	ck_assert_ptr_null(duration_parse("0d", &d));
	ck_assert(duration_is_zero(&d));
	ck_assert_ptr_null(duration_parse("0y0m0w0d", &d));
	ck_assert(duration_is_zero(&d));
	ck_assert_ptr_null(duration_parse("1d", &d));
	ck_assert(!duration_is_zero(&d));
	ck_assert_ptr_null(duration_parse("1w", &d));
	ck_assert(!duration_is_zero(&d));
	ck_assert_ptr_null(duration_parse("1m", &d));
	ck_assert(!duration_is_zero(&d));
	ck_assert_ptr_null(duration_parse("1y", &d));
	ck_assert(!duration_is_zero(&d));
}
END_TEST

/* --- day_add ------------------------------------------------------------- */

static const struct {
	const char *from, *add, *want;
} adds[] = {
	{ "2023-01-31", "1m",     "2023-02-28" },
	{ "2024-01-31", "1m",     "2024-02-29" },
	{ "2023-08-31", "6m",     "2024-02-29" },
	{ "2022-08-31", "6m",     "2023-02-28" },
	{ "2023-08-31", "12m",    "2024-08-31" },
	{ "2024-02-29", "1y",     "2025-02-28" },
	{ "2024-02-29", "4y",     "2028-02-29" },
	{ "2024-02-29", "12m",    "2025-02-28" },
	{ "2023-03-31", "1m",     "2023-04-30" },
	{ "2023-01-15", "1m",     "2023-02-15" },
	{ "2023-11-30", "3m",     "2024-02-29" },
	{ "2023-12-15", "1m",     "2024-01-15" },
	{ "2023-12-31", "12m",    "2024-12-31" },
	{ "2023-05-10", "25m",    "2025-06-10" },
	{ "2023-01-01", "7d",     "2023-01-08" },
	{ "2023-12-28", "7d",     "2024-01-04" },
	{ "2023-03-01", "2w",     "2023-03-15" },
	{ "2023-12-25", "2w",     "2024-01-08" },
	{ "2023-02-28", "1d",     "2023-03-01" },
	{ "2024-02-28", "1d",     "2024-02-29" },
	{ "2023-01-01", "365d",   "2024-01-01" },
	{ "2024-01-01", "366d",   "2025-01-01" },
	{ "2023-01-01", "0d",     "2023-01-01" },
	/* months before days: 01-31 + 1m = 02-28, then + 1d = 03-01 */
	{ "2023-01-31", "1m1d",   "2023-03-01" },
	{ "2020-06-21", "3y6m",   "2023-12-21" },
	{ "2023-08-31", "3y6m",   "2027-02-28" },
	{ "2019-10-29", "4y",     "2023-10-29" },
	{ "2006-05-17", "18y",    "2024-05-17" },
	{ "2000-02-29", "100y",   "2100-02-28" },
	{ "2000-02-29", "400y",   "2400-02-29" },
	{ "1999-12-31", "1y2m3d", "2001-03-03" },
	/* clamping happens once, on the combined years and months */
	{ "2023-01-31", "1y1m",   "2024-02-29" },
};

START_TEST(test_day_add)
{
	for (int i = 0; i < NROWS(adds); i++) {
		struct duration d;
		int32_t from;
		char buf[PDATE_TEXT_MAX];

		CHECK(day_parse(adds[i].from, &from) == NULL, "%s", adds[i].from);
		CHECK(duration_parse(adds[i].add, &d) == NULL, "%s", adds[i].add);
		day_format(day_add(from, &d), buf, sizeof buf);
		CHECK(streq(buf, adds[i].want), "%s + %s = %s, want %s",
		      adds[i].from, adds[i].add, buf, adds[i].want);
	}
}
END_TEST

/* --- day_today ----------------------------------------------------------- */

static int32_t
local_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	ck_assert_ptr_nonnull(localtime_r(&now, &tm));
	return day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The local date, allowing for midnight passing during the call. */
static void
assert_is_local_today(const char *env)
{
	int32_t before = local_today();
	int32_t got = day_today();
	int32_t after = local_today();

	CHECK(got == before || got == after,
	      "CASEPATH_TODAY=\"%s\": day_today() = %d, local date %d",
	      env ? env : "(unset)", (int)got, (int)before);
}

START_TEST(test_day_today_override)
{
	ck_assert_int_eq(setenv("CASEPATH_TODAY", "2023-03-11", 1), 0);
	ck_assert_int_eq(day_today(), 19427);
	ck_assert_int_eq(setenv("CASEPATH_TODAY", "2024-02-29", 1), 0);
	ck_assert_int_eq(day_today(), 19782);
	ck_assert_int_eq(setenv("CASEPATH_TODAY", "1000-01-01", 1), 0);
	ck_assert_int_eq(day_today(), D_1000_01_01);
	ck_assert_int_eq(unsetenv("CASEPATH_TODAY"), 0);
}
END_TEST

/* Anything but a valid exact date is ignored, not half-used. */
static const char *const bad_today[] = {
	"", "2023", "2023-03", "~2023-03-11", "2023-02-29", "not a date",
	" 2023-03-11", "20230311",
};

START_TEST(test_day_today_bad_override)
{
	for (int i = 0; i < NROWS(bad_today); i++) {
		ck_assert_int_eq(setenv("CASEPATH_TODAY", bad_today[i], 1), 0);
		assert_is_local_today(bad_today[i]);
	}
	ck_assert_int_eq(unsetenv("CASEPATH_TODAY"), 0);
}
END_TEST

START_TEST(test_day_today_unset)
{
	ck_assert_int_eq(unsetenv("CASEPATH_TODAY"), 0);
	assert_is_local_today(NULL);
	ck_assert_int_gt(day_today(), day_from_ymd(2020, 1, 1));
}
END_TEST

/* --- display formats (--date-format) --------------------------------------- */

START_TEST(test_date_display_iso_default)
{
	char buf[PDATE_TEXT_MAX];
	int32_t day = day_from_ymd(2026, 11, 23);

	ck_assert_ptr_null(date_display_set("iso"));
	ck_assert_str_eq(day_display(day, buf, sizeof buf), "2026-11-23");
	ck_assert_str_eq(pdate_display("~2019-05", buf, sizeof buf), "~2019-05");
	/* no catalogue: the language's own format is ISO */
	ck_assert_ptr_null(date_display_set("locale"));
	ck_assert_str_eq(day_display(day, buf, sizeof buf), "2026-11-23");
	ck_assert_ptr_null(date_display_set(NULL));
}
END_TEST

START_TEST(test_date_display_pattern)
{
	char buf[PDATE_TEXT_MAX];

	ck_assert_ptr_null(date_display_set("%d.%m.%Y"));
	ck_assert_str_eq(day_display(day_from_ymd(2026, 11, 23), buf, sizeof buf),
	                 "23.11.2026");
	ck_assert_str_eq(pdate_display("2019-05-12", buf, sizeof buf), "12.05.2019");
	ck_assert_str_eq(pdate_display("~2019-05-12", buf, sizeof buf), "~12.05.2019");
	/* partial dates stay unambiguous: a year alone, a month as YYYY-MM */
	ck_assert_str_eq(pdate_display("2019", buf, sizeof buf), "2019");
	ck_assert_str_eq(pdate_display("~2019", buf, sizeof buf), "~2019");
	ck_assert_str_eq(pdate_display("2019-05", buf, sizeof buf), "2019-05");
	/* not a date: as written */
	ck_assert_str_eq(pdate_display("soon", buf, sizeof buf), "soon");
	ck_assert_ptr_null(date_display_set("%d/%m/%y"));
	ck_assert_str_eq(day_display(day_from_ymd(2026, 1, 5), buf, sizeof buf), "05/01/26");
	ck_assert_ptr_null(date_display_set("iso"));
}
END_TEST

START_TEST(test_date_display_bad_pattern)
{
	char buf[PDATE_TEXT_MAX];

	ck_assert_ptr_nonnull(date_display_set("%Y"));          /* no day, month */
	ck_assert_ptr_nonnull(date_display_set("%d.%m.%Y %q")); /* unknown */
	ck_assert_ptr_nonnull(date_display_set("day %d month %m year %Y"));
	/* a refused pattern leaves the format as it was */
	ck_assert_str_eq(day_display(day_from_ymd(2026, 11, 23), buf, sizeof buf),
	                 "2026-11-23");
}
END_TEST

/* --- the suite ----------------------------------------------------------- */

Suite *
suite_date(void)
{
	Suite *s = suite_create("date");
	TCase *tc;

	tc = tcase_create("pdate");
	tcase_add_test(tc, test_pdate_parse_ok);
	tcase_add_test(tc, test_pdate_parse_bad);
	tcase_add_test(tc, test_pdate_parse_null);
	tcase_add_test(tc, test_pdate_reasons_constant);
	tcase_add_test(tc, test_pdate_format);
	tcase_add_test(tc, test_pdate_format_short_buffer);
	tcase_add_test(tc, test_pdate_format_as_snprintf);
	tcase_add_test(tc, test_pdate_span);
	tcase_add_test(tc, test_pdate_span_none);
	tcase_add_test(tc, test_pdate_compare);
	tcase_add_test(tc, test_pdate_compare_sort);
	tcase_add_test(tc, test_pdate_from_day);
	suite_add_tcase(s, tc);

	tc = tcase_create("calendar");
	tcase_add_test(tc, test_days_in_month);
	tcase_add_test(tc, test_ymd_valid);
	tcase_add_test(tc, test_known_days);
	tcase_add_test(tc, test_weekday_cycle);
	tcase_add_test(tc, test_round_trip_sampled);
	tcase_add_test(tc, test_walk_every_day);
	tcase_add_test(tc, test_day_format);
	tcase_add_test(tc, test_day_parse);
	tcase_add_test(tc, test_day_parse_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("duration");
	tcase_add_test(tc, test_duration_parse_ok);
	tcase_add_test(tc, test_duration_parse_bad);
	tcase_add_test(tc, test_duration_parse_null);
	tcase_add_test(tc, test_duration_format);
	tcase_add_test(tc, test_duration_format_short_buffer);
	tcase_add_test(tc, test_duration_is_zero);
	tcase_add_test(tc, test_day_add);
	suite_add_tcase(s, tc);

	tc = tcase_create("display");
	tcase_add_test(tc, test_date_display_iso_default);
	tcase_add_test(tc, test_date_display_pattern);
	tcase_add_test(tc, test_date_display_bad_pattern);
	suite_add_tcase(s, tc);

	tc = tcase_create("today");
	tcase_add_test(tc, test_day_today_bad_override);
	tcase_add_test(tc, test_day_today_override);
	tcase_add_test(tc, test_day_today_unset);
	suite_add_tcase(s, tc);

	return s;
}
