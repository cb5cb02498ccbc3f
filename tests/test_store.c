/* test_store.c: the data layer: opening, migrations, the audit chain,
 * row validation, export order. Each test gets a fresh database file in
 * its own temporary directory. Tests may use sqlite3 directly to
 * inspect or tamper with a file; product code outside src/store*.c
 * may not. */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "casepath/rules.h"
#include "casepath/store.h"
#include "casepath/store_history.h"
#include "casepath/store_view.h"
#include "fixture.h"

Suite *suite_store(void);

/* records every new database starts with: schema v1, its creator, and
 * one a migration after the first */
#define BASE_AUDIT (store_schema_version() + 1)

static struct fixture fx;

static void
setup(void)
{
	fixture_open(&fx, "store", "sub/t.db");
}

static void
teardown(void)
{
	fixture_remove(&fx);
}

/* Runs sql and returns SQLite's result code. */
static int
sql_try(const char *sql)
{
	sqlite3 *db;
	int rc;

	ck_assert_int_eq(sqlite3_open(fx.path, &db), SQLITE_OK);
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc;
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

static void
load_family(enum loader_audit mode)
{
	struct loader *l;
	struct load_error err;
	struct event_in e = { .case_no = "TR-1", .date = "2019-10-29",
	                      .kind = "border_crossing", .country = "TUR" };
	struct relation_in r = { .case_no = "TR-2", .relation = "parent",
	                         .other_case_no = "TR-1",
	                         .verification = "dna_requested" };

	ck_assert_int_eq(store_tx_begin(fx.st), ST_OK);
	l = loader_new(fx.st, mode);
	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(loader_person(l, &mother, &err), ST_OK);
	ck_assert_int_eq(loader_person(l, &child, &err), ST_OK);
	ck_assert_int_eq(loader_event(l, &e, &err), ST_OK);
	ck_assert_int_eq(loader_relation(l, &r, &err), ST_OK);
	{
		struct load_error ferr;

		ck_assert_int_eq(loader_finish(l, "test", "unit", NULL, &ferr), ST_OK);
	}
	loader_free(&l);
	ck_assert_int_eq(store_tx_commit(fx.st), ST_OK);
}

/* The report's outcome query seeks the partial index event_outcome,
 * whose condition is ORs of equalities: an IN list of five made SQLite
 * build a temporary table at every single-row INSERT into event. */
START_TEST(test_outcome_index_cheap_and_used)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	char plan[512] = "";

	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM sqlite_schema WHERE name ="
	                         " 'event_outcome' AND sql LIKE '% IN %'"), 0);
	ck_assert_int_eq(sqlite3_open(fx.path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "EXPLAIN QUERY PLAN"
		" SELECT e.person_id, e.kind, e.date_lo FROM event e"
		" WHERE (kind = 'deported' OR kind = 'voluntary_return'"
		" OR kind = 'third_country_removal' OR kind = 'released_to_community'"
		" OR kind = 'absconded') AND e.date_lo >= 1 AND e.date_lo <= 2",
		-1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW)
		snprintf(plan + strlen(plan), sizeof plan - strlen(plan), "%s;",
		         (const char *)sqlite3_column_text(s, 3));
	sqlite3_finalize(s);
	sqlite3_close(db);
	ck_assert_msg(strstr(plan, "SEARCH e USING COVERING INDEX event_outcome"),
	              "%s", plan);
}
END_TEST

/* Persons first, then their events (two imports): the events' load
 * finds deadlines the persons alone gave (a minor's majority) but no
 * event, so it clears them and derives everyone in one pass; the
 * result equals one load of both. */
START_TEST(test_events_after_persons_one_pass)
{
	static const struct person_in minor = {
		.case_no = "TR-9", .family_name = "Demo", .given_names = "Minor",
		.sex = "M", .birth_date = "2015-02-03", .nationality = "SYR",
	};
	struct event_in e = { .case_no = "TR-9", .date = "2026-01-10",
	                      .kind = "police_custody", .country = "TUR" };
	struct loader *l;
	struct load_error err;
	long long before;

	ck_assert_int_eq(store_tx_begin(fx.st), ST_OK);
	ck_assert_ptr_nonnull(l = loader_new(fx.st, LOADER_AUDIT_IMPORT));
	ck_assert_int_eq(loader_person(l, &minor, &err), ST_OK);
	ck_assert_int_eq(loader_finish(l, "test", "persons", NULL, &err), ST_OK);
	loader_free(&l);
	ck_assert_int_eq(store_tx_commit(fx.st), ST_OK);
	before = fixture_int(&fx, "SELECT count(*) FROM deadline");
	ck_assert_int_ge(before, 1);

	ck_assert_int_eq(store_tx_begin(fx.st), ST_OK);
	ck_assert_ptr_nonnull(l = loader_new(fx.st, LOADER_AUDIT_IMPORT));
	ck_assert_int_eq(loader_event(l, &e, &err), ST_OK);
	ck_assert_int_eq(loader_finish(l, "test", "events", NULL, &err), ST_OK);
	/* the streaming pass does not count persons one by one */
	ck_assert_int_eq(loader_counts(l).derived, -1);
	loader_free(&l);
	ck_assert_int_eq(store_tx_commit(fx.st), ST_OK);
	/* the majority clock is there once, beside the event's own */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM deadline WHERE clock = 'majority'"),
	                 before);
	ck_assert_int_gt(fixture_int(&fx, "SELECT count(*) FROM deadline"), before);
	ck_assert_int_eq(fixture_int(&fx, "SELECT stage IS NOT NULL FROM person WHERE case_no = 'TR-9'"),
	                 1);
}
END_TEST

START_TEST(test_fresh_database)
{
	struct stat sb;
	char sub[320];

	ck_assert_int_eq(stat(fx.path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	snprintf(sub, sizeof sub, "%s/sub", fx.dir);
	ck_assert_int_eq(stat(sub, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0700);
	ck_assert_int_eq(fixture_int(&fx, "PRAGMA user_version"), store_schema_version());
	ck_assert_int_eq(fixture_int(&fx, "PRAGMA application_id"), 0x43415350);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM country WHERE code IN"
	                         " ('SYR','TUR','XXA','XXX')"), 4);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM language WHERE code IN"
	                         " ('ar','ru','tr','ug','ce','av')"), 6);
	ck_assert_int_ge(fixture_int(&fx, "SELECT count(*) FROM event_kind"), 50);
	/* the creator administers the database */
	ck_assert_str_eq(store_role(fx.st), "supervisor");
	/* schema creation, the creator and each migration come first */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit"), BASE_AUDIT);
}
END_TEST

START_TEST(test_pragmas)
{
	ck_assert_int_eq(fixture_int(&fx, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
	/* reopen and check the connection settings through the store */
	store_close(&fx.st);
	{
		char err[256];

		ck_assert_int_eq(store_open(fx.path, 0, &fx.st, err, sizeof err), ST_OK);
	store_set_rules(fx.st, fx.rules);
	}
}
END_TEST

START_TEST(test_reopen_is_idempotent)
{
	char err[256];

	load_family(LOADER_AUDIT_ROWS);
	store_close(&fx.st);
	ck_assert_int_eq(store_open(fx.path, 0, &fx.st, err, sizeof err), ST_OK);
	store_set_rules(fx.st, fx.rules);
	ck_assert_int_eq(store_person_count(fx.st), 2);
	ck_assert_int_eq(fixture_int(&fx, "PRAGMA user_version"), store_schema_version());
}
END_TEST

/* The deadline table as schemas 1 to 11 had it: status an IN list
 * without 'lapsed', no lapse day; and no person.overdue_after. */
#define DEADLINE_AS_SCHEMA_11 \
	"DROP INDEX deadline_lapsed_due;" \
	"CREATE TABLE deadline_old (" \
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE," \
	"  clock TEXT NOT NULL, due INTEGER NOT NULL, due_latest INTEGER NOT NULL," \
	"  status TEXT NOT NULL CHECK (status IN ('open','met','overdue','waived'))," \
	"  rule TEXT NOT NULL DEFAULT '', arithmetic TEXT NOT NULL DEFAULT ''," \
	"  PRIMARY KEY (person_id, clock, due)) WITHOUT ROWID;" \
	"INSERT INTO deadline_old SELECT person_id, clock, due, due_latest," \
	"  CASE status WHEN 'lapsed' THEN 'overdue' ELSE status END, rule, arithmetic" \
	"  FROM deadline;" \
	"DROP TABLE deadline; ALTER TABLE deadline_old RENAME TO deadline;" \
	"CREATE INDEX deadline_due ON deadline(due, person_id);" \
	"CREATE INDEX deadline_status_due ON deadline(status, due);" \
	"CREATE INDEX deadline_open_due ON deadline(due, person_id, clock)" \
	"  WHERE status IN ('open', 'overdue');" \
	"CREATE INDEX deadline_open_span ON deadline(due, due_latest, status)" \
	"  WHERE status IN ('open', 'overdue');" \
	"ALTER TABLE person DROP COLUMN overdue_after;"

/* Migration 16 gives the rolling reminders stored before it their lapse
 * day (the review's day + 1, the day of eighteen), so the sweep derives
 * them again; every other row keeps its own. */
START_TEST(test_migration_16_rolling_reminders)
{
	char err[256];

	load_family(LOADER_AUDIT_SUMMARY);
	store_close(&fx.st);
	fixture_exec(&fx, "INSERT INTO deadline(person_id, clock, due, due_latest, status,"
	             " rule, arithmetic, lapses) VALUES"
	             " (1, 'detention_review', 20000, 20000, 'open', 'K4-review', '', 2147483647),"
	             " (2, 'majority', 21000, 21364, 'open', 'CRC-1', '', 2147483647),"
	             " (2, 'detention_review', 19000, 19000, 'met', 'K4-review', '', 2147483647);"
	             "PRAGMA user_version = 15");
	ck_assert_msg(store_open(fx.path, 0, &fx.st, err, sizeof err) == ST_OK, "%s", err);
	store_set_rules(fx.st, fx.rules);
	ck_assert_int_eq(fixture_int(&fx, "PRAGMA user_version"), store_schema_version());
	ck_assert_int_eq(fixture_int(&fx, "SELECT lapses FROM deadline WHERE person_id = 1"
	                         " AND clock = 'detention_review'"), 20001);
	ck_assert_int_eq(fixture_int(&fx, "SELECT lapses FROM deadline WHERE person_id = 2"
	                         " AND clock = 'majority' AND due = 21000"), 21364);
	ck_assert_int_eq(fixture_int(&fx, "SELECT lapses FROM deadline WHERE person_id = 2"
	                         " AND clock = 'detention_review'"), 2147483647);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM deadline WHERE lapses < 2147483647"
	                         " AND clock NOT IN ('detention_review', 'majority',"
	                         " 'challenge_window')"), 0);
	fixture_verify(&fx);
}
END_TEST

/* Migration 12 rebuilds the deadline table: every row is kept as it
 * was, the new CHECK takes 'lapsed' (and still refuses a stranger),
 * the lapse day starts as "never" until the rules run again, and the
 * persons' overdue day is filled in from the open clocks. */
START_TEST(test_migration_12_keeps_deadlines)
{
	char err[256];
	char *before, *after;

	load_family(LOADER_AUDIT_SUMMARY);
	fixture_exec(&fx, "UPDATE deadline SET status = 'overdue', due_latest = 1000,"
	         " clock = 'challenge_window'"
	         " WHERE (person_id, clock, due) = (SELECT person_id, clock, due"
	         " FROM deadline ORDER BY person_id, clock, due LIMIT 1)");
	store_close(&fx.st);
	fixture_exec(&fx, DEADLINE_AS_SCHEMA_11 "PRAGMA user_version = 11");
	before = strdup(fixture_text(&fx, "SELECT group_concat(person_id || clock || due || due_latest"
	                  " || status || rule || arithmetic, '|') FROM (SELECT * FROM"
	                  " deadline ORDER BY person_id, clock, due)"));
	ck_assert_int_gt(fixture_int(&fx, "SELECT count(*) FROM deadline"), 0);
	ck_assert_msg(store_open(fx.path, 0, &fx.st, err, sizeof err) == ST_OK, "%s", err);
	store_set_rules(fx.st, fx.rules);
	ck_assert_int_eq(fixture_int(&fx, "PRAGMA user_version"), store_schema_version());
	after = strdup(fixture_text(&fx, "SELECT group_concat(person_id || clock || due || due_latest"
	                 " || status || rule || arithmetic, '|') FROM (SELECT * FROM"
	                 " deadline ORDER BY person_id, clock, due)"));
	ck_assert_str_eq(after, before);
	free(before);
	free(after);
	/* an unanswered challenge window lapses 30 days after its last day
	 * (tr.rules' grace) until the rules run again; nothing else lapses */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM deadline WHERE lapses <> CASE"
	                         " WHEN clock = 'challenge_window' AND status IN"
	                         " ('open', 'overdue') THEN due_latest + 31"
	                         " ELSE 2147483647 END"), 0);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM deadline WHERE lapses = 1031"), 1);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM deadline WHERE lapses < 2147483647"),
	                 fixture_int(&fx, "SELECT count(*) FROM deadline WHERE clock = 'challenge_window'"
	                         " AND status IN ('open', 'overdue')"));
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person WHERE overdue_after <>"
	                         " coalesce((SELECT min(due_latest) FROM deadline d WHERE"
	                         " d.person_id = person.id AND d.status IN ('open', 'overdue')),"
	                         " 2147483647)"), 0);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person WHERE overdue_after = 1000"), 1);
	/* the new CHECK, written as ORs */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM sqlite_schema WHERE name = 'deadline'"
	                         " AND sql LIKE '%status = ''lapsed''%'"), 1);
	fixture_exec(&fx, "UPDATE deadline SET status = 'lapsed' WHERE status = 'overdue'");
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM deadline WHERE status = 'lapsed'"), 1);
	ck_assert_int_ne(sql_try("UPDATE deadline SET status = 'gone'"), SQLITE_OK);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM sqlite_schema WHERE name IN"
	                         " ('deadline_open_due', 'deadline_open_span',"
	                         " 'deadline_lapsed_due', 'deadline_open_lapses')"), 4);
	/* migration 17 */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM sqlite_schema WHERE name IN"
	                         " ('deadline_due', 'deadline_status_due')"), 0);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
}
END_TEST

START_TEST(test_migrates_older_file_read_only)
{
	char err[256];

	load_family(LOADER_AUDIT_SUMMARY);
	store_close(&fx.st);
	/* a file as schema 2 left it */
	fixture_exec(&fx, DEADLINE_AS_SCHEMA_11);
	fixture_exec(&fx, "DROP INDEX person_name; DROP INDEX person_native;"
	         "DROP INDEX person_sex; DROP INDEX person_born; DROP INDEX person_nat;"
	         "DROP INDEX person_stage_key; DROP INDEX person_since;"
	         "DROP INDEX person_next_due; DROP TABLE review_mark;"
	         "DROP INDEX access_log_person; DROP INDEX audit_row;"
	         "DROP INDEX deadline_open_due; DROP INDEX audit_case;"
	         "DROP INDEX audit_login; DROP TABLE person_namekey_fts;"
	         "DROP TABLE namekey_near; DROP TABLE import_row;"
	         "DROP INDEX person_stage_since; DROP INDEX person_sex_birth;"
	         "DROP INDEX event_outcome; DROP INDEX event_assessment;"
	         "DROP INDEX event_dna_test; DROP INDEX deadline_open_span;"
	         "DROP INDEX person_nat_name; DROP INDEX person_nat_name_tr;"
	         "DROP INDEX person_merged; DROP TABLE person_merge;"
	         "DROP TABLE dup_dismissed; DROP TABLE dup_pair;"
	         "ALTER TABLE person DROP COLUMN merged_into;"
	         "DROP INDEX person_name_tr;"
	         "ALTER TABLE person DROP COLUMN name_key_tr;"
	         "ALTER TABLE person DROP COLUMN name_key;"
	         "ALTER TABLE person DROP COLUMN next_due;"
	         "ALTER TABLE person DROP COLUMN next_clock;"
	         "CREATE INDEX person_stage ON person(stage, case_no);"
	         "PRAGMA user_version = 2");
	ck_assert_msg(store_open(fx.path, STORE_READONLY, &fx.st, err, sizeof err) == ST_OK, "%s", err);
	ck_assert_int_eq(fixture_int(&fx, "PRAGMA user_version"), store_schema_version());
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM sqlite_schema WHERE name ="
	                         " 'person_name'"), 1);
	/* the new sort key is filled in for the rows already there */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person WHERE name_key = ''"), 0);
	/* and the Turkish one (migration 9), with its index */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person WHERE name_key_tr = ''"), 0);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM sqlite_schema WHERE name ="
	                         " 'person_name_tr'"), 1);
	/* the name index is rebuilt with six-character prefixes, aliases kept */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person_name_fts"),
	                 fixture_int(&fx, "SELECT count(*) FROM person"));
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person_name_fts WHERE"
	                         " person_name_fts MATCH '\"umm yusuf\"'"), 1);
	/* the similar search's keys, from the names and the aliases, and
	 * the keys near them */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person_namekey_fts"),
	                 fixture_int(&fx, "SELECT count(*) FROM person"));
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person_namekey_fts WHERE"
	                         " person_namekey_fts MATCH 'jsf'"), 2);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM namekey_near WHERE dkey = 'jf'"
	                         " AND key = 'jsf'"), 1);
	{
		struct list_query q = { .sort = SORT_CASE };
		struct list_row r = { 0 };
		bool wrapped;

		ck_assert_int_eq(store_search(fx.st, &q, "~karzelani amena", NULL, false,
		                              false, &r, &wrapped), ST_OK);
		ck_assert_str_eq(r.case_no, "TR-1");
		list_rows_clear(&r, 1);
	}
	/* and the user's command is still read-only */
	ck_assert_int_eq(store_tx_begin(fx.st), ST_ERR_PERMISSION);
}
END_TEST

START_TEST(test_refuses_others_files)
{
	char err[512], other[320];
	struct store *s2 = NULL;

	snprintf(other, sizeof other, "%s/other.db", fx.dir);
	{
		sqlite3 *db;

		ck_assert_int_eq(sqlite3_open(other, &db), SQLITE_OK);
		ck_assert_int_eq(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL),
		                 SQLITE_OK);
		sqlite3_close(db);
		chmod(other, 0600);
	}
	ck_assert_int_eq(store_open(other, 0, &s2, err, sizeof err), ST_ERR_NOT_CASEPATH);
	ck_assert_ptr_null(s2);
	ck_assert_ptr_nonnull(strstr(err, "not a casepath database"));
	/* a file others can read */
	chmod(fx.path, 0644);
	ck_assert_int_eq(store_open(fx.path, 0, &s2, err, sizeof err), ST_ERR_PERMISSION);
	ck_assert_int_eq(store_open(fx.path, STORE_ALLOW_SHARED, &s2, err, sizeof err), ST_OK);
	store_close(&s2);
	/* a missing file without STORE_CREATE */
	snprintf(other, sizeof other, "%s/none.db", fx.dir);
	ck_assert_int_eq(store_open(other, 0, &s2, err, sizeof err), ST_ERR_NOT_FOUND);
}
END_TEST

START_TEST(test_audit_rows_and_chain)
{
	char report[512];

	load_family(LOADER_AUDIT_ROWS);
	/* 2 persons + 1 event + 1 relation + the load record */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit"), BASE_AUDIT + 5);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit WHERE tbl = 'person'"
	                         " AND json_extract(after, '$.aliases') ="
	                         " 'Umm Yusuf (self);Amina K'"), 1);
	ck_assert_int_eq(store_verify(fx.st, report, sizeof report), ST_OK);
	/* the log refuses edits through SQL */
	{
		sqlite3 *db;

		ck_assert_int_eq(sqlite3_open(fx.path, &db), SQLITE_OK);
		ck_assert_int_ne(sqlite3_exec(db, "UPDATE audit SET login = 'x'", NULL,
		                              NULL, NULL), SQLITE_OK);
		ck_assert_int_ne(sqlite3_exec(db, "DELETE FROM audit", NULL, NULL, NULL),
		                 SQLITE_OK);
		sqlite3_close(db);
	}
}
END_TEST

START_TEST(test_audit_tamper_named)
{
	char report[512], sql[256], name[64];

	load_family(LOADER_AUDIT_ROWS);
	store_close(&fx.st);
	/* the first record after the schema's */
	snprintf(sql, sizeof sql, "DROP TRIGGER audit_no_update; UPDATE audit"
	         " SET after = replace(after, 'Amina', 'Anna') WHERE seq = %d",
	         BASE_AUDIT + 1);
	snprintf(name, sizeof name, "audit record %d", BASE_AUDIT + 1);
	fixture_exec(&fx, sql);
	{
		char err[256];

		ck_assert_int_eq(store_open(fx.path, 0, &fx.st, err, sizeof err), ST_OK);
	store_set_rules(fx.st, fx.rules);
	}
	ck_assert_int_eq(store_verify(fx.st, report, sizeof report), ST_ERR_CORRUPT);
	ck_assert_msg(strstr(report, name) != NULL, "%s", report);
}
END_TEST

START_TEST(test_audit_reorder_named)
{
	char report[512], err[256], sql[1024], name[64];
	int a = BASE_AUDIT + 1, b = BASE_AUDIT + 2;

	load_family(LOADER_AUDIT_ROWS);
	store_close(&fx.st);
	/* swap the contents of the first two records after the schema's,
	 * keeping their numbers */
	snprintf(sql, sizeof sql, "DROP TRIGGER audit_no_update;"
	         "CREATE TEMP TABLE a AS SELECT * FROM audit WHERE seq IN (%d, %d);"
	         "UPDATE audit SET at = (SELECT at FROM a WHERE seq = %d - audit.seq),"
	         " tbl = (SELECT tbl FROM a WHERE seq = %d - audit.seq),"
	         " after = (SELECT after FROM a WHERE seq = %d - audit.seq),"
	         " prev_hash = (SELECT prev_hash FROM a WHERE seq = %d - audit.seq),"
	         " hash = (SELECT hash FROM a WHERE seq = %d - audit.seq)"
	         " WHERE seq IN (%d, %d)", a, b, a + b, a + b, a + b, a + b, a + b, a, b);
	snprintf(name, sizeof name, "audit record %d", a);
	fixture_exec(&fx, sql);
	ck_assert_int_eq(store_open(fx.path, 0, &fx.st, err, sizeof err), ST_OK);
	store_set_rules(fx.st, fx.rules);
	ck_assert_int_eq(store_verify(fx.st, report, sizeof report), ST_ERR_CORRUPT);
	ck_assert_msg(strstr(report, name) != NULL, "%s", report);
}
END_TEST

START_TEST(test_summary_audit)
{
	load_family(LOADER_AUDIT_SUMMARY);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit"), BASE_AUDIT + 1);
	{
		char sql[128];

		snprintf(sql, sizeof sql, "SELECT json_extract(after, '$.persons')"
		         " FROM audit WHERE seq = %d", BASE_AUDIT + 1);
		ck_assert_int_eq(fixture_int(&fx, sql), 2);
	}
}
END_TEST

/* An import is one audited change: one record with the counts, the id
 * ranges and a digest of the rows; each person traced to it and their
 * CSV line, which the audit view by case shows. */
START_TEST(test_import_audit)
{
	struct loader *l;
	struct load_error err;
	struct history_filter f = { .since = 0 };
	struct audit_row rows[8];
	char sql[160], digest[65];
	int n, found = 0;

	ck_assert_int_eq(store_tx_begin(fx.st), ST_OK);
	l = loader_new(fx.st, LOADER_AUDIT_IMPORT);
	ck_assert_ptr_nonnull(l);
	loader_set_command(l, "import persons p.csv");
	loader_set_tag(l, 2);
	ck_assert_int_eq(loader_person(l, &mother, &err), ST_OK);
	loader_set_tag(l, 4);
	ck_assert_int_eq(loader_person(l, &child, &err), ST_OK);
	ck_assert_int_eq(loader_finish(l, "import", "p.csv", "ab", &err), ST_OK);
	loader_free(&l);
	ck_assert_int_eq(store_tx_commit(fx.st), ST_OK);
	/* one record, not one a row */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit"), BASE_AUDIT + 1);
	snprintf(sql, sizeof sql, "SELECT json_extract(after, '$.ids.person[1]')"
	         " - json_extract(after, '$.ids.person[0]') FROM audit WHERE seq = %d",
	         BASE_AUDIT + 1);
	ck_assert_int_eq(fixture_int(&fx, sql), 1);
	snprintf(sql, sizeof sql, "SELECT length(json_extract(after, '$.rows_sha256'))"
	         " FROM audit WHERE seq = %d", BASE_AUDIT + 1);
	ck_assert_int_eq(fixture_int(&fx, sql), 64);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM import_row WHERE seq = %d",
	         BASE_AUDIT + 1);
	ck_assert_int_eq(fixture_int(&fx, sql), 2);
	ck_assert_int_eq(fixture_int(&fx, "SELECT line FROM import_row JOIN person p"
	                         " ON p.id = person_id WHERE p.case_no = 'TR-2'"), 4);
	/* the person's side: "created by import #N (file, line L)" */
	snprintf(f.case_no, sizeof f.case_no, "TR-2");
	n = store_audit_page(fx.st, &f, NULL, false, 8, rows);
	ck_assert_int_ge(n, 1);
	for (int i = 0; i < n; i++)
		if (strstr(rows[i].fields, "created by import #") &&
		    strstr(rows[i].fields, "(p.csv, line 4)") &&
		    strcmp(rows[i].case_no, "TR-2") == 0)
			found++;
	ck_assert_int_eq(found, 1);
	audit_rows_clear(rows, n);
	/* the digest is the same for the same rows, whoever imports them */
	snprintf(sql, sizeof sql, "SELECT json_extract(after, '$.rows_sha256')"
	         " FROM audit WHERE seq = %d", BASE_AUDIT + 1);
	{
		sqlite3 *db;
		sqlite3_stmt *q;

		ck_assert_int_eq(sqlite3_open(fx.path, &db), SQLITE_OK);
		ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
		ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
		snprintf(digest, sizeof digest, "%s", (const char *)sqlite3_column_text(q, 0));
		sqlite3_finalize(q);
		sqlite3_close(db);
	}
	ck_assert_int_eq((int)strlen(digest), 64);
}
END_TEST

/* Each rule with the column it must name. */
static void
expect_person_error(const struct person_in *p, const char *column,
                    const char *reason_part)
{
	struct loader *l;
	struct load_error err;

	ck_assert_int_eq(store_tx_begin(fx.st), ST_OK);
	l = loader_new(fx.st, LOADER_AUDIT_ROWS);
	ck_assert_int_eq(loader_person(l, p, &err), ST_ERR_INPUT);
	ck_assert_msg(err.column && strcmp(err.column, column) == 0,
	              "column %s, expected %s", err.column, column);
	ck_assert_msg(strstr(err.reason, reason_part) != NULL, "reason: %s", err.reason);
	loader_free(&l);
	store_tx_rollback(fx.st);
	ck_assert_int_eq(store_person_count(fx.st), 0);
}

START_TEST(test_person_validation)
{
	struct person_in p = mother;

	p.case_no = "";
	expect_person_error(&p, "case_no", "required");
	p = mother, p.case_no = "TR 1";
	expect_person_error(&p, "case_no", "only letters");
	p = mother, p.sex = "female";
	expect_person_error(&p, "sex", "unknown sex");
	p = mother, p.birth_date = "1991-02-30";
	expect_person_error(&p, "birth_date", "bad date");
	p = mother, p.birth_date = "2030";
	expect_person_error(&p, "birth_date", "future");
	p = mother, p.nationality = "SY";
	expect_person_error(&p, "nationality", "unknown country code 'SY'");
	p = mother, p.claimed_nationality = "syr";
	expect_person_error(&p, "claimed_nationality", "unknown country");
	p = mother, p.languages = "ar;zz";
	expect_person_error(&p, "languages", "unknown language code 'zz'");
	p = mother, p.languages = "ar-Levantine";
	expect_person_error(&p, "languages", "variety");
	p = mother, p.languages = "ar;;ru";
	expect_person_error(&p, "languages", "empty item");
	p = mother, p.interpreter_needed = "maybe";
	expect_person_error(&p, "interpreter_needed", "'yes' or 'no'");
}
END_TEST

START_TEST(test_duplicate_case)
{
	struct loader *l;
	struct load_error err;

	load_family(LOADER_AUDIT_ROWS);
	ck_assert_int_eq(store_tx_begin(fx.st), ST_OK);
	l = loader_new(fx.st, LOADER_AUDIT_ROWS);
	ck_assert_int_eq(loader_person(l, &mother, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "case_no");
	ck_assert_ptr_nonnull(strstr(err.reason, "already used"));
	loader_free(&l);
	store_tx_rollback(fx.st);
}
END_TEST

START_TEST(test_event_and_relation_validation)
{
	struct loader *l;
	struct load_error err;
	struct event_in e = { .case_no = "TR-1", .date = "2020-01-01", .kind = "hearing" };
	struct relation_in r = { .case_no = "TR-1", .relation = "child",
	                         .other_case_no = "TR-2" };

	load_family(LOADER_AUDIT_ROWS);
	ck_assert_int_eq(store_tx_begin(fx.st), ST_OK);
	l = loader_new(fx.st, LOADER_AUDIT_ROWS);
	e.case_no = "TR-404";
	ck_assert_int_eq(loader_event(l, &e, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "case_no");
	e.case_no = "TR-1", e.kind = "teleport";
	ck_assert_int_eq(loader_event(l, &e, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "kind");
	e.kind = "hearing", e.date = "2020-13";
	ck_assert_int_eq(loader_event(l, &e, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "date");
	e.date = "";
	ck_assert_int_eq(loader_event(l, &e, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "date");
	e.date = "2020", e.duration = "6 months";
	ck_assert_int_eq(loader_event(l, &e, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "duration");
	e.duration = "6m", e.country = "ZZZ";
	ck_assert_int_eq(loader_event(l, &e, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "country");
	/* the same link written from the other side is a duplicate */
	ck_assert_int_eq(loader_relation(l, &r, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "other_case_no");
	r.relation = "cousin";
	ck_assert_int_eq(loader_relation(l, &r, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "relation");
	r.relation = "spouse", r.other_case_no = "TR-1";
	ck_assert_int_eq(loader_relation(l, &r, &err), ST_ERR_INPUT);
	r.other_case_no = "TR-2", r.verification = "dna";
	ck_assert_int_eq(loader_relation(l, &r, &err), ST_ERR_INPUT);
	ck_assert_str_eq(err.column, "verification");
	loader_free(&l);
	store_tx_rollback(fx.st);
}
END_TEST

struct collect {
	char text[4096];
};

static int
collect_row(void *ctx, const char *const *f, size_t n)
{
	struct collect *c = ctx;
	size_t used = strlen(c->text);

	for (size_t i = 0; i < n; i++)
		used += (size_t)snprintf(c->text + used, sizeof c->text - used, "%s%s",
		                         i ? "|" : "", f[i]);
	snprintf(c->text + used, sizeof c->text - used, "\n");
	return 0;
}

START_TEST(test_export_shapes)
{
	struct collect c = { "" };

	load_family(LOADER_AUDIT_ROWS);
	ck_assert_int_eq(store_export(fx.st, REC_PERSONS, 0, NULL, collect_row, &c), ST_OK);
	ck_assert_str_eq(c.text,
		"TR-1|Qarzelani|Amina|قرزلاني|Umm Yusuf (self);Amina K|F|1991-04|TUN||"
		"|ar-maghrebi;fr|yes||\n"
		"TR-2|Qarzelani|Yusuf|||M|~2016|TUN||||no||\n");
}
END_TEST

START_TEST(test_relations_both_sides)
{
	struct collect c = { "" };

	load_family(LOADER_AUDIT_ROWS);
	/* stored once, canonically: TR-2's parent is TR-1 = TR-1's child TR-2 */
	ck_assert_int_eq(store_export(fx.st, REC_RELATIONS, 0, NULL, collect_row, &c), ST_OK);
	ck_assert_str_eq(c.text, "TR-1|child|TR-2|dna_requested|\n");
	c.text[0] = '\0';
	ck_assert_int_eq(store_export(fx.st, REC_RELATIONS, 0, "TR-2", collect_row, &c), ST_OK);
	ck_assert_str_eq(c.text, "TR-2|parent|TR-1|dna_requested|\n");
}
END_TEST

START_TEST(test_keyset_list)
{
	struct list_row rows[3];
	int n;

	load_family(LOADER_AUDIT_SUMMARY);
	struct list_query q = { .sort = SORT_CASE };
	struct list_row first[1] = { { 0 } };

	q.filter.today = day_today();
	n = store_list_page(fx.st, &q, NULL, false, 3, rows);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(rows[0].case_no, "TR-1");
	list_rows_clear(rows, n);
	ck_assert_int_eq(store_list_row(fx.st, &q, "TR-1", 0, first), ST_OK);
	n = store_list_page(fx.st, &q, first, false, 3, rows);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(rows[0].case_no, "TR-2");
	list_rows_clear(first, 1);
	ck_assert_int_eq(store_list_page(fx.st, &q, &rows[0], true, 1, first), 1);
	ck_assert_str_eq(first[0].case_no, "TR-1");
	list_rows_clear(rows, n);
	list_rows_clear(first, 1);
	/* a keyset page is an index search, never a scan */
	{
		sqlite3 *db;
		sqlite3_stmt *s;
		char plan[512] = "";

		ck_assert_int_eq(sqlite3_open(fx.path, &db), SQLITE_OK);
		ck_assert_int_eq(sqlite3_prepare_v2(db,
			"EXPLAIN QUERY PLAN SELECT id FROM person WHERE case_no > 'TR-1'"
			" ORDER BY case_no LIMIT 20", -1, &s, NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW)
			strncat(plan, (const char *)sqlite3_column_text(s, 3),
			        sizeof plan - strlen(plan) - 1);
		sqlite3_finalize(s);
		sqlite3_close(db);
		ck_assert_msg(strstr(plan, "SEARCH person USING") &&
		              strstr(plan, "(case_no>?)"), "plan: %s", plan);
	}
}
END_TEST

START_TEST(test_search_index_folds)
{
	struct person_in p = child;

	p.case_no = "TR-3", p.family_name = "DÜMELKAYA", p.given_names = "İsmail";
	{
		struct loader *l;
		struct load_error err;

		ck_assert_int_eq(store_tx_begin(fx.st), ST_OK);
		l = loader_new(fx.st, LOADER_AUDIT_ROWS);
		ck_assert_int_eq(loader_person(l, &p, &err), ST_OK);
		loader_free(&l);
		ck_assert_int_eq(store_tx_commit(fx.st), ST_OK);
	}
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person_name_fts WHERE"
	                         " person_name_fts MATCH 'dumel* AND ismail'"), 1);
}
END_TEST

START_TEST(test_auditor_cannot_write)
{
	char err[256];

	store_close(&fx.st);
	fixture_exec(&fx, "UPDATE app_user SET role = 'auditor'");
	ck_assert_int_eq(store_open(fx.path, 0, &fx.st, err, sizeof err), ST_OK);
	store_set_rules(fx.st, fx.rules);
	ck_assert_str_eq(store_role(fx.st), "auditor");
	ck_assert_int_eq(store_tx_begin(fx.st), ST_ERR_PERMISSION);
}
END_TEST

START_TEST(test_backup)
{
	char dest[320], err[256], report[256];
	struct store *copy = NULL;
	struct stat sb;

	load_family(LOADER_AUDIT_ROWS);
	snprintf(dest, sizeof dest, "%s/copy.db", fx.dir);
	ck_assert_int_eq(store_snapshot(fx.st, dest), ST_OK);
	ck_assert_int_eq(stat(dest, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(store_snapshot(fx.st, dest), ST_ERR_EXISTS);
	ck_assert_int_eq(store_open(dest, 0, &copy, err, sizeof err), ST_OK);
	ck_assert_int_eq(store_person_count(copy), 2);
	ck_assert_int_eq(store_verify(copy, report, sizeof report), ST_OK);
	store_close(&copy);
}
END_TEST

Suite *
suite_store(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("store");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_fresh_database);
	tcase_add_test(tc, test_outcome_index_cheap_and_used);
	tcase_add_test(tc, test_events_after_persons_one_pass);
	tcase_add_test(tc, test_pragmas);
	tcase_add_test(tc, test_reopen_is_idempotent);
	tcase_add_test(tc, test_refuses_others_files);
	tcase_add_test(tc, test_migrates_older_file_read_only);
	tcase_add_test(tc, test_migration_12_keeps_deadlines);
	tcase_add_test(tc, test_migration_16_rolling_reminders);
	tcase_add_test(tc, test_audit_rows_and_chain);
	tcase_add_test(tc, test_audit_tamper_named);
	tcase_add_test(tc, test_audit_reorder_named);
	tcase_add_test(tc, test_summary_audit);
	tcase_add_test(tc, test_import_audit);
	tcase_add_test(tc, test_person_validation);
	tcase_add_test(tc, test_duplicate_case);
	tcase_add_test(tc, test_event_and_relation_validation);
	tcase_add_test(tc, test_export_shapes);
	tcase_add_test(tc, test_relations_both_sides);
	tcase_add_test(tc, test_keyset_list);
	tcase_add_test(tc, test_search_index_folds);
	tcase_add_test(tc, test_auditor_cannot_write);
	tcase_add_test(tc, test_backup);
	suite_add_tcase(s, tc);
	return s;
}
