#!/bin/sh
# The hostile-string corpus (issue 6, item 6) through import, export and
# back, and through every screen:
#
#   hostile_test.sh CASEPATH_BINARY HOSTILE_GEN [TMUX_BINARY]
#
# CASEPATH_BINARY runs everything but the tmux part (the sanitizer build
# in make check), TMUX_BINARY (default the same) runs on the terminal.
#
# HOSTILE_GEN (tests/hostile/gen.c) writes some 250 fictional persons
# whose every free-text field holds one hostile value (terminal
# escapes, C0 and C1 controls, bidi and zero-width characters,
# combining floods, wide and right-to-left text, 10,000-character names (ASCII and CJK), SQL,
# printf and CSV metacharacters) and 19 files the importer must refuse
# (invalid UTF-8, NUL, a field over 32 KiB).
#
# 1. Round trip: import, export, check every value came back byte for
#    byte; import the export into a second database and export again:
#    byte-identical (CSV and JSON).
# 2. Refusals: each bad file is refused with its line, field and reason,
#    and nothing of it is imported (the import is all or nothing).
# 3. Screens: script mode through the list (every page, and after
#    searches for hostile names), every person's detail, family panel,
#    timeline and edit form, the deadlines, a review session over all of
#    them, the audit trail as an auditor, the report and help. No dump
#    may hold a control, C1, bidi or zero-width character raw, no line
#    may be wider than the terminal, and the list's and the deadlines'
#    columns stay where a plain ASCII row has them.
# 4. The tmux test (tui_tmux.sh) shows a title-setting and a clipboard
#    name on a real terminal; see there.
BIN=${1:?usage: hostile_test.sh CASEPATH_BINARY HOSTILE_GEN [FAST_BINARY]}
GEN=${2:?usage: hostile_test.sh CASEPATH_BINARY HOSTILE_GEN [FAST_BINARY]}
FAST=${3:-$BIN}
for v in BIN GEN FAST; do
	eval "p=\$$v"
	case $p in /*) ;; *) eval "$v=\$PWD/\$p" ;; esac
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# HOSTILE_KEEP=1 keeps the corpus, databases and screens for a look
[ -n "$HOSTILE_KEEP" ] && trap - EXIT && echo "hostile: keeping $tmp"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 CASEPATH_TODAY=2026-06-15 TERM=xterm
export CASEPATH_NOW=2026-06-15T09:30:00Z
unset NO_COLOR LANGUAGE CASEPATH_TIMING
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$tmp/in" "$tmp/out" && mkdir -m 700 "$tmp/db"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL hostile: $*"; fail=$((fail + 1)); }

"$GEN" write "$tmp/in" >/dev/null || { echo "hostile: cannot write the corpus" >&2; exit 1; }
n=$("$GEN" count)

# --- 1. the round trip -------------------------------------------------------
A=$tmp/db/a.db B=$tmp/db/b.db
for k in persons events relations; do
	"$BIN" import $k "$tmp/in/$k.csv" --db "$A" >/dev/null 2>"$tmp/err" ||
		{ bad "import $k: $(head -3 "$tmp/err")"; continue; }
	"$BIN" export $k --db "$A" > "$tmp/a-$k.csv" 2>"$tmp/err" ||
		{ bad "export $k: $(head -3 "$tmp/err")"; continue; }
	if "$GEN" check $k "$tmp/a-$k.csv" >/dev/null; then ok; else bad "$k: values changed"; fi
done
for k in persons events relations; do
	"$BIN" import $k "$tmp/a-$k.csv" --db "$B" >/dev/null 2>"$tmp/err" ||
		{ bad "re-import $k: $(head -3 "$tmp/err")"; continue; }
done
for k in persons events relations; do
	"$BIN" export $k --db "$B" > "$tmp/b-$k.csv"
	if cmp -s "$tmp/a-$k.csv" "$tmp/b-$k.csv"; then ok; else bad "$k: the second export differs"; fi
	"$BIN" export $k --format json --db "$A" > "$tmp/a-$k.json"
	"$BIN" export $k --format json --db "$B" > "$tmp/b-$k.json"
	if [ -s "$tmp/a-$k.json" ] && cmp -s "$tmp/a-$k.json" "$tmp/b-$k.json"; then ok
	else bad "$k: the JSON exports differ"; fi
done

# --- 2. what must be refused ---------------------------------------------------
nbad=0
while IFS="$(printf '\t')" read -r file line column field reason; do
	nbad=$((nbad + 1))
	C=$tmp/db/c$nbad.db
	if "$BIN" import persons "$tmp/in/$file" --db "$C" >/dev/null 2>"$tmp/err"; then
		bad "$file ($reason) was imported"
		continue
	fi
	msg=$(head -1 "$tmp/err")
	case $msg in
	*"$file:$line: column $column "*"$reason"*|*"$file:$line: field $field: $reason"*)
		ok ;;
	*)	bad "$file: want line $line, $column (field $field), '$reason'; got: $msg" ;;
	esac
	# all or nothing: not even the good rows before the bad one
	rows=$("$BIN" export persons --db "$C" 2>/dev/null | wc -l)
	if [ "$rows" -le 1 ]; then ok; else bad "$file: $((rows - 1)) rows imported from a refused file"; fi
	# --dry-run names the same row
	if "$BIN" import persons "$tmp/in/$file" --db "$C" --dry-run >/dev/null 2>"$tmp/err"; then
		bad "$file: --dry-run passed"
	elif grep -q "$file:$line:" "$tmp/err"; then ok
	else bad "$file: --dry-run did not name line $line"; fi
done < "$tmp/in/bad.txt"
[ "$nbad" -ge 18 ] || bad "only $nbad refused files"

# --- 3. every screen -----------------------------------------------------------
# one script: the list page by page, searches, then each person
keys=$tmp/all.keys
{
	echo ":save-screen list-000.txt"
	p=1
	while [ $p -le $((n / 20 + 1)) ]; do
		echo "<PgDn>"
		printf ':save-screen list-%03d.txt\n' $p
		p=$((p + 1))
	done
	echo "g"
	# searches for hostile names: Latin with escapes, CJK, Arabic, bidi
	for s in Esc3 王小明 محمد Bidi Zw Czero %_% "'"; do
		echo "/ $s <Enter>"
		echo ":save-screen list-search-$(printf '%s' "$s" | od -An -tx1 | tr -d ' \n').txt"
		echo "g"
	done
	i=1
	while [ $i -le "$n" ]; do
		c=$(printf 'H-%04d' $i)
		echo ":goto $c"
		echo "<Enter>"
		echo ":save-screen detail-$c.txt"
		echo "G"
		echo ":save-screen family-$c.txt"
		echo "t"
		echo ":save-screen timeline-$c.txt"
		echo "q"
		echo "e"
		echo ":save-screen form-$c.txt"
		echo "<Esc>"
		echo "q"
		i=$((i + 1))
	done
	echo "D"
	echo ":save-screen deadlines-000.txt"
	p=1
	while [ $p -le $((n / 20 + 1)) ]; do
		echo "<PgDn>"
		printf ':save-screen deadlines-%03d.txt\n' $p
		p=$((p + 1))
	done
	echo "q"
	echo "r"
	i=1
	while [ $i -le "$n" ]; do
		printf ':save-screen review-%03d.txt\n' $i
		echo "n"
		i=$((i + 1))
	done
	echo "q"
	echo "R"
	for s in 1 2 3 4 5 6 7 8; do
		echo ":save-screen report-$s.txt"
		echo "<Tab>"
	done
	echo "q"
	echo "?"
	echo ":save-screen help-list.txt"
} > "$keys"
# the auditor: the audit trail of the import and of every opening
{
	echo "A"
	echo ":save-screen audit-changes-000.txt"
	p=1
	while [ $p -le 15 ]; do
		echo "<PgDn>"
		printf ':save-screen audit-changes-%03d.txt\n' $p
		p=$((p + 1))
	done
	echo "<Tab>"
	echo ":save-screen audit-openings-000.txt"
	echo "q"
	echo ":goto H-0001"
	echo "e"
	echo ":save-screen auditor-edit.txt"
} > "$tmp/auditor.keys"

run() {  # run KEYS DB COLS LINES
	if (cd "$tmp/out" && COLUMNS=$3 LINES=$4 CASEPATH_SCRIPT="$1" \
	    "$BIN" --db "$2" 2>"$tmp/stderr"); then ok
	else bad "$(basename "$1"): exit status $?: $(head -3 "$tmp/stderr")"; fi
}
cp "$A" "$tmp/db/run.db"
run "$keys" "$tmp/db/run.db" 80 24
cp "$A" "$tmp/db/audit.db"
sqlite3 "$tmp/db/audit.db" "UPDATE app_user SET role = 'auditor'"
run "$tmp/auditor.keys" "$tmp/db/audit.db" 80 24
# the list again on a wide terminal
printf ':resize 132 40\n:save-screen wide-list-000.txt\n<PgDn>\n:save-screen wide-list-001.txt\n' > "$tmp/wide.keys"
cp "$A" "$tmp/db/wide.db"
run "$tmp/wide.keys" "$tmp/db/wide.db" 132 40

dumps=$(ls "$tmp/out" | wc -l)
want=$((4 * n + n + 2 * (n / 20 + 2) + 8 + 8 + 1 + 16 + 1 + 1 + 2))
[ "$dumps" -ge "$want" ] || bad "$dumps screens written, $want expected"
cd "$tmp/out" || exit 1
# each person's screens are that person's: a form that would not close
# (an untouched long field once looked edited) leaves the wrong ones
wrong=$(awk 'FNR == 1 { c = FILENAME; sub(/^[a-z]+-/, "", c); sub(/\.txt$/, "", c);
	if (index($0, c) == 0) print FILENAME }' detail-H-* timeline-H-* form-H-* | head -3)
if [ -z "$wrong" ]; then ok; else bad "screens of another person or screen: $wrong"; fi
if grep -l "discard your changes" form-H-* detail-H-* >/dev/null 2>&1; then
	bad "an untouched form asked to discard changes"
else ok; fi
if "$GEN" screens 80 $(ls | grep -v '^wide-') > "$tmp/screens.txt" 2>"$tmp/err"; then ok
else bad "screens: $(head -5 "$tmp/err")"; fi
if "$GEN" screens 132 wide-* >/dev/null 2>"$tmp/err"; then ok
else bad "wide screens: $(head -5 "$tmp/err")"; fi
# the list's columns: every row's nationality where the first row, plain
# ASCII, has it (the deadlines' and the family panel's names come last
# on their rows: the width check covers them)
if "$GEN" layout SYR list-[0-9]*.txt > "$tmp/layout.txt" 2>"$tmp/err"; then ok
else bad "list layout: $(head -3 "$tmp/err")"; fi
if "$GEN" layout SYR wide-list-*.txt >/dev/null 2>"$tmp/err"; then ok
else bad "wide list layout: $(head -3 "$tmp/err")"; fi
cd - >/dev/null || exit 1

# --- 4. a real terminal: tmux -----------------------------------------------
# The names that set the window title (OSC 0 and 2, and the 8-bit OSC)
# and write the clipboard (OSC 52) shown on a pseudo-terminal: tmux's
# pane title must not change, and no paste buffer may appear (tmux takes
# OSC 52 into a buffer when set-clipboard is on, as it is here).
tm=no
if command -v tmux >/dev/null 2>&1; then
	tm=yes
	SOCK="casepath-hostile-$$"
	trap 'tmux -L "$SOCK" kill-server 2>/dev/null; [ -n "$HOSTILE_KEEP" ] || rm -rf "$tmp"' EXIT
	tx() { tmux -L "$SOCK" "$@"; }
	pane() { tx capture-pane -p -t hp; }
	wait_for() {
		i=0
		while [ $i -lt 50 ]; do
			pane | grep -qF -- "$1" && return 0
			sleep 0.1; i=$((i + 1))
		done
		return 1
	}
	cp "$A" "$tmp/db/tmux.db"
	tx -f /dev/null new-session -d -s hp -x 100 -y 30 \
		"TERM=xterm-256color '$FAST' --db '$tmp/db/tmux.db'; echo EXITED-\$?; sleep 30"
	tx set-option -s set-clipboard on
	wait_for "$n cases" || bad "tmux: the list did not appear"
	title0=$(tx display-message -p -t hp '#{pane_title}')
	for c in $(grep -e 'x1B\]0;' -e 'x1B\]2;' -e 'x1B\]52;' -e 'xC2\x9D' \
	           -e 'x1BPtmux' "$tmp/in/values.txt" | cut -f1); do
		tx send-keys -t hp : "goto $c" Enter Enter
		wait_for "Identity" || bad "tmux: $c's detail did not open"
		tx send-keys -t hp t
		wait_for "timeline  $c" || bad "tmux: $c's timeline did not open"
		if tx capture-pane -e -p -t hp | grep -q "$(printf '\033')[]P_^X]"; then
			bad "tmux: an OSC, DCS, APC, PM or SOS sequence on the screen of $c"
		else ok; fi
		tx send-keys -t hp q q
		wait_for "$n cases" || bad "tmux: back to the list from $c"
		title=$(tx display-message -p -t hp '#{pane_title}')
		if [ "$title" = "$title0" ]; then ok; else bad "tmux: $c set the title to '$title'"; fi
	done
	if [ -z "$(tx list-buffers 2>/dev/null)" ]; then ok
	else bad "tmux: a name wrote the clipboard: $(tx list-buffers | head -3)"; fi
	tx send-keys -t hp Q
	wait_for "EXITED-0" && ok || bad "tmux: casepath did not quit cleanly"
	tx kill-server 2>/dev/null
fi

echo "hostile: $n values, $nbad refused files, $dumps screens, tmux $tm; $(cat "$tmp/layout.txt" 2>/dev/null)"
echo "hostile: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
