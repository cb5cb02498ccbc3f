#!/bin/sh
# cli_test.sh: batch-command tests. Runs the given casepath binary against
# fixtures in a scratch directory and prints "N passed, N failed".
# Usage: sh tests/cli_test.sh build/san/casepath
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
FIX=$(cd "$(dirname "$0")" && pwd)/fixtures
# the catalogues make compiles, when run by hand as well as by make
export CASEPATH_LOCALEDIR="${CASEPATH_LOCALEDIR:-$(cd "$(dirname "$0")/.." && pwd)/build/locale}"
T=$(mktemp -d "${TMPDIR:-/tmp}/casepath-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
export TZ=UTC LANG=C.UTF-8 HOME="$T/home" XDG_DATA_HOME="$T/xdg"
export CASEPATH_TODAY=2026-11-23
unset CASEPATH_DB CASEPATH_ALLOW_SHARED
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# run NAME EXPECTED_EXIT CMD...: runs CMD, output in out/err files.
run() {
	name=$1 want=$2; shift 2
	"$@" >out 2>err; got=$?
	if [ "$got" -ne "$want" ]; then
		bad "$name: exit $got, expected $want"; sed 's/^/  stderr: /' err | head -5
		return 1
	fi
	ok; return 0
}
# has NAME FILE TEXT: the file contains the fixed text.
has() {
	if grep -qF -- "$3" "$2"; then ok; else bad "$1: '$3' not in $2:"; head -5 "$2" | sed 's/^/  /'; fi
}
# one_line NAME: stderr holds exactly one line.
one_line() {
	n=$(wc -l < err)
	if [ "$n" -eq 1 ]; then ok; else bad "$1: $n lines on stderr, expected 1"; cat err; fi
}
# snapshot DB: everything a user could see, to compare before and after.
snapshot() {
	for k in persons events relations; do "$BIN" export "$k" --db "$1"; done
	sqlite3 "$1" 'SELECT count(*), max(hash) FROM audit'
}

# --- usage ----------------------------------------------------------------
run version 0 "$BIN" --version && has version out "casepath "
run help 0 "$BIN" --help && has help out "casepath COMMAND"
run import-help 0 "$BIN" import --help && has import-help out "--dry-run"
run unknown-command 2 "$BIN" frobnicate
run unknown-option 2 "$BIN" export persons --colour
run import-no-file 2 "$BIN" import persons
run bad-kind 2 "$BIN" export people --db x.db

# --- import, modes, verify -------------------------------------------------
run import-persons 0 "$BIN" import persons "$FIX/persons.csv" --db good.db
run import-events 0 "$BIN" import events "$FIX/events.csv" --db good.db
run import-relations 0 "$BIN" import relations "$FIX/relations.csv" --db good.db
has import-count out "imported 3 relations"
mode=$(stat -c %a good.db)
[ "$mode" = 600 ] && ok || bad "database mode is $mode, expected 600"
run verify 0 "$BIN" verify --db good.db && has verify out "audit records verified"
run default-location 0 "$BIN" import persons "$FIX/persons.csv"
dmode=$(stat -c %a "$XDG_DATA_HOME/casepath")
[ "$dmode" = 700 ] && ok || bad "default directory mode is $dmode, expected 700"
[ "$(stat -c %a "$XDG_DATA_HOME/casepath/casepath.db")" = 600 ] && ok || bad "default db not 0600"

# --- round trip --------------------------------------------------------------
for k in persons events relations; do "$BIN" export $k --db good.db > a.$k.csv; done
for k in persons events relations; do
	run "reimport-$k" 0 "$BIN" import $k a.$k.csv --db copy.db
done
for k in persons events relations; do
	"$BIN" export $k --db copy.db > b.$k.csv
	cmp -s a.$k.csv b.$k.csv && ok || { bad "round trip of $k differs"; diff a.$k.csv b.$k.csv | head; }
done
run export-json 0 "$BIN" export persons --format json --db good.db
cp out p.json
[ "$(sqlite3 :memory: "SELECT json_valid(readfile('p.json')) AND json_array_length(readfile('p.json')) = 6")" = 1 ] \
	&& ok || bad "JSON export is not a valid array of 6"
has json-utf8 p.json '"native_name":"قرزلاني أمينة"'
# relations too (their CSV query once ordered by column number, which the
# JSON form's single column refused)
run export-json-relations 0 "$BIN" export relations --format json --db good.db
cp out r.json
[ "$(sqlite3 :memory: "SELECT json_valid(readfile('r.json')) AND json_array_length(readfile('r.json')) > 0")" = 1 ] \
	&& ok || bad "JSON export of relations is not a valid non-empty array"
run redact 0 "$BIN" export persons --redact --db good.db
grep -Eq '^P-[0-9A-HJKMNP-TV-Z]{10},P-[0-9A-HJKMNP-TV-Z]{10},,,,F,1991,TUN' out && ok \
	|| { bad "redacted persons: no pseudonym row"; head -3 out; }
# every kind, both formats, twice: the same pseudonyms each time
for k in persons events relations; do
	for f in csv json; do
		"$BIN" export $k --redact --format $f --db good.db > red-$k.$f || bad "redact $k $f"
		"$BIN" export $k --redact --format $f --db good.db > red2-$k.$f
		cmp -s red-$k.$f red2-$k.$f && ok || bad "redacted $k ($f) differs between two exports"
	done
done
cat red-*.csv red-*.json > red-all
# not one original name, alias, place, note, reference, case number or
# exact day of the fixtures appears anywhere in the redacted output
sqlite3 good.db "SELECT case_no FROM person UNION SELECT family_name FROM person
	UNION SELECT given_names FROM person UNION SELECT native_name FROM person
	UNION SELECT name FROM person_alias UNION SELECT notes FROM person
	UNION SELECT ethnicity FROM person UNION SELECT birth_date FROM person WHERE length(birth_date) > 5
	UNION SELECT place FROM event UNION SELECT ref FROM event UNION SELECT note FROM event
	UNION SELECT date FROM event WHERE length(date) = 10
	UNION SELECT note FROM relation" | grep -v '^$' > originals
[ "$(wc -l < originals)" -gt 30 ] && ok || bad "redact: too few original values to look for"
leaks=$(grep -F -f originals red-all | head -3)
[ -z "$leaks" ] && ok || bad "redacted export leaks: $leaks"
# the pseudonyms link: every case number in events and relations is a person's
cut -d, -f1 red-persons.csv | tail -n +2 | sort > red-ids
for k in events relations; do
	tail -n +2 red-$k.csv | cut -d, -f1 | sort -u | comm -23 - red-ids > dangling
	[ ! -s dangling ] && ok || bad "redacted $k name unknown persons"
done
# the redacted files re-import into a fresh database
run redact-import-p 0 "$BIN" import persons red-persons.csv --db redacted.db
run redact-import-e 0 "$BIN" import events red-events.csv --db redacted.db
run redact-import-r 0 "$BIN" import relations red-relations.csv --db redacted.db
[ "$(sqlite3 good.db "SELECT count(*) FROM audit WHERE tbl = 'meta' AND action = 'create'")" = 1 ] \
	&& ok || bad "the pseudonym secret's creation is not audited once"
if sqlite3 good.db "SELECT value FROM meta WHERE key = 'pseudonym_key'" | grep -qf - red-all; then
	bad "the pseudonym secret is in the export"; else ok; fi

# --- show and deadlines --------------------------------------------------------
run show 0 "$BIN" show TR-2019-000001 --timeline --db good.db
has show-name out "Qarzelani, Amina"
has show-family out "child             TR-2019-000003  (dna_requested)"
has show-timeline out "removal_centre_admission"
# --date-format: what a person reads changes, stored dates do not
run show-datefmt 0 "$BIN" show TR-2019-000001 --timeline --date-format '%d.%m.%Y' --db good.db
has show-datefmt out "Stage as of 23.11.2026"
run show-datefmt-after 0 "$BIN" --date-format=locale show TR-2019-000001 --db good.db
run datefmt-bad 2 "$BIN" show TR-2019-000001 --date-format '%Y' --db good.db && one_line datefmt-bad
run datefmt-export 0 "$BIN" export events --date-format '%d.%m.%Y' --db good.db
if grep -q '[0-9][0-9]\.[0-9][0-9]\.[0-9]' out; then bad "--date-format changed an export"; else ok; fi
# --lang: a language without a catalogue falls back to English
run lang-unknown 0 "$BIN" --lang xx show TR-2019-000001 --db good.db && has lang-unknown out "Qarzelani, Amina"
run show-disputed 0 "$BIN" show TR-2019-000004 --db good.db && has disputed out "(disputed)"
run show-as-of 0 "$BIN" show TR-2019-000002 --timeline --as-of 2020-12-31 --db good.db
if grep -q verdict out; then bad "show --as-of listed a later event"; else ok; fi
run show-missing 1 "$BIN" show TR-0000 --db good.db && one_line show-missing
run deadlines-csv 0 "$BIN" deadlines --format csv --db good.db
[ "$(head -1 out)" = "case_no,clock,due,due_latest,status,rule" ] && ok || bad "deadlines csv header: $(head -1 out)"
run deadlines-json 0 "$BIN" deadlines --format json --within 7 --db good.db
run deadlines-bad-date 2 "$BIN" deadlines --as-of 2023-02-30 --db good.db
# the text follows --date-format (csv and json stay ISO)
run deadlines-date-format 0 "$BIN" deadlines --date-format '%d/%m/%Y' --db good.db
sed -n 2p out | grep -qE '^[0-9]{2}/[0-9]{2}/[0-9]{4}  ' && ok || bad "deadlines text ignores --date-format: $(sed -n 2p out)"

# --- bad input: one line naming file, line, column, reason; nothing changes -----
snapshot good.db > before
printf 'case_no,family_name\nTR-9,Ok\nTR-10,\377\376bad\n' > nonutf8.csv
printf 'case_no,family_nam\nTR-9,X\n' > header.csv
printf 'case_no,family_name\nTR-9,New\nTR-2019-000001,Dup\n' > dup.csv
printf 'case_no,date,kind\nTR-2019-000001,2020-01-01,hearing\nTR-2019-000001,2020-01-02,teleport\n' > kind.csv
printf 'case_no,date,kind\nTR-2019-000001,2020-01-01,hearing\nTR-2019-000001,2023-02-30,hearing\n' > date.csv
printf 'case_no,relation,other_case_no\nTR-2019-000001,spouse,TR-2019-000002\nTR-2019-000001,child,TR-4040\n' > rel.csv
check_bad() {  # NAME KIND FILE EXPECTED-TEXT
	run "$1" 1 "$BIN" import "$2" "$3" --db good.db && one_line "$1"
	has "$1" err "$4"
	snapshot good.db > after
	cmp -s before after && ok || bad "$1: the database changed"
}
check_bad missing-file persons nosuch.csv "nosuch.csv: cannot read: No such file or directory"
check_bad non-utf8 persons nonutf8.csv "nonutf8.csv:3: column family_name (2): invalid UTF-8"
check_bad wrong-header persons header.csv "header.csv:1: column 2: unknown column 'family_nam'"
check_bad duplicate persons dup.csv "dup.csv:3: column case_no (1): case number 'TR-2019-000001' is already used"
check_bad unknown-kind events kind.csv "kind.csv:3: column kind (3): unknown event kind 'teleport'"
check_bad bad-date events date.csv "date.csv:3: column date (2): bad date '2023-02-30'"
check_bad missing-case relations rel.csv "rel.csv:3: column other_case_no (3): no person with case number 'TR-4040'"
# a file larger than the import's window (24 MiB, read a window at a
# time): 1,000 persons with 30,000-byte notes holding quotes, a comma
# and a line break, so records straddle every window's end
awk 'BEGIN { x = "x"; while (length(x) < 30000) x = x x; x = substr(x, 1, 30000)
	print "case_no,family_name,given_names,notes"
	for (i = 1; i <= 1000; i++)
		printf "BIG-%04d,Family%d,Given,\"%s \"\"q\"\",\nend %d\"\n", i, i, x, i }' > big.csv
run big-import 0 "$BIN" import persons big.csv --db big.db && has big-import out "imported 1000 persons"
[ "$("$BIN" export persons --db big.db | grep -c '^BIG-')" = 1000 ] && ok || bad "big-import: not 1000 persons back"
"$BIN" export persons --db big.db | awk -v RS='\r?\n' '/^end 1000"/ { found = 1 } END { exit !found }' \
	&& ok || bad "big-import: the last note's second line is not exported"
want=$(sha256sum big.csv | cut -d' ' -f1)
got=$(sqlite3 big.db "SELECT json_extract(after, '$.sha256') FROM audit WHERE action = 'import' ORDER BY seq DESC LIMIT 1")
[ "$got" = "$want" ] && ok || bad "big-import: audit sha256 $got, the file's $want"
# one record past the window's lookahead: refused by line, nothing kept
awk 'BEGIN { x = "x"; while (length(x) < 30000000) x = x x; x = substr(x, 1, 30000000)
	print "case_no,family_name"; print "LONG-1,Short"; print "LONG-2," x; print "LONG-3,Short" }' > long.csv
run long-record 1 "$BIN" import persons long.csv --db long.db && has long-record err "long.csv:3: a record longer than 8 MiB"
[ "$(sqlite3 long.db "SELECT count(*) FROM person WHERE case_no LIKE 'LONG-%'" 2>/dev/null || echo 0)" = 0 ] \
	&& ok || bad "long-record: rows kept from a refused file"
rm -f big.csv long.csv big.db* long.db*
printf 'hello, I am not a database\n' > text.db; chmod 600 text.db
run not-sqlite 1 "$BIN" import persons "$FIX/persons.csv" --db text.db && one_line not-sqlite
has not-sqlite err "text.db: not a casepath database"
sqlite3 other.db 'CREATE TABLE t(x)'; chmod 600 other.db
run other-sqlite 1 "$BIN" export persons --db other.db && has other-sqlite err "other.db: not a casepath database"
[ "$(sqlite3 other.db 'SELECT count(*) FROM sqlite_schema')" = 1 ] && ok || bad "another program's database was modified"

# dry run: every bad row, nothing written
printf 'case_no,date,kind\nTR-2019-000001,2020-13,hearing\nTR-2019-000001,2020-01-01,hearing\nTR-2019-000002,2020-01-01,flying\n' > two.csv
run dry-run 1 "$BIN" import events two.csv --dry-run --db good.db
has dry-run-1 err "two.csv:2: column date (2)"
has dry-run-2 err "two.csv:4: column kind (3)"
has dry-run-sum err "2 bad of 3 rows; nothing written"
snapshot good.db > after
cmp -s before after && ok || bad "dry run changed the database"

# --- permissions ---------------------------------------------------------------
cp good.db shared.db; chmod 644 shared.db
run shared-refused 1 "$BIN" export persons --db shared.db && has shared err "other users can read this file"
CASEPATH_ALLOW_SHARED=1 run shared-allowed 0 "$BIN" export persons --db shared.db
run shared-option 0 "$BIN" --allow-shared-file export persons --db shared.db

# --- demo ------------------------------------------------------------------------
run demo-1 0 "$BIN" demo --db d1.db --persons 1000 --seed 7
run demo-2 0 "$BIN" demo --db d2.db --persons 1000 --seed 7
run demo-verify 0 "$BIN" verify --db d1.db
for k in persons events relations; do
	"$BIN" export $k --db d1.db > d1.$k; "$BIN" export $k --db d2.db > d2.$k
	cmp -s d1.$k d2.$k && ok || bad "demo with the same seed differs in $k"
done
[ "$(sqlite3 d1.db 'SELECT count(*) FROM person')" = 1000 ] && ok || bad "demo person count"
run demo-nonempty 1 "$BIN" demo --db d1.db --persons 10 && has demo-nonempty err "already holds 1000 persons"
# the demo's rows import back unchanged
for k in persons events relations; do run "demo-reimport-$k" 0 "$BIN" import $k d1.$k --db d3.db; done
for k in persons events relations; do
	"$BIN" export $k --db d3.db > d3.$k
	cmp -s d1.$k d3.$k && ok || bad "demo round trip of $k differs"
done

# --- show sanitises what it prints ------------------------------------------------
printf 'case_no,family_name,given_names\nTR-X-1,"Evil\033[2J",Name\342\200\256reversed\n' > evil.csv
run evil-import 0 "$BIN" import persons evil.csv --db evil.db
run evil-show 0 "$BIN" show TR-X-1 --db evil.db
if grep -q "$(printf '\033')" out; then bad "show printed a raw ESC"; else ok; fi
has evil-visible out "Evil^[[2J"
has evil-bidi out "<U+202E>"

# --- audit chain ------------------------------------------------------------------
cp good.db tamper.db
sqlite3 tamper.db "DROP TRIGGER audit_no_update; UPDATE audit SET after = '{}' WHERE seq = 7"
run tamper-edit 1 "$BIN" verify --db tamper.db && has tamper-edit err "audit record 7"
cp good.db tamper2.db
sqlite3 tamper2.db "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 6"
run tamper-delete 1 "$BIN" verify --db tamper2.db && has tamper-delete err "audit record 7"

# --- the pathway rules --------------------------------------------------------
run dl-persons 0 "$BIN" import persons "$FIX/deadline_persons.csv" --db dl.db
run dl-events 0 "$BIN" import events "$FIX/deadline_events.csv" --db dl.db
run dl-csv 0 "$BIN" deadlines --format csv --db dl.db
cmp -s out "$FIX/deadlines.golden.csv" && ok || { bad "deadlines csv differs from the golden file"; diff "$FIX/deadlines.golden.csv" out; }
run dl-within 0 "$BIN" deadlines --format csv --within 7 --db dl.db
[ "$(wc -l < out)" = 6 ] && ok || bad "deadlines --within 7: $(wc -l < out) lines, expected 6"
CASEPATH_TODAY=2026-12-10 run dl-as-of 0 "$BIN" deadlines --format csv --as-of 2026-12-10 --db dl.db
has dl-overdue out "DL-3,custody_absolute,2026-12-03,2026-12-03,overdue,K10-max"
# DL-1's challenge window (last day 2026-11-27) unused: overdue through
# its 30-day grace (12-27), lapsed after; computed as of --as-of, the
# stored rows derived on 2026-11-23 still say open
has dl-window-overdue out "DL-1,challenge_window,2026-11-27,2026-11-27,overdue,K1"
run dl-lapsed-hidden 0 "$BIN" deadlines --format csv --as-of 2027-01-01 --db dl.db
if grep -q "^DL-1,challenge_window," out; then bad "deadlines: a lapsed window listed without --lapsed"; else ok; fi
has dl-lapsed-others out "DL-3,custody_absolute,2026-12-03,2026-12-03,overdue,K10-max"
run dl-lapsed-shown 0 "$BIN" deadlines --format csv --as-of 2027-01-01 --lapsed --db dl.db
has dl-lapsed-row out "DL-1,challenge_window,2026-11-27,2026-11-27,lapsed,K1"
run dl-lapsed-text 0 "$BIN" deadlines --as-of 2027-01-01 --lapsed --db dl.db
grep "DL-1" out | grep -q "lapsed" && ok || bad "deadlines text --lapsed: no lapsed status: $(grep DL-1 out)"
run dl-lapsed-json 0 "$BIN" deadlines --format json --as-of 2027-01-01 --lapsed --db dl.db
has dl-lapsed-json-row out '"status":"lapsed"'
# rederive: on 2027-01-01 the lapse sweep stores DL-1's window lapsed
# (every listing said so already) and audits it; a second run finds
# nothing; --all brings the others' clocks to that day too (stored open,
# now overdue), then has nothing more to do; a bad argument is a usage
# error
cp dl.db rd.db
run rd-usage 2 "$BIN" rederive --sideways --db rd.db
CASEPATH_TODAY=2027-01-01 run rd-listing-before 0 "$BIN" deadlines --format csv --within 36500 --lapsed --db rd.db
mv out rd-before.csv
CASEPATH_TODAY=2027-01-01 run rd-lapsed 0 "$BIN" rederive --db rd.db
has rd-lapsed-line out "changed) in "
has rd-lapsed-clocks out "open → lapsed 1"
CASEPATH_TODAY=2027-01-01 run rd-listing-after 0 "$BIN" deadlines --format csv --within 36500 --lapsed --db rd.db
grep "^DL-1,challenge_window" rd-before.csv > rd-b1; grep "^DL-1,challenge_window" out > rd-a1
cmp -s rd-b1 rd-a1 && ok || bad "rederive: DL-1's window listed differently: $(cat rd-b1) / $(cat rd-a1)"
[ "$(sqlite3 rd.db "SELECT status FROM deadline d JOIN person p ON p.id = d.person_id WHERE p.case_no = 'DL-1' AND clock = 'challenge_window'")" = lapsed ] && ok || bad "rederive: DL-1's window not stored lapsed"
[ "$(sqlite3 rd.db "SELECT count(*) FROM audit WHERE tbl = 'deadline' AND action = 'derive'")" -ge 1 ] && ok || bad "rederive: no audit record"
CASEPATH_TODAY=2027-01-01 run rd-again 0 "$BIN" rederive --db rd.db
has rd-again out "re-derived 0 persons (0 changed)"
CASEPATH_TODAY=2027-01-01 run rd-all 0 "$BIN" rederive --all --db rd.db
has rd-all out "open → overdue"
CASEPATH_TODAY=2027-01-01 run rd-all-again 0 "$BIN" rederive --all --db rd.db
has rd-all-again out "(0 changed)"
run rd-verify 0 "$BIN" verify --db rd.db
# the screens sweep by themselves, in the pause after the first paint: a
# session that only quits leaves DL-1's window stored lapsed and audited;
# an auditor's session writes nothing
cp dl.db rd-tui.db
cp dl.db rd-aud.db
sqlite3 rd-aud.db "UPDATE app_user SET role = 'auditor'"
printf 'q\n' > quit.keys
for db in rd-tui.db rd-aud.db; do
	(LINES=24 COLUMNS=80 TERM=xterm CASEPATH_SCRIPT=quit.keys CASEPATH_TODAY=2027-01-01 \
	  "$BIN" --db "$db" >/dev/null 2>err) && ok || { bad "rederive: the screens on $db failed"; cat err; }
done
[ "$(sqlite3 rd-tui.db "SELECT count(*) FROM audit WHERE tbl = 'deadline' AND action = 'derive'")" = 1 ] && ok || bad "the screens did not sweep"
[ "$(sqlite3 rd-tui.db "SELECT value FROM meta WHERE key = 'lapse_sweep_day'")" = 2027-01-01 ] && ok || bad "the screens did not keep the sweep's day"
[ "$(sqlite3 rd-aud.db "SELECT count(*) FROM audit WHERE tbl = 'deadline'")" = 0 ] && ok || bad "an auditor's session swept"
CASEPATH_TODAY=2027-01-01 run rd-auditor 1 "$BIN" rederive --db rd-aud.db && one_line rd-auditor
has rd-auditor err "auditors can read everything and change nothing"
run rd-tui-verify 0 "$BIN" verify --db rd-tui.db
run dl-show 0 "$BIN" show DL-1 --timeline --db dl.db
has dl-stage out "Stage as of 2026-11-23: removal_ordered since 2026-11-18"
has dl-arith out "notified 2026-11-20 + 7d = 2026-11-27"
# a guardrail refuses the whole file, naming the row and the rule
run syr-person 0 "$BIN" import persons "$FIX/syrian_person.csv" --db dl.db
snapshot dl.db > before
run syr-blocked 1 "$BIN" import events "$FIX/syrian_events.csv" --db dl.db && one_line syr-blocked
has syr-rule err "syrian_events.csv:4: column kind (3): refused by rule G3"
# the same refusal after a record of two lines names the line it starts on
# (the loader keeps each event's line as runs of consecutive ids and lines)
printf '%s\n' "case_no,date,kind,place,country,ref,duration,outcome,note" \
	"DL-5,2026-06-01,removal_decision,Hatay Governorate,TUR,2026/55,,,\"first line" \
	"second line\"" "DL-5,2026-06-02,removal_notified,Hatay,TUR,2026/55,,," \
	"DL-5,2026-06-20,voluntary_return,Cilvegözü border gate,SYR,,,," > syr_two_lines.csv
run syr-lines 1 "$BIN" import events syr_two_lines.csv --db dl.db
has syr-line5 err "syr_two_lines.csv:5: column kind (3): refused by rule G3"
snapshot dl.db > after
cmp -s before after && ok || bad "a refused import changed the database"
# a caseworker cannot override; a supervisor can, and the override shows
sqlite3 dl.db "UPDATE app_user SET role = 'caseworker'"
run syr-caseworker 1 "$BIN" import events "$FIX/syrian_events.csv" --override "family reunification" --db dl.db
has syr-caseworker err "only a supervisor can override"
sqlite3 dl.db "UPDATE app_user SET role = 'supervisor'"
run syr-override 0 "$BIN" import events "$FIX/syrian_events.csv" --override "return form signed abroad, see file 2026/55" --db dl.db
run syr-timeline 0 "$BIN" show DL-5 --timeline --db dl.db
has syr-override-event out "override"
has syr-override-reason out "return form signed abroad"
[ "$(sqlite3 dl.db "SELECT count(*) FROM audit WHERE action = 'override'")" = 1 ] && ok || bad "override not audited"
run syr-verify 0 "$BIN" verify --db dl.db

# --- duplicates, merge, unmerge ---------------------------------------------------------
UI=$FIX/../ui
run dup-import 0 "$BIN" import persons "$UI/dup_persons.csv" --db dup.db
run dup-events 0 "$BIN" import events "$UI/dup_events.csv" --db dup.db
run dup-list 0 "$BIN" duplicates --db dup.db && has dup-list out "same name skeleton (mhmd krzlni)"
has dup-searched err "looked for duplicates again"
if grep -q "DUP-05\|DUP-07" out; then bad "duplicates: an excluded pair listed"; else ok; fi
run dup-cached 0 "$BIN" duplicates --db dup.db
[ -s err ] && bad "duplicates: searched again though nothing changed" || ok
# the kept evidence is in the language it was found in: a Turkish
# listing finds it again in Turkish, then an English one in English
run dup-tr 0 "$BIN" --lang tr duplicates --db dup.db && has dup-tr out "aynı ad iskeleti (mhmd krzlni)"
run dup-en-again 0 "$BIN" duplicates --db dup.db && has dup-en-again out "same name skeleton (mhmd krzlni)"
run dup-csv 0 "$BIN" duplicates --format csv --min-score 80 --db dup.db
has dup-csv out "score,case_no,name,other_case_no,other_name,evidence"
[ "$(wc -l < out)" = 2 ] && ok || bad "duplicates --min-score 80: $(wc -l < out) lines"
run dup-case 0 "$BIN" duplicates --case DUP-08 --limit 1 --db dup.db && has dup-case out "DUP-09"
run dup-case-missing 1 "$BIN" duplicates --case NOPE --db dup.db && one_line dup-case-missing
run dup-bad-score 2 "$BIN" duplicates --min-score 7 --db dup.db
run dup-bad-format 2 "$BIN" duplicates --format json --db dup.db
before=$(snapshot dup.db | sed '$d')
run merge 0 "$BIN" merge DUP-01 DUP-02 --db dup.db && has merge out "merge 1"
run merge-show 0 "$BIN" show DUP-02 --db dup.db && has merge-show out "merged into DUP-01"
run merge-again 1 "$BIN" merge DUP-01 DUP-02 --db dup.db && one_line merge-again
run merge-usage 2 "$BIN" merge DUP-01 --db dup.db
run merge-listed-no-more 0 "$BIN" duplicates --db dup.db
if grep -q "DUP-02" out; then bad "duplicates: a merged record listed"; else ok; fi
# the absorbed record is no case any more: not exported (its names are
# the survivor's aliases), no deadlines, not counted by the report
run merged-export 0 "$BIN" export persons --db dup.db
if grep -q "^DUP-02," out; then bad "export: an absorbed record exported"; else ok; fi
[ "$(grep -c '^DUP-' out)" = "$(sqlite3 dup.db "SELECT count(*) - 1 FROM person")" ] &&
	ok || bad "export after a merge: $(grep -c '^DUP-' out) persons"
run merged-deadlines 0 "$BIN" deadlines --format csv --db dup.db
if grep -q "^DUP-02," out; then bad "deadlines: an absorbed record's clock listed"; else ok; fi
run merged-report 0 "$BIN" report --format csv --out merged-report --db dup.db
n=$(sqlite3 dup.db "SELECT count(*) FROM person WHERE merged_into IS NULL")
sum=$(awk -F, 'NR > 1 { s += $3 } END { print s }' merged-report/stage.csv)
[ "$sum" = "$n" ] && ok || bad "report after a merge: $sum persons by stage, not $n"
run unmerge 0 "$BIN" unmerge 1 --db dup.db
[ "$(snapshot dup.db | sed '$d')" = "$before" ] && ok || bad "unmerge: not as before"
run unmerge-again 1 "$BIN" unmerge 1 --db dup.db && has unmerge-again err "already undone"
run unmerge-missing 1 "$BIN" unmerge 42 --db dup.db && one_line unmerge-missing
run unmerge-usage 2 "$BIN" unmerge x --db dup.db
run dup-verify 0 "$BIN" verify --db dup.db
# the demo registers some persons twice, and the search finds most of them
run dup-demo 0 "$BIN" duplicates --format csv --db d1.db
n=$(sqlite3 d1.db "SELECT count(*) FROM person WHERE notes LIKE 'registered at the %'")
[ "$n" -gt 0 ] && ok || bad "demo: no duplicate registrations"
found=0
for c in $(sqlite3 d1.db "SELECT case_no FROM person WHERE notes LIKE 'registered at the %'"); do
	grep -q "$c" out && found=$((found + 1))
done
[ $((found * 10)) -ge $((n * 8)) ] && ok || bad "duplicates found $found of the demo's $n"

# --- backup (the encrypted round trip and its refusals: tests/backup_test.sh) ----
run backup-help 0 "$BIN" backup --help && has backup-help out "--passphrase-fd"
run restore-help 0 "$BIN" restore --help && has restore-help out "--force"

# --- keys: one table for the dispatcher, help and the man page ------------------------
MAN=$(dirname "$FIX")/../man/casepath.1
run keys-mdoc 0 "$BIN" keys --mdoc --default
awk '/^\.Sh KEYS/{on=1} /^\.Sh ENVIRONMENT/{on=0} on' "$MAN" > man-keys
if cmp -s out man-keys; then ok; else bad "man/casepath.1 KEYS differs from 'casepath keys --mdoc' (paste its output)"; diff out man-keys | head -5; fi
mkdir -p "$T/config/casepath"
printf 'bind list <C-n> move-down\n# a comment\n\nbind list x no-such-action\nunbind list s\n' > "$T/config/casepath/keys"
XDG_CONFIG_HOME="$T/config" run keys-user 0 "$BIN" keys
has keys-user-bound out "<C-n>"
has keys-user-error err "keys:4: unknown action 'no-such-action'"
if grep -q "sort-next" out; then bad "keys: unbind left sort-next bound"; else ok; fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
