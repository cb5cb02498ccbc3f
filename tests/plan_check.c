/* plan_check.c: every query the list, its filters, the searches, the
 * deadline view and the audit view run is a seek, never a scan of a
 * whole table nor a sort of every row it selects (DESIGN.md 6, issue 5).
 * Usage: casepath-plan DB   (tests/plan_test.sh makes a 200,000-person
 * database and runs it in make check.)
 *
 * It does the work as the program does it, through the store's own
 * functions on each of their paths, while sqlite3_trace_v2 records the
 * text of every statement that runs; then it asks EXPLAIN QUERY PLAN of
 * each. The plans are the ones users get: the database is made by the
 * program and never analysed (the program runs no ANALYZE). A statement
 * fails when its plan
 * - reads a table row by row without an index ("SCAN person"),
 * - walks a whole index without a LIMIT to stop it,
 * - or sorts what it selects ("USE TEMP B-TREE FOR ORDER BY"),
 * unless it is on the short list below, each with why. */
#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/date.h"
#include "casepath/store.h"
#include "casepath/rules.h"
#include "casepath/store_history.h"
#include "casepath/store_sweep.h"
#include "casepath/store_view.h"
#include "../src/store_internal.h"

#define MAX_SQL 4096

static char *seen[MAX_SQL];
static size_t nseen;

static int
trace(unsigned type, void *ctx, void *p, void *x)
{
	const char *sql = sqlite3_sql(p);

	(void)type;
	(void)ctx;
	(void)x;
	if (!sql || strncmp(sql, "--", 2) == 0)
		return 0;
	for (size_t i = 0; i < nseen; i++)
		if (strcmp(seen[i], sql) == 0)
			return 0;
	if (nseen < MAX_SQL)
		seen[nseen++] = strdup(sql);
	return 0;
}

/* Statements allowed to read more than they return, and why. */
static const struct {
	const char *sql_part, *why;
} allowed[] = {
	{ "SELECT count(*) FROM person",
	  "the list's count under a filter no index answers (flags, age): idle"
	  " work after the first paint, never a keystroke's" },
	{ "SELECT EXISTS (SELECT 1 FROM person",
	  "whether a filter selects anyone: stops at the first row" },
	{ "PRAGMA", "not a query" },
	{ "SELECT id FROM person WHERE 1",
	  "the rows a filter selects, for the search under it (store_search_prime):"
	  " idle work once a filter and data version, never a keystroke's" },
};

static const char *
allowed_why(const char *sql)
{
	for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
		if (strncmp(sql, allowed[i].sql_part, strlen(allowed[i].sql_part)) == 0)
			return allowed[i].why;
	return NULL;
}

/* Whether a plan line is a whole-table read or a sort; limit: the
 * statement stops after a few rows (a keyset walk); count: it counts
 * rows (a count reads each counted entry, so it must find all it needs
 * in the index: a row read per entry made the deadline view's count
 * 3.4 s at a million persons). */
static const char *
bad_line(const char *d, bool limit, bool rowid_walk, bool count)
{
	static const char *const tables[] = {
		"person", "event", "deadline", "audit", "access_log", "relation",
		"person_alias", "identity_document", "person_language", "review_mark",
		"person_name_fts_content", "p", "d", "e", "a", "r", "w", "c",
	};

	if (strstr(d, "USE TEMP B-TREE FOR ORDER BY") || strstr(d, "USE TEMP B-TREE FOR RIGHT PART"))
		return "sorts every row it selects";
	if (count && !limit && strncmp(d, "SEARCH ", 7) == 0 && strstr(d, " USING INDEX "))
		return "reads a row for every entry it counts";
	if (strncmp(d, "SCAN ", 5) != 0 || strstr(d, "VIRTUAL TABLE"))
		return NULL;
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		size_t n = strlen(tables[i]);

		if (strncmp(d + 5, tables[i], n) != 0 || (d[5 + n] && d[5 + n] != ' '))
			continue;
		/* the audit trail and access log, newest first: a walk of the
		 * table in seq (its rowid) order that LIMIT stops */
		if (!strstr(d, " USING ") && !(limit && rowid_walk))
			return "reads a whole table";
		if (!limit)
			return "walks a whole index";
	}
	return NULL;
}

/* Whether a statement walks from a list row's key (:c, its case number;
 * not a lookup of one case). */
static bool
keyset_on_case(const char *sql)
{
	for (const char *p = strstr(sql, ":c"); p; p = strstr(p + 2, ":c"))
		if (!isalnum((unsigned char)p[2]) && p[2] != '_')
			return !strstr(sql, "case_no = :c");
	return false;
}

static int
check_plans(sqlite3 *db)
{
	int bad = 0;

	for (size_t i = 0; i < nseen; i++) {
		char *sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", seen[i]);
		char plan[4096];
		size_t at = 0;
		const char *why = NULL, *allow = allowed_why(seen[i]);
		bool limit = strstr(seen[i], "LIMIT") != NULL;
		bool count = strncmp(seen[i], "SELECT count(*) FROM", 20) == 0;
		bool rowid_walk = strstr(seen[i], "ORDER BY seq") ||
		                  strstr(seen[i], "ORDER BY a.seq");
		sqlite3_stmt *s;

		plan[0] = '\0';
		if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
			/* several statements in one text (schema scripts): not queries */
			sqlite3_free(sql);
			continue;
		}
		while (sqlite3_step(s) == SQLITE_ROW) {
			const char *d = (const char *)sqlite3_column_text(s, 3);
			const char *w = d ? bad_line(d, limit, rowid_walk, count) : NULL;
			int n = snprintf(plan + at, sizeof plan - at, "    %s\n", d ? d : "");

			if (n > 0 && (size_t)n < sizeof plan - at)
				at += (size_t)n;
			if (w && !why)
				why = w;
		}
		sqlite3_finalize(s);
		sqlite3_free(sql);
		/* the deadline view's page passes over lapsed windows: its keys
		 * must come from the index alone (deadline has no rowid, so a
		 * column the index lacks costs a row read per entry passed) */
		if (!why && strstr(seen[i], "INDEXED BY deadline_open_due") &&
		    !strstr(plan, "COVERING INDEX deadline_open_due"))
			why = "reads the row of every clock it passes over";
		/* a keyset walk from a row seeks to that row: one bounded on its
		 * order's value alone seeks to the value's first row and passes
		 * over every row tied with it (half a million in the sex order
		 * at a million persons, 50 to 400 ms a page) */
		if (!why && keyset_on_case(seen[i]) &&
		    !strstr(plan, "case_no>?") && !strstr(plan, "case_no<?"))
			why = "passes over the rows tied with its key";
		if (!why && strstr(seen[i], "(:due, :pid, :clock)") &&
		    !strstr(plan, "(due,person_id,clock)"))
			why = "passes over the clocks of its key's day";
		if (why && !allow) {
			printf("FAIL (%s): %s\n%s", why, seen[i], plan);
			bad++;
		} else if (getenv("PLAN_VERBOSE")) {
			printf("%s%s%s\n%s", why ? "allowed: " : "ok: ", seen[i],
			       why ? "" : "", plan);
		}
	}
	return bad;
}

static const char *const filters[] = {
	"", "stage=removal_centre", "stage=prison", "nat=SYR", "nat=TUR", "sex=F",
	"age=minor", "age=adult", "flags=overdue", "flags=unaccompanied",
	"flags=barred", "flags=interpreter", "within=7", "within=60",
	"stage=removal_centre nat=SYR sex=M age=adult",
	"nat=IRQ flags=overdue within=30",
};

/* A search's statements differ by order and filter, not by the text:
 * a few texts on each path, under the filters searched the most. */
static const char *const searches[] = {
	"m", "muhammad", "محمد", "zzqqxx", "~muhammad", "~muhamnad",
};
static const char *const search_filters[] = {
	"", "nat=SYR", "stage=removal_centre nat=SYR sex=M age=adult", "flags=overdue",
};

/* The search's paths (store_internal.h): default; names walked, then
 * bits walked; bits walked until a spent budget, then fetched. */
static void
path(struct store *st, int way)
{
	st->search_few = way ? 1 : 0;
	st->search_text_walk = way == 2 ? 1 : 0;
	st->search_budget = way == 2 ? 1 : 0;
}

static void
exercise_list(struct store *st, const struct list_query *q, bool search)
{
	struct list_row rows[8] = { { 0 } }, one = { 0 };
	int got;
	bool exact, wrapped;

	/* the count does not depend on the order: once a filter */
	if (q->sort == 0 && !q->descending) {
		(void)store_list_count(st, q);
		(void)store_list_any(st, q);
	}
	got = store_list_page(st, q, NULL, false, 8, rows);
	if (got <= 0)
		return;
	/* the rank near the top (deeper it counts more rows, same plan) */
	(void)store_list_rank(st, q, &rows[0], &exact);
	(void)store_list_page(st, q, &rows[got - 1], false, 8, rows + 0);
	list_rows_clear(rows, 8);
	got = store_list_page(st, q, NULL, true, 8, rows);
	if (got <= 0)
		return;
	if (store_list_row(st, q, rows[0].case_no, 0, &one) == ST_OK)
		list_rows_clear(&one, 1);
	if (store_list_row(st, q, NULL, rows[0].id, &one) == ST_OK)
		list_rows_clear(&one, 1);
	(void)store_list_page(st, q, &rows[got - 1], true, 8, rows + 0);
	for (size_t i = 0; search && i < sizeof searches / sizeof searches[0]; i++)
		for (int way = 0; way < 3; way++) {
			path(st, way);
			for (int dir = 0; dir < 2; dir++) {
				store_search_forget(st->search ? st->search : st);
				if (store_search(st, q, searches[i], dir ? &rows[0] : NULL, dir, dir,
				                 &one, &wrapped) == ST_OK)
					list_rows_clear(&one, 1);
			}
		}
	path(st, 0);
	list_rows_clear(rows, 8);
}

int
main(int argc, char **argv)
{
	char err[512];
	struct store *st;
	int bad;

	if (argc != 2) {
		fprintf(stderr, "usage: casepath-plan DB\n");
		return 2;
	}
	if (store_open(argv[1], STORE_READONLY, &st, err, sizeof err) != ST_OK) {
		fprintf(stderr, "casepath-plan: %s\n", err);
		return 2;
	}
	sqlite3_trace_v2(st->db, SQLITE_TRACE_STMT, trace, NULL);
	/* the searches run on their own connection: its statements too */
	if (store_search_conn(st) != st)
		sqlite3_trace_v2(st->search->db, SQLITE_TRACE_STMT, trace, NULL);
	/* past the orders: the name order in the Turkish alphabet (--lang tr) */
	for (int sort = 0; sort <= SORT_COUNT; sort++)
		for (int desc = 0; desc < 2; desc++)
			for (size_t f = 0; f < sizeof filters / sizeof filters[0]; f++) {
				struct list_query q = { .sort = sort < SORT_COUNT ?
				                                (enum list_sort)sort : SORT_NAME,
				                        .descending = desc };

				store_set_name_order(st, sort < SORT_COUNT ? NAME_ORDER_FOLDED
				                                           : NAME_ORDER_TR);

				q.filter.today = day_today();
				if (list_filter_parse(filters[f], &q.filter, err, sizeof err) != ST_OK) {
					fprintf(stderr, "casepath-plan: %s\n", err);
					return 2;
				}
				bool search = false;

				for (size_t k = 0; k < sizeof search_filters / sizeof search_filters[0]; k++)
					search |= strcmp(filters[f], search_filters[k]) == 0;
				exercise_list(st, &q, search);
			}
	/* the deadline view: first page, next, back; lapsed clocks shown or not */
	for (int k = 0; k < 4; k++) {
		int within = k % 2 ? 365 : 0;
		bool lapsed = k >= 2;
		struct deadline_row d[8] = { { 0 } };
		int got;


		(void)store_deadline_count(st, day_today(), within, lapsed);
		got = store_deadline_page(st, day_today(), within, lapsed, NULL, false, 8, d);
		if (got > 0) {
			struct deadline_row last = { 0 };

			deadline_row_copy(&last, &d[got - 1]);
			deadline_rows_clear(d, got);
			got = store_deadline_page(st, day_today(), within, lapsed, &last, false, 8, d);
			deadline_rows_clear(d, got > 0 ? got : 0);
			got = store_deadline_page(st, day_today(), within, lapsed, &last, true, 8, d);
			deadline_rows_clear(d, got > 0 ? got : 0);
			deadline_rows_clear(&last, 1);
		}
		got = store_deadline_page(st, day_today(), within, lapsed, NULL, true, 8, d);
		deadline_rows_clear(d, got > 0 ? got : 0);
	}
	/* the audit view and the access log, unfiltered and by each field */
	{
		static const char *const hf[] = {
			"", "user=demo", "since=2026-01-01", "until=2026-06-30", "overrides",
			"person=TR-2026-000100",
		};

		for (size_t i = 0; i < sizeof hf / sizeof hf[0]; i++) {
			struct history_filter f = { 0 };
			struct audit_row a[8] = { { 0 } };
			struct access_row x[8] = { { 0 } };
			int got;

			if (history_filter_parse(hf[i], &f, err, sizeof err) != ST_OK)
				continue;
			got = store_audit_page(st, &f, NULL, false, 8, a);
			if (got > 0) {
				struct audit_row last = { 0 };

				audit_row_copy(&last, &a[got - 1]);
				audit_rows_clear(a, got);
				got = store_audit_page(st, &f, &last, false, 8, a);
				audit_rows_clear(a, got > 0 ? got : 0);
				got = store_audit_page(st, &f, &last, true, 8, a);
				audit_rows_clear(a, got > 0 ? got : 0);
				audit_rows_clear(&last, 1);
			}
			got = store_access_page(st, &f, NULL, false, 8, x);
			access_rows_clear(x, got > 0 ? got : 0);
		}
	}
	sqlite3_trace_v2(st->db, 0, NULL, NULL);
	/* on the search's connection when there is one: the walks' test
	 * functions (casepath_in_set, ...) are registered there */
	if (st->search)
		sqlite3_trace_v2(st->search->db, 0, NULL, NULL);
	/* the lapse sweep and the whole pass (store_sweep.h), a batch each,
	 * on a writable connection of their own, as of a day when windows
	 * have lapsed: how they find their persons, read them and write */
	{
		struct ruleset *rs = ruleset_load_default(err, sizeof err);
		struct store *w = NULL;
		const char *today = getenv("CASEPATH_TODAY");
		char *kept = today ? strdup(today) : NULL;

		if (!rs || store_open(argv[1], 0, &w, err, sizeof err) != ST_OK) {
			fprintf(stderr, "casepath-plan: %s\n", err);
			return 2;
		}
		store_set_rules(w, rs);
		sqlite3_trace_v2(w->db, SQLITE_TRACE_STMT, trace, NULL);
		setenv("CASEPATH_TODAY", "2028-01-01", 1);
		for (int mode = 0; mode < 2; mode++) {
			struct rederive *r = store_rederive_new(w, (enum rederive_mode)mode);
			bool done = false;

			(void)store_rederive_total(r);
			for (int k = 0; k < 2 && !done; k++)
				if (store_rederive_step(r, 64, true, &done) != ST_OK) {
					fprintf(stderr, "casepath-plan: %s\n", store_errmsg(w));
					return 2;
				}
			store_rederive_free(&r);
		}
		(void)store_sweep_due(w);
		if (kept)
			setenv("CASEPATH_TODAY", kept, 1);
		free(kept);
		sqlite3_trace_v2(w->db, 0, NULL, NULL);
		store_close(&w);
		ruleset_free(&rs);
	}
	bad = check_plans(st->search ? st->search->db : st->db);
	printf("%zu statements, %d with a bad plan\n", nseen, bad);
	store_close(&st);
	return bad ? 1 : 0;
}
