#!/bin/sh
# Benchmark evschema discover on the project's corpus, as a ratio to a
# baseline measured in the same run (machines are shared and noisy): yajl
# parsing each line and nothing else.
#
#	bench/evschema.sh [events]	(default 200000)
#
# "cold" starts from an empty registry, so it includes storing every
# version; "warm" runs again on the registry it left, the steady state of a
# long-running discover, where no event changes a schema.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-build}
bin="$top/$B"
n=${1:-200000}
work=${BENCH_DIR:-$top/bench/out}
runs=${RUNS:-3}
mkdir -p "$work"
make -s -C "$top" B="$B" all bench-tools >/dev/null

events="$work/events-$n.ndjson"
[ -s "$events" ] || "$bin/evgen" -n "$n" --seed 1 >"$events"
reg=$(mktemp -d "${TMPDIR:-/tmp}/evschema-bench.XXXXXX")
trap 'rm -rf "$reg"' EXIT

# wall user sys maxrss_kb of the best of $runs runs
t() { "$bin/timeit" -n "$runs" -i "$events" "$@"; }
wall() { echo "$1" | cut -d' ' -f1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
rate() { awk -v n="$n" -v w="$(wall "$1")" 'BEGIN { printf "%.0f", n / w }'; }
row() { printf '%-40s %8s s %10s ev/s %10s KB %6s\n' "$1" "$(wall "$2")" \
    "$(rate "$2")" "$(echo "$2" | cut -d' ' -f4)" "$3"; }

yajl=$(t "$bin/yajlparse")
cold=$("$bin/timeit" -n 1 -i "$events" "$bin/evschema" discover -r "$reg/r")
warm=$(t "$bin/evschema" discover -r "$reg/r")
check=$(t "$bin/evschema" validate -r "$reg/r")
nschemas=$("$bin/evschema" list -r "$reg/r" | wc -l)
nversions=$(find "$reg/r" -name '*.json' | wc -l)

echo "evschema on $n events ($(du -m "$events" | cut -f1) MB), best of $runs runs"
printf '%-40s %10s %15s %13s %6s\n' "run" "wall" "rate" "max RSS" "ratio"
row "yajl alone, parse only (baseline)" "$yajl" "1.00"
row "evschema discover, empty registry" "$cold" \
    "$(ratio "$(wall "$cold")" "$(wall "$yajl")")"
row "evschema discover, registry up to date" "$warm" \
    "$(ratio "$(wall "$warm")" "$(wall "$yajl")")"
row "evschema validate" "$check" \
    "$(ratio "$(wall "$check")" "$(wall "$yajl")")"
echo "$nschemas schemas, $nversions versions stored"
echo "discover: $(rate "$warm") events/s, $(ratio "$(wall "$warm")" \
    "$(wall "$yajl")")x the time of yajl alone"
