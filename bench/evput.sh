#!/bin/sh
# Benchmark evput: events per second for a stream of payloads, and the
# same as ratios to baselines run in the same session (machines are shared
# and noisy): yajl parsing the payloads, and cat copying them.
#
#	bench/evput.sh [payloads]	(default 1000000)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-build}
bin="$top/$B"
n=${1:-1000000}
work=${BENCH_DIR:-$top/bench/out}
runs=${RUNS:-3}
mkdir -p "$work"
make -s -C "$top" all bench-tools >/dev/null

payloads="$work/payloads-$n.ndjson"
[ -s "$payloads" ] || "$bin/evgen" -n "$n" --seed 1 --payload >"$payloads"

# wall user sys maxrss_kb of the best of $runs runs
t() { "$bin/timeit" -n "$runs" -i "$payloads" "$@"; }
wall() { echo "$1" | cut -d' ' -f1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
rate() { awk -v n="$n" -v w="$1" 'BEGIN { printf "%.0f", n / w }'; }
row() { printf '%-44s %8s s %10s ev/s %10s KB %7s\n' "$1" "$(wall "$2")" \
    "$(rate "$(wall "$2")")" "$(echo "$2" | cut -d' ' -f4)" "$3"; }

cat=$(t cat)
yajl=$(t "$bin/yajlparse")
put=$(t "$bin/evput" -s com.mystore.bench -t Bench)
res=$(t "$bin/evput" -s com.mystore.bench -t Bench -r arn:aws:s3:::bucket \
    --time 2026-11-26T00:00:00Z)

echo "evput on $n payloads ($(du -m "$payloads" | cut -f1) MB), best of" \
    "$runs runs"
printf '%-44s %10s %15s %13s %7s\n' "run" "wall" "rate" "max RSS" "ratio"
row "cat, copy only" "$cat" "$(ratio "$(wall "$cat")" "$(wall "$yajl")")"
row "yajl alone, parse only (baseline)" "$yajl" "1.00"
row "evput -s -t" "$put" "$(ratio "$(wall "$put")" "$(wall "$yajl")")"
row "evput -s -t -r --time" "$res" "$(ratio "$(wall "$res")" \
    "$(wall "$yajl")")"
