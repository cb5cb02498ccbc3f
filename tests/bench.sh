#!/bin/sh
# bench.sh: casepath's figures, each the median of RUNS runs, beside the
# sqlite3 shell doing the same work on the same file where there is one.
# Usage: sh tests/bench.sh build/casepath [PERSONS]   (BENCH_PARTS=tui: screens
# only; BENCH_PARTS=load: generation, export and import only; LOAD_RUNS=N
# runs of each load, default RUNS, 1 above 100,000 persons)
# Databases are generated once and cached under build/bench/. Writes
# build/bench/results.csv as well as the table. Never part of make check.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
PERSONS=${2:-100000}
RUNS=${RUNS:-5}
DIR=$(cd "$(dirname "$1")" && pwd)/bench
mkdir -p "$DIR"
export TZ=UTC LANG=C.UTF-8 CASEPATH_TODAY=${CASEPATH_TODAY:-2026-11-23}
DB="$DIR/demo-$PERSONS.db"
CSV="$DIR/results.csv"

now() { date +%s.%N; }
# median of the numbers on stdin
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# time_runs CMD...: prints the median wall time in ms of RUNS runs
time_runs() {
	i=0
	while [ $i -lt "$RUNS" ]; do
		t0=$(now); "$@" >/dev/null 2>&1; t1=$(now)
		echo "$t0 $t1" | awk '{ printf "%.3f\n", ($2 - $1) * 1000 }'
		i=$((i + 1))
	done | median
}
row() {  # figure value unit sqlite3-value
	printf '%-40s %14s %-9s %14s %s\n' "$1" "$2" "$3" "${4:--}" "${5:-}"
	echo "$1,$2,$3,${4:-},$PERSONS,$(date -u +%Y-%m-%dT%H:%M:%SZ)" >> "$CSV"
}

[ -f "$CSV" ] || echo "figure,value,unit,sqlite3,persons,at" > "$CSV"
printf '%-40s %14s %-9s %14s %s\n' "figure ($PERSONS persons)" "casepath" "unit" "sqlite3" "ratio"

# peak_run DB CMD...: runs CMD, printing "seconds peak-rss-KiB
# peak-wal-MiB cpu-seconds" (the WAL of DB polled every 0.1 s while CMD
# runs; CPU is user + system, the figure to trust on a shared machine
# where the wall time counts other processes too); CMD's stderr goes to
# $DIR/peak.err
peak_run() {
	pdb=$1; shift
	t0=$(now)
	/usr/bin/time -f '%M %U %S' -o "$DIR/peak.rss" "$@" >/dev/null 2>"$DIR/peak.err" &
	pid=$!
	wal=0
	while kill -0 $pid 2>/dev/null; do
		w=$(stat -c %s "$pdb-wal" 2>/dev/null || echo 0)
		[ "$w" -gt "$wal" ] && wal=$w
		sleep 0.1
	done
	wait $pid || echo "failed: $*" >&2
	t1=$(now)
	echo "$t0 $t1 $(tail -1 "$DIR/peak.rss") $wal" |
		awk '{ printf "%.3f %d %.1f %.3f\n", $2 - $1, $3, $6 / 1048576, $4 + $5 }'
}
# derive_rate: persons per CPU second from the "derive: N persons in S s,
# C s CPU" line
derive_rate() { sed -n 's/^derive: \([0-9]*\) persons in \([0-9.]*\) s, \([0-9.]*\) s CPU$/\1 \3/p' "$DIR/peak.err" |
	awk '{ if ($2 > 0) printf "%d\n", $1 / $2 }'; }
# at a million persons a run takes minutes: fewer runs (said in the table)
LOAD_RUNS=${LOAD_RUNS:-$([ "$PERSONS" -gt 100000 ] && echo 1 || echo "$RUNS")}
export CASEPATH_LOAD_TIMING=1

if [ ! -f "$DB" ] || [ "${BENCH_PARTS:-all}" = load ]; then
	i=0
	: > "$DIR/demo.runs"
	while [ $i -lt "$LOAD_RUNS" ]; do
		rm -f "$DIR/gen.db" "$DIR/gen.db-wal" "$DIR/gen.db-shm"
		set -- $(peak_run "$DIR/gen.db" "$BIN" demo --db "$DIR/gen.db" --persons "$PERSONS" --seed 1)
		events=$(sqlite3 "$DIR/gen.db" "SELECT count(*) FROM event")
		echo "$(echo "$events $1" | awk '{ printf "%d", $1 / $2 }') $1 $2 $3 $(derive_rate)" \
			"$(echo "$events $4" | awk '{ printf "%d", $1 / $2 }') $4" >> "$DIR/demo.runs"
		i=$((i + 1))
	done
	col() { awk -v c="$1" '{ print $c }' "$DIR/demo.runs" | median; }
	row "demo generation ($LOAD_RUNS runs)" "$(col 1)" "events/s"
	row "demo generation per CPU second" "$(col 6)" "events/s"
	row "demo wall time" "$(col 2)" "s"
	row "demo CPU time" "$(col 7)" "s"
	row "demo peak resident memory" "$(($(col 3 | cut -d. -f1) / 1024))" "MiB"
	row "demo peak WAL size" "$(col 4)" "MiB"
	row "demo derive stages and clocks (CPU)" "$(col 5)" "persons/s"
	[ -f "$DB" ] || mv "$DIR/gen.db" "$DB"
	rm -f "$DIR/gen.db"*
fi
row "database size" "$(du -m "$DB" | cut -f1)" "MiB"

# BENCH_PARTS=tui measures the screens only (the batch figures at a
# million persons take most of an hour)
if [ "${BENCH_PARTS:-all}" != tui ]; then
# export, then import of the same rows into a new database
for k in persons events relations; do "$BIN" export $k --db "$DB" > "$DIR/$k.csv"; done
nev=$(($(wc -l < "$DIR/events.csv") - 1))
ms=$(time_runs "$BIN" export events --db "$DB")
sq=$(time_runs sqlite3 "$DB" ".mode csv" "SELECT p.case_no, e.date, e.kind, e.place, e.country, e.ref, e.duration, e.outcome, e.note FROM person p JOIN event e ON e.person_id = p.id ORDER BY p.case_no, e.date_lo, e.date_hi, e.id")
row "export events" "$(echo "$nev $ms" | awk '{ printf "%d", $1 / $2 * 1000 }')" "rows/s" \
	"$(echo "$nev $sq" | awk '{ printf "%d", $1 / $2 * 1000 }')" "$(echo "$ms $sq" | awk '{ printf "%.2fx", $1 / $2 }')"
np=$(($(wc -l < "$DIR/persons.csv") - 1))
i=0
: > "$DIR/import.runs"
while [ $i -lt "$LOAD_RUNS" ]; do
	rm -f "$DIR/import.db"*
	set -- $(peak_run "$DIR/import.db" "$BIN" import persons "$DIR/persons.csv" --db "$DIR/import.db")
	pt=$1 prss=$2 pwal=$3 pcpu=$4
	set -- $(peak_run "$DIR/import.db" "$BIN" import events "$DIR/events.csv" --db "$DIR/import.db")
	echo "$pt $1 $prss $2 $pwal $3 $(derive_rate) $pcpu $4" >> "$DIR/import.runs"
	i=$((i + 1))
done
# the sqlite3 shell: .import of the same files into plain tables, then
# indexes like casepath's on the columns the CSV has (case number; the
# name orders folded two ways, alone and by nationality; native name,
# nationality, sex and birth orders; (case, date) and the event kinds the
# rules look up) and the names' full-text index with the same prefixes,
# each built after its load as casepath builds them (casepath's persons
# also bring name keys, languages, aliases, four indexes on the derived
# columns and the derivation, which the shell cannot do)
i=0
: > "$DIR/shell.runs"
while [ $i -lt "$LOAD_RUNS" ]; do
	rm -f "$DIR/shell.db"*
	t0=$(now)
	/usr/bin/time -f '%U %S' -o "$DIR/shell.cpu1" sqlite3 "$DIR/shell.db" ".mode csv" \
		".import $DIR/persons.csv persons" \
		"CREATE VIRTUAL TABLE persons_fts USING fts5(names, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4 5 6', columnsize = 0)" \
		"INSERT INTO persons_fts(rowid, names) SELECT rowid, family_name || ' ' || given_names || ' ' || native_name || ' ' || aliases FROM persons" \
		"CREATE UNIQUE INDEX persons_case ON persons(case_no)" \
		"CREATE INDEX persons_name ON persons(lower(family_name || ' ' || given_names), case_no)" \
		"CREATE INDEX persons_name_nocase ON persons(family_name || ' ' || given_names COLLATE NOCASE, case_no)" \
		"CREATE INDEX persons_native ON persons(native_name, case_no)" \
		"CREATE INDEX persons_nat ON persons(nationality, case_no)" \
		"CREATE INDEX persons_nat_name ON persons(nationality, lower(family_name || ' ' || given_names), case_no)" \
		"CREATE INDEX persons_nat_name_nocase ON persons(nationality, family_name || ' ' || given_names COLLATE NOCASE, case_no)" \
		"CREATE INDEX persons_sex ON persons(sex, case_no)" \
		"CREATE INDEX persons_sex_birth ON persons(sex, birth_date)" \
		"CREATE INDEX persons_born ON persons(birth_date, case_no)"
	t1=$(now)
	/usr/bin/time -f '%U %S' -o "$DIR/shell.cpu2" sqlite3 "$DIR/shell.db" ".mode csv" \
		".import $DIR/events.csv events" \
		"CREATE INDEX events_case ON events(case_no, date)" \
		"CREATE INDEX events_outcome ON events(kind, date, case_no) WHERE kind = 'deported'
		   OR kind = 'voluntary_return' OR kind = 'third_country_removal'
		   OR kind = 'released_to_community' OR kind = 'absconded'" \
		"CREATE INDEX events_assessment ON events(kind, case_no, outcome, country)
		   WHERE kind = 'non_refoulement_assessment'" \
		"CREATE INDEX events_dna ON events(kind, case_no, date) WHERE kind = 'dna_test'"
	t2=$(now)
	echo "$t0 $t1 $t2 $(tail -1 "$DIR/shell.cpu1") $(tail -1 "$DIR/shell.cpu2")" |
		awk '{ printf "%.3f %.3f %.3f %.3f\n", $2 - $1, $3 - $2, $4 + $5, $6 + $7 }' >> "$DIR/shell.runs"
	i=$((i + 1))
done
icol() { awk -v c="$2" '{ print $c }' "$DIR/$1.runs" | median; }
pt=$(icol import 1) et=$(icol import 2) spt=$(icol shell 1) set_=$(icol shell 2)
row "import persons ($LOAD_RUNS runs)" "$(echo "$np $pt" | awk '{ printf "%d", $1 / $2 }')" "rows/s" \
	"$(echo "$np $spt" | awk '{ printf "%d", $1 / $2 }')" "$(echo "$pt $spt" | awk '{ printf "%.2fx", $1 / $2 }')"
row "import events ($LOAD_RUNS runs)" "$(echo "$nev $et" | awk '{ printf "%d", $1 / $2 }')" "events/s" \
	"$(echo "$nev $set_" | awk '{ printf "%d", $1 / $2 }')" "$(echo "$et $set_" | awk '{ printf "%.2fx", $1 / $2 }')"
row "import persons+events" "$(echo "$np $nev $pt $et" | awk '{ printf "%d", ($1 + $2) / ($3 + $4) }')" "rows/s" \
	"$(echo "$np $nev $spt $set_" | awk '{ printf "%d", ($1 + $2) / ($3 + $4) }')" \
	"$(echo "$pt $et $spt $set_" | awk '{ printf "%.2fx", ($1 + $2) / ($3 + $4) }')"
pc=$(icol import 8) ec=$(icol import 9) spc=$(icol shell 3) sec=$(icol shell 4)
row "import persons per CPU second" "$(echo "$np $pc" | awk '{ printf "%d", $1 / $2 }')" "rows/s" \
	"$(echo "$np $spc" | awk '{ printf "%d", $1 / $2 }')" "$(echo "$pc $spc" | awk '{ printf "%.2fx", $1 / $2 }')"
row "import events per CPU second" "$(echo "$nev $ec" | awk '{ printf "%d", $1 / $2 }')" "events/s" \
	"$(echo "$nev $sec" | awk '{ printf "%d", $1 / $2 }')" "$(echo "$ec $sec" | awk '{ printf "%.2fx", $1 / $2 }')"
row "import derive stages and clocks (CPU)" "$(icol import 7)" "persons/s"
row "import wall time (persons+events)" "$(echo "$pt $et" | awk '{ printf "%.2f", $1 + $2 }')" "s" \
	"$(echo "$spt $set_" | awk '{ printf "%.2f", $1 + $2 }')" \
	"$(echo "$pt $et $spt $set_" | awk '{ printf "%.2fx", ($1 + $2) / ($3 + $4) }')"
row "import CPU time (persons+events)" "$(echo "$pc $ec" | awk '{ printf "%.2f", $1 + $2 }')" "s" \
	"$(echo "$spc $sec" | awk '{ printf "%.2f", $1 + $2 }')" \
	"$(echo "$pc $ec $spc $sec" | awk '{ printf "%.2fx", ($1 + $2) / ($3 + $4) }')"
# where the events import's CPU went (CASEPATH_LOAD_TIMING's phases)
phase() { sed -n "s/.*$1 [0-9.]* s (\([0-9.]*\) s CPU).*/\1/p" "$DIR/peak.err" | tail -1; }
row "import events: rows (CPU)" "$(phase rows)" "s"
row "import events: indexes after the rows (CPU)" "$(phase indexes)" "s"
# the loader's page cache (store_load.c, PRAGMA cache_size) bounds the
# RSS; the mapped database file (mmap_size, 256 MiB) counts in it too
row "import peak resident memory (64 MiB cache)" "$(($(icol import 4 | cut -d. -f1) / 1024))" "MiB"
row "import peak WAL size (events)" "$(icol import 6)" "MiB"
row "imported database size" "$(du -m "$DIR/import.db" | cut -f1)" "MiB" "$(du -m "$DIR/shell.db" | cut -f1)"
rm -f "$DIR/shell.db"*
[ "${BENCH_PARTS:-all}" = load ] && { echo "results appended to $CSV"; exit 0; }

week=$(sqlite3 :memory: "SELECT CAST(julianday('$CASEPATH_TODAY') - 2440587.5 + 7 AS INTEGER)")
ms=$(time_runs "$BIN" deadlines --within 7 --db "$DB")
# the shell: casepath's own query (store_deadlines), columns and all
today=$(sqlite3 :memory: "SELECT CAST(julianday('$CASEPATH_TODAY') - 2440587.5 AS INTEGER)")
sq=$(time_runs sqlite3 "$DB" "SELECT p.case_no, d.clock, date(d.due * 86400, 'unixepoch'), date(d.due_latest * 86400, 'unixepoch'), CASE WHEN d.status = 'open' AND d.due_latest < $today THEN 'overdue' ELSE d.status END, d.rule FROM deadline d INDEXED BY deadline_open_due JOIN person p ON p.id = d.person_id WHERE d.status IN ('open','overdue') AND d.lapses > $today AND d.due <= $week AND p.merged_into IS NULL ORDER BY d.due, p.case_no, d.clock")
row "deadlines --within 7 (whole command)" "$ms" "ms" "$sq" "$(echo "$ms $sq" | awk '{ printf "%.2fx", $1 / $2 }')"
case_no=$(sqlite3 "$DB" "SELECT case_no FROM person WHERE id = (SELECT max(id) / 2 FROM person)")
ms=$(time_runs "$BIN" show "$case_no" --timeline --db "$DB")
row "show CASE --timeline (whole command)" "$ms" "ms"
ms=$(time_runs "$BIN" verify --db "$DB")
row "verify (integrity + audit chain)" "$ms" "ms"
# the duplicate search over every person, kept pairs written again
set -- $(peak_run "$DB" "$BIN" duplicates --refresh --db "$DB")
row "duplicates --refresh (wall / CPU)" "$1 / $4" "s"
row "duplicates peak resident memory" "$(($2 / 1024))" "MiB"
fi

# --- the TUI, timed inside the program (script mode, $CASEPATH_TIMING:
# from reading a key to doupdate() returning), deep in the list. The file
# is read once first, so that casepath and the shell both find it in the
# OS's cache, as on a workstation in daily use: here 1.8 GB of the 4.7 GB
# file left the cache within ten minutes with 16 GB free, and a page read
# from the disk then costs milliseconds, which would time the disk
cat "$DB" > /dev/null
deep=$(sqlite3 "$DB" "SELECT case_no FROM person ORDER BY case_no LIMIT 1 OFFSET (SELECT count(*) * 9 / 10 FROM person)")
# tui_keys NAME KEYPATTERN SCRIPT-LINES...: runs the script RUNS times,
# prints "p50 p95 sql-p50" in ms of the timed keys whose name matches
# (sql: the part of a keystroke SQLite spent running statements, the
# figure to hold beside the shell's bare query; the rest is casepath's
# formatting and drawing)
tui_keys() {
	name=$1 pat=$2; shift 2
	printf '%s\n' "$@" > "$DIR/$name.keys"
	rm -f "$DIR/$name.timing"
	i=0
	while [ $i -lt "$RUNS" ]; do
		CASEPATH_SCRIPT="$DIR/$name.keys" CASEPATH_TIMING="$DIR/$name.timing" \
			LINES=40 COLUMNS=120 "$BIN" --db "$DB" >/dev/null 2>&1
		i=$((i + 1))
	done
	grep -E "^($pat) " "$DIR/$name.timing" > "$DIR/$name.sel"
	{
		awk '{ print $2 / 1000 }' "$DIR/$name.sel" | sort -g |
			awk '{ a[NR] = $1 } END { if (NR) printf "%.2f %.2f ", a[int((NR + 1) / 2)], a[int(NR * 0.95 + 0.999)]; else printf "- - " }'
		awk '{ print $3 / 1000 }' "$DIR/$name.sel" | sort -g |
			awk '{ a[NR] = $1 } END { if (NR) printf "%.3f\n", a[int((NR + 1) / 2)]; else print "-" }'
	}
}
# sql_row FIGURE CASEPATH-SQL SQLITE3: the SQL part of a keystroke beside
# the shell's time for the same queries
sql_row() { row "  of which SQL (p50)" "$2" "ms" "$3" "$(ratio "$2" "$3") ($1)"; }
reps() { i=0; while [ $i -lt "$1" ]; do printf '%s ' "$2"; i=$((i + 1)); done; echo; }
# sq_each N SQL...: the sqlite3 shell's time for one run of the SQL
# statements, in ms: the shell runs them N times in one session, minus
# a session that runs them once, divided by N - 1 (so neither the
# shell's start nor opening the file counts, and its one-millisecond
# timer does not round a keystroke's work to zero)
sq_each() {
	n=$1; shift
	: > "$DIR/sq.sql"
	i=0
	while [ $i -lt "$n" ]; do printf '%s;\n' "$@" >> "$DIR/sq.sql"; i=$((i + 1)); done
	printf '%s;\n' "$@" > "$DIR/sq1.sql"
	many=$(time_runs sh -c "sqlite3 '$DB' < '$DIR/sq.sql'")
	one=$(time_runs sh -c "sqlite3 '$DB' < '$DIR/sq1.sql'")
	echo "$many $one $n" | awk '{ d = ($1 - $2) / ($3 - 1); printf "%.3f\n", (d > 0 ? d : 0) }'
}
# ratio CASEPATH SQLITE3: "1.23x", or "-" when the shell's time is 0
ratio() { echo "$1 $2" | awk '{ if ($2 > 0) printf "%.2fx", $1 / $2; else print "-" }'; }
# the list's row, as casepath's list query reads it. Each query below is
# casepath's own, index named where casepath names it (left to itself,
# the shell sorts every open clock for the deadline view: seconds)
LIST_COLS="id, case_no, family_name, given_names, native_name, sex, birth_date, coalesce(birth_lo, -1), coalesce(birth_hi, -1), coalesce(nationality, ''), coalesce(stage, ''), coalesce(stage_since, -1), next_due, next_clock"
set -- $(tui_keys first "first-paint" "Q")
# the shell: start, open, the first screen of rows by case number
sq=$(time_runs sqlite3 "$DB" "SELECT $LIST_COLS FROM person ORDER BY case_no LIMIT 40")
row "TUI start to first paint (p50)" "$1" "ms" "$sq" "$(ratio "$1" "$sq") (sqlite3: whole command, first 40 rows)"
set -- $(tui_keys j "j" "q" ":goto $deep" "$(reps 100 j)")
sq=$(sq_each 1000 "SELECT $LIST_COLS FROM person WHERE case_no > '$deep' ORDER BY case_no LIMIT 1")
row "j at row 90% (p50 / p95)" "$1 / $2" "ms" "$sq" "$(ratio "$1" "$sq") (sqlite3: the next row by key)"
sql_row j "$3" "$sq"
set -- $(tui_keys pgdn "<PgDn>" "q" ":goto $deep" "$(reps 40 '<PgDn>')")
sq=$(sq_each 300 "SELECT $LIST_COLS FROM person WHERE case_no > '$deep' ORDER BY case_no LIMIT 40")
row "PgDn at row 90% (p50 / p95)" "$1 / $2" "ms" "$sq" "$(ratio "$1" "$sq") (sqlite3: the next 40 rows by key)"
sql_row PgDn "$3" "$sq"
# a search keystroke's equivalent: the first row after the cursor, in
# list order, whose names the prefix matches
sq_search() {
	sq_each 20 "SELECT case_no FROM person WHERE case_no > '$deep' AND id IN (SELECT rowid FROM person_name_fts WHERE person_name_fts MATCH '\"$1\"*') ORDER BY case_no LIMIT 1"
}
set -- $(tui_keys latin "[a-zA-Z]" "q" "/ m o h a <Esc>" "/ a l i <Esc>" "/ z e y n <Esc>")
sq=$(sq_search moh)
row "search keystroke, Latin (p50 / p95)" "$1 / $2" "ms" "$sq" "$(ratio "$1" "$sq") (sqlite3: first moh* after row 90%)"
set -- $(tui_keys arabic "[^ -~<]+" "q" "/ م ح م د <Esc>" "/ ع ل ي <Esc>")
sq=$(sq_search محم)
row "search keystroke, Arabic (p50 / p95)" "$1 / $2" "ms" "$sq" "$(ratio "$1" "$sq") (sqlite3: first محم* after row 90%)"
set -- $(tui_keys cyrillic "[^ -~<]+" "q" "/ И в а н <Esc>" "/ Р у с <Esc>")
sq=$(sq_search ива)
row "search keystroke, Cyrillic (p50 / p95)" "$1 / $2" "ms" "$sq" "$(ratio "$1" "$sq") (sqlite3: first ива* after row 90%)"
# similar names: the keys typed after '~' (no q among them, so the
# pattern leaves out the q that leaves the deadline view)
set -- $(tui_keys similar "[a-pr-zA-Z]|[^ -~<]+" "q" "/ ~ m u h a m m a d <Esc>" \
	"/ ~ a y s h a <Esc>" "/ ~ Ю с у ф <Esc>" "/ ~ y u s o f <Esc>" \
	"/ ~ a b d u l l a h <Esc>" "/ ~ m u h a m n a d <Esc>")
row "similar search keystroke (p50 / p95)" "$1 / $2" "ms"
row "similar-names index (keys + near keys)" "$(sqlite3 "$DB" "SELECT round(sum(pgsize) / 1048576.0, 1) FROM dbstat WHERE name LIKE '%namekey%'")" "MiB"
did=$(sqlite3 "$DB" "SELECT id FROM person WHERE case_no = '$deep'")
# what opening a person reads and writes, as casepath does it (the
# access log's row is the privacy trail: who looked at whose file; a
# WAL commit under synchronous=NORMAL, as casepath's)
SQ_PERSON="SELECT * FROM person WHERE id = $did"
SQ_CLOCKS="SELECT clock, status, rule, arithmetic, due, due_latest, lapses FROM deadline WHERE person_id = $did ORDER BY status NOT IN ('open', 'overdue'), due, clock"
SQ_EVENTS="SELECT * FROM event WHERE person_id = $did ORDER BY date_lo, date_hi, id"
SQ_LOOKED="INSERT INTO access_log(at, login, person_id) VALUES ('2026-11-23T09:00:00Z', 'bench', $did)"
set -- $(tui_keys detail "<Enter>" "q" ":goto $deep" "$(reps 10 '<Enter> q')")
sq=$(sq_each 300 "PRAGMA synchronous = NORMAL" "$SQ_PERSON" \
	"SELECT * FROM person_alias WHERE person_id = $did ORDER BY ord" \
	"SELECT * FROM person_language WHERE person_id = $did ORDER BY ord" \
	"SELECT * FROM identity_document WHERE person_id = $did ORDER BY id" \
	"SELECT * FROM relation WHERE person_id = $did OR other_id = $did" \
	"$SQ_CLOCKS" "$SQ_EVENTS" "$SQ_LOOKED")
row "open a person's detail (p50)" "$1" "ms" "$sq" "$(ratio "$1" "$sq") (sqlite3: the person, aliases, languages, documents, relations, clocks, events, access log)"
sql_row detail "$3" "$sq"
set -- $(tui_keys timeline "t" "q" ":goto $deep" "$(reps 10 't q')")
sq=$(sq_each 300 "PRAGMA synchronous = NORMAL" "$SQ_PERSON" "$SQ_CLOCKS" "$SQ_EVENTS" "$SQ_LOOKED")
row "open a timeline (p50)" "$1" "ms" "$sq" "$(ratio "$1" "$sq") (sqlite3: the person, clocks, events in order, access log)"
sql_row timeline "$3" "$sq"
# the shell's rows in the access log, out again
sqlite3 "$DB" "DELETE FROM access_log WHERE login = 'bench'"
set -- $(tui_keys deadlines "D" "q" "$(reps 10 'D q')")
# the view counts its clocks when idle, off the keystroke (DESIGN.md 6);
# its page: the first 40 clocks not lapsed, keys from the index, then
# their rows (store_deadline_page does the same in two statements)
until=$(sqlite3 :memory: "SELECT CAST(julianday('$CASEPATH_TODAY') - 2440587.5 + 30 AS INTEGER)")
today=$(sqlite3 :memory: "SELECT CAST(julianday('$CASEPATH_TODAY') - 2440587.5 AS INTEGER)")
sq=$(sq_each 100 "SELECT p.case_no, p.family_name, p.given_names, d.clock, d.due, d.due_latest, d.status, d.arithmetic FROM (SELECT person_id, clock, due FROM deadline INDEXED BY deadline_open_due WHERE status IN ('open', 'overdue') AND due <= $until AND lapses > $today ORDER BY due, person_id, clock LIMIT 40) k JOIN deadline d ON d.person_id = k.person_id AND d.clock = k.clock AND d.due = k.due JOIN person p ON p.id = k.person_id ORDER BY k.due, k.person_id, k.clock")
row "deadline view (p50)" "$1" "ms" "$sq" "$(ratio "$1" "$sq") (sqlite3: first 40 clocks due within 30 days, not lapsed)"
sql_row "deadline view" "$3" "$sq"
kb=$(grep '^peak-rss-kb' "$DIR/j.timing" | awk '{ print $2 }' | sort -g | tail -1)
row "TUI resident memory at peak (j run)" "$((kb / 1024))" "MiB"
# plain search at each script and prefix length, every order, four
# filters, from the top and the middle (BENCH_SEARCH=0 skips it)
if [ "${BENCH_SEARCH:-1}" != 0 ]; then
	sh "$(dirname "$0")/search_bench.sh" "$BIN" "$DB" | tee "$DIR/search.txt" |
		sed -n 's/^all keystrokes: p50 \([0-9.]*\) p95 \([0-9.]*\).*/\1 \2/p' > "$DIR/search.p"
	set -- $(cat "$DIR/search.p")
	sq=$(time_runs sqlite3 "$DB" "SELECT rowid FROM person_name_fts WHERE person_name_fts MATCH '\"muh\"*'")
	row "search keystroke, every order+filter (p50 / p95)" "${1:-} / ${2:-}" "ms" "$sq" "(sqlite3: all ids of muh*, whole command)"
fi
echo "results appended to $CSV"
