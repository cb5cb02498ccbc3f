#!/bin/sh
# report_test.sh: casepath report. A small fixture (tests/report/*.csv,
# fictional) whose figures were counted by hand, below; golden text
# (UTF-8 bars and plain '#' bars), golden CSV files and an HTML page
# that must be well-formed XML; then, on a demo database, every section
# of a filtered report adds up across a partition of the persons, and
# the caseload equals the persons the filter names.
# UPDATE_GOLDEN=1 writes the goldens instead; review them before
# committing. Usage: sh tests/report_test.sh build/san/casepath
#
# The fixture on 2026-11-23, compared with 2026-07-01 (hand-counted):
#   15 persons; by stage removal centre 4 (RP-01, -02, -07, -14; +1),
#   prison 1, judicial control 1, removal ordered 1 (+1), challenge
#   pending 1 (+1), removal barred 1, deported 1 (+1), voluntary return
#   1, community 1, absconded 1 (+1), released 0 (-1: RP-09 was released
#   from prison on 2026-06-30, deported later), no stage 2 (RP-08, -15;
#   +2). On 2026-07-01, 9 of them had an event: +6.
#   Sex and age (minor: born after 2008-11-23): F minor 2, F adult 4,
#   M minor 1, M adult 7, U age unknown 1.
#   Removal centre: RP-14 under a month, RP-01 and RP-07 6 months
#   (admitted 2026-05-10), RP-02 12 months (2025-11-01, alert); on
#   2026-07-01 RP-01 and RP-07 at 1 month, RP-02 at 8.
#   Prison: RP-03 2 years. Judicial control: RP-12 5 years (4 or more,
#   alert).
#   Deadlines: 7 overdue (RP-12 K8, RP-02 K4 and K5, RP-10 K4, RP-05
#   K2, RP-01 and RP-07 K4), week 1 RP-04's challenge window (11-27),
#   week 2 RP-02's review (12-01), week 3 three reviews (12-10);
#   1 lapsed, apart from the total: RP-09's challenge window, unused and
#   moot since the removal on 2026-09-10 (it was "waived" before).
#   Blocked, of 7 awaiting removal: G1 pending RP-05, G1 window RP-04,
#   G2 RP-06, G2-never RP-04 (Uyghur, CHN), G3 RP-01 and RP-07 (SYR),
#   G4 RP-02 (RUS) and RP-05 (LBY), G9 RP-01, RP-02, RP-06; any 6
#   (RP-14 is free to go).
#   Outcomes: voluntary return 2025-02, released to community 2026-06,
#   deported 2026-09 (+1), absconded 2026-11 (+1).
#   Families: 3 minors of adults in removal (RP-07, -08, -15); 2
#   parentage checks pending, RP-07 tested 2026-08-15 (3 to 6 months),
#   RP-15 never tested.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
DIR=$(cd "$(dirname "$0")" && pwd)/report
T=$(mktemp -d "${TMPDIR:-/tmp}/casepath-report.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
export TZ=UTC LANG=C.UTF-8 HOME="$T/home" XDG_DATA_HOME="$T/xdg"
export CASEPATH_TODAY=2026-11-23
unset CASEPATH_DB CASEPATH_ALLOW_SHARED LC_ALL
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
run() {  # NAME EXPECTED_EXIT CMD...: output in out, err
	name=$1 want=$2; shift 2
	"$@" >out 2>err; got=$?
	if [ "$got" -ne "$want" ]; then
		bad "$name: exit $got, expected $want"; sed 's/^/  stderr: /' err | head -5
		return 1
	fi
	ok; return 0
}
# golden NAME FILE GOLDEN: compares, or with UPDATE_GOLDEN=1 writes.
golden() {
	if [ -n "${UPDATE_GOLDEN:-}" ]; then
		mkdir -p "$(dirname "$3")"; cp "$2" "$3"; ok; return
	fi
	if diff -u "$3" "$2" > diff.out; then ok; else bad "$1 differs from $3"; head -20 diff.out; fi
}
# val FILE KEY [COLUMN]: one figure of a section's CSV.
val() {
	sqlite3 :memory: ".import --csv $1 t" "SELECT \"${3:-value}\" FROM t WHERE key = '$2'"
}
# is NAME GOT WANT
is() {
	if [ "$2" = "$3" ]; then ok; else bad "$1: $2, expected $3"; fi
}

# --- the fixture ----------------------------------------------------------
for k in persons events relations; do
	"$BIN" import $k "$DIR/$k.csv" --db f.db >/dev/null || { echo "report: cannot import $k" >&2; exit 1; }
done
run text 0 "$BIN" report --db f.db && golden text out "$DIR/golden/report.txt"
LANG=C run text-ascii 0 "$BIN" report --db f.db && golden text-ascii out "$DIR/golden/report-ascii.txt"
if LC_ALL=C grep -q "$(printf '[\200-\377]')" out; then bad "LANG=C report is not plain ASCII"; else ok; fi
run since 0 "$BIN" report --since 2026-07-01 --db f.db && golden since out "$DIR/golden/report-since.txt"
run csv 0 "$BIN" report --format csv --out csv --since 2026-07-01 --db f.db
for f in csv/*.csv; do golden "csv-$(basename "$f")" "$f" "$DIR/golden/csv/$(basename "$f")"; done
[ "$(ls csv | wc -l)" = 11 ] && ok || bad "csv: $(ls csv | wc -l) files, expected 11"
[ "$(stat -c %a csv/stage.csv)" = 600 ] && ok || bad "csv files are not 0600"

# the hand-counted figures, whatever the goldens say
is stage-centre "$(val csv/stage.csv removal_centre),$(val csv/stage.csv removal_centre change)" "4,1"
is stage-released "$(val csv/stage.csv released),$(val csv/stage.csv released change)" "0,-1"
is stage-none "$(val csv/stage.csv none)" 2
is persons "$(sqlite3 :memory: '.import --csv csv/stage.csv t' 'SELECT sum(value), sum(change) FROM t')" "15|6"
is sex "$(val csv/sex_age.csv F_minor) $(val csv/sex_age.csv F_adult) $(val csv/sex_age.csv M_minor) $(val csv/sex_age.csv M_adult) $(val csv/sex_age.csv U_unknown)" "2 4 1 7 1"
is centre-time "$(val csv/time_removal_centre.csv 0) $(val csv/time_removal_centre.csv 6) $(val csv/time_removal_centre.csv 12)" "1 2 1"
is centre-then "$(val csv/time_removal_centre.csv 1 change) $(val csv/time_removal_centre.csv 8 change)" "-2 -1"
is centre-alert "$(val csv/time_removal_centre.csv 12 flags)" "alert;limit"
is jc "$(val csv/time_judicial_control.csv 4) $(val csv/time_judicial_control.csv 4 flags)" "1 alert;limit"
is prison "$(val csv/time_prison.csv 2)" 1
is deadlines "$(val csv/deadlines.csv overdue) $(val csv/deadlines.csv week1) $(val csv/deadlines.csv week2) $(val csv/deadlines.csv week3) $(val csv/deadlines.csv lapsed)" "7 1 1 3 1"
is blocked "$(for k in G1_pending G1_window G2 G2_never G3 G4 G9 any; do printf '%s ' "$(val csv/blocked.csv $k)"; done)" "1 1 1 1 2 2 3 6 "
is outcomes "$(val csv/outcomes.csv all total) $(val csv/outcomes.csv all change) $(val csv/outcomes.csv deported 2026-09)" "4 2 1"
is families "$(val csv/families.csv children_of_removal) $(val csv/families.csv parentage_pending)" "3 2"
is parentage-wait "$(val csv/parentage_wait.csv 3) $(val csv/parentage_wait.csv unknown)" "1 1"

# HTML: one well-formed page, nothing loaded from outside, no script
run html 0 "$BIN" report --format html --out r.html --since 2026-07-01 --db f.db
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout r.html 2>xml.err && ok || { bad "report HTML is not well-formed XML"; head -5 xml.err; }
else
	echo "report: xmllint missing (Debian package libxml2-utils): HTML not checked"
fi
if grep -qi '<script\|src=\|href=\|url(' r.html; then bad "report HTML refers to something outside it"; else ok; fi
[ "$(grep -c '<svg' r.html)" = 11 ] && ok || bad "report HTML: $(grep -c '<svg' r.html) charts, expected 11"

# usage
run bad-format 2 "$BIN" report --format pdf --db f.db
run csv-needs-out 2 "$BIN" report --format csv --db f.db
run bad-filter 2 "$BIN" report --filter "colour=red" --db f.db
run bad-since 2 "$BIN" report --since 2026-12-01 --db f.db
run bad-date 2 "$BIN" report --as-of 2026-02-30 --db f.db

# --- a filter changes every section consistently ----------------------------
"$BIN" demo --db d.db --persons 600 --seed 5 >/dev/null || { echo "report: no demo database" >&2; exit 1; }
run all 0 "$BIN" report --format csv --out all --since 2026-01-01 --db d.db
for s in F M X U; do
	run "sex-$s" 0 "$BIN" report --format csv --out "sex$s" --since 2026-01-01 --filter "sex=$s" --db d.db
done
# every figure of the persons is the sum of its figures for F, M, X
# and U (nationality aside: its top 15 differ, only its total adds up)
for f in all/*.csv; do
	s=$(basename "$f" .csv)
	col=value; [ "$s" = outcomes ] && col=total
	chg=, sum_chg=
	if head -1 "$f" | grep -q ',change,'; then
		chg=", CAST(change AS INT)" sum_chg=", sum(CAST(change AS INT))"
	fi
	if [ "$s" = nationality ]; then
		q="SELECT (SELECT sum(value) FROM a) = (SELECT sum(value) FROM p)"
	else
		q="SELECT count(*) = 0 FROM (SELECT key, CAST($col AS INT)$chg FROM a
		   EXCEPT SELECT key, sum(CAST($col AS INT))$sum_chg FROM p GROUP BY key)"
	fi
	got=$(sqlite3 :memory: ".import --csv $f a" \
		".import --csv sexF/$s.csv p" ".import --csv --skip 1 sexM/$s.csv p" \
		".import --csv --skip 1 sexX/$s.csv p" ".import --csv --skip 1 sexU/$s.csv p" "$q")
	is "partition-$s" "$got" 1
done
# the caseload is the list's: the persons the filter names
"$BIN" export persons --db d.db > p.csv
for filter in "nat=SYR" "sex=F" "nat=RUS sex=M"; do
	run "filter $filter" 0 "$BIN" report --format csv --out flt --filter "$filter" --db d.db
	case $filter in
	"nat=SYR") w="nationality = 'SYR'" ;;
	"sex=F") w="sex = 'F'" ;;
	*) w="nationality = 'RUS' AND sex = 'M'" ;;
	esac
	want=$(sqlite3 :memory: ".import --csv p.csv p" "SELECT count(*) FROM p WHERE $w")
	for s in stage nationality sex_age; do
		is "$filter: $s" "$(sqlite3 :memory: ".import --csv flt/$s.csv t" 'SELECT sum(value) FROM t')" "$want"
	done
	is "$filter: centre" "$(sqlite3 :memory: ".import --csv flt/time_removal_centre.csv t" 'SELECT sum(value) FROM t')" \
		"$(val flt/stage.csv removal_centre | sed 's/^$/0/')"
	rm -rf flt
done
# and the list's own filters beyond the columns: its count is the text's
run minor-text 0 "$BIN" report --filter "age=minor flags=barred" --db d.db
want=$(sqlite3 d.db "SELECT count(*) FROM person WHERE birth_hi > CAST(julianday('2008-11-23') - 2440587.5 AS INT)
	AND (stage = 'removal_barred' OR EXISTS (SELECT 1 FROM event e WHERE e.person_id = person.id
	AND e.kind = 'non_refoulement_assessment' AND e.outcome = 'risk'))")
grep -q "^persons selected: $want\$" out && ok || bad "age=minor flags=barred: $(grep 'persons selected' out), expected $want"

echo "report: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
