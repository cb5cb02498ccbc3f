#!/bin/sh
# trust_test.sh: what happens when things go wrong around a save.
#
#   disk full     an import and a screen edit against a database capped
#                 with CASEPATH_MAX_PAGES, and (as root, on a small tmpfs)
#                 against a disk that really fills up and then empties:
#                 refused with one clear line or status message, nothing
#                 written, the typed text kept in the form, the program
#                 running on, the same edit saved once there is room
#   two writers   two screens edit one person: the second save is refused
#                 as stale, its text kept; a write lock held by another
#                 process makes an import and a save wait the busy
#                 timeout and fail as "locked", changing nothing; a
#                 read waits for a lock held a moment, then works
#   first load    a demo writes under a rollback journal: a second
#                 casepath is told why it cannot open the file, a kill -9
#                 rolls back to an empty file in WAL, a finished load
#                 leaves WAL; a later import keeps WAL for readers
#   crashes       tests/crash_test.sh with CRASH_BINARY (SIGKILL 200 times)
#
# Screens run in script mode; ":sleep" lets this script act in between.
# Usage: sh tests/trust_test.sh CASEPATH_BINARY [CRASH_BINARY]
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
CRASH_BIN=$(cd "$(dirname "${2:-$1}")" && pwd)/$(basename "${2:-$1}")
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/casepath-trust.XXXXXX")
mounted= lpid=
cleanup() {
	[ -n "$lpid" ] && kill "$lpid" 2>/dev/null
	[ -n "$mounted" ] && umount "$T/mnt" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
cd "$T" || exit 1
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$T/home" XDG_DATA_HOME="$T/xdg"
export XDG_CONFIG_HOME="$T/config" CASEPATH_TODAY=2026-06-15 TERM=xterm
export LINES=24 COLUMNS=80
unset CASEPATH_DB CASEPATH_ALLOW_SHARED CASEPATH_MAX_PAGES CASEPATH_SCRIPT NO_COLOR
mkdir -p home scr
pass=0 fail=0 full_runs=0 busy_waits=
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# The fixture: the screen tests' persons, plus a hundred demo persons
# under new case numbers; big.csv holds those persons' events.
UI=$HERE/ui
"$BIN" import persons "$UI/persons.csv" --db fix.db >/dev/null &&
"$BIN" import events "$UI/events.csv" --db fix.db >/dev/null &&
"$BIN" import relations "$UI/relations.csv" --db fix.db >/dev/null &&
"$BIN" demo --db src.db --persons 100 --seed 2 >/dev/null &&
"$BIN" export persons --db src.db | sed '2,$s/^\([^-,]*\)-/\1X-/' > persons.csv &&
"$BIN" export events --db src.db | sed '2,$s/^\([^-,]*\)-/\1X-/' > big.csv &&
"$BIN" import persons persons.csv --db fix.db >/dev/null || {
	echo "trust: cannot build the fixture" >&2
	exit 1
}
rows=$(($(wc -l < big.csv) - 1))
login=$(id -un)

# snapshot DB: the counts and the audit chain's head
snapshot() {
	sqlite3 "$1" "SELECT (SELECT count(*) FROM person), (SELECT count(*) FROM event),
		(SELECT count(*) FROM audit), (SELECT max(hash) FROM audit)"
}
verified() {
	if "$BIN" verify --db "$1" >verify.out 2>&1; then ok; else bad "$2: verify:"; cat verify.out; fi
}
same() {
	if [ "$(snapshot "$1")" = "$2" ]; then ok; else bad "$3: the database changed"; fi
}
# has NAME FILE TEXT: the file holds the fixed text
has() {
	if grep -qF -- "$3" "$2"; then ok; else bad "$1: '$3' not in $2:"; sed 's/^/  | /' "$2"; fi
}
# status NAME SCREEN TEXT: the screen's status line (its last) holds TEXT
status() {
	if tail -1 "$2" | grep -qF -- "$3"; then ok; else bad "$1: status line is '$(tail -1 "$2")', expected '$3'"; fi
}
# saved NAME SCREEN: the status line says the form was saved
saved() {
	if tail -1 "$2" | grep -q '^saved '; then ok; else bad "$1: status line is '$(tail -1 "$2")', expected 'saved'"; fi
}
# field NAME SCREEN LABEL TEXT: the form field shows TEXT
field() {
	if grep -q "^.$3  *$4" "$2"; then ok; else bad "$1: field $3 does not show '$4':"; sed 's/^/  | /' "$2"; fi
}
# one_line NAME FILE TEXT: FILE is exactly the line TEXT
one_line() {
	if [ "$(cat "$2")" = "$3" ]; then ok; else bad "$1: expected the one line '$3', got:"; sed 's/^/  | /' "$2"; fi
}
family() {
	sqlite3 "$1" "SELECT family_name FROM person WHERE case_no = 'UI-0007'"
}
# edit_keys FILE NAME: the script's opening: edit UI-0007, family name NAME
edit_keys() {
	printf ':goto UI-0007\ne\n<Tab> <C-u> %s\n' "$2" > "$1"
}
# screen DB KEYS: runs the screen in script mode (status in $?)
screen() {
	CASEPATH_SCRIPT=$2 "$BIN" --db "$1" 2>screen.err
}
# wait_file FILE: up to 30 s for a screen a script writes
wait_file() {
	i=0
	while [ ! -s "$1" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
	[ -s "$1" ]
}
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# --- disk full: the database capped at its own size ----------------------
cp fix.db cap.db
snap=$(snapshot cap.db)
pages=$(sqlite3 cap.db "PRAGMA page_count")
CASEPATH_MAX_PAGES=$pages "$BIN" import events big.csv --db cap.db >out 2>err
if [ $? -ne 0 ]; then ok; else bad "import into a full database succeeded"; fi
one_line cap-import err "big.csv: disk full, not saved; nothing was imported"
same cap.db "$snap" cap-import
verified cap.db cap-import
full_runs=$((full_runs + 1))

# No free pages, and 3,200 bytes of notes: the edit needs new pages
# (a cap below the file's size means "no more than it has").
sqlite3 cap.db VACUUM
snap=$(snapshot cap.db)
edit_keys cap.keys Fullname
{
	echo "<Tab> <Tab> <Tab> <Tab> <Tab> <Tab> <Tab> <Tab> <Tab> <Tab> <Tab> <Tab> <C-u>"
	for k in 1 2 3 4 5 6 7 8; do
		printf '%0400d\n' 0 | tr 0 n
	done
	echo "<C-s>"
	echo ":save-screen $T/scr/cap-1.txt"
	echo "<Up> Later"
	echo ":save-screen $T/scr/cap-2.txt"
	echo "<Up> <Up> <Up> <Up> <Up> <Up> <Up> <Up> <Up> <Up> <Up>"
	echo ":save-screen $T/scr/cap-3.txt"
} >> cap.keys
if CASEPATH_MAX_PAGES=1 screen cap.db cap.keys; then ok
else bad "cap-edit: the screen exited $?:"; cat screen.err; fi
status cap-edit scr/cap-1.txt "disk full, not saved; your edit is kept"
field cap-edit scr/cap-1.txt "Notes" "nnnnnnnnnn*$"
# still running, still typing into the same form
field cap-edit scr/cap-2.txt "Category" "[^ ]*Later"
field cap-edit scr/cap-3.txt "Family name" Fullname
same cap.db "$snap" cap-edit
verified cap.db cap-edit
full_runs=$((full_runs + 1))

# --- disk full: a real file system that fills up -------------------------
mkdir mnt
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=4m,mode=0700 tmpfs mnt 2>/dev/null; then
	mounted=1
	# fill FREE_KB: fills the disk, then frees FREE_KB kilobytes
	fill() {
		dd if=/dev/zero of=mnt/filler bs=64k 2>/dev/null
		[ "$1" -gt 0 ] && truncate -s "-${1}K" mnt/filler
		return 0
	}
	cp fix.db mnt/t.db
	snap=$(snapshot mnt/t.db)
	# room to open the database, not for the file's rows
	fill 256
	"$BIN" import events big.csv --db mnt/t.db >out 2>err
	if [ $? -ne 0 ]; then ok; else bad "import onto a full disk succeeded"; fi
	one_line disk-import err "big.csv: disk full, not saved; nothing was imported"
	same mnt/t.db "$snap" disk-import
	verified mnt/t.db disk-import
	full_runs=$((full_runs + 1))

	# the screen opens with room, the disk fills, the save is refused,
	# the disk empties, the same save goes through
	edit_keys disk.keys Diskname
	cat >> disk.keys <<EOF
:save-screen $T/scr/disk-0.txt
:sleep 1500
<C-s>
:save-screen $T/scr/disk-1.txt
:sleep 1500
<C-s>
:save-screen $T/scr/disk-2.txt
EOF
	rm -f mnt/filler
	screen mnt/t.db disk.keys & spid=$!
	wait_file scr/disk-0.txt && fill 0
	wait_file scr/disk-1.txt && rm -f mnt/filler
	if wait $spid; then ok; else bad "disk-edit: the screen exited $?:"; cat screen.err; fi
	status disk-edit scr/disk-1.txt "disk full, not saved; your edit is kept"
	field disk-edit scr/disk-1.txt "Family name" Diskname
	saved disk-edit scr/disk-2.txt
	if [ "$(family mnt/t.db)" = Diskname ]; then ok; else bad "disk-edit: not saved once there was room"; fi
	verified mnt/t.db disk-edit
	full_runs=$((full_runs + 1))

	# and the import too
	events=$(sqlite3 mnt/t.db "SELECT count(*) FROM event")
	if "$BIN" import events big.csv --db mnt/t.db >out 2>err; then ok; else bad "disk-import-later:"; cat err; fi
	if [ "$(sqlite3 mnt/t.db "SELECT count(*) FROM event")" -eq $((events + rows)) ]; then ok
	else bad "disk-import-later: not every row is there"; fi
	verified mnt/t.db disk-import-later
	rm -f mnt/t.db mnt/t.db-wal mnt/t.db-shm
	umount mnt && mounted=
else
	echo "trust: skipped the full tmpfs (needs root and a tmpfs mount); CASEPATH_MAX_PAGES covered disk full"
fi

# --- two screens edit one person ------------------------------------------
cp fix.db two.db
edit_keys a.keys Alpha
cat >> a.keys <<EOF
:save-screen $T/scr/a-0.txt
:sleep 3000
<C-s>
:save-screen $T/scr/a-1.txt
EOF
edit_keys b.keys Bravo
cat >> b.keys <<EOF
<C-s>
:save-screen $T/scr/b-1.txt
EOF
CASEPATH_SCRIPT=a.keys "$BIN" --db two.db 2>a.err & apid=$!
if wait_file scr/a-0.txt; then
	t0=$(now_ms)
	screen two.db b.keys || bad "stale: the second screen exited $?"
	t=$(($(now_ms) - t0))
	[ "$t" -lt 2800 ] || bad "stale: the second screen took $t ms, the first one's pause is 3000"
else
	bad "stale: the first screen never opened its form"
fi
if wait $apid; then ok; else bad "stale: the first screen exited $?:"; cat a.err; fi
saved stale scr/b-1.txt
status stale scr/a-1.txt "not saved: changed by $login at "
status stale scr/a-1.txt "since you opened it"
field stale scr/a-1.txt "Family name" Alpha
if [ "$(family two.db)" = Bravo ]; then ok; else bad "stale: family name is '$(family two.db)', expected Bravo"; fi
verified two.db stale

# --- a write lock held by another process ---------------------------------
cp fix.db lock.db
snap=$(snapshot lock.db)
mkfifo lock.fifo
sqlite3 lock.db < lock.fifo > lock.out 2>&1 & lpid=$!
exec 3> lock.fifo
printf 'BEGIN IMMEDIATE;\nSELECT 42;\n' >&3
i=0
while ! grep -q 42 lock.out && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
t0=$(now_ms)
"$BIN" import events big.csv --db lock.db >out 2>err
st=$? t=$(($(now_ms) - t0))
busy_waits="$t ms"
if [ $st -eq 1 ]; then ok; else bad "busy-import: exit $st, expected 1"; fi
one_line busy-import err "big.csv: database is locked by another process; nothing was imported"
if [ "$t" -ge 4500 ] && [ "$t" -le 8000 ]; then ok; else bad "busy-import: gave up after $t ms, expected the 5 s busy timeout"; fi

edit_keys lock.keys Lockname
cat >> lock.keys <<EOF
<C-s>
:save-screen $T/scr/lock-1.txt
EOF
t0=$(now_ms)
screen lock.db lock.keys
st=$? t=$(($(now_ms) - t0))
busy_waits="$busy_waits, $t ms"
if [ $st -eq 0 ]; then ok; else bad "busy-edit: the screen exited $st:"; cat screen.err; fi
status busy-edit scr/lock-1.txt "database is locked by another process, not saved; your edit is kept"
field busy-edit scr/lock-1.txt "Family name" Lockname
if [ "$t" -ge 4500 ] && [ "$t" -le 8000 ]; then ok; else bad "busy-edit: gave up after $t ms, expected the 5 s busy timeout"; fi

printf 'ROLLBACK;\n.quit\n' >&3
exec 3>&-
wait $lpid
lpid=
same lock.db "$snap" busy
verified lock.db busy
# the lock gone, the same import goes in
if "$BIN" import events big.csv --db lock.db >out 2>err; then has busy-later out "imported $rows events"
else bad "busy: the import failed once the lock was gone:"; cat err; fi

# A read waits for a lock too: another process holds the whole file
# for a second (as one recovering a crashed writer's log would).
cp fix.db excl.db
persons=$(sqlite3 excl.db "SELECT count(*) FROM person")
mkfifo excl.fifo
sqlite3 excl.db < excl.fifo > excl.out 2>&1 & lpid=$!
exec 3> excl.fifo
printf 'PRAGMA locking_mode = EXCLUSIVE;\nBEGIN EXCLUSIVE;\nSELECT 42;\n' >&3
i=0
while ! grep -q 42 excl.out && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
{ sleep 1; printf '.quit\n' >&3; } &
exec 3>&-
t0=$(now_ms)
"$BIN" export persons --db excl.db >out 2>err
st=$? t=$(($(now_ms) - t0))
wait
lpid=
busy_waits="$busy_waits, $t ms"
if [ $st -eq 0 ] && [ "$(wc -l < out)" -eq $((persons + 1)) ]; then ok
else bad "busy-read: exit $st after $t ms:"; cat err; fi
if [ "$t" -ge 800 ]; then ok; else bad "busy-read: done in $t ms, the lock was held for 1000"; fi

# --- a first load ------------------------------------------------------------
# A demo (a first load) writes under a rollback journal, not WAL: a
# second casepath that opens the file meanwhile is told why it cannot,
# changing nothing; a kill -9 leaves a file that the next open rolls
# back to empty and returns to WAL; a load that ends leaves WAL.
# The load has begun once the file's header (read without a lock) holds
# the schema's last version and a journal is beside it: a new file's
# switch to WAL also writes a moment under a journal, before the
# migrations, and an opener then would migrate and wait for the lock.
schema=$(sqlite3 fix.db "PRAGMA user_version")
header_version() { od -An -tu1 -j60 -N4 "$1" 2>/dev/null | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }'; }
loading() { [ -s first.db-journal ] && [ "$(header_version first.db)" = "$schema" ]; }
"$BIN" demo --db first.db --persons 30000 --seed 3 >first.out 2>&1 & lpid=$!
i=0
while ! loading && [ $i -lt 400 ]; do sleep 0.025; i=$((i + 1)); done
if loading; then ok; else bad "first-load: no rollback journal beside the demo"; fi
"$BIN" export persons --db first.db >out 2>err
st=$?
if [ $st -ne 0 ]; then ok; else bad "first-load: a second casepath opened the file mid-load"; fi
one_line first-load err "casepath: first.db: another casepath is loading it (a demo, or the first import into it); open it when that ends"
kill -9 $lpid 2>/dev/null
wait $lpid 2>/dev/null
lpid=
if "$BIN" export persons --db first.db >out 2>err && [ "$(wc -l < out)" -eq 1 ]; then ok
else bad "first-load: after kill -9, the file is not an empty database:"; cat err; fi
if [ "$(sqlite3 first.db 'PRAGMA journal_mode')" = wal ]; then ok; else bad "first-load: not back in WAL after kill -9"; fi
verified first.db first-load-killed
rm -f first.db*
"$BIN" demo --db first.db --persons 50 --seed 3 >/dev/null 2>&1
if [ "$(sqlite3 first.db 'PRAGMA journal_mode')" = wal ] && [ ! -e first.db-journal ]; then ok
else bad "first-load: a finished demo left the file out of WAL"; fi
# a later load keeps WAL, so a reader opens the file while it runs
"$BIN" import events big.csv --db fix.db >/dev/null 2>&1 & lpid=$!
"$BIN" export persons --db fix.db >out 2>err
st=$?
wait $lpid
lpid=
if [ $st -eq 0 ]; then ok; else bad "later-load: a reader could not open the file:"; cat err; fi

echo "trust: $pass passed, $fail failed ($full_runs disk-full runs refused cleanly; busy waits $busy_waits)"
[ "$fail" -eq 0 ] || exit 1
sh "$HERE/crash_test.sh" "$CRASH_BIN"
