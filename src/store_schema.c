/* store_schema.c: the versioned schema. Migration N brings user_version
 * from N-1 to N, inside one transaction with the audit record that says
 * so. Never edit a released migration: add the next one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/i18n.h"
#include "casepath/util.h"
#include "casepath/vocab.h"
#include "store_internal.h"

static const char migration_1[] =
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
	/* reference tables, loaded from Debian's iso-codes */
	"CREATE TABLE country ("
	"  code TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE language ("
	"  code TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE event_kind ("
	"  name TEXT PRIMARY KEY) WITHOUT ROWID;"
	"CREATE TABLE app_user ("
	"  login TEXT PRIMARY KEY,"
	"  role TEXT NOT NULL CHECK (role IN ('caseworker','supervisor','auditor')),"
	"  added_at TEXT NOT NULL) WITHOUT ROWID;"
	/* persons and what hangs off them */
	"CREATE TABLE person ("
	"  id INTEGER PRIMARY KEY,"
	"  case_no TEXT NOT NULL UNIQUE,"
	"  family_name TEXT NOT NULL DEFAULT '',"
	"  given_names TEXT NOT NULL DEFAULT '',"
	"  native_name TEXT NOT NULL DEFAULT '',"
	"  sex TEXT NOT NULL DEFAULT 'U' CHECK (sex IN ('F','M','X','U')),"
	"  birth_date TEXT NOT NULL DEFAULT '',"
	"  birth_lo INTEGER, birth_hi INTEGER,"
	"  nationality TEXT REFERENCES country(code),"
	"  claimed_nationality TEXT REFERENCES country(code),"
	"  ethnicity TEXT NOT NULL DEFAULT '',"
	"  interpreter_needed INTEGER NOT NULL DEFAULT 0"
	"    CHECK (interpreter_needed IN (0, 1)),"
	"  category TEXT NOT NULL DEFAULT '',"
	"  notes TEXT NOT NULL DEFAULT '',"
	"  stage TEXT, stage_since INTEGER,"   /* derived by the rules */
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE person_alias ("
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  ord INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  type TEXT NOT NULL DEFAULT 'unknown',"
	"  PRIMARY KEY (person_id, ord)) WITHOUT ROWID;"
	"CREATE TABLE person_language ("
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  ord INTEGER NOT NULL,"
	"  tag TEXT NOT NULL,"                 /* "ar-levantine" */
	"  code TEXT NOT NULL REFERENCES language(code),"
	"  PRIMARY KEY (person_id, ord)) WITHOUT ROWID;"
	"CREATE TABLE identity_document ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  doc_type TEXT NOT NULL, number TEXT NOT NULL DEFAULT '',"
	"  issuing_country TEXT REFERENCES country(code),"
	"  issued TEXT NOT NULL DEFAULT '', expires TEXT NOT NULL DEFAULT '',"
	"  status TEXT NOT NULL DEFAULT 'unverified',"
	"  note TEXT NOT NULL DEFAULT '',"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX identity_document_person ON identity_document(person_id);"
	/* Stored in one direction: "other_id is person_id's kind", with
	 * parent and guardian turned round into child and ward, and the
	 * symmetric kinds kept with person_id < other_id, so a link is
	 * stored once however it was written. */
	"CREATE TABLE relation ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL CHECK (kind IN"
	"    ('child','spouse','sibling','ward','travel_companion')),"
	"  other_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  verification TEXT NOT NULL DEFAULT 'unverified' CHECK (verification IN"
	"    ('unverified','documents','dna_requested','dna_confirmed','dna_excluded')),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  CHECK (person_id <> other_id),"
	"  UNIQUE (person_id, kind, other_id));"
	"CREATE INDEX relation_other ON relation(other_id);"
	/* events: the date as written, and its earliest and latest day */
	"CREATE TABLE event ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  date TEXT NOT NULL,"
	"  date_lo INTEGER NOT NULL, date_hi INTEGER NOT NULL,"
	"  kind TEXT NOT NULL REFERENCES event_kind(name),"
	"  place TEXT NOT NULL DEFAULT '',"
	"  country TEXT REFERENCES country(code),"
	"  ref TEXT NOT NULL DEFAULT '',"
	"  duration TEXT NOT NULL DEFAULT '',"
	"  outcome TEXT NOT NULL DEFAULT '',"
	"  note TEXT NOT NULL DEFAULT '',"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX event_person_date ON event(person_id, date_lo, date_hi, id);"
	/* derived by the rules engine, refreshed with the events */
	"CREATE TABLE deadline ("
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  clock TEXT NOT NULL,"
	"  due INTEGER NOT NULL, due_latest INTEGER NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('open','met','overdue','waived')),"
	"  rule TEXT NOT NULL DEFAULT '',"
	"  arithmetic TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY (person_id, clock, due)) WITHOUT ROWID;"
	"CREATE INDEX deadline_due ON deadline(due, person_id);"
	/* names for search: folded (case, diacritics, Turkish i) */
	"CREATE VIRTUAL TABLE person_name_fts USING fts5("
	"  names, tokenize = 'unicode61 remove_diacritics 2',"
	"  prefix = '1 2 3', columnsize = 0);"
	/* who looked at whose file */
	"CREATE TABLE access_log ("
	"  seq INTEGER PRIMARY KEY, at TEXT NOT NULL, login TEXT NOT NULL,"
	"  person_id INTEGER NOT NULL);"
	/* The audit trail: append-only, each record chained to the one
	 * before by SHA-256 (store_audit.c). */
	"CREATE TABLE audit ("
	"  seq INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL, login TEXT NOT NULL,"
	"  tbl TEXT NOT NULL, row_id TEXT NOT NULL DEFAULT '',"
	"  action TEXT NOT NULL,"
	"  before TEXT, after TEXT,"
	"  prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;";

/* 2: the pathway rules: overrides are events; deadlines are found by
 * status and due date; the list can filter by stage. */
static const char migration_2[] =
	"INSERT OR IGNORE INTO event_kind(name) VALUES ('override');"
	"CREATE INDEX deadline_status_due ON deadline(status, due);"
	"CREATE INDEX person_stage ON person(stage, case_no);";

/* 3: the screens. A folded name key to sort by; the next open deadline
 * kept on the person (refreshed with the deadlines) so the list can sort
 * and show it without a join; one index per list order, each ending in
 * case_no so (value, case_no) is a unique keyset key. Nullable columns
 * are indexed through coalesce() and queried with the same expression.
 * Review marks: who reviewed which case, when, with a note. */
static const char migration_3[] =
	"ALTER TABLE person ADD COLUMN name_key TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE person ADD COLUMN next_due INTEGER NOT NULL DEFAULT 2147483647;"
	"ALTER TABLE person ADD COLUMN next_clock TEXT NOT NULL DEFAULT '';"
	"UPDATE person SET name_key = casepath_fold(family_name || ' ' || given_names);"
	"UPDATE person SET (next_due, next_clock) = (SELECT d.due, d.clock"
	"  FROM deadline d WHERE d.person_id = person.id"
	"  AND d.status IN ('open', 'overdue') ORDER BY d.due, d.clock LIMIT 1)"
	" WHERE EXISTS (SELECT 1 FROM deadline d WHERE d.person_id = person.id"
	"  AND d.status IN ('open', 'overdue'));"
	"CREATE INDEX person_name ON person(name_key, case_no);"
	"CREATE INDEX person_native ON person(native_name, case_no);"
	"CREATE INDEX person_sex ON person(sex, case_no);"
	"CREATE INDEX person_born ON person(coalesce(birth_lo, -1), case_no);"
	"CREATE INDEX person_nat ON person(coalesce(nationality, ''), case_no);"
	"DROP INDEX person_stage;"
	"CREATE INDEX person_stage_key ON person(coalesce(stage, ''), case_no);"
	"CREATE INDEX person_since ON person(coalesce(stage_since, -1), case_no);"
	"CREATE INDEX person_next_due ON person(next_due, case_no);"
	"CREATE TABLE review_mark ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  session TEXT NOT NULL,"      /* the list filter the review walked */
	"  login TEXT NOT NULL, at TEXT NOT NULL,"
	"  note TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX review_mark_session ON review_mark(session, person_id);"
	"CREATE INDEX access_log_person ON access_log(person_id, seq);"
	/* the deadline view: open clocks in its order, a partial index */
	"CREATE INDEX deadline_open_due ON deadline(due, person_id, clock)"
	"  WHERE status IN ('open', 'overdue');"
	/* "changed by whom, when" for one row, without reading the log */
	"CREATE INDEX audit_row ON audit(tbl, row_id, seq);";

/* 4: name search answers every prefix up to six characters from the
 * index (a longer prefix read every term it covers: 50 ms at a million
 * persons). The table is rebuilt from the names as the loader writes
 * them (family, given, native, aliases), folded. */
static const char migration_4[] =
	"DROP TABLE person_name_fts;"
	"CREATE VIRTUAL TABLE person_name_fts USING fts5("
	"  names, tokenize = 'unicode61 remove_diacritics 2',"
	"  prefix = '1 2 3 4 5 6', columnsize = 0);"
	"INSERT INTO person_name_fts(rowid, names)"
	" SELECT id, casepath_fold(family_name || ' ' || given_names || ' ' ||"
	"   native_name || ' ' || coalesce((SELECT group_concat(name || ' (' || type || ')', ';')"
	"   FROM person_alias a WHERE a.person_id = person.id), ''))"
	" FROM person;"
	/* the audit view: one person's records, one user's, newest first */
	"CREATE INDEX audit_case ON audit(coalesce(json_extract(after, '$.case_no'),"
	"  json_extract(before, '$.case_no')), seq);"
	"CREATE INDEX audit_login ON audit(login, seq);";

/* 5: the report (store_report.c). Its figures are counts over every
 * person, so each is an index walk, never a table scan: time in a
 * stage, sex and age, open clocks by due date with their span, and
 * small partial indexes over the few event kinds it counts (outcomes
 * by month, assessments and parentage tests by person) instead of a
 * scan of every event. */
static const char migration_5[] =
	"CREATE INDEX person_stage_since ON person(coalesce(stage, ''), stage_since);"
	"CREATE INDEX person_sex_birth ON person(sex, birth_hi);"
	"CREATE INDEX event_outcome ON event(kind, date_lo, person_id) WHERE kind IN"
	"  ('deported', 'voluntary_return', 'third_country_removal',"
	"   'released_to_community', 'absconded');"
	/* kind leads though the WHERE fixes it: SQLite reads the row for a
	 * column the index does not hold, even one its WHERE pins */
	"CREATE INDEX event_assessment ON event(kind, person_id, outcome, country)"
	"  WHERE kind = 'non_refoulement_assessment';"
	"CREATE INDEX event_dna_test ON event(kind, person_id, date_lo)"
	"  WHERE kind = 'dna_test';"
	/* open clocks with their span: weeks and overdue without the row */
	"CREATE INDEX deadline_open_span ON deadline(due, due_latest, status)"
	"  WHERE status IN ('open', 'overdue');";

/* 6: the similar-names search (`~`, store_search): every person's name
 * skeletons (namekey.h) in an FTS5 table that keeps only which persons
 * have a key (detail=none), and, for every key known, the key itself
 * and each key one letter shorter ("symmetric delete"), so the keys one
 * edit from a typed one are a few indexed lookups. The deletions are
 * made from the index's own list of keys. Self-contained: it reads
 * person and person_alias only. */
static const char migration_6[] =
	"CREATE VIRTUAL TABLE person_namekey_fts USING fts5("
	"  keys, tokenize = 'ascii', detail = none, columnsize = 0);"
	"INSERT INTO person_namekey_fts(rowid, keys)"
	" SELECT id, casepath_namekey(family_name || ';' || given_names || ';' ||"
	"   native_name || ';' || coalesce((SELECT group_concat(name, ';')"
	"   FROM person_alias a WHERE a.person_id = person.id), ''))"
	" FROM person;"
	"CREATE TABLE namekey_near ("
	"  dkey TEXT NOT NULL, key TEXT NOT NULL,"
	"  PRIMARY KEY (dkey, key)) WITHOUT ROWID;"
	"CREATE VIRTUAL TABLE temp.namekey_terms USING"
	"  fts5vocab(main, person_namekey_fts, row);"
	"INSERT OR IGNORE INTO namekey_near(dkey, key)"
	" SELECT term, term FROM temp.namekey_terms;"
	"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 40)"
	" INSERT OR IGNORE INTO namekey_near(dkey, key)"
	" SELECT substr(term, 1, i) || substr(term, i + 2), term"
	" FROM temp.namekey_terms JOIN n ON i < length(term)"
	" WHERE length(term) >= 3;"
	"DROP TABLE temp.namekey_terms;";

/* 7: possible duplicates (store_dup.c). A merged record stays, marked
 * with the record it was merged into, so its case number still
 * resolves. A merge keeps what it needs to be undone exactly: both
 * records as they were and every row it moved or removed (JSON), and
 * which record each of the survivor's fields came from. Pairs a
 * caseworker said are two people are never shown again. The pairs
 * found are kept (dup_pair) with the audit record they are current as
 * of (meta 'dup_pairs_seq'): any later change to a person, alias,
 * document or relation makes them stale. */
static const char migration_7[] =
	/* no REFERENCES: a column in a foreign key cannot be dropped */
	"ALTER TABLE person ADD COLUMN merged_into INTEGER;"
	"CREATE INDEX person_merged ON person(merged_into) WHERE merged_into IS NOT NULL;"
	"CREATE TABLE person_merge ("
	"  id INTEGER PRIMARY KEY,"
	"  survivor INTEGER NOT NULL REFERENCES person(id),"
	"  absorbed INTEGER NOT NULL REFERENCES person(id),"
	"  at TEXT NOT NULL, login TEXT NOT NULL,"
	"  snapshot TEXT NOT NULL,"          /* JSON: rows as they were */
	"  provenance TEXT NOT NULL,"        /* JSON: field -> case number */
	"  audit_seq INTEGER NOT NULL DEFAULT 0," /* the merge's last record */
	"  undone_at TEXT, undone_by TEXT);"
	"CREATE INDEX person_merge_survivor ON person_merge(survivor, id);"
	"CREATE INDEX person_merge_absorbed ON person_merge(absorbed, id);"
	"CREATE TABLE dup_dismissed ("
	"  a INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  b INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  login TEXT NOT NULL, at TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',"
	"  CHECK (a < b), PRIMARY KEY (a, b)) WITHOUT ROWID;"
	"CREATE TABLE dup_pair ("
	"  a INTEGER NOT NULL, b INTEGER NOT NULL,"
	"  score INTEGER NOT NULL, evidence TEXT NOT NULL,"
	"  PRIMARY KEY (a, b)) WITHOUT ROWID;"
	"CREATE INDEX dup_pair_score ON dup_pair(score DESC, a, b);";

/* 8: an import is one audit
 * record; each person it created is traced to that record and the CSV
 * line it came from, so the audit view by case can say so exactly. */
static const char migration_8[] =
	"CREATE TABLE import_row ("
	"  person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL,"
	"  line INTEGER NOT NULL);";

/* 9: the name order in the Turkish alphabet (u8_collate_tr: ç after c,
 * ı before i), the list's name order under --lang tr; written with
 * name_key wherever the names are. */
static const char migration_9[] =
	"ALTER TABLE person ADD COLUMN name_key_tr TEXT NOT NULL DEFAULT '';"
	"UPDATE person SET name_key_tr = casepath_collate_tr(family_name || ' ' || given_names);"
	"CREATE INDEX person_name_tr ON person(name_key_tr, case_no);";

/* 10: event_outcome's condition as ORs of equalities. Written as
 * kind IN (five kinds), SQLite built a temporary table for the list at
 * every single-row INSERT into event (an edit, an import into a
 * database that has events), a third of such an insert; five
 * comparisons cost next to nothing. The report's outcome query repeats
 * the same ORs (store_report.c, OUTCOME_KINDS), which is what lets the
 * planner use the partial index. */
static const char migration_10[] =
	"DROP INDEX event_outcome;"
	"CREATE INDEX event_outcome ON event(kind, date_lo, person_id) WHERE"
	"  kind = 'deported' OR kind = 'voluntary_return'"
	"  OR kind = 'third_country_removal' OR kind = 'released_to_community'"
	"  OR kind = 'absconded';";

/* 11: the name order under a nationality filter. A search in the name
 * order with nat=SYR walked the whole name index for the few rows of
 * one nationality that match (hundreds of milliseconds at a million
 * persons); this index holds each nationality's persons in name order,
 * so the walk reads only theirs. Its name expression is the name
 * order's, one index per name key (store_list.c, sorts[SORT_NAME]). */
static const char migration_11[] =
	"CREATE INDEX person_nat_name ON person(coalesce(nationality, ''), name_key,"
	" case_no);"
	"CREATE INDEX person_nat_name_tr ON person(coalesce(nationality, ''), name_key_tr,"
	" case_no);";

/* 12: lapsed clocks and one meaning of "overdue". The deadline table is
 * rebuilt (SQLite's twelve-step way: new table, copy, drop, rename,
 * indexes again) so its CHECK accepts 'lapsed', written as ORs: an IN
 * list of more than two constants makes SQLite build a temporary table
 * at every single-row INSERT. lapses is the day an unanswered clock
 * counts as lapsed from (rules.c; 2147483647: never), so a query made
 * months after the last derivation still lapses it; the rows already
 * there get tr.rules' 30 days for the challenge windows. The open clocks'
 * indexes hold it, so the action lists leave lapsed clocks out without
 * reading a row; deadline_lapsed_due holds the lapsed ones in the
 * deadline view's order. person.overdue_after is the earliest last
 * permissible day of the person's open or overdue clocks: the list's
 * "overdue" (overdue_after < today) is the deadline view's, the legal
 * one, not the earliest due day's (next_due). */
static const char migration_12[] =
	"CREATE TABLE deadline_new ("
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  clock TEXT NOT NULL,"
	"  due INTEGER NOT NULL, due_latest INTEGER NOT NULL,"
	"  status TEXT NOT NULL CHECK (status = 'open' OR status = 'met'"
	"    OR status = 'overdue' OR status = 'waived' OR status = 'lapsed'),"
	"  rule TEXT NOT NULL DEFAULT '',"
	"  arithmetic TEXT NOT NULL DEFAULT '',"
	"  lapses INTEGER NOT NULL DEFAULT 2147483647,"
	"  PRIMARY KEY (person_id, clock, due)) WITHOUT ROWID;"
	/* an unanswered challenge window lapses 30 days after its last day
	 * (tr.rules' grace), so the windows years old leave the deadline
	 * view at once; a person's next derivation writes the rule set's own
	 * lapse day (and 'lapsed' where the matter became moot) */
	"INSERT INTO deadline_new(person_id, clock, due, due_latest, status, rule,"
	"  arithmetic, lapses) SELECT person_id, clock, due, due_latest, status, rule,"
	"  arithmetic, CASE WHEN clock = 'challenge_window' AND status IN ('open',"
	"  'overdue') THEN due_latest + 31 ELSE 2147483647 END FROM deadline;"
	"DROP TABLE deadline;"
	"ALTER TABLE deadline_new RENAME TO deadline;"
	"CREATE INDEX deadline_due ON deadline(due, person_id);"
	"CREATE INDEX deadline_status_due ON deadline(status, due);"
	"CREATE INDEX deadline_open_due ON deadline(due, person_id, clock, lapses)"
	"  WHERE status IN ('open', 'overdue');"
	"CREATE INDEX deadline_open_span ON deadline(due, due_latest, status, lapses)"
	"  WHERE status IN ('open', 'overdue');"
	"CREATE INDEX deadline_lapsed_due ON deadline(due, person_id, clock)"
	"  WHERE status = 'lapsed';"
	"ALTER TABLE person ADD COLUMN overdue_after INTEGER NOT NULL DEFAULT 2147483647;"
	"UPDATE person SET overdue_after = (SELECT min(d.due_latest) FROM deadline d"
	"  WHERE d.person_id = person.id AND d.status IN ('open', 'overdue'))"
	" WHERE id IN (SELECT person_id FROM deadline WHERE status IN ('open', 'overdue'));";

/* 13: the deadline view's index holds the status too, so a page's keys
 * come from the index alone (deadline has no rowid: SQLite reads the row
 * of every entry a query passes over when it needs a column the index
 * lacks, and the status test was one; a page passed over 52,000 lapsed
 * windows' rows at a million persons, 40 ms). */
static const char migration_13[] =
	"DROP INDEX deadline_open_due;"
	"CREATE INDEX deadline_open_due ON deadline(due, person_id, clock, lapses, status)"
	"  WHERE status IN ('open', 'overdue');";

/* 14: the open clocks by lapse day, so the lapse sweep (store_sweep.c)
 * finds the persons holding a clock whose lapse day has come without
 * reading any other: most clocks never lapse by date (2147483647) and
 * sit at the index's end. A derivation as of a day on or after the
 * lapse day stores the clock lapsed, which takes it out. The status is
 * in it (as in migration 13's) so its queries read the index alone. */
static const char migration_14[] =
	"CREATE INDEX deadline_open_lapses ON deadline(lapses, person_id, status)"
	"  WHERE status IN ('open', 'overdue');";

/* 15: the deadline view's index holds each open clock's last day and
 * rule too, so that `casepath deadlines` reads its clocks from the index
 * alone: it read each clock's row by key as well (the table has no
 * rowid), 105,819 clocks due within a week at a million persons, 2.5 s,
 * half of it those reads. */
static const char migration_15[] =
	"DROP INDEX deadline_open_due;"
	"CREATE INDEX deadline_open_due ON deadline(due, person_id, clock, lapses, status,"
	"  due_latest, rule) WHERE status IN ('open', 'overdue');";

/* 16: the rolling reminders go stale like the lapsing windows. The
 * monthly detention review was derived as the next anniversary on or
 * after the day of derivation, the majority clock as the day of
 * eighteen, neither with a lapse day: a month later the stored review
 * showed "overdue" (no event records a review held, so it can never be
 * met), and a person past eighteen kept a majority clock "overdue"
 * until something else made the person be derived again. They now
 * carry the day their row stops standing (rules.c), which leaves them
 * off the action lists and brings the daily sweep to derive them
 * again; the rows already stored get the same days. */
static const char migration_16[] =
	"UPDATE deadline SET lapses = due + 1 WHERE clock = 'detention_review'"
	"  AND status IN ('open', 'overdue') AND lapses = 2147483647;"
	"UPDATE deadline SET lapses = due_latest WHERE clock = 'majority'"
	"  AND status IN ('open', 'overdue') AND lapses = 2147483647;";

/* 17: the two indexes of every clock, deadline_due(due, person_id) and
 * deadline_status_due(status, due), served no query the partial indexes
 * of the open and the lapsed clocks (migrations 12 to 15) do not serve
 * better; the last user, `deadlines --lapsed`, now reads those two.
 * They held the met and waived clocks too (2.1 of 3.5 million rows at a
 * million persons): building them took 16 s of a million-person load,
 * and every derivation wrote each clock into both. */
static const char migration_17[] =
	"DROP INDEX IF EXISTS deadline_due;"
	"DROP INDEX IF EXISTS deadline_status_due;";

static const char *const migrations[] = { migration_1, migration_2, migration_3,
                                          migration_4, migration_5, migration_6,
                                          migration_7, migration_8, migration_9,
                                          migration_10, migration_11, migration_12,
                                          migration_13, migration_14, migration_15,
                                          migration_16, migration_17 };

int
store_migration_count(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

static const char *
iso_codes_dir(void)
{
	const char *env = getenv("CASEPATH_ISO_CODES_DIR");

	return str_empty(env) ? "/usr/share/iso-codes/json" : env;
}

/* Loads one iso-codes JSON file through SQLite's json_each. */
static enum status
load_iso(struct store *st, const char *file, const char *sql)
{
	char path[512];
	size_t len = 0;
	char *json;
	sqlite3_stmt *s = NULL;
	enum status rc = ST_OK;
	int src;

	snprintf(path, sizeof path, "%s/%s", iso_codes_dir(), file);
	json = read_whole_file(path, &len);
	if (!json) {
		snprintf(st->err, sizeof st->err,
		         "%s: cannot read it (is Debian's iso-codes package installed?)",
		         path);
		return ST_ERR_IO;
	}
	src = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (src == SQLITE_OK) {
		sqlite3_bind_text(s, 1, json, (int)len, SQLITE_STATIC);
		src = sqlite3_step(s);
	}
	if (src != SQLITE_DONE)
		rc = store_fail(st, src, _("%s: cannot load"), path);
	sqlite3_finalize(s);
	free(json);
	return rc;
}

static enum status
load_reference_data(struct store *st)
{
	enum status rc;
	sqlite3_stmt *s = NULL;

	rc = load_iso(st, "iso_3166-1.json",
		"INSERT INTO country(code, name)"
		" SELECT json_extract(value, '$.alpha_3'), json_extract(value, '$.name')"
		" FROM json_each(?1, '$.\"3166-1\"')");
	if (rc == ST_OK)
		rc = store_exec(st,
			"INSERT OR IGNORE INTO country(code, name) VALUES"
			" ('XXA', 'Stateless'), ('XXX', 'Unknown')");
	/* ISO 639-3 (with its two-letter codes) and 639-2 (with the
	 * bibliographic ones, "ger", "fre") together. */
	if (rc == ST_OK)
		rc = load_iso(st, "iso_639-3.json",
			"INSERT OR IGNORE INTO language(code, name)"
			" SELECT json_extract(value, '$.alpha_3'), json_extract(value, '$.name')"
			" FROM json_each(?1, '$.\"639-3\"')");
	if (rc == ST_OK)
		rc = load_iso(st, "iso_639-3.json",
			"INSERT OR IGNORE INTO language(code, name)"
			" SELECT json_extract(value, '$.alpha_2'), json_extract(value, '$.name')"
			" FROM json_each(?1, '$.\"639-3\"')"
			" WHERE json_extract(value, '$.alpha_2') IS NOT NULL");
	if (rc == ST_OK)
		rc = load_iso(st, "iso_639-2.json",
			"INSERT OR IGNORE INTO language(code, name)"
			" SELECT coalesce(json_extract(value, '$.bibliographic'),"
			"                 json_extract(value, '$.alpha_3')),"
			"        json_extract(value, '$.name')"
			" FROM json_each(?1, '$.\"639-2\"')");
	if (rc != ST_OK)
		return rc;

	if ((rc = store_prepare(st, "INSERT INTO event_kind(name) VALUES (?1)", &s)) != ST_OK)
		return rc;
	for (int i = 0; vocab_event_kinds[i] && rc == ST_OK; i++) {
		int src;

		sqlite3_bind_text(s, 1, vocab_event_kinds[i], -1, SQLITE_STATIC);
		src = sqlite3_step(s);
		if (src != SQLITE_DONE)
			rc = store_fail(st, src, _("cannot store the event kinds"));
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return rc;
}

/* The person who creates a database administers it. */
static enum status
add_creator(struct store *st)
{
	sqlite3_stmt *s = NULL;
	char now[32];
	enum status rc;

	rc = store_prepare(st,
		"INSERT INTO app_user(login, role, added_at) VALUES (?1, 'supervisor', ?2)"
		" RETURNING login, json_object('login', login, 'role', role)", &s);
	if (rc != ST_OK)
		return rc;
	sqlite3_bind_text(s, 1, st->login, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, utc_now(now, sizeof now), -1, SQLITE_TRANSIENT);
	rc = store_write_row(st, s, "app_user", "insert", true, NULL);
	sqlite3_finalize(s);
	return rc;
}

enum status
store_migrate(struct store *st, bool fresh)
{
	enum status rc;
	int version = 0;
	sqlite3_stmt *s = NULL;
	char sql[128], what[128];

	if ((rc = store_tx_begin(st)) != ST_OK)
		return rc;
	/* Read the version inside the write lock: another process may have
	 * migrated while we waited. */
	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);

	for (int v = version; v < store_migration_count() && rc == ST_OK; v++) {
		rc = store_exec(st, migrations[v]);
		if (rc == ST_OK && v == 0)
			rc = load_reference_data(st);
		if (rc == ST_OK && v == 0 && fresh)
			rc = add_creator(st);
		snprintf(what, sizeof what, "{\"schema_version\":%d}", v + 1);
		if (rc == ST_OK)
			rc = store_audit(st, "schema", "", v == 0 ? "create" : "migrate",
			                 NULL, what);
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
		if (rc == ST_OK)
			rc = store_exec(st, sql);
	}
	if (rc == ST_OK && fresh) {
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d",
		         CASEPATH_APPLICATION_ID);
		rc = store_exec(st, sql);
	}
	if (rc != ST_OK) {
		store_tx_rollback(st);
		return rc;
	}
	return store_tx_commit(st);
}
