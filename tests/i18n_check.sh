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
