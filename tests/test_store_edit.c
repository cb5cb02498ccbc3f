/* test_store_edit.c: single edits (store_edit.h): each one transaction,
 * validated like an import, audited with before and after, refused
 * when stale, re-deriving deadlines and gated by the guardrails. Each
 * test gets a fresh database file in its own temporary directory and
 * inspects it with sqlite3 directly. */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casepath/rules.h"
#include "casepath/store.h"
#include "casepath/store_edit.h"
#include "fixture.h"

Suite *suite_store_edit(void);

static struct fixture fx;

static void
setup(void)
{
	fixture_open(&fx, "edit", "t.db");
}

static void
teardown(void)
{
	fixture_remove(&fx);
}

/* Reopens the store as another role. */
static void
become(const char *role)
{
	char err[256], sql[128];

	store_close(&fx.st);
	snprintf(sql, sizeof sql, "UPDATE app_user SET role = '%s'", role);
	fixture_exec(&fx, sql);
	ck_assert_int_eq(store_open(fx.path, 0, &fx.st, err, sizeof err), ST_OK);
	store_set_rules(fx.st, fx.rules);
	ck_assert_str_eq(store_role(fx.st), role);
}

static const struct person_in mother = {
	.case_no = "TR-1", .family_name = "Qarzelani", .given_names = "Amina",
	.native_name = "قرزلاني", .aliases = "Umm Yusuf (self); Amina K",
	.sex = "F", .birth_date = "1991-04", .nationality = "TUN",
	.languages = "ar-maghrebi;fr", .interpreter_needed = "yes",
};
static const struct person_in child = {
	.case_no = "TR-2", .family_name = "Qarzelani", .given_names = "Yusuf",
	.sex = "M", .birth_date = "~2016", .nationality = "TUN",
};

static int64_t
add_person(const struct person_in *p)
{
	struct load_error err;
	int64_t id = 0;

	ck_assert_msg(store_person_add(fx.st, p, &id, &err) == ST_OK, "%s", err.reason);
	ck_assert_int_gt(id, 0);
	return id;
}

static int64_t
add_event(const char *case_no, const char *date, const char *kind)
{
	struct event_in e = { .case_no = case_no, .date = date, .kind = kind };
	struct load_error err;
	int64_t id = 0;

	ck_assert_msg(store_event_add(fx.st, &e, NULL, &id, &err) == ST_OK, "%s",
	              err.reason);
	ck_assert_int_gt(id, 0);
	return id;
}

START_TEST(test_person_add)
{
	char sql[256];
	int64_t id;
	long long audit = fixture_int(&fx, "SELECT count(*) FROM audit");

	id = add_person(&mother);
	snprintf(sql, sizeof sql, "SELECT case_no || '|' || family_name || '|' ||"
	         " birth_date || '|' || nationality || '|' || interpreter_needed ||"
	         " '|' || name_key || '|' || version FROM person WHERE id = %lld",
	         (long long)id);
	ck_assert_str_eq(fixture_text(&fx, sql), "TR-1|Qarzelani|1991-04|TUN|1|qarzelani amina|1");
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person_alias"), 2);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person_language"), 2);
	snprintf(sql, sizeof sql, "SELECT rowid FROM person_name_fts WHERE"
	         " person_name_fts MATCH '\"qarzel\"*'");
	ck_assert_int_eq(fixture_int(&fx, sql), id);
	/* the row and the edit, audited */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit"), audit + 2);
	ck_assert_str_eq(fixture_text(&fx, "SELECT json_extract(after, '$.aliases') FROM audit"
	                          " WHERE tbl = 'person' AND action = 'insert'"),
	                 "Umm Yusuf (self);Amina K");
	ck_assert_str_eq(fixture_text(&fx, "SELECT json_extract(after, '$.origin') FROM audit"
	                          " WHERE tbl = 'load'"), "edit");
	fixture_verify(&fx);
	/* a bad value names its column and writes nothing */
	{
		struct person_in p = child;
		struct load_error err;

		p.nationality = "SY";
		ck_assert_int_eq(store_person_add(fx.st, &p, NULL, &err), ST_ERR_INPUT);
		ck_assert_str_eq(err.column, "nationality");
		ck_assert_int_eq(store_person_count(fx.st), 1);
		ck_assert_int_eq(store_person_add(fx.st, &mother, NULL, &err), ST_ERR_INPUT);
		ck_assert_str_eq(err.column, "case_no");
		ck_assert_ptr_nonnull(strstr(err.reason, "already used"));
		ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit"), audit + 2);
	}
}
END_TEST

START_TEST(test_person_update)
{
	struct person_in p = mother;
	struct load_error err;
	char sql[512], inserted[1024];
	int64_t id = add_person(&mother);
	long long audit;

	snprintf(inserted, sizeof inserted, "%s",
	         fixture_text(&fx, "SELECT after FROM audit WHERE tbl = 'person'"));
	audit = fixture_int(&fx, "SELECT count(*) FROM audit");
	p.family_name = "Dümelkaya";
	p.given_names = "Zehra";
	p.aliases = "Zehra D (self)";
	p.birth_date = "1990-02-03";
	ck_assert_msg(store_person_update(fx.st, id, 1, &p, &err) == ST_OK, "%s", err.reason);
	snprintf(sql, sizeof sql, "SELECT family_name || '|' || birth_date || '|' ||"
	         " birth_lo || '|' || name_key || '|' || version FROM person"
	         " WHERE id = %lld", (long long)id);
	ck_assert_str_eq(fixture_text(&fx, sql), "Dümelkaya|1990-02-03|7338|dumelkaya zehra|2");
	/* the lists rewritten, the search finds the new name, not the old */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person_alias"), 1);
	ck_assert_str_eq(fixture_text(&fx, "SELECT name || ' ' || type FROM person_alias"),
	                 "Zehra D self");
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person_language"), 2);
	ck_assert_int_eq(fixture_int(&fx, "SELECT rowid FROM person_name_fts WHERE"
	                         " person_name_fts MATCH '\"dumelkaya\"*'"), id);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person_name_fts WHERE"
	                         " person_name_fts MATCH '\"qarzelani\"*'"), 0);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person_name_fts"), 1);
	/* the name keys too: Zehra's, no more Amina's */
	ck_assert_int_eq(fixture_int(&fx, "SELECT rowid FROM person_namekey_fts WHERE"
	                         " person_namekey_fts MATCH 'zhra'"), id);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person_namekey_fts WHERE"
	                         " person_namekey_fts MATCH 'amna'"), 0);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person_namekey_fts"), 1);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM namekey_near WHERE"
	                         " dkey = 'zra' AND key = 'zhra'"), 1);
	/* one audit record, with the row before (in the insert's own shape)
	 * and after */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit"), audit + 1);
	snprintf(sql, sizeof sql, "SELECT before FROM audit WHERE tbl = 'person'"
	         " AND action = 'update' AND row_id = '%lld'", (long long)id);
	ck_assert_str_eq(fixture_text(&fx, sql), inserted);
	ck_assert_str_eq(fixture_text(&fx, "SELECT json_extract(after, '$.family_name') || '|' ||"
	                          " json_extract(after, '$.aliases') || '|' ||"
	                          " json_extract(after, '$.birth_date') || '|' ||"
	                          " json_extract(after, '$.languages') FROM audit"
	                          " WHERE action = 'update'"),
	                 "Dümelkaya|Zehra D (self)|1990-02-03|ar-maghrebi;fr");
	fixture_verify(&fx);
}
END_TEST

START_TEST(test_person_update_bad_value)
{
	struct person_in p = mother;
	struct load_error err;
	int64_t id = add_person(&mother);
	long long audit = fixture_int(&fx, "SELECT count(*) FROM audit");

	p.family_name = "Changed";
	p.birth_date = "1991-02-30";
	ck_assert_int_eq(store_person_update(fx.st, id, 1, &p, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "birth_date");
	ck_assert_ptr_nonnull(strstr(err.reason, "bad date"));
	p.birth_date = "2030";
	ck_assert_int_eq(store_person_update(fx.st, id, 1, &p, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "birth_date");
	ck_assert_ptr_nonnull(strstr(err.reason, "future"));
	p.birth_date = mother.birth_date;
	p.languages = "ar;zz";
	ck_assert_int_eq(store_person_update(fx.st, id, 1, &p, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "languages");
	/* another person's case number */
	add_person(&child);
	audit = fixture_int(&fx, "SELECT count(*) FROM audit");
	p = mother;
	p.case_no = "TR-2";
	ck_assert_int_eq(store_person_update(fx.st, id, 1, &p, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "case_no");
	ck_assert_ptr_nonnull(strstr(err.reason, "already used"));
	/* nothing changed */
	ck_assert_str_eq(fixture_text(&fx, "SELECT family_name || '|' || birth_date || '|' ||"
	                          " version FROM person WHERE case_no = 'TR-1'"),
	                 "Qarzelani|1991-04|1");
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person_alias"), 2);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit"), audit);
	fixture_verify(&fx);
}
END_TEST

START_TEST(test_person_update_stale)
{
	struct person_in p = mother;
	struct load_error err;
	int64_t id = add_person(&mother);
	long long audit;
	char want[128];

	p.given_names = "First";
	ck_assert_int_eq(store_person_update(fx.st, id, 1, &p, &err), ST_OK);
	audit = fixture_int(&fx, "SELECT count(*) FROM audit");
	/* a second screen still holding version 1 */
	p.given_names = "Second";
	ck_assert_int_eq(store_person_update(fx.st, id, 1, &p, &err), ST_ERR_STALE);
	snprintf(want, sizeof want, "changed by %s at ", store_login(fx.st));
	ck_assert_msg(strstr(err.reason, want) == err.reason, "%s", err.reason);
	ck_assert_ptr_nonnull(strstr(err.reason, "since you opened it"));
	ck_assert_ptr_nonnull(strstr(err.reason,
	                             fixture_text(&fx, "SELECT at FROM audit WHERE action = 'update'")));
	ck_assert_str_eq(fixture_text(&fx, "SELECT given_names || '|' || version FROM person"),
	                 "First|2");
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit"), audit);
	/* an unknown person */
	ck_assert_int_eq(store_person_update(fx.st, id + 1, 1, &p, &err), ST_ERR_NOT_FOUND);
	/* the version read back works */
	ck_assert_int_eq(store_person_update(fx.st, id, 2, &p, &err), ST_OK);
	ck_assert_str_eq(fixture_text(&fx, "SELECT given_names || '|' || version FROM person"),
	                 "Second|3");
	fixture_verify(&fx);
}
END_TEST

START_TEST(test_event_add_update_delete)
{
	struct event_in e = { .case_no = "TR-1", .date = "2026-11-20",
	                      .kind = "removal_notified", .note = "served" };
	struct load_error err;
	char sql[256];
	int64_t id;
	long long due;

	add_person(&mother);
	id = add_event("TR-1", "2026-11-20", "removal_notified");
	/* the challenge window opens: deadline row and the list's next due */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM deadline WHERE"
	                         " clock = 'challenge_window' AND status = 'open'"), 1);
	ck_assert_str_eq(fixture_text(&fx, "SELECT next_clock FROM person"), "challenge_window");
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit WHERE tbl = 'event'"
	                         " AND action = 'insert'"), 1);
	due = fixture_int(&fx, "SELECT due FROM deadline WHERE clock = 'challenge_window'");
	fixture_verify(&fx);

	/* update: a later notification moves the window */
	e.date = "2026-11-23";
	ck_assert_msg(store_event_update(fx.st, id, 1, &e, NULL, &err) == ST_OK, "%s",
	              err.reason);
	ck_assert_int_eq(fixture_int(&fx, "SELECT due FROM deadline WHERE"
	                         " clock = 'challenge_window'"), due + 3);
	snprintf(sql, sizeof sql, "SELECT date || '|' || note || '|' || version"
	         " FROM event WHERE id = %lld", (long long)id);
	ck_assert_str_eq(fixture_text(&fx, sql), "2026-11-23|served|2");
	ck_assert_str_eq(fixture_text(&fx, "SELECT json_extract(before, '$.date') || '|' ||"
	                          " json_extract(before, '$.case_no') || '|' ||"
	                          " json_extract(after, '$.date') || '|' ||"
	                          " json_extract(after, '$.note') FROM audit"
	                          " WHERE tbl = 'event' AND action = 'update'"),
	                 "2026-11-20|TR-1|2026-11-23|served");
	fixture_verify(&fx);

	/* stale: still holding version 1 */
	ck_assert_int_eq(store_event_delete(fx.st, id, 1, NULL, &err), ST_ERR_STALE);
	ck_assert_ptr_nonnull(strstr(err.reason, "changed by"));
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM event"), 1);

	/* delete: the window goes with it */
	ck_assert_msg(store_event_delete(fx.st, id, 2, NULL, &err) == ST_OK, "%s", err.reason);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM event"), 0);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM deadline"), 0);
	ck_assert_str_eq(fixture_text(&fx, "SELECT next_clock FROM person"), "");
	ck_assert_str_eq(fixture_text(&fx, "SELECT json_extract(before, '$.kind') ||"
	                          " coalesce(after, '|no after') FROM audit"
	                          " WHERE tbl = 'event' AND action = 'delete'"),
	                 "removal_notified|no after");
	ck_assert_int_eq(store_event_delete(fx.st, id, 2, NULL, &err), ST_ERR_NOT_FOUND);
	fixture_verify(&fx);
}
END_TEST

START_TEST(test_event_update_validation)
{
	struct event_in e = { .date = "2026-01-05", .kind = "hearing" };
	struct load_error err;
	int64_t id;
	long long audit;

	add_person(&mother);
	add_person(&child);
	id = add_event("TR-1", "2026-01-05", "hearing");
	audit = fixture_int(&fx, "SELECT count(*) FROM audit");
	e.kind = "teleport";
	ck_assert_int_eq(store_event_update(fx.st, id, 1, &e, NULL, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "kind");
	e.kind = "hearing", e.country = "ZZZ";
	ck_assert_int_eq(store_event_update(fx.st, id, 1, &e, NULL, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "country");
	e.country = NULL, e.date = "2026-12-01";
	ck_assert_int_eq(store_event_update(fx.st, id, 1, &e, NULL, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "date");
	ck_assert_ptr_nonnull(strstr(err.reason, "future"));
	e.date = "2026-02-30";
	ck_assert_int_eq(store_event_update(fx.st, id, 1, &e, NULL, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "date");
	e.date = "2026-01-06", e.duration = "6 months";
	ck_assert_int_eq(store_event_update(fx.st, id, 1, &e, NULL, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "duration");
	/* an event stays with its person */
	e.duration = NULL, e.case_no = "TR-2";
	ck_assert_int_eq(store_event_update(fx.st, id, 1, &e, NULL, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "case_no");
	e.case_no = "TR-404";
	ck_assert_int_eq(store_event_update(fx.st, id, 1, &e, NULL, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "case_no");
	ck_assert_str_eq(fixture_text(&fx, "SELECT date || '|' || kind || '|' || version"
	                          " FROM event"), "2026-01-05|hearing|1");
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit"), audit);
	/* the same values, well formed, pass (case number may be left out) */
	e.case_no = NULL;
	ck_assert_int_eq(store_event_update(fx.st, id, 1, &e, NULL, &err), ST_OK);
	ck_assert_str_eq(fixture_text(&fx, "SELECT date || '|' || version FROM event"),
	                 "2026-01-06|2");
	fixture_verify(&fx);
}
END_TEST

START_TEST(test_guardrail_refused)
{
	struct event_in e = { .case_no = "TR-1", .date = "2026-11-23", .kind = "deported" };
	struct load_error err;
	long long audit;
	int64_t hearing;

	add_person(&mother);
	add_event("TR-1", "2026-11-20", "removal_notified");
	hearing = add_event("TR-1", "2026-11-21", "hearing");
	audit = fixture_int(&fx, "SELECT count(*) FROM audit");
	/* G1: no removal while the challenge window is open */
	ck_assert_int_eq(store_event_add(fx.st, &e, NULL, NULL, &err), ST_ERR_INPUT);
	ck_assert_ptr_null(err.column);
	ck_assert_msg(strncmp(err.reason, "G1: no removal while the challenge window"
	                      " is open", 45) == 0, "%s", err.reason);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM event"), 2);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit"), audit);
	/* the same by changing an event into a removal */
	ck_assert_int_eq(store_event_update(fx.st, hearing, 1, &e, NULL, &err), ST_ERR_INPUT);
	ck_assert_ptr_null(err.column);
	ck_assert_ptr_nonnull(strstr(err.reason, "G1"));
	ck_assert_str_eq(fixture_text(&fx, "SELECT kind || '|' || version FROM event"
	                          " ORDER BY id DESC"), "hearing|1");
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit"), audit);
	/* a caseworker's override is refused */
	become("caseworker");
	ck_assert_int_eq(store_event_add(fx.st, &e, "court order", NULL, &err),
	                 ST_ERR_PERMISSION);
	ck_assert_ptr_nonnull(strstr(err.reason, "G1"));
	ck_assert_ptr_nonnull(strstr(err.reason, "only a supervisor can override"));
	ck_assert_int_eq(store_event_update(fx.st, hearing, 1, &e, "court order", &err),
	                 ST_ERR_PERMISSION);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM event"), 2);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit"), audit);
	fixture_verify(&fx);
}
END_TEST

START_TEST(test_guardrail_override)
{
	struct event_in e = { .case_no = "TR-1", .date = "2026-11-23", .kind = "deported" };
	struct load_error err;
	char sql[256];
	int64_t notified, deported = 0;

	add_person(&mother);
	notified = add_event("TR-1", "2026-11-20", "removal_notified");
	ck_assert_msg(store_event_add(fx.st, &e, "court order 12/2026", &deported, &err)
	              == ST_OK, "%s", err.reason);
	ck_assert_int_gt(deported, notified);
	snprintf(sql, sizeof sql, "SELECT kind || '|' || ref || '|' || outcome || '|' ||"
	         " note FROM event WHERE kind = 'override'");
	{
		char want[128];

		snprintf(want, sizeof want, "override|event %lld|G1|court order 12/2026",
		         (long long)deported);
		ck_assert_str_eq(fixture_text(&fx, sql), want);
	}
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit WHERE action = 'override'"), 1);
	ck_assert_str_eq(fixture_text(&fx, "SELECT stage FROM person"), "deported");
	fixture_verify(&fx);
	/* the passed guardrail stands: an edit elsewhere is not refused */
	{
		struct event_in n = { .date = "2026-11-20", .kind = "removal_notified",
		                      .note = "served in person" };

		ck_assert_msg(store_event_update(fx.st, notified, 1, &n, NULL, &err) == ST_OK,
		              "%s", err.reason);
	}
	/* but changing the overridden removal itself asks again */
	e.note = "by air";
	ck_assert_int_eq(store_event_update(fx.st, deported, 1, &e, NULL, &err), ST_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.reason, "G1"));
	ck_assert_int_eq(store_event_update(fx.st, deported, 1, &e, "court order 12/2026",
	                                    &err), ST_OK);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM event WHERE kind = 'override'"), 2);
	fixture_verify(&fx);
}
END_TEST

START_TEST(test_delete_breaks_guardrail)
{
	struct load_error err;
	int64_t decided;

	add_person(&mother);
	add_event("TR-1", "2026-10-01", "removal_notified");
	add_event("TR-1", "2026-10-05", "challenge_filed");
	decided = add_event("TR-1", "2026-10-20", "challenge_decided");
	add_event("TR-1", "2026-11-01", "deported");
	/* without the decision the challenge is pending again: G1 */
	ck_assert_int_eq(store_event_delete(fx.st, decided, 1, NULL, &err), ST_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.reason, "G1: no removal while a challenge is"
	                             " pending"));
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM event"), 4);
	ck_assert_int_eq(store_event_delete(fx.st, decided, 1, "entered twice", &err), ST_OK);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM event WHERE kind = 'override'"
	                         " AND outcome = 'G1' AND note = 'entered twice'"), 1);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM event WHERE kind ="
	                         " 'challenge_decided'"), 0);
	fixture_verify(&fx);
}
END_TEST

START_TEST(test_person_update_guardrail)
{
	struct person_in p = mother;
	struct load_error err;
	int64_t id = add_person(&mother);
	long long audit;

	add_event("TR-1", "2026-11-01", "deported");
	audit = fixture_int(&fx, "SELECT count(*) FROM audit");
	/* a Syrian national returns only voluntarily (G3): refused, and a
	 * person update has no override */
	p.nationality = "SYR";
	ck_assert_int_eq(store_person_update(fx.st, id, 1, &p, &err), ST_ERR_INPUT);
	ck_assert_ptr_null(err.column);
	ck_assert_ptr_nonnull(strstr(err.reason, "G3"));
	ck_assert_str_eq(fixture_text(&fx, "SELECT nationality || '|' || version FROM person"),
	                 "TUN|1");
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit"), audit);
	fixture_verify(&fx);
}
END_TEST

START_TEST(test_relation_add)
{
	struct relation_in r = { .case_no = "TR-2", .relation = "parent",
	                         .other_case_no = "TR-1", .verification = "documents" };
	struct load_error err;
	int64_t m = add_person(&mother), c = add_person(&child);
	char sql[256];

	ck_assert_msg(store_relation_add(fx.st, &r, &err) == ST_OK, "%s", err.reason);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM relation WHERE person_id = %lld"
	         " AND kind = 'child' AND other_id = %lld AND verification = 'documents'",
	         (long long)m, (long long)c);
	ck_assert_int_eq(fixture_int(&fx, sql), 1);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit WHERE tbl = 'relation'"), 1);
	/* the same link from the other side is a duplicate */
	r.case_no = "TR-1", r.relation = "child", r.other_case_no = "TR-2";
	ck_assert_int_eq(store_relation_add(fx.st, &r, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "other_case_no");
	r.relation = "cousin";
	ck_assert_int_eq(store_relation_add(fx.st, &r, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "relation");
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM relation"), 1);
	fixture_verify(&fx);
}
END_TEST

START_TEST(test_review_marks)
{
	struct load_error err;
	int64_t a = add_person(&mother), b = add_person(&child);
	const char *session = "stage=removal_centre nat=SYR";

	ck_assert_int_eq(store_review_count(fx.st, session), 0);
	ck_assert_int_eq(store_review_is_marked(fx.st, session, a), 0);
	ck_assert_int_eq(store_review_mark(fx.st, session, a, "seen", &err), ST_OK);
	ck_assert_int_eq(store_review_is_marked(fx.st, session, a), 1);
	ck_assert_int_eq(store_review_is_marked(fx.st, session, b), 0);
	ck_assert_int_eq(store_review_is_marked(fx.st, "other", a), 0);
	ck_assert_int_eq(store_review_count(fx.st, session), 1);
	/* marked twice, still one person */
	ck_assert_int_eq(store_review_mark(fx.st, session, a, NULL, &err), ST_OK);
	ck_assert_int_eq(store_review_count(fx.st, session), 1);
	ck_assert_int_eq(store_review_mark(fx.st, session, b, "", &err), ST_OK);
	ck_assert_int_eq(store_review_count(fx.st, session), 2);
	ck_assert_int_eq(store_review_count(fx.st, "other"), 0);
	/* each mark audited, with who and when */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit WHERE tbl = 'review_mark'"
	                         " AND action = 'insert'"), 3);
	ck_assert_str_eq(fixture_text(&fx, "SELECT json_extract(after, '$.note') || '|' ||"
	                          " json_extract(after, '$.session') FROM audit"
	                          " WHERE tbl = 'review_mark' ORDER BY seq LIMIT 1"),
	                 "seen|stage=removal_centre nat=SYR");
	ck_assert_str_eq(fixture_text(&fx, "SELECT login FROM review_mark LIMIT 1"), store_login(fx.st));
	ck_assert_int_eq(store_review_mark(fx.st, session, b + 100, NULL, &err),
	                 ST_ERR_NOT_FOUND);
	ck_assert_int_eq(store_review_mark(fx.st, "", a, NULL, &err), ST_ERR_INPUT);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM review_mark"), 3);
	fixture_verify(&fx);
}
END_TEST

START_TEST(test_auditor_cannot_edit)
{
	struct person_in p = mother;
	struct event_in e = { .case_no = "TR-1", .date = "2026-01-05", .kind = "hearing" };
	struct relation_in r = { .case_no = "TR-1", .relation = "child",
	                         .other_case_no = "TR-2" };
	struct load_error err;
	int64_t id = add_person(&mother), ev = add_event("TR-1", "2026-01-04", "hearing");
	long long audit = fixture_int(&fx, "SELECT count(*) FROM audit");

	add_person(&child);
	audit = fixture_int(&fx, "SELECT count(*) FROM audit");
	become("auditor");
	p.case_no = "TR-9";
	ck_assert_int_eq(store_person_add(fx.st, &p, NULL, &err), ST_ERR_PERMISSION);
	ck_assert_ptr_nonnull(strstr(err.reason, "auditor"));
	ck_assert_int_eq(store_person_update(fx.st, id, 1, &p, &err), ST_ERR_PERMISSION);
	ck_assert_int_eq(store_event_add(fx.st, &e, NULL, NULL, &err), ST_ERR_PERMISSION);
	ck_assert_int_eq(store_event_update(fx.st, ev, 1, &e, NULL, &err), ST_ERR_PERMISSION);
	ck_assert_int_eq(store_event_delete(fx.st, ev, 1, NULL, &err), ST_ERR_PERMISSION);
	ck_assert_int_eq(store_relation_add(fx.st, &r, &err), ST_ERR_PERMISSION);
	ck_assert_int_eq(store_review_mark(fx.st, "s", id, NULL, &err), ST_ERR_PERMISSION);
	/* reading is still fine */
	ck_assert_int_eq(store_review_count(fx.st, "s"), 0);
	ck_assert_int_eq(store_person_count(fx.st), 2);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit"), audit);
	fixture_verify(&fx);
}
END_TEST

Suite *
suite_store_edit(void)
{
	Suite *s = suite_create("store_edit");
	TCase *tc = tcase_create("store_edit");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_person_add);
	tcase_add_test(tc, test_person_update);
	tcase_add_test(tc, test_person_update_bad_value);
	tcase_add_test(tc, test_person_update_stale);
	tcase_add_test(tc, test_event_add_update_delete);
	tcase_add_test(tc, test_event_update_validation);
	tcase_add_test(tc, test_guardrail_refused);
	tcase_add_test(tc, test_guardrail_override);
	tcase_add_test(tc, test_delete_breaks_guardrail);
	tcase_add_test(tc, test_person_update_guardrail);
	tcase_add_test(tc, test_relation_add);
	tcase_add_test(tc, test_review_marks);
	tcase_add_test(tc, test_auditor_cannot_edit);
	suite_add_tcase(s, tc);
	return s;
}
