/* test_store_person.c: one person's record as the detail screen reads
 * it (relatives from each side, aliases, languages, nationality names,
 * documents, deadlines, who changed it), the timeline's order, and the
 * access log written by readers who may not write anything else. Each
 * test gets a fresh database in its own temporary directory. */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/date.h"
#include "casepath/rules.h"
#include "casepath/store.h"
#include "casepath/store_view.h"
/* the connection itself, to see that query_only is put back */
#include "../src/store_internal.h"
#include "fixture.h"

Suite *suite_store_person(void);

static struct fixture fx;

static void
setup(void)
{
	fixture_open(&fx, "person", "p.db");
}

static void
teardown(void)
{
	fixture_remove(&fx);
}

static int32_t
day(const char *ymd)
{
	int32_t d = 0;

	ck_assert_ptr_null(day_parse(ymd, &d));
	return d;
}

/* A family: mother TR-10 (disputed nationality), her husband TR-11,
 * their children TR-12 (born 2015) and TR-13 (born 2012, so older
 * despite the later case number), and TR-15, TR-13's guardian, birth
 * unknown. TR-20 stands alone with a removal and a challenge. */
static const struct person_in family[] = {
	{ .case_no = "TR-10", .family_name = "Karimova", .given_names = "Dilnoza",
	  .native_name = "Каримова", .sex = "F", .birth_date = "1985-02-10",
	  .nationality = "UZB", .claimed_nationality = "TJK",
	  .aliases = "Dilya (self); Dilnoza Karim (transliteration); D. K.",
	  .languages = "uz;ru", .interpreter_needed = "yes", .ethnicity = "Uzbek",
	  .category = "family", .notes = "arrived with two children" },
	{ .case_no = "TR-11", .family_name = "Karimov", .given_names = "Rustam",
	  .sex = "M", .birth_date = "1980", .nationality = "UZB" },
	{ .case_no = "TR-12", .family_name = "Karimov", .given_names = "Timur",
	  .sex = "M", .birth_date = "2015-06", .nationality = "UZB" },
	{ .case_no = "TR-13", .family_name = "Karimova", .given_names = "Laylo",
	  .sex = "F", .birth_date = "~2012", .nationality = "UZB" },
	{ .case_no = "TR-15", .family_name = "Yusupova", .given_names = "Nodira",
	  .sex = "F" },
	{ .case_no = "TR-20", .family_name = "Alimov", .given_names = "Bekzod",
	  .sex = "M", .birth_date = "1990", .nationality = "UZB" },
};

/* Written as the CSV would have them, from either side. */
static const struct relation_in links[] = {
	{ .case_no = "TR-10", .relation = "child", .other_case_no = "TR-12",
	  .verification = "documents" },
	{ .case_no = "TR-13", .relation = "parent", .other_case_no = "TR-10",
	  .verification = "dna_requested", .note = "says Dilnoza is her mother" },
	{ .case_no = "TR-13", .relation = "parent", .other_case_no = "TR-11" },
	{ .case_no = "TR-12", .relation = "parent", .other_case_no = "TR-11" },
	{ .case_no = "TR-11", .relation = "spouse", .other_case_no = "TR-10",
	  .verification = "documents" },
	{ .case_no = "TR-12", .relation = "sibling", .other_case_no = "TR-13" },
	{ .case_no = "TR-15", .relation = "ward", .other_case_no = "TR-13" },
};

static const struct document_in docs[] = {
	{ .case_no = "TR-10", .doc_type = "passport", .number = "FA1234567",
	  .issuing_country = "UZB", .issued = "2015-03", .expires = "2025-03",
	  .status = "expired" },
	{ .case_no = "TR-10", .doc_type = "birth_certificate",
	  .issuing_country = "TJK", .issued = "1985", .note = "copy only" },
};

/* Out of date order on purpose: the timeline sorts them. */
static const struct event_in events[] = {
	{ .case_no = "TR-20", .date = "2016-03-05", .kind = "note", .note = "c" },
	{ .case_no = "TR-20", .date = "2016-03", .kind = "note", .note = "b" },
	{ .case_no = "TR-20", .date = "2016", .kind = "border_crossing",
	  .country = "TUR", .place = "Kilis", .note = "a" },
	{ .case_no = "TR-20", .date = "2016-03-01", .kind = "note", .note = "a2" },
	{ .case_no = "TR-20", .date = "2016-03-05", .kind = "note", .note = "c2" },
	/* K1: Thursday 2026-11-12 + 7d = Thursday 11-19, met by the
	 * challenge on Monday 11-16; K2: 11-16 + 15d = Tuesday 12-01,
	 * open on 2026-11-23. */
	{ .case_no = "TR-20", .date = "2026-11-12", .kind = "removal_notified" },
	{ .case_no = "TR-20", .date = "2026-11-16", .kind = "challenge_filed" },
};

static void
load(enum loader_audit mode, const struct person_in *p, size_t np,
     bool everything)
{
	struct loader *l;
	struct load_error err;

	ck_assert_int_eq(store_tx_begin(fx.st), ST_OK);
	l = loader_new(fx.st, mode);
	ck_assert_ptr_nonnull(l);
	for (size_t i = 0; i < np; i++)
		ck_assert_msg(loader_person(l, &p[i], &err) == ST_OK, "%s", err.reason);
	for (size_t i = 0; everything && i < sizeof links / sizeof links[0]; i++)
		ck_assert_msg(loader_relation(l, &links[i], &err) == ST_OK, "%s",
		              err.reason);
	for (size_t i = 0; everything && i < sizeof docs / sizeof docs[0]; i++)
		ck_assert_msg(loader_document(l, &docs[i], &err) == ST_OK, "%s",
		              err.reason);
	for (size_t i = 0; everything && i < sizeof events / sizeof events[0]; i++)
		ck_assert_msg(loader_event(l, &events[i], &err) == ST_OK, "%s",
		              err.reason);
	ck_assert_msg(loader_finish(l, "test", "unit", NULL, &err) == ST_OK, "%s",
	              err.reason);
	loader_free(&l);
	ck_assert_int_eq(store_tx_commit(fx.st), ST_OK);
}

static void
load_family(void)
{
	load(LOADER_AUDIT_ROWS, family, sizeof family / sizeof family[0], true);
}

static void
detail_of(const char *case_no, struct person_detail *d)
{
	int64_t id = store_person_id(fx.st, case_no);

	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(store_person_detail(fx.st, id, d), ST_OK);
	ck_assert_int_eq(d->id, id);
	ck_assert_str_eq(d->case_no, case_no);
}

static void
expect_relative(const struct person_detail *d, size_t i, const char *relation,
                const char *case_no, const char *verification)
{
	ck_assert_msg(i < d->nrelatives, "%s has %zu relatives", d->case_no,
	              d->nrelatives);
	ck_assert_str_eq(d->relatives[i].relation, relation);
	ck_assert_str_eq(d->relatives[i].case_no, case_no);
	ck_assert_str_eq(d->relatives[i].verification, verification);
	ck_assert_int_eq(d->relatives[i].person_id, store_person_id(fx.st, case_no));
}

START_TEST(test_person_fields)
{
	struct person_detail d = { 0 };

	load_family();
	detail_of("TR-10", &d);
	ck_assert_int_eq(d.version, 1);
	ck_assert_str_eq(d.family_name, "Karimova");
	ck_assert_str_eq(d.given_names, "Dilnoza");
	ck_assert_str_eq(d.native_name, "Каримова");
	ck_assert_str_eq(d.sex, "F");
	ck_assert_str_eq(d.birth_date, "1985-02-10");
	ck_assert_int_eq(d.birth_lo, day("1985-02-10"));
	ck_assert_int_eq(d.birth_hi, day("1985-02-10"));
	/* disputed: the claim differs from the recorded nationality */
	ck_assert_str_eq(d.nationality, "UZB");
	ck_assert_str_eq(d.nationality_name, "Uzbekistan");
	ck_assert_str_eq(d.claimed_nationality, "TJK");
	ck_assert_str_eq(d.claimed_nationality_name, "Tajikistan");
	ck_assert_str_eq(d.ethnicity, "Uzbek");
	ck_assert_str_eq(d.category, "family");
	ck_assert_str_eq(d.notes, "arrived with two children");
	ck_assert(d.interpreter_needed);

	ck_assert_uint_eq(d.naliases, 3);
	ck_assert_str_eq(d.aliases[0].name, "Dilya");
	ck_assert_str_eq(d.aliases[0].type, "self");
	ck_assert_str_eq(d.aliases[1].name, "Dilnoza Karim");
	ck_assert_str_eq(d.aliases[1].type, "transliteration");
	ck_assert_str_eq(d.aliases[2].name, "D. K.");
	ck_assert_str_eq(d.aliases[2].type, "unknown");

	ck_assert_uint_eq(d.nlanguages, 2);
	ck_assert_str_eq(d.languages[0].tag, "uz");
	ck_assert_str_eq(d.languages[0].code, "uz");
	ck_assert_str_eq(d.languages[0].name, "Uzbek");
	ck_assert_str_eq(d.languages[1].tag, "ru");
	ck_assert_str_eq(d.languages[1].name, "Russian");

	ck_assert_uint_eq(d.ndocuments, 2);
	ck_assert_int_lt(d.documents[0].id, d.documents[1].id);
	ck_assert_str_eq(d.documents[0].doc_type, "passport");
	ck_assert_str_eq(d.documents[0].number, "FA1234567");
	ck_assert_str_eq(d.documents[0].issuing_country, "UZB");
	ck_assert_str_eq(d.documents[0].issued, "2015-03");
	ck_assert_str_eq(d.documents[0].expires, "2025-03");
	ck_assert_str_eq(d.documents[0].status, "expired");
	ck_assert_str_eq(d.documents[0].note, "");
	ck_assert_str_eq(d.documents[1].doc_type, "birth_certificate");
	ck_assert_str_eq(d.documents[1].number, "");
	ck_assert_str_eq(d.documents[1].issuing_country, "TJK");
	ck_assert_str_eq(d.documents[1].expires, "");
	ck_assert_str_eq(d.documents[1].status, "unverified");
	ck_assert_str_eq(d.documents[1].note, "copy only");

	/* no events of her own: no derived deadlines */
	ck_assert_uint_eq(d.ndeadlines, 0);
	person_detail_clear(&d);
	ck_assert_ptr_null(d.case_no);
	ck_assert_ptr_null(d.aliases);
	ck_assert_uint_eq(d.naliases, 0);
}
END_TEST

START_TEST(test_unknowns_are_empty)
{
	struct person_detail d = { 0 };

	load_family();
	/* no nationality, no birth date, nothing hanging off the row */
	detail_of("TR-15", &d);
	ck_assert_str_eq(d.nationality, "");
	ck_assert_str_eq(d.nationality_name, "");
	ck_assert_str_eq(d.claimed_nationality, "");
	ck_assert_str_eq(d.claimed_nationality_name, "");
	ck_assert_str_eq(d.birth_date, "");
	ck_assert_int_eq(d.birth_lo, -1);
	ck_assert_int_eq(d.birth_hi, -1);
	ck_assert(!d.interpreter_needed);
	ck_assert_uint_eq(d.naliases, 0);
	ck_assert_uint_eq(d.nlanguages, 0);
	ck_assert_uint_eq(d.ndocuments, 0);
	ck_assert_uint_eq(d.nrelatives, 1);
	expect_relative(&d, 0, "ward", "TR-13", "unverified");
	/* a partial birth date spans its year */
	detail_of("TR-11", &d);
	ck_assert_int_eq(d.birth_lo, day("1980-01-01"));
	ck_assert_int_eq(d.birth_hi, day("1980-12-31"));
	person_detail_clear(&d);
}
END_TEST

START_TEST(test_relatives_each_side)
{
	struct person_detail d = { 0 };

	load_family();
	/* the mother: husband first, then the children by birth (TR-13,
	 * born 2012, before TR-12, born 2015) */
	detail_of("TR-10", &d);
	ck_assert_uint_eq(d.nrelatives, 3);
	expect_relative(&d, 0, "spouse", "TR-11", "documents");
	expect_relative(&d, 1, "child", "TR-13", "dna_requested");
	expect_relative(&d, 2, "child", "TR-12", "documents");
	ck_assert_str_eq(d.relatives[1].note, "says Dilnoza is her mother");
	ck_assert_str_eq(d.relatives[1].family_name, "Karimova");
	ck_assert_str_eq(d.relatives[1].given_names, "Laylo");
	ck_assert_str_eq(d.relatives[1].sex, "F");
	ck_assert_str_eq(d.relatives[1].birth_date, "~2012");
	ck_assert_str_eq(d.relatives[1].stage, "");

	/* the husband, written from the other side: the same words */
	detail_of("TR-11", &d);
	ck_assert_uint_eq(d.nrelatives, 3);
	expect_relative(&d, 0, "spouse", "TR-10", "documents");
	expect_relative(&d, 1, "child", "TR-13", "unverified");
	expect_relative(&d, 2, "child", "TR-12", "unverified");

	/* the older child: parents (by birth: father 1980, mother 1985),
	 * then the guardian with no birth date, then her brother */
	detail_of("TR-13", &d);
	ck_assert_uint_eq(d.nrelatives, 4);
	expect_relative(&d, 0, "parent", "TR-11", "unverified");
	expect_relative(&d, 1, "parent", "TR-10", "dna_requested");
	expect_relative(&d, 2, "guardian", "TR-15", "unverified");
	expect_relative(&d, 3, "sibling", "TR-12", "unverified");
	ck_assert_str_eq(d.relatives[1].note, "says Dilnoza is her mother");

	/* the younger one wrote the sibling link himself */
	detail_of("TR-12", &d);
	ck_assert_uint_eq(d.nrelatives, 3);
	expect_relative(&d, 0, "parent", "TR-11", "unverified");
	expect_relative(&d, 1, "parent", "TR-10", "documents");
	expect_relative(&d, 2, "sibling", "TR-13", "unverified");
	/* each link is one stored row, seen from both ends */
	ck_assert_int_eq(d.relatives[1].relation_id,
	                 fixture_int(&fx, "SELECT r.id FROM relation r"
	                         " JOIN person a ON a.id = r.person_id"
	                         " JOIN person b ON b.id = r.other_id"
	                         " WHERE a.case_no = 'TR-10' AND b.case_no = 'TR-12'"));
	person_detail_clear(&d);
}
END_TEST

START_TEST(test_deadlines_open_first)
{
	struct person_detail d = { 0 };

	load_family();
	detail_of("TR-20", &d);
	ck_assert_str_eq(d.stage, "challenge_pending");
	ck_assert_uint_eq(d.ndeadlines, 2);
	/* the open one first although it falls due later */
	ck_assert_str_eq(d.deadlines[0].clock, "challenge_decision");
	ck_assert_str_eq(d.deadlines[0].status, "open");
	ck_assert_str_eq(d.deadlines[0].rule, "K2");
	ck_assert_int_eq(d.deadlines[0].due, day("2026-12-01"));
	ck_assert_int_eq(d.deadlines[0].due_latest, day("2026-12-01"));
	ck_assert_str_ne(d.deadlines[0].arithmetic, "");
	ck_assert_str_eq(d.deadlines[1].clock, "challenge_window");
	ck_assert_str_eq(d.deadlines[1].status, "met");
	ck_assert_str_eq(d.deadlines[1].rule, "K1");
	ck_assert_int_eq(d.deadlines[1].due, day("2026-11-19"));
	person_detail_clear(&d);
}
END_TEST

START_TEST(test_unknown_id)
{
	struct person_detail d = { 0 };

	load_family();
	ck_assert_int_eq(store_person_detail(fx.st, 999999, &d), ST_ERR_NOT_FOUND);
	ck_assert_ptr_null(d.case_no);
	ck_assert_ptr_null(d.relatives);
	ck_assert_int_eq(store_person_id(fx.st, "TR-404"), 0);
	/* a filled struct is cleared first, not leaked */
	detail_of("TR-10", &d);
	ck_assert_int_eq(store_person_detail(fx.st, 999999, &d), ST_ERR_NOT_FOUND);
	ck_assert_ptr_null(d.case_no);
	ck_assert_uint_eq(d.naliases, 0);
}
END_TEST

START_TEST(test_events_by_date)
{
	static const char *const want[][2] = {
		{ "2016", "a" }, { "2016-03-01", "a2" }, { "2016-03", "b" },
		{ "2016-03-05", "c" }, { "2016-03-05", "c2" },
		{ "2026-11-12", "" }, { "2026-11-16", "" },
	};
	struct event_row *rows = NULL;
	size_t n = 0;
	int64_t id;

	load_family();
	id = store_person_id(fx.st, "TR-20");
	ck_assert_int_eq(store_events(fx.st, id, &rows, &n), ST_OK);
	ck_assert_uint_eq(n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < n; i++) {
		ck_assert_str_eq(rows[i].date, want[i][0]);
		ck_assert_str_eq(rows[i].note, want[i][1]);
		ck_assert_int_eq(rows[i].version, 1);
	}
	ck_assert_int_eq(rows[0].date_lo, day("2016-01-01"));
	ck_assert_int_eq(rows[0].date_hi, day("2016-12-31"));
	ck_assert_str_eq(rows[0].kind, "border_crossing");
	ck_assert_str_eq(rows[0].country, "TUR");
	ck_assert_str_eq(rows[0].place, "Kilis");
	ck_assert_int_eq(rows[2].date_lo, day("2016-03-01"));
	ck_assert_int_eq(rows[2].date_hi, day("2016-03-31"));
	ck_assert_str_eq(rows[2].country, "");
	/* the same day: in the order they were entered */
	ck_assert_int_lt(rows[3].id, rows[4].id);
	ck_assert_str_eq(rows[6].kind, "challenge_filed");
	event_rows_free(&rows, n);
	ck_assert_ptr_null(rows);
	/* no events: nothing allocated */
	ck_assert_int_eq(store_events(fx.st, store_person_id(fx.st, "TR-10"), &rows, &n),
	                 ST_OK);
	ck_assert_uint_eq(n, 0);
	event_rows_free(&rows, n);
}
END_TEST

START_TEST(test_database_error_frees)
{
	struct person_detail d = { 0 };
	struct event_row *rows = NULL;
	size_t n = 0;
	int64_t id;

	load_family();
	detail_of("TR-10", &d);
	id = d.id;
	/* the person row and aliases read, then a table gone under the
	 * cached statements: an error, and nothing left behind */
	fixture_exec(&fx, "DROP TABLE person_language; DROP TABLE event");
	ck_assert_int_eq(store_person_detail(fx.st, id, &d), ST_ERR_DB);
	ck_assert_ptr_null(d.case_no);
	ck_assert_ptr_null(d.aliases);
	ck_assert_uint_eq(d.naliases, 0);
	ck_assert_ptr_nonnull(strstr(store_errmsg(fx.st), "person_language"));
	ck_assert_int_eq(store_events(fx.st, id, &rows, &n), ST_ERR_DB);
	ck_assert_ptr_null(rows);
}
END_TEST

static int
query_only_of(struct store *s)
{
	sqlite3_stmt *q;
	int v = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(s->db, "PRAGMA query_only", -1, &q, NULL),
	                 SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return v;
}

START_TEST(test_access_log_read_only)
{
	struct store *ro = NULL;
	char err[256], sql[200];
	int64_t id;
	long long audit;

	load_family();
	id = store_person_id(fx.st, "TR-13");
	audit = fixture_int(&fx, "SELECT count(*) FROM audit");
	ck_assert_int_eq(store_open(fx.path, STORE_READONLY, &ro, err, sizeof err), ST_OK);
	ck_assert_int_eq(query_only_of(ro), 1);
	ck_assert_int_eq(store_log_access(ro, id), ST_OK);
	ck_assert_int_eq(store_log_access(ro, id), ST_OK);
	/* still read-only afterwards */
	ck_assert_int_eq(query_only_of(ro), 1);
	ck_assert_int_eq(store_tx_begin(ro), ST_ERR_PERMISSION);
	store_close(&ro);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM access_log WHERE person_id = %lld"
	         " AND login = '%s' AND at LIKE '____-__-__T__:__:__Z'",
	         (long long)id, store_login(fx.st));
	ck_assert_int_eq(fixture_int(&fx, sql), 2);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM access_log"), 2);
	/* compact: no audit record */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit"), audit);
	/* a writer's store, inside its open transaction */
	ck_assert_int_eq(store_tx_begin(fx.st), ST_OK);
	ck_assert_int_eq(store_log_access(fx.st, id), ST_OK);
	store_tx_rollback(fx.st);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM access_log"), 2);
	ck_assert_int_eq(store_log_access(fx.st, id), ST_OK);
	ck_assert_int_eq(query_only_of(fx.st), 0);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM access_log"), 3);
}
END_TEST

START_TEST(test_access_log_auditor)
{
	char err[256];

	load_family();
	store_close(&fx.st);
	fixture_exec(&fx, "UPDATE app_user SET role = 'auditor'");
	ck_assert_int_eq(store_open(fx.path, 0, &fx.st, err, sizeof err), ST_OK);
	ck_assert_str_eq(store_role(fx.st), "auditor");
	ck_assert_int_eq(store_tx_begin(fx.st), ST_ERR_PERMISSION);
	ck_assert_int_eq(store_log_access(fx.st, store_person_id(fx.st, "TR-10")), ST_OK);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM access_log a JOIN person p"
	                         " ON p.id = a.person_id WHERE p.case_no = 'TR-10'"), 1);
}
END_TEST

START_TEST(test_changed_by)
{
	static const struct person_in later = {
		.case_no = "TR-30", .family_name = "Later", .sex = "U" };
	struct person_detail d = { 0 };

	load_family();
	/* loaded with a record per row: the loader's login and time */
	detail_of("TR-12", &d);
	ck_assert_str_eq(d.changed_by, store_login(fx.st));
	ck_assert_int_eq(strlen(d.changed_at), 20);
	ck_assert_int_eq(d.changed_at[10], 'T');
	/* loaded with one summary record: no record names the row */
	load(LOADER_AUDIT_SUMMARY, &later, 1, false);
	detail_of("TR-30", &d);
	ck_assert_str_eq(d.changed_by, "");
	ck_assert_str_eq(d.changed_at, "");
	/* the newest record of the row wins (written here as an edit would
	 * write it; the chain does not matter to the reader) */
	{
		char sql[300];

		snprintf(sql, sizeof sql,
		         "INSERT INTO audit(at, login, tbl, row_id, action, prev_hash, hash)"
		         " VALUES ('2030-01-01T00:00:00Z', 'someone', 'person', '%lld',"
		         " 'update', '', '')", (long long)store_person_id(fx.st, "TR-12"));
		fixture_exec(&fx, sql);
	}
	detail_of("TR-12", &d);
	ck_assert_str_eq(d.changed_by, "someone");
	ck_assert_str_eq(d.changed_at, "2030-01-01T00:00:00Z");
	person_detail_clear(&d);
}
END_TEST

Suite *
suite_store_person(void)
{
	Suite *s = suite_create("store_person");
	TCase *tc = tcase_create("store_person");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_person_fields);
	tcase_add_test(tc, test_unknowns_are_empty);
	tcase_add_test(tc, test_relatives_each_side);
	tcase_add_test(tc, test_deadlines_open_first);
	tcase_add_test(tc, test_unknown_id);
	tcase_add_test(tc, test_events_by_date);
	tcase_add_test(tc, test_database_error_frees);
	tcase_add_test(tc, test_access_log_read_only);
	tcase_add_test(tc, test_access_log_auditor);
	tcase_add_test(tc, test_changed_by);
	suite_add_tcase(s, tc);
	return s;
}
