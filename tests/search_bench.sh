#!/bin/sh
# search_bench.sh: the plain search keystroke at each prefix length,
# script, sort order, filter and start position, timed inside the
# program (script mode, $CASEPATH_TIMING). Called by bench.sh; alone:
#   sh tests/search_bench.sh build/casepath build/bench/demo-1000000.db
# Prints one line per (word, prefix length): p50 and p95 over every
# sort x filter x position run, then the worst configurations.
set -u
BIN=$1 DB=$2
RUNS=${RUNS:-1}
DIR=$(dirname "$DB")
export TZ=UTC LANG=C.UTF-8 CASEPATH_TODAY=${CASEPATH_TODAY:-2026-11-23}
WORDS=${SEARCH_WORDS:-"m u h a m m a d|a l i|z e y n e p|p e l m a l o v|h u m d u r j i|и в а н о в|с е р г е й|п е л м а л о в|م ح م د|ن ب ي ل|ح م د و ر ج ي"}
SORTS=${SEARCH_SORTS:-"case name native sex born nationality stage days deadline"}
FILTERS=${SEARCH_FILTERS:-"- nat=SYR stage=prison age=minor"}
deep=$(sqlite3 "$DB" "SELECT case_no FROM person ORDER BY case_no LIMIT 1 OFFSET (SELECT count(*) / 2 FROM person)")
out=${SEARCH_OUT:-"$DIR/search.samples"}
: > "$out"
for sort in $SORTS; do
for filter in $FILTERS; do
for pos in top middle; do
	keys="$out.keys" timing="$out.timing"
	{
		echo q
		echo ":sort $sort"
		[ "$filter" = - ] || echo ":filter $filter"
		[ $pos = top ] || echo ":goto $deep"
		echo "$WORDS" | tr '|' '\n' | while read -r w; do echo "/ $w <Esc>"; done
	} > "$keys"
	i=0
	while [ $i -lt "$RUNS" ]; do
		rm -f "$timing"
		CASEPATH_SCRIPT="$keys" CASEPATH_TIMING="$timing" LINES=40 COLUMNS=120 \
			"$BIN" --db "$DB" >/dev/null 2>&1
		# after "/", the n-th key of a word is prefix length n
		awk -v cfg="$sort,$filter,$pos" -v words="$WORDS" '
			BEGIN { nw = split(words, W, "|"); w = 0 }
			$1 == "/" { w++; n = 0; inw = 1; next }
			$1 == "<Esc>" || $1 == "peak-rss-kb" { inw = 0; next }
			inw && NF >= 2 { n++; gsub(/ /, "", W[w]); print W[w], n, $2 / 1000, cfg }
		' "$timing" >> "$out"
		i=$((i + 1))
	done
done
done
done
printf '%-12s %3s %9s %9s %9s\n' word len p50 p95 max
sort -k1,1 -k2,2n -k3,3g "$out" | awk '
	function flush() { if (c) printf "%-12s %3d %9.2f %9.2f %9.2f\n", pw, pl, a[int((c + 1) / 2)], a[int(c * 0.95 + 0.999)], a[c] }
	{ if ($1 != pw || $2 != pl) { flush(); c = 0; pw = $1; pl = $2 } a[++c] = $3 }
	END { flush() }'
echo "all keystrokes: $(awk '{ print $3 }' "$out" | sort -g | awk '{ a[NR] = $1 } END { printf "p50 %.2f p95 %.2f max %.2f ms (n=%d)", a[int((NR + 1) / 2)], a[int(NR * 0.95 + 0.999)], a[NR], NR }')"
echo "slowest:"
sort -k3,3gr "$out" | head -${SEARCH_WORST:-15}
