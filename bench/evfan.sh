#!/bin/bash
# Benchmark evfan: events/s to file:, pipe: and exec: targets, and the
# latency of one event through evput | evfan to a pipe: target.
#
#	bench/evfan.sh [events]		(default 200000; exec: runs use fewer)
#
# Ratios are what matter: the machines are shared and noisy.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-build}
bin="$top/$B"
n=${1:-200000}
nexec=${NEXEC:-2000}
work=${BENCH_DIR:-$top/bench/out}/evfan
mkdir -p "$work"
make -s -C "$top" all bench-tools >/dev/null
cd "$work"
"$bin/evgen" -n "$n" --seed 2 >events.ndjson
head -n "$nexec" events.ndjson >few.ndjson

rate() {	# rate EVENTS COMMAND... -> events/s of the best of 3 runs
	local count=$1 best
	shift
	best=$("$bin/timeit" -n 3 "$@" | cut -d' ' -f1)
	awk -v n="$count" -v t="$best" 'BEGIN { printf "%10.0f  %6.3f s\n", n / t, t }'
}

row() { printf '%-36s %s\n' "$1" "$2"; }

rm -f f1 f2 f3
row "3 file: targets" "$(rate "$n" "$bin/evfan" -t file:f1 -t file:f2 \
    -t file:f3 --dlq dlq events.ndjson)"
row "3 pipe: targets (cat > /dev/null)" "$(rate "$n" "$bin/evfan" \
    -t 'pipe:dd of=/dev/null status=none' -t 'pipe:dd of=/dev/null status=none' \
    -t 'pipe:dd of=/dev/null status=none' --dlq dlq events.ndjson)"
for c in 1 4 16; do
	printf '{"Rules":[{"Name":"all","EventPattern":{"version":["0"]},' >bus.json
	printf '"Targets":[{"Id":"x","Arn":"exec:true","Concurrency":%d}]}]}\n' \
	    "$c" >>bus.json
	row "exec: target, concurrency $c" "$(rate "$nexec" "$bin/evfan" \
	    -c bus.json --dlq dlq few.ndjson)"
done

# Latency: one event at a time, through evput | evfan to a pipe: target.
rm -f in acks
mkfifo in acks
"$bin/evput" -s bench -t Ping <in | "$bin/evfan" --dlq dlq \
    -t "pipe:$top/bench/ack.sh $work/acks" &
exec 4<>acks 3>in
samples=200
total=0 max=0
for i in $(seq "$samples"); do
	t0=$EPOCHREALTIME
	echo '{"ping":'"$i"'}' >&3
	read -r _ <&4
	t1=$EPOCHREALTIME
	us=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", (b - a) * 1e6 }')
	total=$((total + us))
	[ "$us" -gt "$max" ] && max=$us
done
exec 3>&- 4<&-
wait
row "latency evput | evfan -> pipe:" "mean $((total / samples)) us, max $max us over $samples events"
