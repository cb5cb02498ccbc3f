/* test_date.c: partial dates, day arithmetic and durations. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/date.h"

Suite *suite_date(void);

static const struct {
	const char *text;
	const char *reason;   /* NULL: valid */
} parse_cases[] = {
	{ "2019", NULL }, { "2019-10", NULL }, { "2019-10-29", NULL },
	{ "~2016", NULL }, { "~2016-05", NULL }, { "2024-02-29", NULL },
	{ "2000-02-29", NULL }, { "1000-01-01", NULL }, { "9999-12-31", NULL },
	{ "2023-02-30", "day does not exist in that month" },
	{ "2023-02-29", "day does not exist in that month" },
	{ "1900-02-29", "day does not exist in that month" },
	{ "2023-04-31", "day does not exist in that month" },
	{ "2023-13", "month must be 01 to 12" },
	{ "2023-00", "month must be 01 to 12" },
	{ "2023-01-00", "day must be 01 to 31" },
	{ "20230101", "expected YYYY, YYYY-MM or YYYY-MM-DD" },
	{ "2023-1-5", "month and day need two digits, e.g. 2023-01-05" },
	{ "", "empty date" },
	{ "~", "expected a date after ~" },
	{ "yesterday", "expected YYYY, YYYY-MM or YYYY-MM-DD" },
	{ " 2023", "date must not have spaces around it" },
	{ "2023 ", "date must not have spaces around it" },
	{ "2023-01-01x", "expected YYYY, YYYY-MM or YYYY-MM-DD" },
	{ "0999", "year must be 1000 to 9999" },
	{ "2023/01/01", "expected YYYY, YYYY-MM or YYYY-MM-DD" },
	{ "~~2016", "expected YYYY, YYYY-MM or YYYY-MM-DD" },
};

START_TEST(test_parse)
{
	struct pdate d;
	const char *why = pdate_parse(parse_cases[_i].text, &d);

	if (parse_cases[_i].reason)
		ck_assert_msg(why && strcmp(why, parse_cases[_i].reason) == 0,
		              "'%s': got '%s', expected '%s'", parse_cases[_i].text,
		              why ? why : "(valid)", parse_cases[_i].reason);
	else
		ck_assert_msg(why == NULL, "'%s': %s", parse_cases[_i].text, why);
}
END_TEST

START_TEST(test_format_round_trip)
{
	static const char *const texts[] = {
		"2019", "2019-10", "2019-10-29", "~2016", "~2016-05", "~2016-05-01"
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct pdate d;
		char buf[PDATE_TEXT_MAX];

		ck_assert_ptr_null(pdate_parse(texts[i], &d));
		ck_assert_str_eq(pdate_format(&d, buf, sizeof buf), texts[i]);
	}
}
END_TEST

static void
span(const char *text, const char *first, const char *last)
{
	struct pdate d;
	char a[PDATE_TEXT_MAX], b[PDATE_TEXT_MAX];

	ck_assert_ptr_null(pdate_parse(text, &d));
	ck_assert_str_eq(day_format(pdate_earliest(&d), a, sizeof a), first);
	ck_assert_str_eq(day_format(pdate_latest(&d), b, sizeof b), last);
}

START_TEST(test_spans)
{
	span("2019", "2019-01-01", "2019-12-31");
	span("~2016", "2016-01-01", "2016-12-31");
	span("2023-02", "2023-02-01", "2023-02-28");
	span("2024-02", "2024-02-01", "2024-02-29");
	span("1900-02", "1900-02-01", "1900-02-28");
	span("2000-02", "2000-02-01", "2000-02-29");
	span("2019-10-29", "2019-10-29", "2019-10-29");
}
END_TEST

START_TEST(test_compare)
{
	struct pdate a, b, c;

	pdate_parse("2019", &a);
	pdate_parse("2019-01", &b);
	pdate_parse("2019-01-01", &c);
	/* same first day: the shorter span comes first */
	ck_assert_int_gt(pdate_compare(&a, &b), 0);
	ck_assert_int_gt(pdate_compare(&b, &c), 0);
	ck_assert_int_lt(pdate_compare(&c, &a), 0);
	ck_assert_int_eq(pdate_compare(&a, &a), 0);
	pdate_parse("2018-12-31", &b);
	ck_assert_int_lt(pdate_compare(&b, &a), 0);
}
END_TEST

START_TEST(test_days)
{
	int y, m, d;
	char buf[PDATE_TEXT_MAX];

	ck_assert_int_eq(day_from_ymd(1970, 1, 1), 0);
	ck_assert_int_eq(day_from_ymd(1969, 12, 31), -1);
	ck_assert_int_eq(day_weekday(day_from_ymd(1970, 1, 1)), 3);    /* Thursday */
	ck_assert_int_eq(day_weekday(day_from_ymd(2023, 3, 11)), 5);   /* Saturday */
	ck_assert_int_eq(day_weekday(day_from_ymd(2026, 11, 23)), 0);  /* Monday */
	ck_assert_int_eq(day_weekday(day_from_ymd(1066, 10, 14)), 6);  /* Sunday */
	for (int32_t day = day_from_ymd(1000, 1, 1); day <= day_from_ymd(9999, 12, 31);
	     day += 97) {
		day_to_ymd(day, &y, &m, &d);
		ck_assert(ymd_valid(y, m, d));
		ck_assert_int_eq(day_from_ymd(y, m, d), day);
	}
	ck_assert_str_eq(day_format(day_from_ymd(2024, 2, 29), buf, sizeof buf),
	                 "2024-02-29");
}
END_TEST

static void
add(const char *from, const char *dur, const char *want)
{
	int32_t day;
	struct duration d;
	char buf[PDATE_TEXT_MAX];

	ck_assert_ptr_null(day_parse(from, &day));
	ck_assert_ptr_null(duration_parse(dur, &d));
	ck_assert_msg(strcmp(day_format(day_add(day, &d), buf, sizeof buf), want) == 0,
	              "%s + %s = %s, expected %s", from, dur, buf, want);
}

START_TEST(test_add)
{
	add("2023-01-31", "1m", "2023-02-28");
	add("2024-01-31", "1m", "2024-02-29");
	add("2023-08-31", "6m", "2024-02-29");
	add("2022-08-31", "6m", "2023-02-28");
	add("2023-08-31", "12m", "2024-08-31");
	add("2024-02-29", "1y", "2025-02-28");
	add("2023-03-01", "7d", "2023-03-08");
	add("2023-12-28", "7d", "2024-01-04");
	add("2023-03-01", "2w", "2023-03-15");
	add("2020-06-21", "3y6m", "2023-12-21");
	add("2023-01-31", "1m1d", "2023-03-01");
	add("2019-10-29", "4y", "2023-10-29");
}
END_TEST

START_TEST(test_durations)
{
	static const char *const bad[] = {
		"", "6", "m6", "6x", "6m3y", "6m6m", "-1d", "6 m", "12345d", "d"
	};
	struct duration d;
	char buf[DURATION_TEXT_MAX];

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(duration_parse(bad[i], &d) != NULL, "'%s' accepted", bad[i]);
	ck_assert_ptr_null(duration_parse("3y6m", &d));
	ck_assert_int_eq(d.years, 3);
	ck_assert_int_eq(d.months, 6);
	ck_assert_str_eq(duration_format(&d, buf, sizeof buf), "3y6m");
	ck_assert_ptr_null(duration_parse("2w", &d));
	ck_assert_str_eq(duration_format(&d, buf, sizeof buf), "14d");
	ck_assert_ptr_null(duration_parse("1y2m3d", &d));
	ck_assert_str_eq(duration_format(&d, buf, sizeof buf), "1y2m3d");
	ck_assert_ptr_null(duration_parse("0d", &d));
	ck_assert(duration_is_zero(&d));
	ck_assert_str_eq(duration_format(&d, buf, sizeof buf), "0d");
}
END_TEST

START_TEST(test_day_parse_and_today)
{
	int32_t day;

	ck_assert_ptr_nonnull(day_parse("2023", &day));
	ck_assert_ptr_nonnull(day_parse("~2023-01-01", &day));
	ck_assert_ptr_null(day_parse("2023-01-01", &day));
	setenv("CASEPATH_TODAY", "2023-03-11", 1);
	ck_assert_int_eq(day_today(), day_from_ymd(2023, 3, 11));
	setenv("CASEPATH_TODAY", "not a date", 1);
	ck_assert_int_ne(day_today(), day_from_ymd(2023, 3, 11));
	unsetenv("CASEPATH_TODAY");
}
END_TEST

Suite *
suite_date(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("date");

	tcase_add_loop_test(tc, test_parse, 0,
	                    (int)(sizeof parse_cases / sizeof parse_cases[0]));
	tcase_add_test(tc, test_format_round_trip);
	tcase_add_test(tc, test_spans);
	tcase_add_test(tc, test_compare);
	tcase_add_test(tc, test_days);
	tcase_add_test(tc, test_add);
	tcase_add_test(tc, test_durations);
	tcase_add_test(tc, test_day_parse_and_today);
	suite_add_tcase(s, tc);
	return s;
}
