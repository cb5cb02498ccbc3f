#!/bin/sh
# crash_test.sh: kills casepath with SIGKILL at random moments and checks
# that no database is damaged and no import is half there.
#
# 200 runs of "casepath import events BIG.csv" (every fourth one beside a
# screen edit that saves a person, so two writers race) against a
# database, each killed after a random delay between 0 and the typical
# run time (fixed seed: the same delays every time). After each kill:
# PRAGMA integrity_check says ok, casepath verify passes (integrity,
# foreign keys, the audit chain), the events are exactly the old count
# or the old count plus every row of the file, and the person's family
# name is the old one or the new one. The database carries over from
# one run to the next (the next writer recovers the killed one's
# write-ahead log) until an import lands, then starts again from a copy.
#
# Usage: sh tests/crash_test.sh build/casepath [RUNS]
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
RUNS=${2:-200}
SEED=20260615
T=$(mktemp -d "${TMPDIR:-/tmp}/casepath-crash.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$T/home" XDG_DATA_HOME="$T/xdg"
export XDG_CONFIG_HOME="$T/config" CASEPATH_TODAY=2026-06-15 TERM=xterm
unset CASEPATH_DB CASEPATH_ALLOW_SHARED CASEPATH_MAX_PAGES CASEPATH_SCRIPT
mkdir -p home

# The fixture: a small demo database, plus the persons of a second demo
# (their case numbers renamed so they are new) imported into it; the
# import that is killed brings those persons' events.
"$BIN" demo --db base.db --persons 60 --seed 1 >/dev/null &&
"$BIN" demo --db src.db --persons 200 --seed 2 >/dev/null &&
"$BIN" export persons --db src.db | sed '2,$s/^\([^-,]*\)-/\1X-/' > persons.csv &&
"$BIN" export events --db src.db | sed '2,$s/^\([^-,]*\)-/\1X-/' > big.csv &&
"$BIN" import persons persons.csv --db base.db >/dev/null || {
	echo "crash: cannot build the fixture" >&2
	exit 1
}
rows=$(($(wc -l < big.csv) - 1))
case_no=$(sqlite3 base.db "SELECT case_no FROM person ORDER BY id LIMIT 1")

# the screen edit: on a day before every deadline the list opens first
edit_script() {
	printf ':goto %s\ne\n<Tab> <C-u> Crash%s <C-s>\n' "$case_no" "$1" > edit.keys
}
# Starts the screen edit in the background: env execs casepath, so $!
# is casepath itself, not a shell around it.
tui_start() {
	env CASEPATH_TODAY=2000-01-01 CASEPATH_SCRIPT=edit.keys LINES=24 COLUMNS=80 \
		"$BIN" --db run.db >/dev/null 2>tui.err & tpid=$!
}
fresh() {
	rm -f run.db run.db-wal run.db-shm
	cp base.db run.db
}
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# The typical run time (milliseconds): the median of three whole
# imports, and of three imports beside a screen edit.
: > alone; : > both
for k in 1 2 3; do
	fresh
	t0=$(now_ms)
	"$BIN" import events big.csv --db run.db >/dev/null || { echo "crash: the import fails" >&2; exit 1; }
	echo $(($(now_ms) - t0)) >> alone
	fresh
	edit_script 0
	t0=$(now_ms)
	"$BIN" import events big.csv --db run.db >/dev/null & p=$!
	tui_start
	wait $p $tpid
	echo $(($(now_ms) - t0)) >> both
done
typical=$(sort -n alone | sed -n 2p)
typical_both=$(sort -n both | sed -n 2p)
[ "$(sqlite3 run.db "SELECT family_name FROM person WHERE case_no = '$case_no'")" = Crash0 ] || {
	echo "crash: the screen edit does not save" >&2
	exit 1
}

kills=0 corrupt=0 lost=0 done_runs=0 odd=0 landed_runs=0 saved=0
base_count=$(sqlite3 base.db "SELECT count(*) FROM event")
base_name=$(sqlite3 base.db "SELECT family_name FROM person WHERE case_no = '$case_no'")
restart() {
	fresh
	before=$base_count name_before=$base_name
}
restart
# every fourth run has a screen edit beside the import
# Delays up to 70% of a typical run, and more runs than kills asked for:
# a run that finishes first (the machine's load varies) is not a kill,
# and the loop stops once RUNS kills are done.
awk -v n="$((RUNS * 2))" -v seed="$SEED" -v a="$typical" -v b="$typical_both" 'BEGIN {
	srand(seed)
	for (i = 1; i <= n; i++)
		printf "%d %d %.3f\n", i, i % 4 == 0, 0.7 * rand() * (i % 4 == 0 ? b : a) / 1000
}' > delays
while read -r i both delay; do
	[ "$kills" -ge "$RUNS" ] && break
	"$BIN" import events big.csv --db run.db >/dev/null 2>import.err & ipid=$!
	tpid=
	if [ "$both" -eq 1 ]; then
		edit_script "$i"
		tui_start
	fi
	sleep "$delay"
	kill -KILL $ipid $tpid 2>/dev/null
	# (the shell's "Killed" notices are not news here)
	{ wait $ipid; } 2>/dev/null; ist=$?
	tst=0
	[ -n "$tpid" ] && { { wait $tpid; } 2>/dev/null; tst=$?; }
	if [ "$ist" -eq 137 ] || [ "$tst" -eq 137 ]; then
		kills=$((kills + 1))
	else
		done_runs=$((done_runs + 1))
	fi
	# anything but finishing or being killed is a failure of its own
	if [ "$ist" -ne 0 ] && [ "$ist" -ne 137 ]; then
		odd=$((odd + 1)); echo "crash run $i: import exited $ist:"; cat import.err
	fi
	if [ "$tst" -ne 0 ] && [ "$tst" -ne 137 ]; then
		odd=$((odd + 1)); echo "crash run $i: screen edit exited $tst:"; cat tui.err
	fi
	check=$(sqlite3 run.db "PRAGMA integrity_check; SELECT count(*) FROM event;
		SELECT family_name FROM person WHERE case_no = '$case_no';" 2>&1)
	if [ "$(echo "$check" | sed -n 1p)" != ok ] || ! "$BIN" verify --db run.db >verify.out 2>&1; then
		corrupt=$((corrupt + 1))
		echo "crash run $i (delay $delay s): damaged:"; echo "$check" | head -3; cat verify.out
		restart
		continue
	fi
	after=$(echo "$check" | sed -n 2p)
	name=$(echo "$check" | sed -n 3p)
	if [ "$after" -eq $((before + rows)) ]; then
		landed=1
	elif [ "$after" -eq "$before" ]; then
		landed=0
	else
		lost=$((lost + 1)); landed=1
		echo "crash run $i (delay $delay s): $before events before, $after after (import of $rows rows)"
	fi
	if [ "$name" != "$name_before" ] && { [ "$both" -eq 0 ] || [ "$name" != "Crash$i" ]; }; then
		lost=$((lost + 1))
		echo "crash run $i: family name '$name', expected '$name_before' or 'Crash$i'"
	fi
	[ "$both" -eq 1 ] && [ "$name" = "Crash$i" ] && saved=$((saved + 1))
	before=$after name_before=$name
	[ "$landed" -eq 1 ] && { landed_runs=$((landed_runs + 1)); restart; }
done < delays
echo "crash: $kills kills, $corrupt corrupt, $lost lost imports ($done_runs runs finished first;" \
	"$landed_runs imports and $saved screen edits landed whole;" \
	"typical run $typical ms, $typical_both ms with a screen edit)"
[ "$kills" -ge "$RUNS" ] || echo "crash: only $kills kills: the runs were faster than measured"
[ "$corrupt" -eq 0 ] && [ "$lost" -eq 0 ] && [ "$odd" -eq 0 ] && [ "$kills" -ge "$RUNS" ]
