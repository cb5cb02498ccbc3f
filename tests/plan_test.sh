#!/bin/sh
# plan_test.sh: every list, filter, search, deadline and audit query is a
# seek at 200,000 persons (tests/plan_check.c says how it is judged).
# Usage: sh tests/plan_test.sh build/casepath build/casepath-plan
#
# The database: the demo generator makes 2,000 persons with their events,
# audit trail and deadlines (the real schema, through the program), then
# SQL copies the persons, their search text, name keys and deadlines 99
# times under new ids and case numbers: 200,000 persons in seconds where
# generating them takes minutes on a busy machine. No ANALYZE: the
# program runs none, so its plans are the ones users get.
set -eu
BIN=$1 PLAN=$2
DIR=$(mktemp -d /tmp/casepath-plan.XXXXXX)
trap 'rm -rf "$DIR"' EXIT
export TZ=UTC LANG=C.UTF-8 CASEPATH_TODAY=${CASEPATH_TODAY:-2026-11-23}
DB="$DIR/plan.db"
t0=$(date +%s)
"$BIN" demo --db "$DB" --persons 2000 --seed 5 >/dev/null
sqlite3 "$DB" <<'SQL'
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
CREATE TEMP TABLE copy(n INTEGER PRIMARY KEY);
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 99)
INSERT INTO copy SELECT n FROM k;
CREATE TEMP TABLE base AS SELECT max(id) AS top FROM person;
INSERT INTO person (id, case_no, family_name, given_names, native_name, sex,
	birth_date, birth_lo, birth_hi, nationality, claimed_nationality, ethnicity,
	interpreter_needed, category, notes, stage, stage_since, version, name_key,
	name_key_tr, next_due, next_clock, overdue_after)
SELECT p.id + c.n * b.top, p.case_no || '-' || c.n, p.family_name, p.given_names,
	p.native_name, p.sex, p.birth_date, p.birth_lo, p.birth_hi, p.nationality,
	p.claimed_nationality, p.ethnicity, p.interpreter_needed, p.category, p.notes,
	p.stage, p.stage_since, p.version, p.name_key, p.name_key_tr, p.next_due, p.next_clock,
	p.overdue_after
FROM copy c, base b, person p WHERE p.id <= b.top;
INSERT INTO person_name_fts(rowid, names)
SELECT f.id + c.n * b.top, f.c0 FROM copy c, base b, person_name_fts_content f
WHERE f.id <= b.top;
INSERT INTO person_namekey_fts(rowid, keys)
SELECT p.id + c.n * b.top, (SELECT keys FROM person_namekey_fts WHERE rowid = p.id)
FROM copy c, base b, person p WHERE p.id <= b.top;
INSERT INTO deadline SELECT d.person_id + c.n * b.top, d.clock, d.due, d.due_latest,
	d.status, d.rule, d.arithmetic, d.lapses FROM copy c, base b, deadline d
WHERE d.person_id <= b.top;
COMMIT;
SQL
n=$(sqlite3 "$DB" "SELECT count(*) FROM person")
t1=$(date +%s)
echo "plan database: $n persons in $((t1 - t0)) s"
"$PLAN" "$DB"
