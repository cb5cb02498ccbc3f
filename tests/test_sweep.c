/* test_sweep.c: deriving stored persons again (store_sweep.h): a
 * challenge window whose lapse day passes while the database is closed
 * is swept at the next open, audited, once a day; a kill between
 * batches leaves a consistent database that a rerun finishes; a whole
 * pass carries on where it stopped; a pass that changes nothing writes
 * nothing. */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "casepath/rules.h"
#include "casepath/store.h"
#include "casepath/store_edit.h"
#include "casepath/store_sweep.h"
#include "casepath/util.h"
#include "fixture.h"

Suite *suite_sweep(void);

static struct fixture fx;

/* tr.rules: a window notified on 2026-11-20 closes on 2026-11-27 and
 * lapses 30 days later, from 2026-12-28 */
#define AFTER_LAPSE "2027-01-15"

static void
setup(void)
{
	fixture_open(&fx, "sweep", "t.db");
}

static void
teardown(void)
{
	fixture_remove(&fx);
}

/* A person with a removal notified on 2026-11-20: an open window. */
static void
add_notified(const char *case_no)
{
	struct person_in p = { .case_no = case_no, .family_name = "Demir",
	                       .given_names = "Ali", .sex = "M", .birth_date = "1990",
	                       .nationality = "SYR" };
	struct event_in e = { .case_no = case_no, .date = "2026-11-20",
	                      .kind = "removal_notified" };
	struct load_error err;
	int64_t id;

	ck_assert_msg(store_person_add(fx.st, &p, &id, &err) == ST_OK, "%s", err.reason);
	ck_assert_msg(store_event_add(fx.st, &e, NULL, &id, &err) == ST_OK, "%s",
	              err.reason);
}

static long long
open_windows(void)
{
	return fixture_int(&fx, "SELECT count(*) FROM deadline WHERE"
	                   " clock = 'challenge_window' AND status IN ('open', 'overdue')");
}

static long long
sweep_records(void)
{
	return fixture_int(&fx, "SELECT count(*) FROM audit WHERE tbl = 'deadline'"
	                   " AND action = 'derive'");
}

/* Runs a job to its end in batches of max; returns its counts' changed. */
static long
run(enum rederive_mode mode, long max)
{
	struct rederive *r = store_rederive_new(fx.st, mode);
	bool done = false;
	long changed;

	ck_assert_ptr_nonnull(r);
	while (!done)
		ck_assert_msg(store_rederive_step(r, max, true, &done) == ST_OK, "%s",
		              store_errmsg(fx.st));
	changed = store_rederive_counts(r)->changed;
	store_rederive_free(&r);
	return changed;
}

START_TEST(test_lapse_swept_at_next_open)
{
	add_notified("TR-1");
	ck_assert_int_eq(open_windows(), 1);
	ck_assert(store_sweep_due(fx.st));
	/* today nothing has lapsed: the sweep reads nobody, writes no audit
	 * record, and keeps the day */
	ck_assert_int_eq(run(REDERIVE_LAPSED, 10), 0);
	ck_assert_int_eq(sweep_records(), 0);
	ck_assert(!store_sweep_due(fx.st));
	ck_assert_str_eq(fixture_text(&fx, "SELECT value FROM meta WHERE"
	                 " key = 'lapse_sweep_day'"), FIXTURE_TODAY);

	/* the database is closed while the window's lapse day passes */
	store_close(&fx.st);
	setenv("CASEPATH_TODAY", AFTER_LAPSE, 1);
	fixture_reopen(&fx, 0);
	ck_assert(store_sweep_due(fx.st));
	ck_assert_int_eq(run(REDERIVE_LAPSED, 10), 1);
	ck_assert_int_eq(open_windows(), 0);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM deadline WHERE"
	                 " clock = 'challenge_window' AND status = 'lapsed'"), 1);
	/* the person's next due day no longer names the lapsed window */
	ck_assert_str_ne(fixture_text(&fx, "SELECT next_clock FROM person"),
	                 "challenge_window");
	/* one audit record says what and why */
	ck_assert_int_eq(sweep_records(), 1);
	ck_assert_str_eq(fixture_text(&fx, "SELECT json_extract(after, '$.why') || ' '"
	                 " || json_extract(after, '$.as_of') || ' '"
	                 " || json_extract(after, '$.changed') || ' '"
	                 " || json_extract(after, '$.clocks') FROM audit"
	                 " WHERE tbl = 'deadline'"),
	                 "lapsed " AFTER_LAPSE " 1 {\"open>lapsed\":1}");
	fixture_verify(&fx);

	/* a second open the same day does nothing */
	store_close(&fx.st);
	fixture_reopen(&fx, 0);
	ck_assert(!store_sweep_due(fx.st));
	ck_assert_int_eq(run(REDERIVE_LAPSED, 10), 0);
	ck_assert_int_eq(sweep_records(), 1);

	/* a read-only open never sweeps */
	store_close(&fx.st);
	setenv("CASEPATH_TODAY", "2027-02-01", 1);
	fixture_reopen(&fx, STORE_READONLY);
	ck_assert(!store_sweep_due(fx.st));
}
END_TEST

/* A kill -9 between batches: the batches before it are kept whole, the
 * database verifies, and a rerun finishes the job. */
START_TEST(test_kill_between_batches)
{
	pid_t pid;
	int status;

	add_notified("TR-1");
	add_notified("TR-2");
	add_notified("TR-3");
	store_close(&fx.st);
	setenv("CASEPATH_TODAY", AFTER_LAPSE, 1);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct rederive *r;
		bool done = false;

		fixture_reopen(&fx, 0);
		r = store_rederive_new(fx.st, REDERIVE_LAPSED);
		if (!r || store_rederive_step(r, 1, true, &done) != ST_OK || done)
			_exit(1);
		raise(SIGKILL);
		_exit(2);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	fixture_reopen(&fx, 0);
	fixture_verify(&fx);
	ck_assert_int_eq(open_windows(), 2);
	ck_assert_int_eq(sweep_records(), 1);
	/* each person is whole: a lapsed window goes with its person's
	 * next due day moved off it */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person WHERE"
	                 " next_clock = 'challenge_window'"), 2);
	ck_assert(store_sweep_due(fx.st));
	ck_assert_int_eq(run(REDERIVE_LAPSED, 1), 2);
	ck_assert_int_eq(open_windows(), 0);
	ck_assert_int_eq(sweep_records(), 3);
	ck_assert(!store_sweep_due(fx.st));
	fixture_verify(&fx);
}
END_TEST

/* The whole pass keeps where it got to and carries on from there the
 * same day under the same rules; a pass that changes nothing writes
 * nothing. */
START_TEST(test_all_resumes)
{
	struct rederive *r;
	bool done = false;
	long long audits;

	add_notified("TR-1");
	add_notified("TR-2");
	add_notified("TR-3");
	/* current already: nothing changes, nothing is written */
	audits = fixture_int(&fx, "SELECT count(*) FROM audit");
	ck_assert_int_eq(run(REDERIVE_ALL, 2), 0);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit"), audits);

	store_close(&fx.st);
	setenv("CASEPATH_TODAY", AFTER_LAPSE, 1);
	fixture_reopen(&fx, 0);
	r = store_rederive_new(fx.st, REDERIVE_ALL);
	ck_assert_int_eq(store_rederive_resumed(r), 0);
	ck_assert_int_eq(store_rederive_step(r, 1, true, &done), ST_OK);
	ck_assert(!done);
	store_rederive_free(&r);
	store_close(&fx.st);

	fixture_reopen(&fx, 0);
	r = store_rederive_new(fx.st, REDERIVE_ALL);
	ck_assert_int_eq(store_rederive_resumed(r),
	                 fixture_int(&fx, "SELECT id FROM person WHERE case_no = 'TR-1'"));
	ck_assert_int_eq(store_rederive_total(r), 2);
	while (!done)
		ck_assert_int_eq(store_rederive_step(r, 1, true, &done), ST_OK);
	ck_assert_int_eq(store_rederive_counts(r)->persons, 2);
	store_rederive_free(&r);
	ck_assert_int_eq(open_windows(), 0);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM meta WHERE"
	                 " key = 'rederive_all'"), 0);
	/* a whole pass lapses what a sweep would: the day is swept */
	ck_assert(!store_sweep_due(fx.st));
	fixture_verify(&fx);
}
END_TEST

/* The rules file changes (a longer grace period): the whole pass moves
 * each window's lapse day, writes only those rows, and a second pass
 * finds the stored rows equal to the rules' (nothing to write). */
START_TEST(test_rules_change)
{
	char err[256], *text, *at;
	size_t len;
	struct ruleset *longer;
	long long due, lapses;

	add_notified("TR-1");
	add_notified("TR-2");
	due = fixture_int(&fx, "SELECT due_latest FROM deadline WHERE"
	                  " clock = 'challenge_window' LIMIT 1");
	lapses = fixture_int(&fx, "SELECT lapses FROM deadline WHERE"
	                     " clock = 'challenge_window' LIMIT 1");
	ck_assert_int_eq(lapses, due + 31);
	text = read_whole_file(TESTS_DIR "/../assets/rules/tr.rules", &len);
	ck_assert_ptr_nonnull(text);
	at = strstr(text, "grace=30d");
	ck_assert_ptr_nonnull(at);
	memcpy(at, "grace=60d", 9);
	longer = ruleset_parse(text, "tr-60.rules", err, sizeof err);
	free(text);
	ck_assert_msg(longer != NULL, "%s", err);
	store_set_rules(fx.st, longer);
	/* stopped after its first person: it carries on under the same
	 * text only (the rules' title is the same: their digest is not) */
	{
		struct rederive *r = store_rederive_new(fx.st, REDERIVE_ALL);
		bool done;

		ck_assert_int_eq(store_rederive_step(r, 1, true, &done), ST_OK);
		store_rederive_free(&r);
		store_set_rules(fx.st, fx.rules);
		r = store_rederive_new(fx.st, REDERIVE_ALL);
		ck_assert_int_eq(store_rederive_resumed(r), 0);
		store_rederive_free(&r);
		store_set_rules(fx.st, longer);
		r = store_rederive_new(fx.st, REDERIVE_ALL);
		ck_assert_int_ne(store_rederive_resumed(r), 0);
		store_rederive_free(&r);
	}
	ck_assert_int_eq(run(REDERIVE_ALL, 1), 1);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM deadline WHERE"
	                 " clock = 'challenge_window' AND lapses = due_latest + 61"), 2);
	ck_assert_str_eq(fixture_text(&fx, "SELECT group_concat(json_extract(after,"
	                 " '$.rules') || ' ' || json_extract(after, '$.clocks'), '|')"
	                 " FROM audit WHERE tbl = 'deadline'"),
	                 "Türkiye {\"open>open\":1}|Türkiye {\"open>open\":1}");
	ck_assert_int_eq(run(REDERIVE_ALL, 10), 0);
	fixture_verify(&fx);
	store_set_rules(fx.st, fx.rules);
	ruleset_free(&longer);
}
END_TEST

Suite *
suite_sweep(void)
{
	Suite *s = suite_create("sweep");
	TCase *tc = tcase_create("sweep");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_lapse_swept_at_next_open);
	tcase_add_test(tc, test_kill_between_batches);
	tcase_add_test(tc, test_all_resumes);
	tcase_add_test(tc, test_rules_change);
	suite_add_tcase(s, tc);
	return s;
}
