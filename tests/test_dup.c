/* test_dup.c: possible duplicates (dupscore.h, store_dup.h): the
 * scoring table, the candidate search and its freshness, dismissals,
 * merge with provenance and its exact undo, stale and refused writes. */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casepath/date.h"
#include "casepath/dupscore.h"
#include "casepath/i18n.h"
#include "casepath/report.h"
#include "casepath/rules.h"
#include "casepath/store.h"
#include "casepath/store_dup.h"
#include "casepath/store_edit.h"
#include "casepath/store_view.h"
#include "../src/store_internal.h"   /* dup_cache_slots */
#include "fixture.h"

Suite *suite_dup(void);

/* --- the scoring table ----------------------------------------------------- */

struct score_case {
	struct dup_person a, b;
	bool pair;             /* scores DUP_MIN_SCORE or more */
	const char *why;       /* a phrase the evidence must hold */
};

static const char *const kunya[] = { "Abu Omar" };
static const char *const alias_mhmd[] = { "Mukhammad Nazarov" };
static const char *const doc_p1[] = { "P1234567" };
static const int64_t rel_9_10[] = { 9, 10 };
static const int64_t rel_2[] = { 2 };

#define P(...) { .id = 1, __VA_ARGS__ }
#define Q(...) { .id = 2, __VA_ARGS__ }

static const struct score_case table[] = {
	/* 1: transliterations, exact same day */
	{ P(.family = "Qarzelani", .given = "Muhammad", .sex = 'M',
	    .birth_date = "1990-03-04", .nationality = "SYR"),
	  Q(.family = "Karzelani", .given = "Mohammed", .sex = 'M',
	    .birth_date = "1990-03-04", .nationality = "SYR"),
	  true, "same name skeleton" },
	/* 2: Cyrillic against Latin, a year inside an exact day */
	{ P(.family = "Nazarov", .given = "Mukhammad", .sex = 'M',
	    .birth_date = "1985", .nationality = "UZB"),
	  Q(.family = "Назаров", .given = "Мухаммад", .sex = 'M',
	    .birth_date = "1985-06-01", .nationality = "UZB"),
	  true, "birth dates compatible" },
	/* 3: Arabic script native name against the Latin name */
	{ P(.family = "Haddad", .given = "Aisha", .sex = 'F', .birth_date = "1985-07-01",
	    .nationality = "IRQ"),
	  Q(.family = "حداد", .given = "عائشة", .sex = 'F', .birth_date = "1985-07-01",
	    .nationality = "IRQ"),
	  true, "same birth date" },
	/* 4: one typo, same day */
	{ P(.family = "Tolimov", .given = "Daulet", .sex = 'M', .birth_date = "1991-12-30",
	    .nationality = "KAZ"),
	  Q(.family = "Tolimow", .given = "Daulet", .sex = 'M', .birth_date = "1991-12-30",
	    .nationality = "KAZ"),
	  true, "same name skeleton" },
	/* 5: one real typo (a letter more), same day */
	{ P(.family = "Zuhralzoda", .given = "Madina", .sex = 'F',
	    .birth_date = "1999-03-22", .nationality = "TJK"),
	  Q(.family = "Zuhrakzoda", .given = "Madina", .sex = 'F',
	    .birth_date = "1999-03-22", .nationality = "TJK"),
	  true, "one letter apart" },
	/* 6: family and given names written the other way round */
	{ P(.family = "Ahmadi", .given = "Reza", .sex = 'M', .birth_date = "1970",
	    .nationality = "AFG"),
	  Q(.family = "Reza", .given = "Ahmadi", .sex = 'M', .birth_date = "1970",
	    .nationality = "AFG"),
	  true, "same name skeleton" },
	/* 7: the same document number lifts an alias match */
	{ P(.family = "Nazarov", .given = "Rustam", .aliases = alias_mhmd, .naliases = 1,
	    .sex = 'M', .documents = doc_p1, .ndocuments = 1),
	  Q(.family = "Nazarov", .given = "Mukhammad", .sex = 'M',
	    .documents = doc_p1, .ndocuments = 1),
	  true, "same document number" },
	/* 8: nationality claimed by one, held by the other */
	{ P(.family = "Karimi", .given = "Leila", .sex = 'F', .birth_date = "1993-01-01",
	    .nationality = "XXX", .claimed = "AFG"),
	  Q(.family = "Kerimi", .given = "Leyla", .sex = 'F', .birth_date = "1993-01-01",
	    .nationality = "AFG"),
	  true, "claimed by the other" },
	/* 9: shared relatives */
	{ P(.family = "Ibrahim", .given = "Omar", .sex = 'M', .birth_date = "~1980",
	    .relatives = rel_9_10, .nrelatives = 2),
	  Q(.family = "Ebrahim", .given = "Omar", .sex = 'M', .birth_date = "1981",
	    .relatives = rel_9_10, .nrelatives = 2),
	  true, "2 shared relatives" },
	/* 10: approximate dates reach two years */
	{ P(.family = "Yusupov", .given = "Timur", .sex = 'M', .birth_date = "~1980",
	    .nationality = "TJK"),
	  Q(.family = "Jusupov", .given = "Timur", .sex = 'M', .birth_date = "1982-05-05",
	    .nationality = "TJK"),
	  true, "birth dates compatible" },
	/* 11: unknown sex pairs with a known one */
	{ P(.family = "Abdullah", .given = "Noor", .sex = 'U', .birth_date = "2001-02-02",
	    .nationality = "SDN"),
	  Q(.family = "Abdulla", .given = "Noor", .sex = 'F', .birth_date = "2001-02-02",
	    .nationality = "SDN"),
	  true, "same birth date" },
	/* 12: different sex */
	{ P(.family = "Nazarov", .given = "Rustam", .sex = 'M', .birth_date = "1979"),
	  Q(.family = "Nazarova", .given = "Rustam", .sex = 'F', .birth_date = "1979"),
	  false, "different sex" },
	/* 13: birth dates that cannot meet */
	{ P(.family = "Haddad", .given = "Aisha", .sex = 'F', .birth_date = "1985-07-01"),
	  Q(.family = "Haddad", .given = "Aisha", .sex = 'F', .birth_date = "1962"),
	  false, "cannot match" },
	/* 14: no name in common */
	{ P(.family = "Haddad", .given = "Aisha", .sex = 'F', .birth_date = "1985-07-01"),
	  Q(.family = "Karimi", .given = "Leila", .sex = 'F', .birth_date = "1985-07-01"),
	  false, "no name in common" },
	/* 15: a shared kunya says nothing */
	{ P(.family = "Jaber", .given = "Ali", .aliases = kunya, .naliases = 1, .sex = 'M'),
	  Q(.family = "Hamdan", .given = "Sami", .aliases = kunya, .naliases = 1, .sex = 'M'),
	  false, "no name in common" },
	/* 16: Omar and Amir stay apart */
	{ P(.family = "Haddad", .given = "Omar", .sex = 'M', .birth_date = "1990-01-01"),
	  Q(.family = "Haddad", .given = "Amir", .sex = 'M', .birth_date = "1990-01-01"),
	  false, "no name in common" },
	/* 17: parent and child with one name, linked to each other */
	{ P(.family = "Tolurev", .given = "Yerzhan", .sex = 'M', .relatives = rel_2,
	    .nrelatives = 1),
	  Q(.family = "Tolurev", .given = "Yerzhan", .sex = 'M'),
	  false, "relatives of each other" },
	/* 18: same name, year only both, different nationalities */
	{ P(.family = "Haddad", .given = "Ali", .sex = 'M', .birth_date = "1990",
	    .nationality = "SYR"),
	  Q(.family = "Haddad", .given = "Ali", .sex = 'M', .birth_date = "1990",
	    .nationality = "LBN"),
	  false, "different nationalities" },
	/* 19: one typo and only compatible years: too little */
	{ P(.family = "Twbnni", .given = "Samira", .sex = 'F', .birth_date = "1994",
	    .nationality = "TUN"),
	  Q(.family = "Twbnni", .given = "Samina", .sex = 'F', .birth_date = "1994",
	    .nationality = "TUN"),
	  false, "one letter apart" },
	/* 20: the same name and nothing else known */
	{ P(.family = "Haddad", .given = "Ali"),
	  Q(.family = "Haddad", .given = "Ali"),
	  false, "a birth date unknown" },
	/* 21: short keys never count as a typo (Ali against Ala) */
	{ P(.family = "Haddad", .given = "Ali", .sex = 'M', .birth_date = "1990-01-01"),
	  Q(.family = "Haddad", .given = "Alia", .sex = 'M', .birth_date = "1990-01-01"),
	  false, "no name in common" },
	/* 22: Mehmet and Muhammad, Turkish against Arabic spelling */
	{ P(.family = "Demir", .given = "Mehmet", .sex = 'M', .birth_date = "1975-05-05",
	    .nationality = "TUR"),
	  Q(.family = "Demir", .given = "Muhammad", .sex = 'M', .birth_date = "1975-05-05",
	    .nationality = "TUR"),
	  true, "same name skeleton" },
};

START_TEST(test_score_table)
{
	const struct score_case *c = &table[_i];
	struct dup_result r, back;
	char ev[1024];
	int s = dup_score(&c->a, &c->b, &r);

	dup_evidence_text(&r, ev, sizeof ev);
	ck_assert_msg((s >= DUP_MIN_SCORE) == c->pair, "case %d: score %d: %s", _i + 1, s, ev);
	ck_assert_msg(strstr(ev, c->why) != NULL, "case %d: no '%s' in: %s", _i + 1,
	              c->why, ev);
	/* symmetric */
	ck_assert_int_eq(dup_score(&c->b, &c->a, &back), s);
	ck_assert(s >= 0 && s <= 100);
}
END_TEST

/* --- the store ----------------------------------------------------------------- */

static struct fixture fx;

static void
setup(void)
{
	fixture_open(&fx, "dup", "t.db");
}

static void
teardown(void)
{
	fixture_remove(&fx);
}

/* Every row of the tables a merge touches, as text. */
static char *
dump(void)
{
	static const char *const q[] = {
		"SELECT * FROM person ORDER BY id",
		"SELECT * FROM person_alias ORDER BY 1, 2",
		"SELECT * FROM person_language ORDER BY 1, 2",
		"SELECT * FROM event ORDER BY id",
		"SELECT * FROM relation ORDER BY id",
		"SELECT * FROM identity_document ORDER BY id",
		"SELECT * FROM deadline ORDER BY 1, 2, 3",
		"SELECT rowid, * FROM person_name_fts ORDER BY rowid",
		"SELECT rowid, * FROM person_namekey_fts ORDER BY rowid",
	};
	size_t cap = 1 << 16, len = 0;
	char *out = malloc(cap);
	sqlite3 *db;

	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(sqlite3_open(fx.path, &db), SQLITE_OK);
	for (size_t t = 0; t < sizeof q / sizeof q[0]; t++) {
		sqlite3_stmt *s;

		ck_assert_int_eq(sqlite3_prepare_v2(db, q[t], -1, &s, NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW)
			for (int c = 0; c < sqlite3_column_count(s); c++) {
				const char *v = (const char *)sqlite3_column_text(s, c);
				size_t n = strlen(v ? v : "(null)") + 2;

				while (len + n + 1 > cap)
					ck_assert_ptr_nonnull(out = realloc(out, cap *= 2));
				len += (size_t)snprintf(out + len, cap - len, "%s%c",
				                        v ? v : "(null)",
				                        c + 1 == sqlite3_column_count(s) ? '\n' : '|');
			}
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	out[len] = '\0';
	return out;
}

static int64_t
add_person(const struct person_in *p)
{
	struct load_error err;
	int64_t id = 0;

	ck_assert_msg(store_person_add(fx.st, p, &id, &err) == ST_OK, "%s", err.reason);
	return id;
}

static void
add_event(const char *case_no, const char *date, const char *kind)
{
	struct event_in e = { .case_no = case_no, .date = date, .kind = kind,
	                      .place = "Gaziantep", .country = "TUR" };
	struct load_error err;

	ck_assert_msg(store_event_add(fx.st, &e, NULL, NULL, &err) == ST_OK, "%s", err.reason);
}

static void
relate(const char *a, const char *rel, const char *b)
{
	struct relation_in r = { .case_no = a, .relation = rel, .other_case_no = b };
	struct load_error err;

	ck_assert_msg(store_relation_add(fx.st, &r, &err) == ST_OK, "%s", err.reason);
}

static int64_t
version_of(int64_t id)
{
	char sql[96];

	snprintf(sql, sizeof sql, "SELECT version FROM person WHERE id = %lld", (long long)id);
	return fixture_int(&fx, sql);
}

static const struct person_in p1 = {
	.case_no = "DUP-1", .family_name = "Qarzelani", .given_names = "Muhammad",
	.native_name = "محمد قرزلاني", .aliases = "Abu Omar (self)", .sex = "M",
	.birth_date = "1990", .nationality = "SYR", .languages = "ar-levantine",
	.interpreter_needed = "yes", .notes = "registered at Gaziantep",
};
static const struct person_in p2 = {
	.case_no = "DUP-2", .family_name = "Karzelani", .given_names = "Mohammed",
	.aliases = "Mohamed Qarzalani (document)", .sex = "M",
	.birth_date = "1990-03-04", .nationality = "XXX", .claimed_nationality = "SYR",
	.languages = "ar;tr", .interpreter_needed = "no", .notes = "registered at Hatay",
	.ethnicity = "Arab",
};
static const struct person_in p3 = {
	.case_no = "DUP-3", .family_name = "Qarzelani", .given_names = "Yusuf",
	.sex = "M", .birth_date = "2015", .nationality = "SYR",
};
static const struct person_in p4 = {
	.case_no = "DUP-4", .family_name = "Haddad", .given_names = "Aisha",
	.sex = "F", .birth_date = "1985-07-01", .nationality = "IRQ",
};

struct collect {
	int n;
	struct dup_pair_row first;
};

static int
collect(void *ctx, const struct dup_pair_row *r)
{
	struct collect *c = ctx;

	if (c->n++ == 0)
		c->first = *r;
	return 0;
}

START_TEST(test_search_and_freshness)
{
	struct collect c = { 0 };
	long cands = 0, kept = 0;
	int64_t a = add_person(&p1), b = add_person(&p2);

	add_person(&p3);
	add_person(&p4);
	ck_assert_int_eq(store_dup_fresh(fx.st), 0);
	ck_assert_int_eq(store_dup_refresh(fx.st, false, &cands, &kept), ST_OK);
	ck_assert_int_eq(kept, 1);
	ck_assert_int_eq(store_dup_fresh(fx.st), 1);
	ck_assert_int_eq(store_dup_pairs(fx.st, DUP_MIN_SCORE, 0, -1, collect, &c), ST_OK);
	ck_assert_int_eq(c.n, 1);
	ck_assert_int_eq(c.first.a, a);
	ck_assert_int_eq(c.first.b, b);
	ck_assert_str_eq(c.first.a_case, "DUP-1");
	ck_assert_ptr_nonnull(strstr(c.first.evidence, "same name skeleton"));
	ck_assert_ptr_nonnull(strstr(c.first.evidence, "claimed by the other"));
	/* an event does not make the pairs stale; a person's change does */
	add_event("DUP-1", "2024-05-01", "apprehension");
	ck_assert_int_eq(store_dup_fresh(fx.st), 1);
	add_person(&(struct person_in){ .case_no = "DUP-5", .family_name = "Karzalani",
	                                .given_names = "Mohamad", .sex = "M",
	                                .birth_date = "1990-03-04" });
	ck_assert_int_eq(store_dup_fresh(fx.st), 0);
	ck_assert_int_eq(store_dup_refresh(fx.st, false, NULL, &kept), ST_OK);
	ck_assert_int_ge(kept, 2);
	/* one person's pairs */
	c.n = 0;
	ck_assert_int_eq(store_dup_pairs(fx.st, DUP_KEEP_SCORE, store_person_id(fx.st, "DUP-5"),
	                                 -1, collect, &c), ST_OK);
	ck_assert_int_ge(c.n, 2);
}
END_TEST

START_TEST(test_dismiss)
{
	struct collect c = { 0 };
	struct load_error err;
	int64_t a = add_person(&p1), b = add_person(&p2);
	long long audits;

	ck_assert_int_eq(store_dup_refresh(fx.st, false, NULL, NULL), ST_OK);
	audits = fixture_int(&fx, "SELECT count(*) FROM audit");
	ck_assert_int_eq(store_dup_dismiss(fx.st, b, a, "two brothers", &err), ST_OK);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit"), audits + 1);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit WHERE tbl = 'dup_dismissed'"
	                         " AND json_extract(after, '$.note') = 'two brothers'"), 1);
	ck_assert_int_eq(store_dup_dismissed(fx.st, a, b), 1);
	ck_assert_int_eq(store_dup_fresh(fx.st), 1);
	ck_assert_int_eq(store_dup_pairs(fx.st, DUP_KEEP_SCORE, 0, -1, collect, &c), ST_OK);
	ck_assert_int_eq(c.n, 0);
	/* again: nothing new, no second record; a fresh search keeps it out */
	ck_assert_int_eq(store_dup_dismiss(fx.st, a, b, "", &err), ST_OK);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM dup_dismissed"), 1);
	ck_assert_int_eq(store_dup_refresh(fx.st, true, NULL, NULL), ST_OK);
	ck_assert_int_eq(store_dup_pairs(fx.st, DUP_KEEP_SCORE, 0, -1, collect, &c), ST_OK);
	ck_assert_int_eq(c.n, 0);
	ck_assert_int_eq(store_dup_dismiss(fx.st, a, a, "", &err), ST_ERR_NOT_FOUND);
}
END_TEST

/* Two records with events, aliases, languages, a document each, a
 * relative each (one shared) and a relation between them. */
static void
build_family(int64_t *a, int64_t *b)
{
	*a = add_person(&p1);
	*b = add_person(&p2);
	add_person(&p3);
	add_person(&p4);
	add_event("DUP-1", "2024-05-01", "apprehension");
	add_event("DUP-1", "2024-05-02", "custody_release");
	add_event("DUP-2", "2025-01-10", "removal_centre_admission");
	add_event("DUP-2", "2025-01-12", "note");
	relate("DUP-1", "child", "DUP-3");
	relate("DUP-2", "child", "DUP-3");       /* the same link twice */
	relate("DUP-2", "travel_companion", "DUP-4");
	relate("DUP-1", "sibling", "DUP-2");     /* between the two */
	fixture_exec(&fx, "INSERT INTO identity_document(person_id, doc_type, number)"
	         " SELECT id, 'passport', 'N0001' FROM person WHERE case_no = 'DUP-2';"
	         "INSERT INTO identity_document(person_id, doc_type, number)"
	         " SELECT id, 'id_card', 'S77' FROM person WHERE case_no = 'DUP-1'");
}

START_TEST(test_merge_and_undo)
{
	struct load_error err;
	int64_t a, b, mid = 0, merge = -1, kept = -1;
	char *before, *after, into[64], prov[1024];
	struct person_detail d;

	build_family(&a, &b);
	before = dump();
	ck_assert_int_eq(store_merge(fx.st, a, version_of(a), b, version_of(b), &mid, &err),
	                 ST_OK);
	ck_assert_int_gt(mid, 0);
	/* every row moved to the survivor; no self-relation; no double link */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM event WHERE person_id ="
	                         " (SELECT id FROM person WHERE case_no = 'DUP-1')"), 4);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM event WHERE person_id ="
	                         " (SELECT id FROM person WHERE case_no = 'DUP-2')"), 0);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM identity_document WHERE person_id ="
	                         " (SELECT id FROM person WHERE case_no = 'DUP-1')"), 2);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM relation"), 2);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM relation WHERE person_id = other_id"), 0);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM relation r JOIN person p"
	                         " ON p.id IN (r.person_id, r.other_id)"
	                         " WHERE p.case_no = 'DUP-2'"), 0);
	/* the absorbed record stays, saying where it went */
	ck_assert_int_eq(store_merge_of(fx.st, b, &merge, into, sizeof into, NULL), ST_OK);
	ck_assert_int_eq(merge, mid);
	ck_assert_str_eq(into, "DUP-1");
	ck_assert_int_eq(store_merge_of(fx.st, a, NULL, NULL, 0, &kept), ST_OK);
	ck_assert_int_eq(kept, mid);
	/* fields: the survivor's win, the more exact birth date and the
	 * empty ethnicity come from the other; names and values kept */
	memset(&d, 0, sizeof d);
	ck_assert_int_eq(store_person_detail(fx.st, a, &d), ST_OK);
	ck_assert_str_eq(d.birth_date, "1990-03-04");
	ck_assert_str_eq(d.ethnicity, "Arab");
	ck_assert_str_eq(d.family_name, "Qarzelani");
	ck_assert_int_eq(d.naliases, 3);
	ck_assert_str_eq(d.aliases[1].name, "Mohammed Karzelani");
	ck_assert_int_eq(d.nlanguages, 3);
	ck_assert_ptr_nonnull(strstr(d.notes, "registered at Hatay"));
	ck_assert_ptr_nonnull(strstr(d.notes, "Merged from DUP-2: birth_date 1990"));
	person_detail_clear(&d);
	ck_assert_int_eq(store_merge_provenance(fx.st, mid, prov, sizeof prov), ST_OK);
	ck_assert_ptr_nonnull(strstr(prov, "birth_date: DUP-2"));
	ck_assert_ptr_nonnull(strstr(prov, "ethnicity: DUP-2"));
	ck_assert_ptr_nonnull(strstr(prov, "family_name: DUP-1"));
	/* audited: the survivor's update, the absorbed record, the merge */
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit WHERE tbl = 'person_merge'"
	                         " AND action = 'insert'"), 1);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM audit WHERE tbl = 'person'"
	                         " AND action = 'merge'"), 1);
	/* twice is refused */
	ck_assert_int_eq(store_merge(fx.st, a, version_of(a), b, version_of(b), NULL, &err),
	                 ST_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.reason, "already merged into DUP-1"));
	/* undo: everything as it was, byte for byte */
	ck_assert_msg(store_unmerge(fx.st, mid, &err) == ST_OK, "%s", err.reason);
	after = dump();
	ck_assert_str_eq(after, before);
	ck_assert_int_eq(store_unmerge(fx.st, mid, &err), ST_ERR_INPUT);
	{
		char report[512];

		ck_assert_msg(store_verify(fx.st, report, sizeof report) == ST_OK, "%s", report);
	}
	free(before);
	free(after);
}
END_TEST

static int
count_row(void *ctx, const char *const *fields, size_t n)
{
	int *c = ctx;

	(void)n;
	if (strcmp(fields[0], "DUP-2") == 0)
		c[1]++;
	c[0]++;
	return 0;
}

/* What a caseworker sees of the records: the list, its counts and rank,
 * the deadlines, the report, the export. */
struct seen {
	long count, count_syr, rank_dup3;
	int page, page_has_2, deadlines[2], exported[2];
	long report_persons;
};

static void
look(struct seen *o)
{
	struct list_query q;
	struct list_row rows[10], at;
	struct report r;
	bool exact;
	int32_t today = day_today();

	memset(o, 0, sizeof *o);
	memset(&q, 0, sizeof q);
	q.sort = SORT_NAME;
	q.filter.today = today;
	o->count = store_list_count(fx.st, &q);
	o->page = store_list_page(fx.st, &q, NULL, false, 10, rows);
	for (int i = 0; i < o->page; i++)
		o->page_has_2 |= strcmp(rows[i].case_no, "DUP-2") == 0;
	list_rows_clear(rows, o->page < 0 ? 0 : o->page);
	ck_assert_int_eq(store_list_row(fx.st, &q, "DUP-3", 0, &at), ST_OK);
	o->rank_dup3 = store_list_rank(fx.st, &q, &at, &exact);
	list_rows_clear(&at, 1);
	snprintf(q.filter.nationality, sizeof q.filter.nationality, "SYR");
	o->count_syr = store_list_count(fx.st, &q);
	ck_assert_int_eq(store_deadlines(fx.st, today, -1, 0, count_row, o->deadlines), ST_OK);
	ck_assert_int_eq(store_export(fx.st, REC_PERSONS, 0, NULL, count_row, o->exported),
	                 ST_OK);
	memset(&r, 0, sizeof r);
	ck_assert_int_eq(store_report(fx.st, NULL, today, -1, &r), ST_OK);
	o->report_persons = r.persons;
	report_clear(&r);
}

struct all_pairs {
	struct dup_pair_row *r;
	int n, cap;
};

static int
keep_all(void *ctx, const struct dup_pair_row *r)
{
	struct all_pairs *p = ctx;

	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		ck_assert_ptr_nonnull(p->r = realloc(p->r, (size_t)p->cap * sizeof *p->r));
	}
	p->r[p->n++] = *r;
	return 0;
}

static bool
same_pair(const struct dup_pair_row *x, const struct dup_pair_row *y)
{
	return x->a == y->a && x->b == y->b && x->score == y->score;
}

/* More pairs than the old listing's cap of 1,000, paged by key both
 * ways: every pair once, in the listing's order, ties on the score
 * broken by the ids. */
START_TEST(test_pairs_paged_by_key)
{
	struct all_pairs all = { 0 }, page = { 0 }, walked = { 0 };
	const struct dup_pair_row *from = NULL;
	struct dup_pair_row at;

	for (int i = 0; i < 47; i++) {
		char c[16], f[16];

		snprintf(c, sizeof c, "PG-%02d", i);
		snprintf(f, sizeof f, "Family%c%c", 'a' + i / 26, 'a' + i % 26);
		add_person(&(struct person_in){ .case_no = c, .family_name = f,
		                                .given_names = "Given", .sex = "U" });
	}
	fixture_exec(&fx, "INSERT INTO dup_pair(a, b, score, evidence) SELECT x.id, y.id,"
	         " 30 + (x.id * 7 + y.id * 13) % 71, 'test' FROM person x, person y"
	         " WHERE x.id < y.id;"
	         "INSERT OR REPLACE INTO meta(key, value) VALUES ('dup_pairs_seq',"
	         " (SELECT max(seq) FROM audit))");
	{
		/* kept in this language (store_dup_fresh compares it) */
		char sql[128];

		snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO meta(key, value)"
		         " VALUES ('dup_pairs_lang', '%s')", i18n_language());
		fixture_exec(&fx, sql);
	}
	ck_assert_int_eq(store_dup_fresh(fx.st), 1);
	ck_assert_int_eq(store_dup_pairs(fx.st, DUP_KEEP_SCORE, 0, -1, keep_all, &all), ST_OK);
	ck_assert_int_eq(all.n, 47 * 46 / 2);   /* 1,081 */
	for (int i = 1; i < all.n; i++)
		ck_assert(all.r[i - 1].score > all.r[i].score ||
		          (all.r[i - 1].score == all.r[i].score &&
		           (all.r[i - 1].a < all.r[i].a ||
		            (all.r[i - 1].a == all.r[i].a && all.r[i - 1].b < all.r[i].b))));
	/* forward, 7 at a time */
	do {
		page.n = 0;
		ck_assert_int_eq(store_dup_page(fx.st, DUP_KEEP_SCORE, 0, from, false, false, 7,
		                                keep_all, &page), ST_OK);
		for (int i = 0; i < page.n; i++)
			keep_all(&walked, &page.r[i]);
		if (page.n) {
			at = page.r[page.n - 1];
			from = &at;
		}
	} while (page.n == 7);
	ck_assert_int_eq(walked.n, all.n);
	for (int i = 0; i < all.n; i++)
		ck_assert(same_pair(&walked.r[i], &all.r[i]));
	/* backward from the end, nearest first */
	walked.n = 0;
	from = NULL;
	do {
		page.n = 0;
		ck_assert_int_eq(store_dup_page(fx.st, DUP_KEEP_SCORE, 0, from, true, false, 11,
		                                keep_all, &page), ST_OK);
		for (int i = 0; i < page.n; i++)
			keep_all(&walked, &page.r[i]);
		if (page.n) {
			at = page.r[page.n - 1];
			from = &at;
		}
	} while (page.n == 11);
	ck_assert_int_eq(walked.n, all.n);
	for (int i = 0; i < all.n; i++)
		ck_assert(same_pair(&walked.r[i], &all.r[all.n - 1 - i]));
	/* inclusive: the key's own pair first */
	page.n = 0;
	ck_assert_int_eq(store_dup_page(fx.st, DUP_KEEP_SCORE, 0, &all.r[1040], false, true, 2,
	                                keep_all, &page), ST_OK);
	ck_assert_int_eq(page.n, 2);
	ck_assert(same_pair(&page.r[0], &all.r[1040]));
	ck_assert(same_pair(&page.r[1], &all.r[1041]));
	free(all.r);
	free(page.r);
	free(walked.r);
}
END_TEST

START_TEST(test_merged_not_counted)
{
	struct load_error err;
	struct seen before, merged, undone;
	int64_t a, b, mid = 0;
	char into[64];

	build_family(&a, &b);
	look(&before);
	ck_assert_int_eq(before.count, 4);
	ck_assert_int_eq(before.page, 4);
	ck_assert_int_eq(before.page_has_2, 1);
	ck_assert_int_eq(before.exported[0], 4);
	ck_assert_int_eq(before.report_persons, 4);
	ck_assert_int_gt(before.deadlines[1], 0);
	ck_assert_int_eq(store_merge_target(fx.st, "DUP-2", into, sizeof into), ST_ERR_NOT_FOUND);
	ck_assert_int_eq(store_merge(fx.st, a, version_of(a), b, version_of(b), &mid, &err),
	                 ST_OK);
	look(&merged);
	/* the absorbed record is gone from every count... */
	ck_assert_int_eq(merged.count, 3);
	ck_assert_int_eq(merged.count_syr, before.count_syr);   /* DUP-2 is XXX */
	ck_assert_int_eq(merged.page, 3);
	ck_assert_int_eq(merged.page_has_2, 0);
	ck_assert_int_eq(before.rank_dup3, 4);     /* Haddad, Karzelani, Qarzelani M. */
	ck_assert_int_eq(merged.rank_dup3, 3);
	ck_assert_int_eq(merged.deadlines[1], 0);
	ck_assert_int_eq(merged.exported[0], 3);
	ck_assert_int_eq(merged.exported[1], 0);
	ck_assert_int_eq(merged.report_persons, 3);
	/* ...and its number still leads to the record holding it */
	ck_assert_int_eq(store_merge_target(fx.st, "DUP-2", into, sizeof into), ST_OK);
	ck_assert_str_eq(into, "DUP-1");
	ck_assert_int_eq(store_merge_target(fx.st, "DUP-1", into, sizeof into), ST_ERR_NOT_FOUND);
	/* undo brings it back everywhere */
	ck_assert_msg(store_unmerge(fx.st, mid, &err) == ST_OK, "%s", err.reason);
	look(&undone);
	ck_assert_int_eq(undone.count, before.count);
	ck_assert_int_eq(undone.count_syr, before.count_syr);
	ck_assert_int_eq(undone.page, before.page);
	ck_assert_int_eq(undone.rank_dup3, before.rank_dup3);
	ck_assert_int_eq(undone.deadlines[0], before.deadlines[0]);
	ck_assert_int_eq(undone.deadlines[1], before.deadlines[1]);
	ck_assert_int_eq(undone.exported[0], 4);
	ck_assert_int_eq(undone.report_persons, 4);
}
END_TEST

START_TEST(test_merge_stale)
{
	struct load_error err;
	int64_t a, b;

	build_family(&a, &b);
	ck_assert_int_eq(store_merge(fx.st, a, version_of(a) - 1, b, version_of(b), NULL, &err),
	                 ST_ERR_STALE);
	ck_assert_ptr_nonnull(strstr(err.reason, "since you opened it"));
	ck_assert_int_eq(store_merge(fx.st, a, version_of(a), b, version_of(b) + 1, NULL, &err),
	                 ST_ERR_STALE);
	ck_assert_int_eq(store_merge(fx.st, a, version_of(a), a, version_of(a), NULL, &err),
	                 ST_ERR_INPUT);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person_merge"), 0);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM event WHERE person_id = 2"), 2);
}
END_TEST

START_TEST(test_unmerge_refused_after_change)
{
	struct load_error err;
	int64_t a, b, mid = 0;

	build_family(&a, &b);
	ck_assert_int_eq(store_merge(fx.st, a, version_of(a), b, version_of(b), &mid, &err),
	                 ST_OK);
	add_event("DUP-1", "2025-06-01", "note");
	ck_assert_int_eq(store_unmerge(fx.st, mid, &err), ST_ERR_STALE);
	ck_assert_ptr_nonnull(strstr(err.reason, "changed after the merge"));
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person WHERE merged_into IS NOT NULL"), 1);
	ck_assert_int_eq(store_unmerge(fx.st, 999, &err), ST_ERR_NOT_FOUND);
}
END_TEST

START_TEST(test_auditor_cannot_merge)
{
	struct load_error err;
	char e[256];
	int64_t a, b;

	build_family(&a, &b);
	store_close(&fx.st);
	fixture_exec(&fx, "UPDATE app_user SET role = 'auditor'");
	ck_assert_int_eq(store_open(fx.path, 0, &fx.st, e, sizeof e), ST_OK);
	store_set_rules(fx.st, fx.rules);
	ck_assert_int_eq(store_merge(fx.st, a, version_of(a), b, version_of(b), NULL, &err),
	                 ST_ERR_PERMISSION);
	ck_assert_int_eq(store_dup_dismiss(fx.st, a, b, "", &err), ST_ERR_PERMISSION);
	/* the pairs are derived data: an auditor's listing keeps them */
	ck_assert_int_eq(store_dup_refresh(fx.st, false, NULL, NULL), ST_OK);
	ck_assert_int_eq(fixture_int(&fx, "SELECT count(*) FROM person_merge"), 0);
}
END_TEST

/* The scoring holds a bounded number of records, letting go of one it
 * will read again when full: with room for only a pair's two records it
 * keeps exactly the pairs it keeps with room for all. */
static char *
pairs_text(const struct fixture *f)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	size_t cap = 1 << 16, len = 0;
	char *out = malloc(cap);

	ck_assert_int_eq(sqlite3_open(f->path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT a, b, score, evidence FROM dup_pair"
	                                    " ORDER BY a, b", -1, &s, NULL), SQLITE_OK);
	out[0] = '\0';
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *ev = (const char *)sqlite3_column_text(s, 3);
		size_t need = strlen(ev) + 64;

		if (len + need >= cap)
			out = realloc(out, cap = cap * 2 + need);
		len += (size_t)snprintf(out + len, cap - len, "%lld %lld %d %s\n",
		                        sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
		                        sqlite3_column_int(s, 2), ev);
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return out;
}

START_TEST(test_scoring_with_few_records_held)
{
	static const char *const given[] = { "Muhammad", "Mohammed", "Mukhammad", "Muhamad" };
	static const char *const family[] = { "Qarzelani", "Karzelani", "Nazarov", "Nazarow",
	                                      "Tolimov", "Haddad", "Hadad" };
	long kept = 0, kept2 = 0;
	char *all, *few;
	int n = 0;

	/* no candidates at all (UBSan: qsort was given NULL) */
	ck_assert_int_eq(store_dup_refresh(fx.st, true, NULL, &kept), ST_OK);
	ck_assert_int_eq(kept, 0);
	/* every spelling with every other: records recur far apart in the
	 * pairs, so two slots must let go and read again all the time */
	for (size_t g = 0; g < sizeof given / sizeof given[0]; g++)
		for (size_t f = 0; f < sizeof family / sizeof family[0]; f++) {
			char c[16];

			snprintf(c, sizeof c, "HC-%02d", n++);
			add_person(&(struct person_in){ .case_no = c, .family_name = family[f],
			                                .given_names = given[g], .sex = "M",
			                                .birth_date = "1990-03-04" });
		}
	ck_assert_int_eq(store_dup_refresh(fx.st, true, NULL, &kept), ST_OK);
	ck_assert_int_gt(kept, 20);
	all = pairs_text(&fx);
	fx.st->dup_cache_slots = 2;
	ck_assert_int_eq(store_dup_refresh(fx.st, true, NULL, &kept2), ST_OK);
	few = pairs_text(&fx);
	ck_assert_int_eq(kept2, kept);
	ck_assert_str_eq(few, all);
	free(all);
	free(few);
}
END_TEST

Suite *
suite_dup(void)
{
	Suite *s = suite_create("dup");
	TCase *tc = tcase_create("score");
	TCase *ts = tcase_create("store");

	tcase_add_loop_test(tc, test_score_table, 0, (int)(sizeof table / sizeof table[0]));
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(ts, setup, teardown);
	tcase_add_test(ts, test_search_and_freshness);
	tcase_add_test(ts, test_dismiss);
	tcase_add_test(ts, test_merge_and_undo);
	tcase_add_test(ts, test_merged_not_counted);
	tcase_add_test(ts, test_pairs_paged_by_key);
	tcase_add_test(ts, test_merge_stale);
	tcase_add_test(ts, test_unmerge_refused_after_change);
	tcase_add_test(ts, test_auditor_cannot_merge);
	tcase_add_test(ts, test_scoring_with_few_records_held);
	suite_add_tcase(s, ts);
	return s;
}
