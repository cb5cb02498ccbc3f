#!/bin/sh
# UI tests without a terminal (STYLE.md item 11): each tests/ui/*.keys
# script drives the real binary in script mode ($CASEPATH_SCRIPT), its
# ":save-screen NAME" lines write the screen's text, and every screen
# is compared with tests/ui/golden/SCRIPT/NAME. UPDATE_GOLDEN=1 writes
# the goldens instead (make update-golden); review them before
# committing.
#
# The first line of a script may say "# db: demo" to run on a small
# demo database, or "# db: similar" on the spelling variants of
# tests/ui/similar_persons.csv, or "# db: dups" on the possible
# duplicates of tests/ui/dup_{persons,events}.csv, or "# db: turkish" on the
# Turkish names of tests/ui/turkish_persons.csv; the default is the fixture in
# tests/ui/{persons,events,relations}.csv. A second
# line "# role: caseworker" (or auditor) runs it in that role.
# Hermetic: fixed size (80x24), TZ, locale, today, HOME.
BIN=${1:?usage: ui_test.sh CASEPATH_BINARY}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
UI=$PWD/tests/ui
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 CASEPATH_TODAY=2026-06-15 TERM=xterm
export CASEPATH_NOW=2026-06-15T09:30:00Z
unset NO_COLOR LANGUAGE LC_MESSAGES CASEPATH_TIMING
# the catalogues of the build tree (make exports it; a default for sh)
export CASEPATH_LOCALEDIR="${CASEPATH_LOCALEDIR:-$PWD/build/locale}"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" && mkdir -m 700 "$tmp/db"
pass=0 fail=0
# the login as casepath records it (os_login: "uid:N" without a passwd entry)
me=$(id -un 2>/dev/null) || me="uid:$(id -u)"
[ -n "$me" ] || me="uid:$(id -u)"
me_as=$(printf '%-*s' "${#me}" USER | cut -c1-"$(( ${#me} > 4 ? ${#me} : 4 ))")

# relative paths: the import's audit record names the file as given, and
# the screens must not depend on where the clone lives
(cd "$UI" &&
"$BIN" import persons persons.csv --db "$tmp/db/ui.db" >/dev/null &&
"$BIN" import events events.csv --db "$tmp/db/ui.db" >/dev/null &&
"$BIN" import relations relations.csv --db "$tmp/db/ui.db" >/dev/null &&
"$BIN" import persons similar_persons.csv --db "$tmp/db/similar.db" >/dev/null &&
"$BIN" import persons dup_persons.csv --db "$tmp/db/dups.db" >/dev/null &&
"$BIN" import events dup_events.csv --db "$tmp/db/dups.db" >/dev/null &&
"$BIN" import persons turkish_persons.csv --db "$tmp/db/turkish.db" >/dev/null) &&
"$BIN" demo --db "$tmp/db/demo.db" --persons 300 --seed 7 >/dev/null || {
	echo "ui: cannot build the test databases" >&2
	exit 1
}

# run_script SCRIPT [LANG]: one script, in English or (LANGUAGE=LANG)
# against tests/ui/golden/LANG/NAME.
run_script() {
	script=$1 lang=${2:-}
	name=$(basename "$script" .keys)
	out="$tmp/out/$name${lang:+.$lang}"
	golden="$UI/golden/${lang:+$lang/}$name"
	db="$tmp/db/ui.db"
	head -1 "$script" | grep -q '^# db: demo' && db="$tmp/db/demo.db"
	head -1 "$script" | grep -q '^# db: similar' && db="$tmp/db/similar.db"
	head -1 "$script" | grep -q '^# db: dups' && db="$tmp/db/dups.db"
	head -1 "$script" | grep -q '^# db: turkish' && db="$tmp/db/turkish.db"
	# each script edits its own copy
	cp "$db" "$tmp/db/run.db"
	# "# role: caseworker" on a script's second line runs it as one
	role=$(sed -n '2s/^# role: //p' "$script")
	[ -n "$role" ] && sqlite3 "$tmp/db/run.db" "UPDATE app_user SET role = '$role'"
	mkdir -p "$out"
	# "# term: vt100" anywhere in the header runs it on that terminal
	term=$(sed -n 's/^# term: //p' "$script" | head -1)
	if ! (cd "$out" && LINES=24 COLUMNS=80 CASEPATH_SCRIPT="$script" \
	      TERM="${term:-xterm}" env ${lang:+LANGUAGE=$lang} "$BIN" --db "$tmp/db/run.db" 2>"$tmp/stderr"); then
		echo "FAIL $name${lang:+ ($lang)}: exit status $?"; cat "$tmp/stderr"
		fail=$((fail + 1))
		return
	fi
	rm -f "$tmp/db/run.db" "$tmp/db/run.db-wal" "$tmp/db/run.db-shm"
	# the audit trail names the login running the tests: make it USER,
	# padded to the same width so columns stay where they were
	for f in "$out"/*; do
		[ -e "$f" ] || continue
		sed "s/\b$me\b/$me_as/g" "$f" > "$f.tmp" && mv "$f.tmp" "$f"
	done
	if [ -n "$UPDATE_GOLDEN" ]; then
		rm -rf "$golden" && mkdir -p "$golden" && cp "$out"/* "$golden"/
		echo "updated $name${lang:+ ($lang)}"
		return
	fi
	for f in "$out"/*; do
		[ -e "$f" ] || continue
		if ! [ -e "$golden/$(basename "$f")" ]; then
			echo "FAIL $name${lang:+ ($lang)}: no golden $(basename "$f") (make update-golden)"
			fail=$((fail + 1))
		elif diff -u "$golden/$(basename "$f")" "$f"; then
			pass=$((pass + 1))
		else
			echo "FAIL $name${lang:+ ($lang)}: $(basename "$f") differs"
			fail=$((fail + 1))
		fi
	done
	for g in "$golden"/*; do
		[ -e "$g" ] || continue
		if ! [ -e "$out/$(basename "$g")" ]; then
			echo "FAIL $name${lang:+ ($lang)}: $(basename "$g") was not written"
			fail=$((fail + 1))
		fi
	done
}

# "# lang: tr ru" in a script's header also runs it in those languages,
# each against its own goldens (tests/ui/golden/tr/...). A language whose
# catalogue assets/locale/LL.po still has untranslated or fuzzy entries
# is skipped, saying so (its screens would be part English); once it is
# complete its goldens are checked, and blessed by make update-golden.
untranslated() {
	msgfmt --statistics -o /dev/null "$PWD/assets/locale/$1.po" 2>&1 |
	awk '{ n = 0; for (i = 2; i <= NF; i++) if ($i ~ /^(untranslated|fuzzy)/) n += $(i - 1); t += n }
	     END { print t + 0 }'
}
skipped=""
for script in "$UI"/*.keys; do
	run_script "$script"
	for lang in $(sed -n '/^#/!q; s/^# lang: //p' "$script"); do
		if ! [ -e "$PWD/assets/locale/$lang.po" ]; then
			echo "FAIL $(basename "$script" .keys): no assets/locale/$lang.po"
			fail=$((fail + 1))
			continue
		fi
		n=$(untranslated "$lang")
		if [ "$n" -gt 0 ]; then
			case " $skipped " in *" $lang "*) ;; *)
				echo "ui: $lang screens skipped: assets/locale/$lang.po has $n untranslated or fuzzy entries"
				skipped="$skipped $lang" ;;
			esac
			continue
		fi
		run_script "$script" "$lang"
	done
done
# keys typed ahead end on the screen the same keys typed one at a time
# give (each search but the last gave way to the next key)
for pair in 01-slow:02-ahead 03-slow-enter:04-ahead-enter 05-slow-esc:06-ahead-esc; do
	a="$tmp/out/search-ahead/${pair%%:*}.txt" b="$tmp/out/search-ahead/${pair#*:}.txt"
	if [ -z "$UPDATE_GOLDEN" ] && ! cmp -s "$a" "$b"; then
		echo "FAIL search-ahead: ${pair#*:} is not ${pair%%:*}"
		diff -u "$a" "$b"
		fail=$((fail + 1))
	fi
done
echo "ui: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
