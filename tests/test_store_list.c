/* test_store_list.c: the case list's store side. Over 400 demo persons,
 * walking every order forward and backward in small keyset pages gives
 * exactly the rows a plain ORDER BY gives; filters count what SQL
 * counts; search folds case, diacritics and Turkish i; the similar
 * search finds what a brute-force reading of the name keys finds, on
 * each of its paths; and every order is an index seek, never a scan or
 * a sort (DESIGN.md 6). */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casepath/date.h"
#include "casepath/demo.h"
#include "casepath/namekey.h"
#include "casepath/rules.h"
#include "casepath/store.h"
#include "casepath/store_view.h"
#include "casepath/u8.h"
#include "fixture.h"
#include "../src/store_internal.h"   /* search_few: both search paths */

Suite *suite_store_list(void);

#define PERSONS 400
#define TODAY FIXTURE_TODAY

static struct fixture fx;

static void
setup(void)
{
	fixture_reopen(&fx, STORE_READONLY);
}

static void
teardown(void)
{
	store_close(&fx.st);
}

static void
remove_db(void)
{
	fixture_remove(&fx);
}

/* Once for the whole suite: a demo database, plus persons whose names
 * test the folding and the similar-names search. */
static void
build_db(void)
{
	static const struct person_in extra[] = {
		{ .case_no = "ZZ-1", .family_name = "İSTANBULLU", .given_names = "Ayşe" },
		{ .case_no = "ZZ-2", .family_name = "Istanbullu", .given_names = "Işık" },
		{ .case_no = "ZZ-3", .family_name = "Petrov", .given_names = "Ivan",
		  .native_name = "Пётр Иванович", .aliases = "Абу Яхья (self)" },
		{ .case_no = "ZZ-4", .family_name = "Vorkhalidze", .given_names = "Mukhammad",
		  .native_name = "محمد", .aliases = "Abd al-Rahman (self)" },
		{ .case_no = "ZZ-5", .family_name = "Vorkhalidze", .given_names = "Ayşe" },
		/* the Turkish name order (tr_names below); Q keeps them
		 * together, away from the demo's names */
		{ .case_no = "ZT-1", .family_name = "Qçelik", .given_names = "Ayten" },
		{ .case_no = "ZT-2", .family_name = "Qcem", .given_names = "Ali" },
		{ .case_no = "ZT-3", .family_name = "QÇınar", .given_names = "Deniz" },
		{ .case_no = "ZT-4", .family_name = "QIşık", .given_names = "Can" },
		{ .case_no = "ZT-5", .family_name = "Qİlhan", .given_names = "Ece" },
		{ .case_no = "ZT-6", .family_name = "QIlgaz", .given_names = "Efe" },
		{ .case_no = "ZT-7", .family_name = "QÖztürk", .given_names = "Nur" },
		{ .case_no = "ZT-8", .family_name = "Qoral", .given_names = "Naz" },
		{ .case_no = "ZT-9", .family_name = "QŞahin", .given_names = "Eda" },
		{ .case_no = "ZT-10", .family_name = "QSorgun", .given_names = "Ege" },
		{ .case_no = "ZT-11", .family_name = "Qgül", .given_names = "Oya" },
		{ .case_no = "ZT-12", .family_name = "QĞ", .given_names = "Ufuk" },
		{ .case_no = "ZT-13", .family_name = "Qâdem", .given_names = "Ümit" },
		{ .case_no = "ZT-14", .family_name = "QAydın", .given_names = "Ümit" },
	};

	fixture_demo(&fx, "list", PERSONS, 11, extra, sizeof extra / sizeof extra[0]);
}

/* The case numbers SQL gives for an ORDER BY (and WHERE), joined. */
static char *
reference(const char *where, const char *order)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	char sql[1024];
	size_t cap = 1 << 16, at = 0;
	char *out = malloc(cap);

	snprintf(sql, sizeof sql, "SELECT case_no FROM person %s ORDER BY %s", where, order);
	ck_assert_int_eq(sqlite3_open(fx.path, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK, "%s", sql);
	out[0] = '\0';
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(s, 0);

		ck_assert_uint_lt(at + strlen(c) + 2, cap);
		at += (size_t)sprintf(out + at, "%s ", c);
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return out;
}

/* Walks the whole query in pages of `page` rows, forward (or from the
 * end backward, then reversed), joining the case numbers. */
static char *
walk(const struct list_query *q, int page, bool backward)
{
	size_t cap = 1 << 16, at = 0;
	char *out = malloc(cap);
	struct list_row rows[16], last = { 0 };
	bool have = false;
	char **seen = calloc(PERSONS + 32, sizeof *seen);
	int nseen = 0;

	ck_assert_int_le(page, 16);
	for (;;) {
		int n = store_list_page(fx.st, q, have ? &last : NULL, backward, page, rows);

		ck_assert_int_ge(n, 0);
		if (n == 0)
			break;
		for (int i = 0; i < n; i++)
			seen[nseen++] = strdup(rows[i].case_no);
		if (have)
			list_rows_clear(&last, 1);
		last = rows[n - 1];
		memset(&rows[n - 1], 0, sizeof rows[n - 1]);
		list_rows_clear(rows, n - 1);
		have = true;
	}
	if (have)
		list_rows_clear(&last, 1);
	out[0] = '\0';
	for (int i = 0; i < nseen; i++) {
		int k = backward ? nseen - 1 - i : i;

		at += (size_t)sprintf(out + at, "%s ", seen[k]);
		free(seen[k]);
	}
	free(seen);
	return out;
}

static const struct {
	enum list_sort sort;
	const char *asc, *desc;
} orders[] = {
	{ SORT_CASE, "case_no", "case_no DESC" },
	{ SORT_NAME, "name_key, case_no", "name_key DESC, case_no DESC" },
	{ SORT_NATIVE, "native_name, case_no", "native_name DESC, case_no DESC" },
	{ SORT_SEX, "sex, case_no", "sex DESC, case_no DESC" },
	{ SORT_BORN, "coalesce(birth_lo, -1), case_no",
	  "coalesce(birth_lo, -1) DESC, case_no DESC" },
	{ SORT_NAT, "coalesce(nationality, ''), case_no",
	  "coalesce(nationality, '') DESC, case_no DESC" },
	{ SORT_STAGE, "coalesce(stage, ''), case_no", "coalesce(stage, '') DESC, case_no DESC" },
	/* more days in the stage first: an earlier start */
	{ SORT_DAYS, "coalesce(stage_since, -1) DESC, case_no DESC",
	  "coalesce(stage_since, -1), case_no" },
	{ SORT_DEADLINE, "next_due, case_no", "next_due DESC, case_no DESC" },
	/* the name order in the Turkish alphabet (store_set_name_order) */
	{ SORT_NAME, "name_key_tr, case_no", "name_key_tr DESC, case_no DESC" },
};

static void
name_order(bool tr)
{
	store_set_name_order(fx.st, tr ? NAME_ORDER_TR : NAME_ORDER_FOLDED);
}

/* Whether orders[i] is the Turkish name order. */
static bool
order_tr(int i)
{
	return strstr(orders[i].asc, "name_key_tr") != NULL;
}

START_TEST(test_every_order_pages_like_order_by)
{
	struct list_query q = { .sort = orders[_i].sort };

	name_order(order_tr(_i));
	q.filter.today = day_today();
	for (int desc = 0; desc < 2; desc++) {
		char *want = reference("", desc ? orders[_i].desc : orders[_i].asc);

		q.descending = desc;
		for (int page = 1; page <= 16; page += 7) {
			char *fwd = walk(&q, page, false), *bwd = walk(&q, page, true);

			ck_assert_msg(strcmp(fwd, want) == 0, "%s%s forward, pages of %d",
			              list_sort_word(q.sort), desc ? " desc" : "", page);
			ck_assert_msg(strcmp(bwd, want) == 0, "%s%s backward, pages of %d",
			              list_sort_word(q.sort), desc ? " desc" : "", page);
			free(fwd);
			free(bwd);
		}
		free(want);
	}
}
END_TEST

START_TEST(test_every_order_is_a_seek)
{
	struct list_query q = { .sort = orders[_i].sort };
	char plan[1024];

	name_order(order_tr(_i));
	if (order_tr(_i)) {
		store_list_explain(fx.st, &q, plan, sizeof plan);
		ck_assert_msg(strstr(plan, "person_name_tr") != NULL, "%s", plan);
	}
	q.filter.today = day_today();
	for (int desc = 0; desc < 2; desc++) {
		q.descending = desc;
		store_list_explain(fx.st, &q, plan, sizeof plan);
		ck_assert_msg(strstr(plan, "SEARCH person USING") != NULL &&
		              strstr(plan, "TEMP B-TREE") == NULL,
		              "%s%s: %s", list_sort_word(q.sort), desc ? " desc" : "", plan);
		/* the seek reaches the key's own row: a bound on the order's
		 * value alone passed over every row tied with it (half the
		 * list in the sex order) */
		ck_assert_msg(strstr(plan, "case_no>?") || strstr(plan, "case_no<?") ||
		              strstr(plan, "(case_no,") || q.sort == SORT_CASE,
		              "%s%s: %s", list_sort_word(q.sort), desc ? " desc" : "", plan);
	}
}
END_TEST

START_TEST(test_filters_count_like_sql)
{
	static const struct {
		const char *filter, *where;
	} cases[] = {
		{ "nat=SYR", "WHERE nationality = 'SYR'" },
		{ "sex=F", "WHERE sex = 'F'" },
		{ "stage=removal_centre", "WHERE stage = 'removal_centre'" },
		{ "flags=interpreter", "WHERE interpreter_needed = 1" },
		{ "sex=F flags=interpreter", "WHERE sex = 'F' AND interpreter_needed = 1" },
		/* minors: any day the birth date allows is under 18 years ago */
		{ "age=minor", "WHERE birth_hi > julianday('" TODAY "', '-18 years') - 2440587.5" },
		{ "age=adult", "WHERE birth_hi <= julianday('" TODAY "', '-18 years') - 2440587.5" },
		{ "flags=overdue", "WHERE id IN (SELECT person_id FROM deadline WHERE"
		  " status IN ('open', 'overdue') AND due_latest < julianday('" TODAY "')"
		  " - 2440587.5 AND lapses > julianday('" TODAY "') - 2440587.5)" },
		{ "within=30", "WHERE next_due <= julianday('" TODAY "') - 2440587.5 + 30" },
		{ "age=minor flags=unaccompanied",
		  "WHERE birth_hi > julianday('" TODAY "', '-18 years') - 2440587.5"
		  " AND id NOT IN (SELECT other_id FROM relation WHERE kind IN ('child', 'ward'))" },
	};
	struct list_query q = { .sort = SORT_NAME };
	char err[256], buf[256];

	q.filter.today = day_today();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *want = reference(cases[i].where, "name_key, case_no");
		char *got;
		long n = 0;

		ck_assert_msg(list_filter_parse(cases[i].filter, &q.filter, err, sizeof err) == ST_OK,
		              "%s: %s", cases[i].filter, err);
		/* the text round-trips */
		ck_assert_str_eq(list_filter_format(&q.filter, buf, sizeof buf), cases[i].filter);
		got = walk(&q, 9, false);
		ck_assert_msg(strcmp(got, want) == 0, "%s", cases[i].filter);
		for (const char *p = want; *p; p++)
			n += *p == ' ';
		ck_assert_int_eq(store_list_count(fx.st, &q), n);
		free(want);
		free(got);
	}
}
END_TEST

START_TEST(test_filter_errors_name_the_word)
{
	struct list_filter f = { .today = 1 };
	char err[256];

	ck_assert_int_eq(list_filter_parse("stage=nowhere", &f, err, sizeof err), ST_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err, "nowhere"));
	ck_assert_int_eq(list_filter_parse("nat=syria", &f, err, sizeof err), ST_ERR_INPUT);
	ck_assert_int_eq(list_filter_parse("colour=red", &f, err, sizeof err), ST_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err, "colour"));
	ck_assert_int_eq(list_filter_parse("flags=overdue,happy", &f, err, sizeof err),
	                 ST_ERR_INPUT);
	ck_assert_int_eq(list_filter_parse("", &f, err, sizeof err), ST_OK);
	ck_assert(list_filter_empty(&f));
}
END_TEST

static const char *
found(const char *text)
{
	static char buf[64];
	struct list_query q = { .sort = SORT_CASE };
	struct list_row r = { 0 };
	bool wrapped;

	q.filter.today = day_today();
	if (store_search(fx.st, &q, text, NULL, false, false, &r, &wrapped) != ST_OK)
		return "";
	snprintf(buf, sizeof buf, "%s", r.case_no);
	list_rows_clear(&r, 1);
	return buf;
}

START_TEST(test_search_folds)
{
	/* _i 0: the few-matches path; 1: the walk taken for common prefixes */
	fx.st->search_few = _i ? 1 : 0;
	/* Turkish dotted and dotless i, both ways */
	ck_assert_str_eq(found("istanbullu ayse"), "ZZ-1");
	ck_assert_str_eq(found("İSTANBULLU AYŞE"), "ZZ-1");
	ck_assert_str_eq(found("ISIK"), "ZZ-2");
	ck_assert_str_eq(found("ışık"), "ZZ-2");
	/* Cyrillic: case and ё folded; aliases searched too */
	ck_assert_str_eq(found("петр ив"), "ZZ-3");
	ck_assert_str_eq(found("ПЁТР"), "ZZ-3");
	ck_assert_str_eq(found("абу ях"), "ZZ-3");
	ck_assert_str_eq(found("zzqqxx"), "");
	ck_assert_str_eq(found("  ,, "), "");
	/* quotes cannot break out of the FTS5 expression */
	ck_assert_str_eq(found("\"petrov"), "ZZ-3");
}
END_TEST

START_TEST(test_search_next_wraps)
{
	struct list_query q = { .sort = SORT_CASE };
	struct list_row r = { 0 }, next = { 0 };
	bool wrapped;

	fx.st->search_few = _i ? 1 : 0;
	q.filter.today = day_today();
	ck_assert_int_eq(store_search(fx.st, &q, "istanbullu", NULL, false, false, &r, &wrapped),
	                 ST_OK);
	ck_assert_str_eq(r.case_no, "ZZ-1");
	ck_assert_int_eq(store_search(fx.st, &q, "istanbullu", &r, false, false, &next, &wrapped),
	                 ST_OK);
	ck_assert_str_eq(next.case_no, "ZZ-2");
	ck_assert(!wrapped);
	list_rows_clear(&r, 1);
	ck_assert_int_eq(store_search(fx.st, &q, "istanbullu", &next, false, false, &r, &wrapped),
	                 ST_OK);
	ck_assert_str_eq(r.case_no, "ZZ-1");
	ck_assert(wrapped);
	list_rows_clear(&r, 1);
	list_rows_clear(&next, 1);
}
END_TEST

/* --- plain search against a reference ----------------------------------------
 * For every order both ways, several filters and many prefixes (one to
 * eight letters, Latin, Cyrillic and Arabic, common and rare, two
 * words, none matching), from the top, from rows in the middle, forward
 * and backward, on each of the search's paths: the row store_search
 * finds is the first one, in the list's order after the start (then
 * wrapping), of the rows person_name_fts matches. The list comes from
 * store_list_page (itself tested against ORDER BY above), the matches
 * from a plain MATCH on a connection of its own. */
#define REF_MAX (PERSONS + 80)

struct ref_list {
	struct list_row rows[REF_MAX];
	int n;
};

static void
ref_list_load(struct ref_list *l, const struct list_query *q)
{
	int got;

	l->n = 0;
	do {
		ck_assert_int_le(l->n + 50, REF_MAX);
		got = store_list_page(fx.st, q, l->n ? &l->rows[l->n - 1] : NULL, false, 50,
		                      &l->rows[l->n]);
		ck_assert_int_ge(got, 0);
		l->n += got;
	} while (got == 50);
}

/* Which of the list's rows the FTS query for text matches. */
static void
ref_matches(sqlite3 *db, const char *text, const struct ref_list *l, bool *hit)
{
	char folded[256], match[600], *w, *save = NULL;
	sqlite3_stmt *s;
	size_t at = 0;

	u8_fold(text, folded, sizeof folded);
	match[0] = '\0';
	for (w = strtok_r(folded, " ", &save); w; w = strtok_r(NULL, " ", &save))
		at += (size_t)snprintf(match + at, sizeof match - at, "\"%s\"* ", w);
	for (int i = 0; i < l->n; i++)
		hit[i] = false;
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT 1 FROM person_name_fts WHERE"
		" person_name_fts MATCH ?1 AND rowid = ?2", -1, &s, NULL), SQLITE_OK);
	for (int i = 0; i < l->n; i++) {
		sqlite3_bind_text(s, 1, match, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 2, l->rows[i].id);
		hit[i] = sqlite3_step(s) == SQLITE_ROW;
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
}

/* The case number the reference finds from row `from` (-1: none), or "". */
static const char *
ref_next(const struct ref_list *l, const bool *hit, int from, bool backward,
         bool inclusive)
{
	int step = backward ? -1 : 1, i;

	if (from >= 0) {
		for (i = inclusive ? from : from + step; i >= 0 && i < l->n; i += step)
			if (hit[i])
				return l->rows[i].case_no;
	}
	for (i = backward ? l->n - 1 : 0; i >= 0 && i < l->n; i += step)
		if (hit[i])
			return l->rows[i].case_no;
	return "";
}

/* The search's paths: 0 the defaults (few matches here: fetched);
 * 1 the rows' names walked, then the bits walked; 2 one row's names,
 * then the bits walked until a one-row budget is spent, then fetched;
 * 3 one row's names, then the bits walked to the end. */
static void
plain_path(int way)
{
	fx.st->search_few = way ? 1 : 0;
	fx.st->search_text_walk = way >= 2 ? 1 : 0;
	fx.st->search_budget = way == 2 ? 1 : 0;
}

START_TEST(test_search_like_reference)
{
	static const char *const filters[] = {
		"", "nat=SYR", "stage=removal_centre", "sex=F age=adult", "flags=overdue",
		"nat=TUR sex=M within=365",
	};
	static const char *const words[] = {
		"vorkhalidze", "mukhammad", "istanbullu", "petrov", "иванович", "محمد",
		"abdullah", "zeynep", "aisha", "нур", "حس", "karim o",
		"a m", "zzqqxx",
	};
	/* past the orders: the name order in the Turkish alphabet */
	struct list_query q = { .sort = _i / 2 < SORT_COUNT ? (enum list_sort)(_i / 2) : SORT_NAME,
	                        .descending = _i % 2 };
	struct ref_list *l = calloc(1, sizeof *l);
	bool *hit = calloc(REF_MAX, sizeof *hit);
	sqlite3 *db;
	char err[256];
	const size_t nfilters = sizeof filters / sizeof filters[0];

	name_order(_i / 2 >= SORT_COUNT);
	ck_assert_int_eq(sqlite3_open_v2(fx.path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	for (size_t f = 0; f < nfilters; f++) {
		/* Every filter with the case and name orders, both ways; each
		 * other order with one filter, taken in turn, so every filter
		 * still meets several orders (the whole square took five
		 * minutes under ASan for little more). */
		if (q.sort != SORT_CASE && q.sort != SORT_NAME && f != (size_t)_i % nfilters)
			continue;
		q.filter.today = day_today();
		ck_assert_int_eq(list_filter_parse(filters[f], &q.filter, err, sizeof err), ST_OK);
		ref_list_load(l, &q);
		if (l->n == 0)
			continue;
		for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
			size_t len = strlen(words[w]);

			/* typed a letter at a time, as the keystrokes ask */
			for (size_t cut = 1; cut <= len; cut++) {
				char text[64];
				int froms[3] = { -1, l->n / 2, l->n - 1 };

				/* a whole character at a time */
				if (cut < len && ((unsigned char)words[w][cut] & 0xC0) == 0x80)
					continue;
				snprintf(text, sizeof text, "%.*s", (int)cut, words[w]);
				if (text[cut - 1] == ' ')
					continue;
				ref_matches(db, text, l, hit);
				for (int way = 0; way < 4; way++) {
					plain_path(way);
					for (int fi = 0; fi < 3; fi++) {
						for (int d = 0; d < 4; d++) {
							bool backward = d & 1, inclusive = d & 2;
							struct list_row r = { 0 };
							const struct list_row *from = froms[fi] < 0 ? NULL
								: &l->rows[froms[fi]];
							bool wrapped;
							const char *want = ref_next(l, hit, froms[fi], backward,
							                            inclusive);
							enum status rc = store_search(fx.st, &q, text, from, backward,
							                              inclusive, &r, &wrapped);

							ck_assert_msg(rc == (want[0] ? ST_OK : ST_ERR_NOT_FOUND),
							              "'%s' sort %d%s filter '%s' way %d from %d"
							              " dir %d: status %d, want '%s'", text, q.sort,
							              q.descending ? " desc" : "", filters[f], way,
							              froms[fi], d, rc, want);
							if (rc == ST_OK)
								ck_assert_msg(strcmp(r.case_no, want) == 0,
								              "'%s' sort %d%s filter '%s' way %d from %d"
								              " dir %d: found %s, want %s", text, q.sort,
								              q.descending ? " desc" : "", filters[f], way,
								              froms[fi], d, r.case_no, want);
							list_rows_clear(&r, 1);
						}
					}
				}
			}
		}
		list_rows_clear(l->rows, l->n);
	}
	plain_path(0);
	sqlite3_close(db);
	free(hit);
	free(l);
}
END_TEST

/* The similar search's paths: 0 few matches, fetched; 1 many, walked;
 * 2 walked until the walk's budget is spent, then fetched. */
static void
similar_path(int way)
{
	fx.st->search_few = way ? 1 : 0;
	fx.st->search_budget = way == 2 ? 1 : 0;
}

START_TEST(test_similar_finds)
{
	similar_path(_i);
	/* the same skeleton across spellings and scripts */
	ck_assert_str_eq(found("~vorkhalidze"), "ZZ-4");
	ck_assert_str_eq(found("~Ворхалидзе"), "ZZ-4");
	ck_assert_str_eq(found("~vorkhalidze aisha"), "ZZ-5");
	ck_assert_str_eq(found("~VORKHALIDZE AYSE"), "ZZ-5");
	ck_assert_str_eq(found("~vorkhalidze mohammed"), "ZZ-4");
	ck_assert_str_eq(found("~vorkhalidze محمد"), "ZZ-4");
	/* a compound alias, whole or in other spellings */
	ck_assert_str_eq(found("~abdelrahman vorkhalidze"), "ZZ-4");
	ck_assert_str_eq(found("~vorkhalidze abd el-rahman"), "ZZ-4");
	/* a skeleton nobody has is a typo: one edit, first letter kept */
	ck_assert_str_eq(found("~vorkhalitze"), "ZZ-4");
	ck_assert_str_eq(found("~borkhalidze"), "");
	/* nothing to search, or nothing near */
	ck_assert_str_eq(found("~zzqqxx"), "");
	ck_assert_str_eq(found("~"), "");
	ck_assert_str_eq(found("~ ,, "), "");
	ck_assert_str_eq(found("~王小明"), "");
	ck_assert_str_eq(found("~\"or\""), "");
}
END_TEST

START_TEST(test_similar_wraps)
{
	struct list_query q = { .sort = SORT_CASE };
	struct list_row r = { 0 }, next = { 0 };
	bool wrapped;

	similar_path(_i);
	q.filter.today = day_today();
	ck_assert_int_eq(store_search(fx.st, &q, "~vorkhalidze", NULL, false, false, &r,
	                              &wrapped), ST_OK);
	ck_assert_str_eq(r.case_no, "ZZ-4");
	ck_assert_int_eq(store_search(fx.st, &q, "~vorkhalidze", &r, false, false, &next,
	                              &wrapped), ST_OK);
	ck_assert_str_eq(next.case_no, "ZZ-5");
	ck_assert(!wrapped);
	list_rows_clear(&r, 1);
	ck_assert_int_eq(store_search(fx.st, &q, "~vorkhalidze", &next, false, false, &r,
	                              &wrapped), ST_OK);
	ck_assert_str_eq(r.case_no, "ZZ-4");
	ck_assert(wrapped);
	/* backward from ZZ-4 wraps to the bottom: ZZ-5 */
	list_rows_clear(&next, 1);
	ck_assert_int_eq(store_search(fx.st, &q, "~vorkhalidze", &r, true, false, &next,
	                              &wrapped), ST_OK);
	ck_assert_str_eq(next.case_no, "ZZ-5");
	ck_assert(wrapped);
	list_rows_clear(&r, 1);
	list_rows_clear(&next, 1);
}
END_TEST

/* Every person's name keys, as the index should hold them. */
struct ref_person {
	char case_no[32];
	char keys[512];
};

static struct ref_person *
ref_persons(size_t *n)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	struct ref_person *p = calloc(PERSONS + 32, sizeof *p);

	*n = 0;
	ck_assert_int_eq(sqlite3_open(fx.path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db,
		"SELECT case_no, family_name || ';' || given_names || ';' || native_name"
		" || ';' || coalesce((SELECT group_concat(name, ';') FROM person_alias a"
		" WHERE a.person_id = person.id), '') FROM person ORDER BY case_no",
		-1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		ck_assert_uint_lt(*n, PERSONS + 32);
		snprintf(p[*n].case_no, sizeof p[*n].case_no, "%s", sqlite3_column_text(s, 0));
		ck_assert_uint_lt(namekey_text((const char *)sqlite3_column_text(s, 1),
		                               p[*n].keys, sizeof p[*n].keys),
		                  sizeof p[*n].keys);
		(*n)++;
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return p;
}

static bool
has_key(const char *keys, const char *k)
{
	size_t n = strlen(k);

	for (const char *p = keys; (p = strstr(p, k)) != NULL; p++)
		if ((p == keys || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

/* Whether a typed key matches a person: namekey.h and store_view.h
 * read plainly, by brute force over every person. */
static bool
ref_word(const struct ref_person *p, size_t n, const struct ref_person *who,
         const char *typed)
{
	bool known = false;

	for (size_t i = 0; i < n && !known; i++)
		known = has_key(p[i].keys, typed);
	if (known || strlen(typed) < NAMEKEY_FUZZY_MIN)
		return has_key(who->keys, typed);
	/* a typo: any of the person's keys one edit away, first letter kept */
	for (const char *k = who->keys; *k;) {
		char one[NAMEKEY_MAX + 1];
		size_t len = strcspn(k, " ");

		snprintf(one, sizeof one, "%.*s", (int)len, k);
		if (namekey_distance(typed, one) == 1 && one[0] == typed[0])
			return true;
		k += len;
		k += strspn(k, " ");
	}
	return false;
}

static const char *const similar_queries[] = {
	"~muhammad", "~mohamed yusuf", "~aisha", "~abd al-rahman", "~ibrahim",
	"~fatma", "~qarzelani", "~muhamnad", "~ahmad", "~Мухаммад", "~يوسف",
	"~hussein", "~zzqq",
};

START_TEST(test_similar_like_reference)
{
	const char *text = similar_queries[_i / 3];
	struct list_query q = { .sort = SORT_CASE };
	struct list_row r = { 0 }, next = { 0 };
	struct namekey_span sp[8];
	size_t n, nsp;
	struct ref_person *p = ref_persons(&n);
	char want[8192] = "", got[8192] = "", keys[8][NAMEKEY_MAX + 1];
	size_t at = 0, nk = 0;
	bool wrapped = false;

	similar_path(_i % 3);
	q.filter.today = day_today();
	nsp = namekey_spans(text + 1, sp, 8);
	for (size_t i = 0; i < nsp && i < 8; i++)
		if (!sp[i].index_only &&
		    namekey(text + 1 + sp[i].start, sp[i].len, keys[nk], sizeof keys[nk]))
			nk++;
	for (size_t i = 0; i < n; i++) {
		bool all = nk > 0;

		for (size_t w = 0; w < nk && all; w++)
			all = ref_word(p, n, &p[i], keys[w]);
		if (all)
			at += (size_t)snprintf(want + at, sizeof want - at, "%s ", p[i].case_no);
	}
	/* the search, walked from the top until it wraps */
	at = 0;
	if (store_search(fx.st, &q, text, NULL, false, false, &r, &wrapped) == ST_OK) {
		while (!wrapped) {
			at += (size_t)snprintf(got + at, sizeof got - at, "%s ", r.case_no);
			ck_assert_int_eq(store_search(fx.st, &q, text, &r, false, false, &next,
			                              &wrapped), ST_OK);
			list_rows_clear(&r, 1);
			r = next;
			memset(&next, 0, sizeof next);
		}
		list_rows_clear(&r, 1);
	}
	ck_assert_msg(strcmp(got, want) == 0, "%s: got %s, want %s", text, got, want);
	/* the common names match many; the fixture is not empty */
	if (_i / 3 == 0)
		ck_assert_ptr_nonnull(strchr(want, ' '));
	free(p);
}
END_TEST

START_TEST(test_similar_why)
{
	int64_t id = store_person_id(fx.st, "ZZ-4");
	char why[256];

	ck_assert_int_eq(store_search_why(fx.st, "~mohammed", id, why, sizeof why), ST_OK);
	ck_assert_str_eq(why, "Mukhammad ~ mohammed (same skeleton mhmd)");
	ck_assert_int_eq(store_search_why(fx.st, "vorkhalidze محمد", id, why, sizeof why),
	                 ST_OK);
	ck_assert_str_eq(why, "Vorkhalidze (as typed); محمد (as typed)");
	ck_assert_int_eq(store_search_why(fx.st, "~vorkhalitze", id, why, sizeof why), ST_OK);
	ck_assert_str_eq(why, "Vorkhalidze ~ vorkhalitze (one letter off: wrhldza, wrhltza)");
	ck_assert_int_eq(store_search_why(fx.st, "~abdelrahman", id, why, sizeof why), ST_OK);
	ck_assert_str_eq(why, "Abd al-Rahman ~ abdelrahman (same skeleton abdlrhmn)");
	/* cut at a whole character */
	ck_assert_int_eq(store_search_why(fx.st, "~محمد", id, why, 6), ST_OK);
	ck_assert_str_eq(why, "مح");
	ck_assert_int_eq(store_search_why(fx.st, "~zzqq", id, why, sizeof why),
	                 ST_ERR_NOT_FOUND);
	ck_assert_int_eq(store_search_why(fx.st, "~mohammed", 999999, why, sizeof why),
	                 ST_ERR_NOT_FOUND);
}
END_TEST

START_TEST(test_rank_is_the_position)
{
	struct list_query q = { .sort = SORT_NAME };
	struct list_row rows[16];
	bool exact;
	int n;

	name_order(_i);
	q.filter.today = day_today();
	n = store_list_page(fx.st, &q, NULL, false, 16, rows);
	ck_assert_int_eq(n, 16);
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(store_list_rank(fx.st, &q, &rows[i], &exact), i + 1);
	list_rows_clear(rows, n);
}
END_TEST

/* The list's name order under --lang tr is the Turkish alphabet (c ç,
 * g ğ, ı i, o ö, s ş, u ü; I the capital of ı, İ of i; â with a);
 * otherwise the folded names, where Çelik comes before Cem. The ZT-
 * persons' places in a walk of the whole list, both ways. */
START_TEST(test_turkish_name_order)
{
	static const char *const tr =
		"ZT-13 ZT-14 ZT-2 ZT-1 ZT-3 ZT-11 ZT-12 ZT-6 ZT-4 ZT-5 ZT-8 ZT-7 ZT-10 ZT-9 ";
	static const char *const en =
		"ZT-13 ZT-14 ZT-1 ZT-2 ZT-3 ZT-12 ZT-11 ZT-6 ZT-5 ZT-4 ZT-8 ZT-7 ZT-9 ZT-10 ";
	struct list_query q = { .sort = SORT_NAME };
	char got[256];

	q.filter.today = day_today();
	name_order(_i);
	for (int backward = 0; backward < 2; backward++) {
		char *all = walk(&q, 5, backward), *w, *save = NULL;
		size_t at = 0;

		got[0] = '\0';
		for (w = strtok_r(all, " ", &save); w; w = strtok_r(NULL, " ", &save))
			if (strncmp(w, "ZT-", 3) == 0)
				at += (size_t)snprintf(got + at, sizeof got - at, "%s ", w);
		ck_assert_str_eq(got, _i ? tr : en);
		free(all);
	}
}
END_TEST

/* The deadline view walked in pages both ways is the open clocks by
 * due date, person, clock; its count agrees. */
/* Idle work gives way to a key (store_idle_begin): a poll that says "a
 * key waits" stops the deadline view's count, the list's count under a
 * filter and the filter's rows for the search, each failing with
 * store_gave_way true and keeping nothing; without it each gives the
 * answer a fresh call gives. */
static bool
key_now(void *ctx)
{
	++*(int *)ctx;
	return true;
}

START_TEST(test_idle_work_gives_way)
{
	struct list_query q = { .sort = SORT_NAME };
	int32_t today = day_today();
	long open, minors;
	int asked = 0;
	char err[256];

	q.filter.today = today;
	ck_assert_int_eq(list_filter_parse("age=minor", &q.filter, err, sizeof err), ST_OK);
	open = store_deadline_count(fx.st, today, 36500, false);
	minors = store_list_count(fx.st, &q);
	ck_assert_int_gt(open, 0);
	ck_assert_int_gt(minors, 0);

	store_idle_begin(fx.st, key_now, &asked);
	ck_assert_int_eq(store_deadline_count(fx.st, today, 36500, false), -1);
	ck_assert(store_gave_way(fx.st));
	store_idle_end(fx.st);
	ck_assert_int_eq(asked, 1);
	ck_assert(!store_gave_way(fx.st));
	ck_assert_int_eq(store_deadline_count(fx.st, today, 36500, false), open);

	store_idle_begin(fx.st, key_now, &asked);
	ck_assert_int_eq(store_list_count(fx.st, &q), -1);
	ck_assert(store_gave_way(fx.st));
	store_idle_end(fx.st);
	/* the filter's rows (on the search's own connection): not read, so
	 * not held */
	asked = 0;
	store_idle_begin(fx.st, key_now, &asked);
	ck_assert(!store_search_prime(fx.st, &q));
	ck_assert_int_eq(asked, 1);
	ck_assert(store_gave_way(fx.st));
	store_idle_end(fx.st);
	ck_assert_int_eq(store_list_count(fx.st, &q), minors);
	ck_assert(store_search_prime(fx.st, &q));     /* read now */
	ck_assert(!store_search_prime(fx.st, &q));    /* held */
}
END_TEST

/* Under a filter, in orders whose index lacks the filter's column, the
 * walks test the filter's rows as bits (read by store_search_prime) on
 * each index entry: the pages, both ways, and the ranks are those SQL
 * gives, and the bits are really what the walk asks. */
START_TEST(test_filter_bits_walk_like_sql)
{
	static const struct {
		const char *filter, *where;
	} cases[] = {
		{ "nat=SYR", "WHERE nationality = 'SYR'" },
		{ "stage=removal_centre", "WHERE stage = 'removal_centre'" },
		{ "age=minor", "WHERE birth_hi > julianday('" TODAY "', '-18 years') - 2440587.5" },
		{ "sex=F flags=interpreter", "WHERE sex = 'F' AND interpreter_needed = 1" },
	};
	static const int order_at[] = { 3, 4, 6, 8 };   /* sex, born, stage, deadline */
	char err[256];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct list_query q = { .sort = SORT_SEX };
		struct match_set *m;
		struct list_row rows[16];
		uint64_t *kept;
		bool exact;
		int n;

		q.filter.today = day_today();
		ck_assert_int_eq(list_filter_parse(cases[i].filter, &q.filter, err, sizeof err), ST_OK);
		ck_assert(store_search_prime(fx.st, &q));
		for (size_t o = 0; o < sizeof order_at / sizeof order_at[0]; o++) {
			char *want = reference(cases[i].where, orders[order_at[o]].asc);
			char *fwd, *bwd;

			q.sort = orders[order_at[o]].sort;
			fwd = walk(&q, 7, false);
			bwd = walk(&q, 7, true);
			ck_assert_msg(strcmp(fwd, want) == 0, "%s by %s forward", cases[i].filter,
			              list_sort_word(q.sort));
			ck_assert_msg(strcmp(bwd, want) == 0, "%s by %s backward", cases[i].filter,
			              list_sort_word(q.sort));
			n = store_list_page(fx.st, &q, NULL, false, 16, rows);
			for (int k = 0; k < n; k++)
				ck_assert_int_eq(store_list_rank(fx.st, &q, &rows[k], &exact), k + 1);
			list_rows_clear(rows, n);
			free(want);
			free(fwd);
			free(bwd);
		}
		/* the walk asks the bits: with them cleared, nothing passes */
		m = fx.st->search ? &fx.st->search->filtered : &fx.st->filtered;
		kept = malloc(m->nwords * sizeof *kept);
		memcpy(kept, m->bits, m->nwords * sizeof *kept);
		memset(m->bits, 0, m->nwords * sizeof *kept);
		q.sort = SORT_SEX;
		ck_assert_int_eq(store_list_page(fx.st, &q, NULL, false, 16, rows), 0);
		memcpy(m->bits, kept, m->nwords * sizeof *kept);
		free(kept);
	}
}
END_TEST

START_TEST(test_deadline_pages)
{
	struct deadline_row rows[7], last = { 0 };
	int32_t today = day_today();
	char *want, got[1 << 16] = "";
	size_t at = 0;
	bool have = false;
	long n = 0;
	{
		sqlite3 *db;
		sqlite3_stmt *s;
		size_t wat = 0;
		char sql[512];

		want = calloc(1, 1 << 16);
		snprintf(sql, sizeof sql, "SELECT person_id || ':' || clock FROM deadline"
		         " WHERE status IN ('open', 'overdue') AND due <= %d AND lapses > %d"
		         " ORDER BY due, person_id, clock", today + 30, today);
		ck_assert_int_eq(sqlite3_open(fx.path, &db), SQLITE_OK);
		ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW)
			wat += (size_t)sprintf(want + wat, "%s ", sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
		sqlite3_close(db);
	}
	ck_assert_msg(strlen(want) > 0, "the fixture has open deadlines");
	for (;;) {
		int got_n = store_deadline_page(fx.st, today, 30, false, have ? &last : NULL, false, 7, rows);

		ck_assert_int_ge(got_n, 0);
		if (got_n == 0)
			break;
		for (int i = 0; i < got_n; i++)
			at += (size_t)sprintf(got + at, "%lld:%s ", (long long)rows[i].person_id,
			                      rows[i].clock);
		n += got_n;
		if (have)
			deadline_rows_clear(&last, 1);
		last = rows[got_n - 1];
		memset(&rows[got_n - 1], 0, sizeof rows[0]);
		deadline_rows_clear(rows, got_n - 1);
		have = true;
	}
	if (have)
		deadline_rows_clear(&last, 1);
	ck_assert_str_eq(got, want);
	ck_assert_int_eq(store_deadline_count(fx.st, today, 30, false), n);
	free(want);
}
END_TEST

/* The name order under a nationality filter walks that nationality's
 * rows only (person_nat_name, migration 11): it used to walk the whole
 * name index for the few rows of one nationality that match. */
START_TEST(test_search_walks_one_nationality)
{
	struct list_query q = { .sort = SORT_NAME };
	struct list_row r = { 0 }, r2 = { 0 };
	char err[256];
	bool wrapped;
	long syr = 0, all = 0;
	sqlite3 *db;
	sqlite3_stmt *s;

	/* both name keys: each has its nationality index */
	name_order(_i);
	q.filter.today = day_today();
	ck_assert_int_eq(list_filter_parse("nat=SYR", &q.filter, err, sizeof err), ST_OK);
	ck_assert_int_eq(sqlite3_open_v2(fx.path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT count(*), sum(nationality = 'SYR')"
	                                    " FROM person", -1, &s, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	all = sqlite3_column_int64(s, 0);
	syr = sqlite3_column_int64(s, 1);
	sqlite3_finalize(s);
	sqlite3_close(db);
	ck_assert_int_gt(all, 4 * syr);
	/* a name no Syrian has: the matches meet the filter's rows first
	 * (the search connection's "both" set), none are left, nothing is
	 * walked (it used to walk every Syrian row) */
	plain_path(3);
	ck_assert_int_eq(store_search(fx.st, &q, "petrov", NULL, false, false, &r, &wrapped),
	                 ST_ERR_NOT_FOUND);
	ck_assert_ptr_nonnull(fx.st->search);
	ck_assert_int_gt(fx.st->search->plain.count, 0);
	ck_assert_int_eq(fx.st->search->both.count, 0);
	ck_assert_int_eq(fx.st->search->both.walked, 0);
	/* the bits walked to the end: a prefix some Syrians have, from past
	 * the last of them */
	ck_assert_int_eq(store_search(fx.st, &q, "a", NULL, true, false, &r, &wrapped), ST_OK);
	ck_assert_int_eq(store_search(fx.st, &q, "a", &r, false, false, &r2, &wrapped), ST_OK);
	list_rows_clear(&r, 1);
	list_rows_clear(&r2, 1);
	plain_path(0);
	ck_assert_int_gt(fx.st->search->both.count, 0);
	ck_assert_int_gt(fx.st->search->both.walked, 0);
	ck_assert_msg(fx.st->search->both.walked <= syr + 1,
	              "walked %ld rows; %ld are Syrian, %ld in all",
	              fx.st->search->both.walked, syr, all);
}
END_TEST

/* --- a search that gives way (store_set_search_poll) ---------------------
 * Over the suite's database: a poll that answers "a key waits" from its
 * n-th question on. */
struct poll_count {
	int asked, yes_from;
};

static bool
poll_after(void *ctx)
{
	struct poll_count *p = ctx;

	return ++p->asked >= p->yes_from;
}

/* A key already waiting: the search gives up before it reads anything;
 * a key that comes while it runs: it stops in the middle (the progress
 * handler asks). Either way nothing is found, nothing is kept, and the
 * next search (no key waiting) finds what a search from scratch finds;
 * the list reads as before. */
START_TEST(test_search_gives_way)
{
	struct list_query q = { .sort = SORT_NAME };
	struct list_row want = { 0 }, got = { 0 }, page[3];
	struct poll_count p = { 0, 1 };
	bool wrapped;

	q.filter.today = day_today();
	ck_assert_int_eq(store_search(fx.st, &q, "a", NULL, false, false, &want, &wrapped), ST_OK);
	list_rows_clear(&want, 1);
	ck_assert_int_eq(store_search(fx.st, &q, "ay", NULL, false, false, &want, &wrapped), ST_OK);
	store_close(&fx.st);
	setup();

	/* waiting before it starts: asked once, nothing read */
	store_set_search_poll(fx.st, poll_after, &p);
	ck_assert_int_eq(store_search(fx.st, &q, "a", NULL, false, false, &got, &wrapped),
	                 ST_INTERRUPTED);
	ck_assert_int_eq(p.asked, 1);
	ck_assert_ptr_null(got.case_no);
	ck_assert_ptr_null(fx.st->search);
	/* a key comes while it runs: "no" when it starts, "yes" at the
	 * progress handler's first question */
	p.asked = 0;
	p.yes_from = 2;
	ck_assert_int_eq(store_search(fx.st, &q, "a", NULL, false, false, &got, &wrapped),
	                 ST_INTERRUPTED);
	ck_assert_int_eq(p.asked, 2);
	ck_assert_ptr_null(got.case_no);
	ck_assert_ptr_null(fx.st->search->memo.folded);   /* nothing kept */
	/* the list's own connection was left alone */
	ck_assert_int_eq(store_list_page(fx.st, &q, NULL, false, 3, page), 3);
	list_rows_clear(page, 3);
	/* the next keystroke: "ay" as if "a" had never been searched */
	store_set_search_poll(fx.st, NULL, NULL);
	ck_assert_int_eq(store_search(fx.st, &q, "ay", NULL, false, false, &got, &wrapped), ST_OK);
	ck_assert_str_eq(got.case_no, want.case_no);
	list_rows_clear(&got, 1);
	list_rows_clear(&want, 1);
}
END_TEST

/* The search's connection sees what the list's commits, at once: a
 * person added after a search is found by the same search again (its
 * kept match set is read again), and inside a write transaction the
 * search runs on the writer's connection (it sees the uncommitted row).
 * Its own small database: the suite's stays as the other tests know it. */
START_TEST(test_search_sees_commits)
{
	struct list_query q = { .sort = SORT_CASE };
	struct list_row got = { 0 };
	struct load_error lerr = { 0 };
	struct person_in a = { .case_no = "ZW-1", .family_name = "Wqxvolt", .given_names = "Ada" };
	struct person_in b = { .case_no = "ZW-2", .family_name = "Wqxvamp", .given_names = "Bo" };
	struct person_in c = { .case_no = "ZW-3", .family_name = "Olsen", .given_names = "Cy" };
	struct store *w;
	struct loader *l;
	char own[320], err[512], cmd[1100];
	bool wrapped;

	snprintf(own, sizeof own, "%s/commits.db", fx.dir);
	ck_assert_int_eq(store_open(own, STORE_CREATE, &w, err, sizeof err), ST_OK);
	store_set_rules(w, fx.rules);
	q.filter.today = day_today();
	ck_assert_int_eq(store_tx_begin(w), ST_OK);
	l = loader_new(w, LOADER_AUDIT_SUMMARY);
	ck_assert_int_eq(loader_person(l, &c, &lerr), ST_OK);
	ck_assert_int_eq(loader_finish(l, "test", "test", NULL, &lerr), ST_OK);
	loader_free(&l);
	ck_assert_int_eq(store_tx_commit(w), ST_OK);
	ck_assert_int_eq(store_search(w, &q, "wqxv", NULL, false, false, &got, &wrapped),
	                 ST_ERR_NOT_FOUND);
	ck_assert_ptr_nonnull(w->search);
	ck_assert_int_eq(store_tx_begin(w), ST_OK);
	l = loader_new(w, LOADER_AUDIT_SUMMARY);
	ck_assert_int_eq(loader_person(l, &a, &lerr), ST_OK);
	ck_assert_int_eq(loader_finish(l, "test", "test", NULL, &lerr), ST_OK);
	loader_free(&l);
	ck_assert_int_eq(store_tx_commit(w), ST_OK);
	ck_assert_int_eq(store_search(w, &q, "wqxv", NULL, false, false, &got, &wrapped), ST_OK);
	ck_assert_str_eq(got.case_no, "ZW-1");
	list_rows_clear(&got, 1);
	/* inside the writer's transaction */
	ck_assert_int_eq(store_tx_begin(w), ST_OK);
	l = loader_new(w, LOADER_AUDIT_SUMMARY);
	ck_assert_int_eq(loader_person(l, &b, &lerr), ST_OK);
	ck_assert_int_eq(loader_finish(l, "test", "test", NULL, &lerr), ST_OK);
	loader_free(&l);
	ck_assert_int_eq(store_search(w, &q, "wqxva", NULL, false, false, &got, &wrapped), ST_OK);
	ck_assert_str_eq(got.case_no, "ZW-2");
	list_rows_clear(&got, 1);
	store_tx_rollback(w);
	ck_assert_int_eq(store_search(w, &q, "wqxva", NULL, false, false, &got, &wrapped),
	                 ST_ERR_NOT_FOUND);
	store_close(&w);
	snprintf(cmd, sizeof cmd, "rm -f '%s' '%s-wal' '%s-shm'", own, own, own);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* The filter's bits are read on the search's connection: a commit made
 * since (on the list's) makes them stale, and the walks then go without
 * them rather than miss the new row. */
START_TEST(test_filter_bits_see_commits)
{
	struct list_query q = { .sort = SORT_SEX };
	struct load_error lerr = { 0 };
	struct person_in a = { .case_no = "FB-1", .family_name = "Aaa", .sex = "M",
	                       .nationality = "SYR" };
	struct person_in b = { .case_no = "FB-2", .family_name = "Bbb", .sex = "F",
	                       .nationality = "SYR" };
	struct person_in c = { .case_no = "FB-3", .family_name = "Ccc", .sex = "F",
	                       .nationality = "IRQ" };
	struct list_row rows[4];
	struct store *w;
	struct loader *l;
	char own[320], err[512], cmd[1100];
	bool exact;
	int n;

	snprintf(own, sizeof own, "%s/bits.db", fx.dir);
	ck_assert_int_eq(store_open(own, STORE_CREATE, &w, err, sizeof err), ST_OK);
	store_set_rules(w, fx.rules);
	q.filter.today = day_today();
	ck_assert_int_eq(list_filter_parse("nat=SYR", &q.filter, err, sizeof err), ST_OK);
	ck_assert_int_eq(store_tx_begin(w), ST_OK);
	l = loader_new(w, LOADER_AUDIT_SUMMARY);
	ck_assert_int_eq(loader_person(l, &a, &lerr), ST_OK);
	ck_assert_int_eq(loader_person(l, &c, &lerr), ST_OK);
	ck_assert_int_eq(loader_finish(l, "test", "test", NULL, &lerr), ST_OK);
	loader_free(&l);
	ck_assert_int_eq(store_tx_commit(w), ST_OK);
	ck_assert(store_search_prime(w, &q));
	ck_assert_int_eq(store_tx_begin(w), ST_OK);
	l = loader_new(w, LOADER_AUDIT_SUMMARY);
	ck_assert_int_eq(loader_person(l, &b, &lerr), ST_OK);
	ck_assert_int_eq(loader_finish(l, "test", "test", NULL, &lerr), ST_OK);
	loader_free(&l);
	/* inside the transaction: its row, which the bits have not seen */
	n = store_list_page(w, &q, NULL, false, 4, rows);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(rows[0].case_no, "FB-2");
	ck_assert_int_eq(store_list_rank(w, &q, &rows[1], &exact), 2);
	list_rows_clear(rows, n);
	ck_assert_int_eq(store_tx_commit(w), ST_OK);
	n = store_list_page(w, &q, NULL, false, 4, rows);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(rows[0].case_no, "FB-2");
	ck_assert_str_eq(rows[1].case_no, "FB-1");
	ck_assert_int_eq(store_list_rank(w, &q, &rows[1], &exact), 2);
	list_rows_clear(rows, n);
	/* read again, they hold the new row */
	ck_assert(store_search_prime(w, &q));
	n = store_list_page(w, &q, NULL, false, 4, rows);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(rows[0].case_no, "FB-2");
	list_rows_clear(rows, n);
	store_close(&w);
	snprintf(cmd, sizeof cmd, "rm -f '%s' '%s-wal' '%s-shm'", own, own, own);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* --- one meaning of "overdue" --------------------------------------------- */

static char ov_dir[256], ov_path[300];
static struct store *ov;

/* Four removal notifications, derived on TODAY (2026-11-23):
 *   OV-1 notified in 2026-11 (month only): due between 11-09 and 12-07,
 *        so open (its earliest due day has passed, not its last day);
 *   OV-2 notified 2026-11-02: due 11-09, overdue; lapses 12-10;
 *   OV-3 notified 2026-09-01: due 09-08, lapsed 10-09;
 *   OV-4 notified 2026-10-14: due 10-21, lapsed 11-21. */
static void
ov_build(void)
{
	static const struct { const char *case_no, *date; } who[] = {
		{ "OV-1", "2026-11" }, { "OV-2", "2026-11-02" },
		{ "OV-3", "2026-09-01" }, { "OV-4", "2026-10-14" },
	};
	struct load_error lerr = { 0 };
	struct loader *l;
	char err[512];

	snprintf(ov_dir, sizeof ov_dir, "/tmp/casepath-overdue.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(ov_dir));
	snprintf(ov_path, sizeof ov_path, "%s/o.db", ov_dir);
	setenv("CASEPATH_TODAY", TODAY, 1);
	if (!fx.rules)
		fx.rules = ruleset_load(TESTS_DIR "/../assets/rules/tr.rules", err, sizeof err);
	ck_assert_msg(fx.rules != NULL, "%s", err);
	ck_assert_int_eq(store_open(ov_path, STORE_CREATE, &ov, err, sizeof err), ST_OK);
	store_set_rules(ov, fx.rules);
	ck_assert_int_eq(store_tx_begin(ov), ST_OK);
	l = loader_new(ov, LOADER_AUDIT_SUMMARY);
	for (size_t i = 0; i < sizeof who / sizeof who[0]; i++) {
		struct person_in p = { .case_no = who[i].case_no, .family_name = "Overdue",
		                       .birth_date = "1990", .nationality = "UZB" };
		struct event_in e = { .case_no = who[i].case_no, .date = who[i].date,
		                      .kind = "removal_notified" };

		ck_assert_int_eq(loader_person(l, &p, &lerr), ST_OK);
		ck_assert_int_eq(loader_event(l, &e, &lerr), ST_OK);
	}
	ck_assert_int_eq(loader_finish(l, "test", "test", NULL, &lerr), ST_OK);
	loader_free(&l);
	ck_assert_int_eq(store_tx_commit(ov), ST_OK);
}

static void
ov_remove(void)
{
	char cmd[400];

	store_close(&ov);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", ov_dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* The case numbers the list's flags=overdue selects on today. */
static void
ov_list(int32_t today, char *buf, size_t len)
{
	struct list_query q = { .sort = SORT_CASE };
	struct list_row rows[8] = { { 0 } };
	size_t at = 0;
	int n;

	q.filter.today = today;
	q.filter.flags = LF_OVERDUE;
	n = store_list_page(ov, &q, NULL, false, 8, rows);
	ck_assert_int_ge(n, 0);
	buf[0] = '\0';
	for (int i = 0; i < n; i++)
		at += (size_t)snprintf(buf + at, len - at, "%s%s%s", i ? " " : "",
		                       rows[i].case_no, rows[i].overdue_after < today ? "!" : "");
	list_rows_clear(rows, n);
}

/* The deadline view's rows on today: case and overdue (!) or lapsed (~). */
static void
ov_view(int32_t today, bool lapsed, char *buf, size_t len)
{
	struct deadline_row rows[8] = { { 0 } };
	size_t at = 0;
	int n = store_deadline_page(ov, today, 30, lapsed, NULL, false, 8, rows);

	ck_assert_int_ge(n, 0);
	ck_assert_int_eq(store_deadline_count(ov, today, 30, lapsed), n);
	buf[0] = '\0';
	for (int i = 0; i < n; i++)
		at += (size_t)snprintf(buf + at, len - at, "%s%s%s", i ? " " : "",
		                       rows[i].case_no, rows[i].lapsed ? "~" :
		                       rows[i].overdue ? "!" : "");
	deadline_rows_clear(rows, n);
}

static int
ov_cli_row(void *ctx, const char *const *f, size_t n)
{
	char *buf = ctx;
	size_t at = strlen(buf);

	(void)n;
	snprintf(buf + at, 256 - at, "%s%s:%s", at ? " " : "", f[0], f[4]);
	return 0;
}

/* flags=overdue, the list's marker, the deadline view and `casepath
 * deadlines` agree on the legal meaning: the last permissible day has
 * passed and the clock has not lapsed. Before, the list took the
 * earliest due day, so OV-1 (notified "2026-11") was overdue in the
 * list and not in the deadline view. */
START_TEST(test_overdue_means_one_thing)
{
	int32_t today = day_today(), later = today + 20;
	char buf[256];

	ov_list(today, buf, sizeof buf);
	ck_assert_str_eq(buf, "OV-2!");
	ov_view(today, false, buf, sizeof buf);
	ck_assert_str_eq(buf, "OV-1 OV-2!");
	ov_view(today, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "OV-3~ OV-4~ OV-1 OV-2!");
	buf[0] = '\0';
	ck_assert_int_eq(store_deadlines(ov, today, -1, 0, ov_cli_row, buf), ST_OK);
	ck_assert_str_eq(buf, "OV-1:open OV-2:overdue");
	buf[0] = '\0';
	ck_assert_int_eq(store_deadlines(ov, today, -1, DEADLINES_LAPSED, ov_cli_row, buf),
	                 ST_OK);
	ck_assert_str_eq(buf, "OV-3:lapsed OV-4:lapsed OV-1:open OV-2:overdue");
	/* 20 days on, with nothing derived again: OV-2's window lapsed on
	 * 12-10 (its grace ended), OV-1's last day 12-07 has passed */
	ov_list(later, buf, sizeof buf);
	ck_assert_str_eq(buf, "OV-1!");
	ov_view(later, false, buf, sizeof buf);
	ck_assert_str_eq(buf, "OV-1!");
	ov_view(later, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "OV-3~ OV-4~ OV-1! OV-2~");
	buf[0] = '\0';
	ck_assert_int_eq(store_deadlines(ov, later, -1, DEADLINES_LAPSED, ov_cli_row, buf),
	                 ST_OK);
	ck_assert_str_eq(buf, "OV-3:lapsed OV-4:lapsed OV-1:overdue OV-2:lapsed");
}
END_TEST

Suite *
suite_store_list(void)
{
	Suite *s = suite_create("store_list");
	TCase *tc = tcase_create("list");
	int norders = (int)(sizeof orders / sizeof orders[0]);

	tcase_add_unchecked_fixture(tc, build_db, remove_db);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_every_order_pages_like_order_by, 0, norders);
	tcase_add_loop_test(tc, test_every_order_is_a_seek, 0, norders);
	tcase_add_test(tc, test_filters_count_like_sql);
	tcase_add_test(tc, test_filter_errors_name_the_word);
	tcase_add_loop_test(tc, test_search_folds, 0, 2);
	tcase_add_loop_test(tc, test_search_next_wraps, 0, 2);
	tcase_add_loop_test(tc, test_search_like_reference, 0, 2 * (SORT_COUNT + 1));
	tcase_add_loop_test(tc, test_search_walks_one_nationality, 0, 2);
	tcase_add_loop_test(tc, test_similar_finds, 0, 3);
	tcase_add_loop_test(tc, test_similar_wraps, 0, 3);
	tcase_add_loop_test(tc, test_similar_like_reference, 0,
	                    (int)(sizeof similar_queries / sizeof similar_queries[0]) * 3);
	tcase_add_test(tc, test_similar_why);
	tcase_add_loop_test(tc, test_rank_is_the_position, 0, 2);
	tcase_add_loop_test(tc, test_turkish_name_order, 0, 2);
	tcase_add_test(tc, test_deadline_pages);
	tcase_add_test(tc, test_filter_bits_walk_like_sql);
	tcase_add_test(tc, test_idle_work_gives_way);
	suite_add_tcase(s, tc);
	/* its own case, to run alone: CK_RUN_CASE=search_cancel */
	tc = tcase_create("search_cancel");
	tcase_add_unchecked_fixture(tc, build_db, remove_db);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_search_gives_way);
	tcase_add_test(tc, test_search_sees_commits);
	tcase_add_test(tc, test_filter_bits_see_commits);
	suite_add_tcase(s, tc);
	tc = tcase_create("overdue");
	tcase_add_unchecked_fixture(tc, ov_build, ov_remove);
	tcase_add_test(tc, test_overdue_means_one_thing);
	suite_add_tcase(s, tc);
	return s;
}
