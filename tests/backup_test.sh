#!/bin/sh
# backup_test.sh: the encrypted backup and the checked restore.
#
#   round trip    backup then restore gives the same exports and the same
#                 audit chain plus one "restore" record naming the
#                 backup's SHA-256; the file is 0600; the passphrase comes
#                 from a file descriptor (or the terminal), never argv
#   refusals      wrong passphrase, a flipped byte in the header, a middle
#                 chunk and the last chunk, a cut file, a file that is no
#                 backup: one line each, exit 1, the database untouched
#                 and no decrypted copy left next to it
#   replacing     only with --force, never while another casepath has the
#                 database open; the old one kept 0600
#   plaintext     the snapshot's private directory is gone afterwards,
#                 also after an error and after SIGINT
#   terminal      (with script(1)) asked twice with echo off; two
#                 different answers write nothing
#
# Backups use --kdf-cost interactive so this runs in seconds.
# Usage: sh tests/backup_test.sh CASEPATH_BINARY
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
FIX=$(cd "$(dirname "$0")" && pwd)/fixtures
T=$(mktemp -d "${TMPDIR:-/tmp}/casepath-backup-test.XXXXXX")
hpid=
cleanup() {
	[ -n "$hpid" ] && kill "$hpid" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
cd "$T" || exit 1
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$T/home" XDG_DATA_HOME="$T/xdg"
export XDG_CONFIG_HOME="$T/config" CASEPATH_TODAY=2026-11-23 TERM=xterm
export LINES=24 COLUMNS=80
# the snapshot's private directory goes here, so we can see it is gone
mkdir -m 700 tmp home
export TMPDIR="$T/tmp"
unset CASEPATH_DB CASEPATH_ALLOW_SHARED CASEPATH_MAX_PAGES CASEPATH_SCRIPT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
run() {
	name=$1 want=$2; shift 2
	"$@" >out 2>err; got=$?
	if [ "$got" -ne "$want" ]; then
		bad "$name: exit $got, expected $want"; sed 's/^/  stderr: /' err | head -5
		return 1
	fi
	ok; return 0
}
has() {
	if grep -qF -- "$3" "$2"; then ok; else bad "$1: '$3' not in $2:"; head -5 "$2" | sed 's/^/  /'; fi
}
one_line() {
	n=$(wc -l < err)
	if [ "$n" -eq 1 ]; then ok; else bad "$1: $n lines on stderr, expected 1"; cat err; fi
}
no_plaintext() {
	if [ -z "$(ls -A tmp)" ]; then ok; else bad "$1: left in TMPDIR: $(ls -A tmp)"; fi
	if ls ./*.restore-* ./*.tmp-* >/dev/null 2>&1; then bad "$1: temporary files left: $(ls ./*.restore-* ./*.tmp-* 2>/dev/null)"; else ok; fi
}
# everything a user could see, and the audit chain
snapshot() {
	for k in persons events relations; do "$BIN" export "$k" --db "$1"; done
}
chain() {
	sqlite3 "$1" "SELECT seq, at, login, tbl, row_id, action, before, after, hash FROM audit ORDER BY seq"
}
digest() { sha256sum "$1" | cut -d' ' -f1; }

printf 'correct horse battery staple\n' > pw
printf 'wrong horse battery staple\n' > pw-wrong
"$BIN" import persons "$FIX/persons.csv" --db good.db >/dev/null &&
"$BIN" import events "$FIX/events.csv" --db good.db >/dev/null &&
"$BIN" import relations "$FIX/relations.csv" --db good.db >/dev/null || bad "fixture import"

# --- backup ------------------------------------------------------------------------
run backup 0 "$BIN" backup good.bak --db good.db --kdf-cost interactive --passphrase-fd 3 3<pw
[ "$(stat -c %a good.bak)" = 600 ] && ok || bad "backup mode $(stat -c %a good.bak)"
[ "$(head -c 8 good.bak)" = CPBACKUP ] && ok || bad "backup magic"
# no plaintext: not one name of the fixture in the file
if grep -aq 'Qarzelani\|SQLite format' good.bak; then bad "plaintext in the backup"; else ok; fi
no_plaintext backup
run backup-exists 1 "$BIN" backup good.bak --db good.db --kdf-cost interactive --passphrase-fd 3 3<pw
has backup-exists err "already exists"
run backup-argv 2 "$BIN" backup argv.bak --db good.db --passphrase 'correct horse battery staple'
has backup-argv err "never taken from the command line"
run backup-argv-eq 2 "$BIN" backup argv.bak --db good.db --password=secretsecretsecret
[ ! -e argv.bak ] && ok || bad "a backup was written with a passphrase from argv"
printf 'short\n' > pw-short
run backup-short 1 "$BIN" backup short.bak --db good.db --kdf-cost interactive --passphrase-fd 3 3<pw-short
has backup-short err "too short"
one_line backup-short
run backup-cost 2 "$BIN" backup cost.bak --db good.db --kdf-cost none --passphrase-fd 3 3<pw
if command -v setsid >/dev/null 2>&1; then
	# no controlling terminal and no --passphrase-fd: refused, not hung
	run backup-notty 1 setsid -w "$BIN" backup notty.bak --db good.db </dev/null
	has backup-notty err "--passphrase-fd"
fi
[ ! -e short.bak ] && [ ! -e cost.bak ] && [ ! -e notty.bak ] && ok || bad "a refused backup left a file"
no_plaintext backup-refused

# --- restore: the round trip -----------------------------------------------------------
run restore 0 "$BIN" restore good.bak --db new.db --passphrase-fd 3 3<pw
has restore out "$(digest good.bak)"
[ "$(stat -c %a new.db)" = 600 ] && ok || bad "restored mode"
snapshot good.db > before.txt
snapshot new.db > after.txt
cmp -s before.txt after.txt && ok || bad "restored exports differ"
chain good.db > chain-good
chain new.db | head -n "$(wc -l < chain-good)" > chain-new
cmp -s chain-good chain-new && ok || bad "restored audit chain differs"
[ "$(sqlite3 new.db "SELECT action || ' ' || json_extract(after, '\$.sha256') FROM audit ORDER BY seq DESC LIMIT 1")" = "restore $(digest good.bak)" ] \
	&& ok || bad "no restore audit record with the backup's sha256"
run restore-verify 0 "$BIN" verify --db new.db
no_plaintext restore

# --- restore: refusals, each leaving the database as it was ------------------------------
cp good.db target.db
before=$(digest target.db)
refuse() {
	name=$1 file=$2 text=$3 pwf=${4:-pw}
	run "$name" 1 "$BIN" restore "$file" --db target.db --force --passphrase-fd 3 3<"$pwf"
	has "$name" err "$text"
	one_line "$name"
	[ "$(digest target.db)" = "$before" ] && ok || bad "$name: the database changed"
	if ls target.db.before-restore-* >/dev/null 2>&1; then bad "$name: kept a copy"; else ok; fi
	no_plaintext "$name"
}
flip() { # flip FILE OFFSET OUT
	cp "$1" "$3"
	b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	printf "$(printf '\\%03o' $(( (b ^ 1) & 255 )))" | dd of="$3" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
size=$(stat -c %s good.bak)
refuse wrong-passphrase good.bak "wrong passphrase" pw-wrong
flip good.bak 0 magic.bak;                    refuse flip-magic magic.bak "not a casepath backup"
flip good.bak 14 kdf.bak;                     refuse flip-kdf kdf.bak "header does not check out"
flip good.bak 60 stream.bak;                  refuse flip-stream-header stream.bak "header does not check out"
flip good.bak 100 first.bak;                  refuse flip-first-chunk first.bak "wrong passphrase (or"
flip good.bak $((92 + 65553 + 40)) mid.bak;   refuse flip-middle-chunk mid.bak "chunk 2"
flip good.bak $((size - 3)) last.bak;         refuse flip-last-chunk last.bak "does not authenticate"
head -c $((size - 1)) good.bak > cut1.bak;    refuse cut-last-byte cut1.bak "truncated"
head -c $((92 + 65553)) good.bak > cut2.bak;  refuse cut-at-chunk cut2.bak "truncated"
head -c 50 good.bak > cut3.bak;               refuse cut-in-header cut3.bak "truncated"
cat good.bak good.bak > long.bak;             refuse appended long.bak "after the backup's final chunk"
printf 'SQLite format 3\000 and so on\n' > plain.bak; refuse not-a-backup plain.bak "not a casepath backup"
cp good.db plain.db; chmod 600 plain.db;       refuse an-sqlite-file plain.db "not a casepath backup"

# a backup whose audit chain was forged before it was taken: decrypts, then refused
cp good.db forged.db; chmod 600 forged.db
sqlite3 forged.db "DROP TRIGGER audit_no_update;
	UPDATE audit SET login = 'someone-else' WHERE seq = 2;" || bad "forging the chain"
run forged-backup 0 "$BIN" backup forged.bak --db forged.db --kdf-cost interactive --passphrase-fd 3 3<pw
refuse forged-chain forged.bak "does not verify"

# --- replacing a database ------------------------------------------------------------------
run no-force 1 "$BIN" restore good.bak --db target.db --passphrase-fd 3 3<pw
has no-force err "add --force"
[ "$(digest target.db)" = "$before" ] && ok || bad "no-force: the database changed"
# another casepath has it open: a screen waiting in script mode
printf ':sleep 2500\n' > hold.keys
CASEPATH_SCRIPT=hold.keys "$BIN" --db target.db 2>hold.err & hpid=$!
sleep 1
refuse busy good.bak "another casepath has it open"
wait "$hpid"; hpid=
# a different database, then --force: replaced, the old one kept
"$BIN" import persons "$FIX/deadline_persons.csv" --db other.db >/dev/null || bad "other import"
snapshot other.db > other.txt
run force 0 "$BIN" restore good.bak --db other.db --force --passphrase-fd 3 3<pw
has force out "kept as other.db.before-restore-"
snapshot other.db > replaced.txt
cmp -s before.txt replaced.txt && ok || bad "force: the restored data differ"
kept=$(ls other.db.before-restore-* 2>/dev/null)
[ -n "$kept" ] && [ "$(stat -c %a "$kept")" = 600 ] && ok || bad "force: the old database not kept 0600"
[ -n "$kept" ] && snapshot "$kept" > kept.txt && cmp -s other.txt kept.txt && ok || bad "force: the kept copy differs"
run no-keep 0 "$BIN" restore good.bak --db new.db --force --no-keep --passphrase-fd 3 3<pw
if ls new.db.before-restore-* >/dev/null 2>&1; then bad "no-keep kept a copy"; else ok; fi
no_plaintext replacing

# --- the terminal: asked twice with echo off, a mismatch refused ----------------------
if command -v script >/dev/null 2>&1; then
	(sleep 1; printf 'correct horse battery staple\n'; sleep 0.5
	 printf 'correct horse battery staple\n'; sleep 2) |
		script -qec "'$BIN' backup tty.bak --db good.db --kdf-cost interactive" /dev/null > tty.out 2>&1
	[ -s tty.bak ] && ok || { bad "tty: no backup written"; cat tty.out; }
	has tty-twice tty.out "The same passphrase again"
	if grep -q 'correct horse' tty.out; then bad "tty: the passphrase was echoed"; else ok; fi
	run tty-restore 0 "$BIN" restore tty.bak --db tty.db --passphrase-fd 3 3<pw
	(sleep 1; printf 'correct horse battery staple\n'; sleep 0.5
	 printf 'correct horse battery stapler\n'; sleep 2) |
		script -qec "'$BIN' backup tty2.bak --db good.db --kdf-cost interactive" /dev/null > tty.out 2>&1
	has tty-mismatch tty.out "the two passphrases differ"
	[ ! -e tty2.bak ] && ok || bad "tty: a backup written after a mismatch"
	no_plaintext tty
fi

# --- SIGINT while the snapshot is being sealed: nothing left behind ------------------------
"$BIN" backup sig.bak --db good.db --kdf-cost moderate --passphrase-fd 3 3<pw >/dev/null 2>&1 & spid=$!
i=0
while ! ls tmp/*/snapshot.db >/dev/null 2>&1 && [ $i -lt 400 ]; do sleep 0.02; i=$((i + 1)); done
kill -INT "$spid" 2>/dev/null
wait "$spid"; st=$?
[ "$st" -ne 0 ] && ok || bad "sigint: the backup finished before the signal"
[ ! -e sig.bak ] && ok || bad "sigint: a backup was written"
no_plaintext sigint

echo "backup: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
