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

#include "casepath/date.h"
#include "casepath/rules.h"
#include "casepath/store.h"
#include "casepath/store_edit.h"
#include "casepath/store_sweep.h"
#include "casepath/store_view.h"
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

/* A person born BIRTH with one event KIND on DATE. */
static void
add_with_event(const char *case_no, const char *birth, const char *kind,
               const char *date)
{
	struct person_in p = { .case_no = case_no, .family_name = "Aydın",
	                       .given_names = "Elif", .sex = "F", .birth_date = birth,
	                       .nationality = "SYR" };
	struct event_in e = { .case_no = case_no, .date = date, .kind = kind };
	struct load_error err;
	int64_t id;

	ck_assert_msg(store_person_add(fx.st, &p, &id, &err) == ST_OK, "%s", err.reason);
	ck_assert_msg(store_event_add(fx.st, &e, NULL, &id, &err) == ST_OK, "%s",
	              err.reason);
}

/* The deadline view's first page as of $CASEPATH_TODAY, as "clock
 * when" lines, "!" after an overdue one. */
static const char *
deadline_page(char *buf, size_t len)
{
	struct deadline_row rows[16];
	int32_t today = day_today();
	int n = store_deadline_page(fx.st, today, 400, false, NULL, false, 16, rows);
	size_t at = 0;

	ck_assert_int_ge(n, 0);
	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		char day[16];

		at += (size_t)snprintf(buf + at, len - at, "%s%s %s%s", i ? ", " : "",
		                       rows[i].clock, day_format(rows[i].due, day, sizeof day),
		                       rows[i].overdue ? "!" : "");
	}
	deadline_rows_clear(rows, n);
	return buf;
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

/* The rolling reminders are swept as the lapsing windows are: derived
 * a month and more before, a monthly review showed "overdue" (no event
 * records a review held, so it could never be met) and a majority clock
 * stayed "overdue" after the eighteenth birthday. Now a stale one
 * leaves the deadline view at once and the sweep derives it again. */
START_TEST(test_rolling_reminders_swept)
{
	char page[1024];

	add_with_event("TR-1", "1990", "removal_centre_admission", "2026-11-01");
	add_with_event("TR-2", "2008-12-20", "camp_admission", "2019-05-01");
	ck_assert_str_eq(deadline_page(page, sizeof page),
	                 "detention_review 2026-12-01, majority 2026-12-20,"
	                 " admin_detention_initial 2027-05-01,"
	                 " admin_detention_max 2027-11-01");
	store_close(&fx.st);
	setenv("CASEPATH_TODAY", AFTER_LAPSE, 1);
	fixture_reopen(&fx, 0);
	/* before the sweep: neither stale reminder is shown, let alone
	 * as overdue */
	ck_assert_str_eq(deadline_page(page, sizeof page),
	                 "admin_detention_initial 2027-05-01,"
	                 " admin_detention_max 2027-11-01");
	/* nor in the person's record: stale, not lapsed (a reminder never
	 * lapses; the detail and timeline show it nowhere until the sweep) */
	{
		struct person_detail d = { 0 };
		int stale = 0, lapsed = 0;

		ck_assert_int_eq(store_person_head(fx.st, store_person_id(fx.st, "TR-1"), &d),
		                 ST_OK);
		for (size_t i = 0; i < d.ndeadlines; i++) {
			stale += person_deadline_stale(&d.deadlines[i], day_today());
			lapsed += person_deadline_lapsed(&d.deadlines[i], day_today());
		}
		ck_assert_int_eq(stale, 1);
		ck_assert_int_eq(lapsed, 0);
		person_detail_clear(&d);
	}
	ck_assert(store_sweep_due(fx.st));
	ck_assert_int_eq(run(REDERIVE_LAPSED, 10), 2);
	/* after it: the next review is due; the adult has no clock */
	ck_assert_str_eq(deadline_page(page, sizeof page),
	                 "detention_review 2027-02-01, admin_detention_initial 2027-05-01,"
	                 " admin_detention_max 2027-11-01");
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM deadline"
	                 " WHERE clock = 'majority'"), 0);
	ck_assert_str_eq(fixture_text(&fx, "SELECT group_concat(json_extract(after,"
	                 " '$.clocks'), '|') FROM audit WHERE tbl = 'deadline'"),
	                 "{\"+open\":1,\"-open\":2}");
	fixture_verify(&fx);
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
	tcase_add_test(tc, test_rolling_reminders_swept);
	suite_add_tcase(s, tc);
	return s;
}
