#!/bin/sh
# Benchmark evmatch on the project's corpus, each figure as a ratio to a
# baseline measured in the same run (machines are shared and noisy).
#
#	bench/evmatch.sh [events]	(default 1000000, about 650 MB)
#
# Needs jq for the jq column; everything else is built by "make bench-tools".
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-build}
bin="$top/$B"
n=${1:-1000000}
work=${BENCH_DIR:-$top/bench/out}
runs=${RUNS:-3}
mkdir -p "$work"
make -s -C "$top" all bench-tools >/dev/null

events="$work/events-$n.ndjson"
[ -s "$events" ] || "$bin/evgen" -n "$n" --seed 1 >"$events"
"$bin/evrules" -k 10000 --seed 1 >"$work/rules10k.json"
selective=$("$bin/evrules" --one selective)
fullparse=$("$bin/evrules" --one fullparse)

# wall user sys maxrss_kb of the best of $runs runs
t() { "$bin/timeit" -n "$runs" -i "$events" "$@"; }
wall() { echo "$1" | cut -d' ' -f1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
row() { printf '%-44s %8s s %10s KB %8s\n' "$1" "$(wall "$2")" \
    "$(echo "$2" | cut -d' ' -f4)" "$3"; }

yajl=$(t "$bin/yajlparse")
one=$(t "$bin/evmatch" -c "$selective")
full=$(t "$bin/evmatch" -c "$fullparse")
many=$(t "$bin/evmatch" -c -r "$work/rules10k.json")
all=$(t "$bin/evmatch" --annotate -r "$work/rules10k.json")
load=$("$bin/timeit" -n "$runs" "$bin/evmatch" --check -r "$work/rules10k.json")
if command -v jq >/dev/null; then
	jqt=$(t jq -c 'select(.source == "aws.ec2" and
	    .["detail-type"] == "EC2 Instance State-change Notification")')
fi

echo "evmatch on $n events ($(du -m "$events" | cut -f1) MB), best of $runs runs"
printf '%-44s %10s %13s %8s\n' "run" "wall" "max RSS" "ratio"
row "yajl alone, parse only (baseline)" "$yajl" "1.00"
[ -n "${jqt:-}" ] && row "jq select, one selective rule" "$jqt" \
    "$(ratio "$(wall "$jqt")" "$(wall "$yajl")")"
row "evmatch, one selective rule" "$one" \
    "$(ratio "$(wall "$one")" "$(wall "$yajl")")"
row "evmatch, one rule needing a full parse" "$full" \
    "$(ratio "$(wall "$full")" "$(wall "$yajl")")"
row "evmatch, 10000 rules, select" "$many" \
    "$(ratio "$(wall "$many")" "$(wall "$full")")x full"
row "evmatch, 10000 rules, --annotate (all rules)" "$all" \
    "$(ratio "$(wall "$all")" "$(wall "$full")")x full"
row "evmatch --check, load 10000 rules" "$load" ""
[ -n "${jqt:-}" ] && echo "selective: jq / evmatch = $(ratio "$(wall "$jqt")" \
    "$(wall "$one")")x"
echo "full parse: evmatch / yajl = $(ratio "$(wall "$full")" "$(wall "$yajl")")x"

# Memory must not grow with the stream: a tenth of the events, same RSS.
head -n "$((n / 10))" "$events" >"$work/tenth.ndjson"
small=$("$bin/timeit" -n 1 -i "$work/tenth.ndjson" "$bin/evmatch" -c -r \
    "$work/rules10k.json")
echo "max RSS with 10000 rules: $(echo "$many" | cut -d' ' -f4) KB on $n" \
    "events, $(echo "$small" | cut -d' ' -f4) KB on $((n / 10))"
