/* test_saved_filters.c: filters kept by name in the user's config. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casepath/saved_filters.h"

Suite *suite_saved_filters(void);

static char dir[256];

static void
setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/casepath-filters.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	/* a directory that does not exist yet: it is made, 0700 */
	{
		char xdg[300];

		snprintf(xdg, sizeof xdg, "%s/config", dir);
		setenv("XDG_CONFIG_HOME", xdg, 1);
	}
}

static void
teardown(void)
{
	char cmd[300];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_put_get_replace)
{
	char out[256], err[256];
	char **names;

	ck_assert(!saved_filter_get("syrians", out, sizeof out));
	ck_assert(saved_filter_put("syrians", "nat=SYR", err, sizeof err));
	ck_assert(saved_filter_put("girls", "sex=F age=minor", err, sizeof err));
	ck_assert(saved_filter_get("syrians", out, sizeof out));
	ck_assert_str_eq(out, "nat=SYR");
	/* replacing keeps the others */
	ck_assert(saved_filter_put("syrians", "nat=SYR sex=F", err, sizeof err));
	ck_assert(saved_filter_get("syrians", out, sizeof out));
	ck_assert_str_eq(out, "nat=SYR sex=F");
	ck_assert(saved_filter_get("girls", out, sizeof out));
	ck_assert_str_eq(out, "sex=F age=minor");
	/* an empty filter is a filter too */
	ck_assert(saved_filter_put("all", "", err, sizeof err));
	ck_assert(saved_filter_get("all", out, sizeof out));
	ck_assert_str_eq(out, "");
	names = saved_filter_names();
	ck_assert_str_eq(names[0], "girls");
	ck_assert_str_eq(names[1], "syrians");
	ck_assert_str_eq(names[2], "all");
	ck_assert_ptr_null(names[3]);
	saved_filter_names_free(&names);
	ck_assert_ptr_null(names);
}
END_TEST

START_TEST(test_bad_names)
{
	char err[256], out[64];

	ck_assert(!saved_filter_put("two words", "nat=SYR", err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "one word"));
	ck_assert(!saved_filter_put("", "nat=SYR", err, sizeof err));
	ck_assert(!saved_filter_get("two words", out, sizeof out));
}
END_TEST

Suite *
suite_saved_filters(void)
{
	Suite *s = suite_create("saved_filters");
	TCase *tc = tcase_create("file");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_put_get_replace);
	tcase_add_test(tc, test_bad_names);
	suite_add_tcase(s, tc);
	return s;
}
