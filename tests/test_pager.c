/* test_pager.c: the keyset window over a fake list of N numbered rows:
 * every move keeps the cursor on the row its position says, holds no
 * more rows than the window, and fetches only past the window's edge. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/pager.h"

struct fake {
	int n;            /* rows 1..n */
	int fetches;
	int fail_next;
};

struct row {
	int value;
	char *owned;      /* to catch leaks and double frees under ASan */
};

static int
fake_fetch(void *ctx, const void *after, bool backward, int n, void *rows)
{
	struct fake *f = ctx;
	struct row *out = rows;
	int from = after ? ((const struct row *)after)->value : (backward ? f->n + 1 : 0);
	int got = 0;

	f->fetches++;
	if (f->fail_next) {
		f->fail_next = 0;
		return -1;
	}
	for (int v = backward ? from - 1 : from + 1;
	     got < n && v >= 1 && v <= f->n; v += backward ? -1 : 1) {
		out[got].value = v;
		out[got].owned = malloc(8);
		got++;
	}
	return got;
}

static void
fake_clear(void *rows, int n)
{
	struct row *r = rows;

	for (int i = 0; i < n; i++) {
		free(r[i].owned);
		r[i].owned = NULL;
	}
}

static void
fake_copy(void *dst, const void *src)
{
	struct row *d = dst;

	*d = *(const struct row *)src;
	d->owned = malloc(8);
}

static struct fake fake;
static struct pager pg;

static void
open_pager(int n, int cap)
{
	struct pager_source src = {
		.row_size = sizeof(struct row), .fetch = fake_fetch,
		.clear = fake_clear, .copy = fake_copy, .ctx = &fake,
	};

	fake = (struct fake){ .n = n };
	pager_init(&pg, &src);
	pager_set_cap(&pg, cap);
}

static int
cur(void)
{
	const struct row *r = pager_current(&pg);

	return r ? r->value : 0;
}

/* The window is contiguous and in order, the cursor's value is its
 * position. */
static void
check_window(void)
{
	ck_assert_int_le(pg.nrows, pg.cap);
	for (int i = 1; i < pg.nrows; i++)
		ck_assert_int_eq(((struct row *)pager_row(&pg, i))->value,
		                 ((struct row *)pager_row(&pg, i - 1))->value + 1);
	if (pg.nrows)
		ck_assert_int_eq(cur(), (int)pg.pos);
}

static void
teardown(void)
{
	pager_free(&pg);
}

START_TEST(test_first_and_moves)
{
	open_pager(100, 10);
	ck_assert_int_eq(pg.nrows, 10);
	ck_assert_int_eq(cur(), 1);
	pager_move(&pg, 1);
	ck_assert_int_eq(cur(), 2);
	pager_move(&pg, -5);
	ck_assert_int_eq(cur(), 1);
	/* moving inside the window fetches nothing */
	fake.fetches = 0;
	pager_move(&pg, 9);
	ck_assert_int_eq(fake.fetches, 0);
	ck_assert_int_eq(cur(), 10);
	pager_move(&pg, 1);
	ck_assert_int_eq(fake.fetches, 1);
	ck_assert_int_eq(cur(), 11);
	check_window();
}
END_TEST

START_TEST(test_page_keeps_screen_row)
{
	open_pager(100, 10);
	pager_move(&pg, 3);              /* row 4, screen row 3 */
	pager_page(&pg, true);
	ck_assert_int_eq(cur(), 14);
	ck_assert_int_eq(pg.cursor, 3);
	pager_page(&pg, false);
	ck_assert_int_eq(cur(), 4);
	ck_assert_int_eq(pg.cursor, 3);
	check_window();
	/* near the end the cursor goes to the last row */
	for (int i = 0; i < 20; i++)
		pager_page(&pg, true);
	ck_assert_int_eq(cur(), 100);
	check_window();
}
END_TEST

START_TEST(test_last_and_around)
{
	struct row r = { .value = 50, .owned = NULL };

	open_pager(100, 10);
	pager_last(&pg, 100);
	ck_assert_int_eq(cur(), 100);
	ck_assert_int_eq(pg.nrows, 10);
	check_window();
	pager_around(&pg, &r, 50);
	ck_assert_int_eq(cur(), 50);
	ck_assert_int_eq(pg.cursor, 3);   /* a third of the way down */
	check_window();
	/* near the end the window fills from above */
	r.value = 99;
	pager_around(&pg, &r, 99);
	ck_assert_int_eq(cur(), 99);
	ck_assert_int_eq(pg.nrows, 10);
	check_window();
}
END_TEST

START_TEST(test_resize_keeps_row)
{
	open_pager(100, 10);
	pager_move(&pg, 42);
	ck_assert_int_eq(cur(), 43);
	pager_set_cap(&pg, 4);
	ck_assert_int_eq(cur(), 43);
	ck_assert_int_le(pg.nrows, 4);
	pager_set_cap(&pg, 30);
	ck_assert_int_eq(cur(), 43);
	check_window();
}
END_TEST

START_TEST(test_short_and_empty_lists)
{
	open_pager(0, 10);
	ck_assert_ptr_null(pager_current(&pg));
	pager_move(&pg, 5);
	pager_page(&pg, true);
	pager_last(&pg, 0);
	ck_assert_int_eq(pg.pos, 0);
	pager_free(&pg);
	open_pager(3, 10);
	pager_page(&pg, true);
	ck_assert_int_eq(cur(), 3);
	pager_page(&pg, false);
	ck_assert_int_eq(cur(), 1);
	check_window();
}
END_TEST

START_TEST(test_failed_fetch_keeps_window)
{
	open_pager(100, 10);
	pager_move(&pg, 9);
	fake.fail_next = 1;
	pager_move(&pg, 1);
	ck_assert(pg.error);
	ck_assert_int_eq(cur(), 10);
	check_window();
}
END_TEST

START_TEST(test_random_walk)
{
	unsigned seed = 7;

	open_pager(1000, 17);
	for (int i = 0; i < 2000; i++) {
		seed = seed * 1103515245u + 12345u;
		switch ((seed >> 16) % 6) {
		case 0: pager_move(&pg, 1); break;
		case 1: pager_move(&pg, -1); break;
		case 2: pager_page(&pg, true); break;
		case 3: pager_page(&pg, false); break;
		case 4: pager_move(&pg, (int)((seed >> 8) % 40) - 20); break;
		default:
			if ((seed >> 20) % 50 == 0)
				pager_last(&pg, 1000);
			break;
		}
		check_window();
		ck_assert_int_ge(cur(), 1);
		ck_assert_int_le(cur(), 1000);
	}
}
END_TEST

Suite *
suite_pager(void)
{
	Suite *s = suite_create("pager");
	TCase *tc = tcase_create("window");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_first_and_moves);
	tcase_add_test(tc, test_page_keeps_screen_row);
	tcase_add_test(tc, test_last_and_around);
	tcase_add_test(tc, test_resize_keeps_row);
	tcase_add_test(tc, test_short_and_empty_lists);
	tcase_add_test(tc, test_failed_fetch_keeps_window);
	tcase_add_test(tc, test_random_walk);
	suite_add_tcase(s, tc);
	return s;
}
