/* test_clock_text.c: a clock's stored arithmetic shown again. In English
 * with ISO dates every form the rules write comes back as stored; the
 * dates follow --date-format; text in no known form is kept. */
#include <check.h>
#include <string.h>

#include "casepath/clock_text.h"
#include "casepath/date.h"

Suite *suite_clock_text(void);

static const char *const forms[] = {
	"notified 2026-06-12 + 7d = 2026-06-19",
	"admitted 2025-01-10 + 6m = 2025-07-10",
	"taken into custody 2026-05-21 + 4d = 2026-05-25",
	"placed under judicial control 2022-03-01 + 4y = 2026-03-01",
	"born 2010 (partial) + 18y = between 2028-01-01 and 2028-12-31",
	"challenge filed 2026-06-01 (partial) + 15d = between 2026-06-16 and 2026-06-20"
	" (working days)",
	"challenge filed 2026-06-05 + 15d = 2026-06-20, a weekend, so the next working"
	" day 2026-06-22",
	"challenge filed 2026-04-08 + 15d = 2026-04-23, a holiday, so the next working"
	" day 2026-04-24",
	"security_code 2024-02-01 + 1y6m = 2025-08-01",
	"imprisoned 2020-01-01 + sentence 3y6m - 120 days pre-trial detention = 2023-03-03",
	"imprisoned 2020-01-01 + 3/4 of 3y6m (959 of 1278 days) - 120 days pre-trial"
	" detention = 2022-05-19",
	"notified 2026-06-12 + 7d = 2026-06-19; waived: the case reached deported",
};

START_TEST(test_english_iso_as_stored)
{
	char buf[256];

	ck_assert_ptr_null(date_display_set("iso"));
	ck_assert_str_eq(clock_arithmetic_display(forms[_i], buf, sizeof buf), forms[_i]);
}
END_TEST

START_TEST(test_dates_follow_the_display_format)
{
	char buf[256];

	ck_assert_ptr_null(date_display_set("%d/%m/%Y"));
	ck_assert_str_eq(clock_arithmetic_display(forms[0], buf, sizeof buf),
	                 "notified 12/06/2026 + 7d = 19/06/2026");
	/* a year alone stays a year */
	ck_assert_str_eq(clock_arithmetic_display(forms[4], buf, sizeof buf),
	                 "born 2010 (partial) + 18y = between 01/01/2028 and 31/12/2028");
	ck_assert_str_eq(clock_arithmetic_display(forms[10], buf, sizeof buf),
	                 "imprisoned 01/01/2020 + 3/4 of 3y6m (959 of 1278 days) - 120 days"
	                 " pre-trial detention = 19/05/2022");
	ck_assert_ptr_null(date_display_set("iso"));
}
END_TEST

START_TEST(test_other_text_kept)
{
	static const char *const other[] = {
		"", "see the order", "notified 2026-06-12 + 7x = 2026-06-19",
		"imprisoned 2020-01-01 + sentence 3y - 120 days = 2023-01-01",
		"+ 7d = 2026-06-19", "notified 2026-06-12 + 7d = 2026-06-19, a storm, so the"
		" next working day 2026-06-22",
	};
	char buf[256];

	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
		ck_assert_str_eq(clock_arithmetic_display(other[i], buf, sizeof buf), other[i]);
	/* cut, never overrun */
	ck_assert_str_eq(clock_arithmetic_display(forms[0], buf, 9), "notified");
}
END_TEST

START_TEST(test_duration_display)
{
	char buf[32];

	ck_assert_str_eq(duration_display("3y6m", buf, sizeof buf), "3y6m");
	ck_assert_str_eq(duration_display("7d", buf, sizeof buf), "7d");
	ck_assert_str_eq(duration_display("7 days", buf, sizeof buf), "7 days");
	ck_assert_str_eq(duration_display("", buf, sizeof buf), "");
}
END_TEST

Suite *
suite_clock_text(void)
{
	Suite *s = suite_create("clock_text");
	TCase *tc = tcase_create("display");

	tcase_add_loop_test(tc, test_english_iso_as_stored, 0,
	                    (int)(sizeof forms / sizeof forms[0]));
	tcase_add_test(tc, test_dates_follow_the_display_format);
	tcase_add_test(tc, test_other_text_kept);
	tcase_add_test(tc, test_duration_display);
	suite_add_tcase(s, tc);
	return s;
}
