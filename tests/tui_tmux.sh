#!/bin/sh
# tui_tmux.sh: the real terminal path. Runs casepath under tmux on a real
# pseudo-terminal, types keys with send-keys and reads the screen with
# capture-pane. Prints "N passed, N failed".
# Usage: sh tests/tui_tmux.sh build/casepath
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
T=$(mktemp -d "${TMPDIR:-/tmp}/casepath-tmux.XXXXXX")
SOCK="casepath-test-$$"
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$T"' EXIT
export TZ=UTC LANG=C.UTF-8 HOME="$T" CASEPATH_TODAY=2026-11-23
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux: 0 passed, 1 failed (tmux is not installed)"; exit 1
fi
"$BIN" demo --db "$T/t.db" --persons 300 --seed 3 >/dev/null || { echo "tmux: 0 passed, 1 failed (demo)"; exit 1; }

screen() { tmux -L "$SOCK" capture-pane -p -t cp; }
# wait_for TEXT: up to 5 s for the screen to show TEXT.
wait_for() {
	i=0
	while [ $i -lt 50 ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

tmux -L "$SOCK" -f /dev/null new-session -d -s cp -x 100 -y 30 \
	"TERM=xterm-256color '$BIN' --db '$T/t.db'; echo EXITED-\$?; sleep 30"
# anything overdue opens the deadline view first; q goes to the list
wait_for "deadlines due within" && ok || { bad "the deadline view did not open first"; screen; }
tmux -L "$SOCK" send-keys -t cp q
wait_for "300 cases" && ok || { bad "the list did not appear"; screen; }
wait_for "1/300" && ok || bad "position 1/300 not shown"
tmux -L "$SOCK" send-keys -t cp j j j
wait_for "4/300" && ok || { bad "j did not move to 4/300"; screen | tail -2; }
tmux -L "$SOCK" send-keys -t cp G
wait_for "300/300" && ok || bad "G did not reach the last case"
tmux -L "$SOCK" send-keys -t cp PPage
wait_for "273/300" && ok || { bad "PgUp from the end"; screen | tail -1; }
tmux -L "$SOCK" send-keys -t cp Enter
wait_for "Identity" && ok || { bad "Enter did not open the detail"; screen | head -5; }
tmux -L "$SOCK" send-keys -t cp Escape
wait_for "273/300" && ok || { bad "Esc did not come back to the same row"; screen | tail -1; }
tmux -L "$SOCK" send-keys -t cp '?'
wait_for "Case list (list)" && ok || { bad "? did not show the list's keys"; screen | head -3; }
tmux -L "$SOCK" send-keys -t cp q
tmux -L "$SOCK" send-keys -t cp : 'sort name' Enter
wait_for "sorted by name" && ok || { bad ":sort name"; screen | tail -1; }
tmux -L "$SOCK" resize-window -t cp -x 30 -y 8 2>/dev/null
wait_for "terminal too small" && ok || bad "30x8 did not show 'terminal too small'"
tmux -L "$SOCK" resize-window -t cp -x 100 -y 30 2>/dev/null
wait_for "300 cases" && ok || bad "the list did not come back after resizing"
tmux -L "$SOCK" send-keys -t cp Q
wait_for "EXITED-0" && ok || { bad "Q did not quit cleanly"; screen | tail -3; }

# left alone, the screen hides its records; a key brings them back
tmux -L "$SOCK" kill-session -t cp 2>/dev/null
tmux -L "$SOCK" -f /dev/null new-session -d -s cp -x 100 -y 30 \
	"TERM=xterm-256color CASEPATH_IDLE_HIDE=1 '$BIN' --db '$T/t.db'; echo EXITED-\$?; sleep 30"
wait_for "screen hidden" && ok || { bad "the idle screen did not hide"; screen | head -3; }
if screen | grep -q "TR-\|CA-\|NE-\|RT-"; then bad "a case number stayed on the hidden screen"; else ok; fi
tmux -L "$SOCK" send-keys -t cp j
wait_for "deadlines due within" && ok || { bad "a key did not bring the screen back"; screen | head -3; }

echo "tmux: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
