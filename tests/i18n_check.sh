#!/bin/sh
# i18n_check.sh: the translations' checks (part of make check).
#
#   sh tests/i18n_check.sh            check: (a) every msgid of the sources
#                                     is in assets/locale/casepath.pot,
#                                     (b) no bare string literal reaches a
#                                     UI output function, (c) msgfmt --check
#                                     on every .po, counting untranslated
#                                     and fuzzy entries (a failure only
#                                     with I18N_STRICT=1)
#   sh tests/i18n_check.sh --pot FILE write the template into FILE
#
# The template holds the sources' _() N_() P_() V_() strings and the
# explanations of the rule files (assets/rules/*.rules: ruleset titles,
# clock and guard sources, holiday names), shown translated.
set -u
cd "$(dirname "$0")/.." || exit 2

# Writes the template to $1.
make_pot() {
	out=$1
	tmp=$(mktemp -d) || exit 2
	xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: \
		--keyword= --keyword=_ --keyword=N_ --keyword=P_:1,2 \
		--keyword=V_:1c,2 --keyword=i18n_pgettext:1c,2 \
		--package-name=casepath --msgid-bugs-address=dev@casepath.invalid \
		--sort-by-file --no-wrap -o "$tmp/src.pot" src/*.c include/casepath/*.h || exit 2
	# The rule files' quoted explanations, one entry each.
	awk '
	function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return s }
	/^(ruleset|clock|guard|holiday)[ \t]/ {
		if (match($0, /"[^"]*"[ \t]*$/)) {
			t = substr($0, RSTART + 1, RLENGTH - 1); sub(/"[ \t]*$/, "", t)
			if (seen[t]++) next
			printf "#. TRANSLATORS: %s %s in the rule file\n", $1, $2
			printf "#: %s:%d\nmsgid \"%s\"\nmsgstr \"\"\n\n", FILENAME, FNR, esc(t)
		}
	}' assets/rules/*.rules > "$tmp/rules.po"
	{ printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'; cat "$tmp/rules.po"; } > "$tmp/rules.pot"
	msgcat --use-first --no-wrap -o "$tmp/all.pot" "$tmp/src.pot" "$tmp/rules.pot" || exit 2
	# No creation date: the template only changes when a string does.
	sed -e '/^"POT-Creation-Date:/d' "$tmp/all.pot" > "$out"
	rm -rf "$tmp"
}

if [ "${1:-}" = "--pot" ]; then
	make_pot "$2"
	exit $?
fi

fail=0
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT

# (a) every string the sources mark is in the committed template
make_pot "$T/new.pot" 2>"$T/xgettext.err" || { cat "$T/xgettext.err"; exit 1; }
# Each entry as one line: LOCATION<TAB>msgctxt<TAB>msgid (header skipped).
entries() {
	awk '
	function flush() { if (id != "") print loc "\t" ctx "\t" id; id = ""; ctx = ""; loc = ""; st = "" }
	/^#: / { if (st == "str") flush(); if (loc == "") { loc = $2 } ; next }
	/^msgctxt / { if (st == "str") flush(); st = "ctx"; ctx = substr($0, 9); next }
	/^msgid / { if (st == "str") flush(); st = "id"; id = substr($0, 7); next }
	/^msgid_plural / { st = "plural"; next }
	/^msgstr/ { st = "str"; next }
	/^"/ { if (st == "id") id = id $0; else if (st == "ctx") ctx = ctx $0; next }
	/^$/ { if (st == "str") flush() }
	END { if (st == "str") flush() }' "$1" | grep -v "	\"\"$"
}
entries assets/locale/casepath.pot | cut -f2- | sort -u > "$T/old"
entries "$T/new.pot" | sort -t "	" -k2 > "$T/newloc"
cut -f2- "$T/newloc" | sort -u | comm -13 "$T/old" - > "$T/missing"
if [ -s "$T/missing" ]; then
	echo "i18n: strings missing from assets/locale/casepath.pot (run 'make pot'):"
	while IFS= read -r key; do
		grep -F "	$key" "$T/newloc" | head -1 | awk -F "\t" '{ printf "  %s: %s%s\n", $1, ($2 == "" ? "" : "[" $2 "] "), $3 }'
	done < "$T/missing"
	fail=1
else
	echo "i18n: template complete ($(grep -c '^msgid ' assets/locale/casepath.pot) entries)"
fi

# (b) a bare string literal with words passed to a UI output function is
# a string nobody can translate. Heuristic, one line at a time: format
# directives and the program's name do not count as words.
awk '
FNR == 1 { incomment = 0 }
{
	line = $0
	if (incomment) { if (line ~ /\*\//) incomment = 0; next }
	if (line ~ /^[ \t]*\/?\*/) { if (line !~ /\*\//) incomment = 1; next }
	if (match(line, /(app_message|app_error|app_prompt|app_confirm|cli_error|cli_usage_error|ui_put|heading|add_line)\(([^"()]|\([^()]*\))*"[^"]*"/) ||
	    match(line, /fprintf\(stderr, "[^"]*"/) ||
	    match(line, /(^|[^a-z_])add\((dv|tv|v|rv|h), ("[^"]*"|[^,"]*), [^"]*"[^"]*"/)) {
		call = substr(line, RSTART, RLENGTH)
		rest = call; lit = ""
		gsub(/str(n)?cmp\([^"]*"[^"]*"/, "", rest)
		while (match(rest, /"[^"]*"/)) {
			lit = lit substr(rest, RSTART + 1, RLENGTH - 2) " "
			rest = substr(rest, RSTART + RLENGTH)
		}
		gsub(/%[-+ #0-9.*]*(l|ll|z|h|j)?[a-zA-Z]/, "", lit)
		gsub(/\\[nt]/, "", lit); gsub(/casepath/, "", lit)
		if (lit ~ /[A-Za-z][A-Za-z]/ && call !~ /(^|[^A-Za-z])(N?_|P_)\("/) {
			printf "%s:%d: unmarked UI string: %s\n", FILENAME, FNR, call
			bad++
		}
	}
}
END { exit bad > 0 }' src/*.c > "$T/lint" || {
	echo "i18n: string literals reach the screen or stderr without _():"
	sed 's/^/  /' "$T/lint"
	fail=1
}
[ -s "$T/lint" ] || echo "i18n: no unmarked UI strings found"

# (c) every catalogue compiles; untranslated and fuzzy entries are
# counted (a failure only with I18N_STRICT=1, once translations landed)
for po in assets/locale/*.po; do
	lang=$(basename "$po" .po)
	if ! msgfmt --check --statistics -o /dev/null "$po" 2>"$T/stat"; then
		echo "i18n: $po does not compile:"; sed 's/^/  /' "$T/stat"; fail=1; continue
	fi
	untr=$(sed -n 's/.* \([0-9][0-9]*\) untranslated message.*/\1/p' "$T/stat"); untr=${untr:-0}
	fuzzy=$(sed -n 's/.* \([0-9][0-9]*\) fuzzy translation.*/\1/p' "$T/stat"); fuzzy=${fuzzy:-0}
	done_n=$(sed -n 's/^\([0-9][0-9]*\) translated message.*/\1/p' "$T/stat"); done_n=${done_n:-0}
	echo "i18n: $lang: $done_n translated, $fuzzy fuzzy, $untr untranslated"
	if [ "${I18N_STRICT:-0}" = 1 ] && [ $((untr + fuzzy)) -gt 0 ]; then
		echo "i18n: $lang is incomplete (I18N_STRICT=1)"; fail=1
	fi
done
exit $fail
