#!/usr/bin/env bats
# Limits and security rules: every limit has a default and an option and is
# enforced with a clear message; event content never reaches a shell or a
# path; files are created 0600 less the umask; target processes start
# clean (descriptors, signals), are always reaped and die whole on timeout.
#
# The limits, from the man pages: --max-line (evput, evmatch, evfan),
# --max-depth (evmatch, evfan; evput's 100 is fixed), the pattern size
# (4096 characters, EventBridge's, fixed) and --max-complexity, evmatch
# --max-rules, 5 targets per rule, evfan --queue and each target's
# Concurrency and TimeoutSeconds.

bats_require_minimum_version 1.5.0
load common

setup() {
	umask 022
	cd "$BATS_TEST_TMPDIR"
}

teardown() {
	local p

	# Processes a failed test may have left behind: their argv is marked.
	for p in $(pgrep -f 'sleep 17[0-9][.]5' || true); do
		kill -KILL "$p" 2>/dev/null || true
	done
}

MEM=$((200 * 1024 * 1024))
# AddressSanitizer reserves terabytes of address space: no bound there.
case ${EVB_BIN:-} in *-san*) MEM=unlimited ;; esac

# line N: a JSON object line of exactly N bytes, newline not counted.
line() {
	printf '{"a":"'
	evb_repeat x $(($1 - 8))
	printf '"}\n'
}

# nlines FILE: the number of lines of FILE, 0 if it does not exist.
nlines() {
	if [ -e "$1" ]; then wc -l <"$1" | tr -d ' '; else echo 0; fi
}

# bus TARGETS...: a bus file bus.json with one rule "r" selecting every
# event, whose targets are the JSON objects TARGETS.
bus() {
	local IFS=,
	printf '{"Rules":[{"Name":"r","EventPattern":{"a":[{"exists":true}]},"Targets":[%s]}]}\n' \
	    "$*" >bus.json
}

# Line length

@test "--max-line: a line of exactly the limit passes, one byte more is refused" {
	line 100 >ok.nd
	line 101 >long.nd
	line 100 | sed 's/$/\r/' >crlf.nd
	run -0 evput -s s -t t --max-line 100 ok.nd
	run -0 evput -s s -t t --max-line 100 crlf.nd
	run -1 --separate-stderr evput -s s -t t --max-line 100 \
	    --rejects rej.nd long.nd
	[ "$stderr" = 'evput: long.nd:1: ValidationException: line longer than 100 bytes (--max-line)' ]
	grep -q '"input_bytes":101}$' rej.nd
	run -0 evmatch --max-line 100 '{"a":[{"exists":true}]}' ok.nd
	run -2 --separate-stderr evmatch --max-line 100 \
	    '{"a":[{"exists":true}]}' long.nd
	[ "$stderr" = 'evmatch: long.nd:1: line longer than 100 bytes' ]
	run -0 --separate-stderr timeout 20 evfan --max-line 100 \
	    -t file:out.nd ok.nd
	[ "$(nlines out.nd)" = 1 ]
	run -2 --separate-stderr timeout 20 evfan --max-line 100 \
	    -t file:out.nd --rejects rej2.nd long.nd
	[[ $stderr == *'evfan: long.nd:1: line longer than 100 bytes (--max-line)'* ]]
	grep -q '"input_bytes":101}$' rej2.nd
	[ "$(nlines out.nd)" = 1 ]
}

@test "--max-line: the default is 1 MiB, suffixes K, M and G, bad sizes refused" {
	line 1048576 >ok.nd
	line 1048577 >long.nd
	run -0 evput -s s -t t --max-size 2M ok.nd
	run -1 evput -s s -t t --max-size 2M long.nd
	run -0 evmatch '{"a":[{"exists":true}]}' ok.nd
	run -2 evmatch '{"a":[{"exists":true}]}' long.nd
	run -1 evput -s s -t t --max-line 1023 <<<'{}'$'\n'"$(line 1024)"
	run -0 evput -s s -t t --max-line 1K <<<"$(line 1024)"
	run -1 evput -s s -t t --max-line 1K <<<"$(line 1025)"
	run -0 evput -s s -t t --max-size 2M --max-line 2M long.nd
	run -0 evmatch --max-line 1G '{"a":[{"exists":true}]}' long.nd
	for c in 'evput -s s -t t' 'evmatch {"a":[1]}' 'evfan -t stdout'; do
		for bad in 0 x 1X -1; do
			run -2 --separate-stderr $c --max-line "$bad" </dev/null
			[[ $stderr == *"--max-line"*"$bad"*": not a size" ]] ||
			    { echo "$c --max-line $bad: $stderr"; return 1; }
		done
	done
}

@test "--max-line: an over-long line is never held in memory" {
	# 200 MB without a newline, read within 200 MiB of address space.
	run -2 --separate-stderr sh -c "head -c 200000000 /dev/zero |
	    tr '\\0' x | prlimit --as=$MEM evmatch '{\"a\":[1]}'"
	[ "$stderr" = 'evmatch: (standard input):1: line longer than 1048576 bytes' ]
}

# Nesting depth

@test "--max-depth: events nested to the limit pass, one level more is refused" {
	printf '%s\n' '{"a":{"b":[1]}}' >d3.nd
	printf '%s\n' '{"a":{"b":[[1]]}}' >d4.nd
	run -0 evmatch --no-skip --max-depth 3 '{"a":{"b":[1]}}' d3.nd
	run -2 --separate-stderr evmatch --no-skip --max-depth 3 \
	    '{"a":{"b":[1]}}' d4.nd
	[[ $stderr == 'evmatch: d4.nd:1: invalid JSON: nesting deeper than 3 levels'* ]]
	run -0 --separate-stderr timeout 20 evfan --max-depth 3 -t file:o.nd d3.nd
	run -2 --separate-stderr timeout 20 evfan --max-depth 3 -t file:o.nd \
	    --rejects rej.nd d4.nd
	[[ $stderr == *'evfan: d4.nd:1: invalid JSON: nesting deeper than 3 levels'* ]]
	[ "$(nlines o.nd)" = 1 ]
	[ "$(nlines rej.nd)" = 1 ]
}

@test "--max-depth: 100 by default, 1 to 120; evput's detail limit is 100" {
	deep() { evb_repeat '[' "$1"; evb_repeat ']' "$1"; }
	printf '{"a":%s}\n' "$(deep 99)" >d100.nd
	printf '{"a":%s}\n' "$(deep 100)" >d101.nd
	run -0 evmatch -v '{"z":["z"]}' d100.nd
	run -2 --separate-stderr evmatch -v '{"z":["z"]}' d101.nd
	[[ $stderr == *'nesting deeper than 100 levels'* ]]
	run -0 evmatch -v --max-depth 120 '{"z":["z"]}' d101.nd
	run -0 evput -s s -t t d100.nd
	run -1 --separate-stderr evput -s s -t t d101.nd
	[[ $stderr == *'MalformedDetail: invalid JSON: nesting deeper than 100 levels'* ]]
	for c in 'evmatch {"a":[1]}' 'evfan -t stdout'; do
		run -2 --separate-stderr $c --max-depth 0 </dev/null
		[ "$stderr" = "${c%% *}: --max-depth 0: too small (1 to 120)" ]
		run -2 --separate-stderr $c --max-depth 121 </dev/null
		[ "$stderr" = "${c%% *}: --max-depth 121: too large (1 to 120)" ]
		run -2 --separate-stderr $c --max-depth x </dev/null
		[[ $stderr == "${c%% *}: --max-depth x: "* ]]
	done
}

# Patterns and rules

@test "pattern size: 4096 characters pass, 4097 are refused" {
	pat() { printf '{"a":["%s"]}' "$(evb_repeat x $(($1 - 10)))"; }
	[ "$(pat 4096 | wc -c)" = 4096 ]
	pat 4096 >p.json
	run -0 evmatch --check -f p.json
	run -0 evmatch --check "$(pat 4096)"
	pat 4097 >p.json
	run -2 --separate-stderr evmatch --check -f p.json
	[ "$stderr" = 'evmatch: p.json: Event pattern is not valid. Reason: The event pattern is longer than 4096 characters' ]
	run -2 --separate-stderr timeout 10 evfan --check -t stdout -p "$(pat 4097)"
	[ "$stderr" = 'evfan: -p: Event pattern is not valid. Reason: The event pattern is longer than 4096 characters' ]
	# A pattern file is read up to 1 MiB, never more.
	{ printf '{"a":["'; evb_repeat x 2000000; printf '"]}'; } >big.json
	run -2 --separate-stderr prlimit --as=$MEM evmatch --check -f big.json
	[[ $stderr == 'evmatch: big.json: '* ]]
}

@test "--max-complexity: 10 by default, 0 allows any, bad values refused" {
	local p='{"a":[{"wildcard":"*a*b*c*d*e*f*g*h*i*j*k*"}]}'
	run -2 --separate-stderr evmatch --check "$p"
	[[ $stderr == 'evmatch: Event pattern is not valid. Reason: Rule is too complex'* ]]
	run -0 evmatch --check --max-complexity 0 "$p"
	run -0 evmatch --check --max-complexity 1000000 "$p"
	run -0 evmatch --check '{"a":[{"wildcard":"*a"}]}'
	run -2 --separate-stderr evmatch --check --max-complexity 1 \
	    '{"a":[{"wildcard":"*a*b*c"}]}'
	[[ $stderr == *'Rule is too complex'* ]]
	run -2 --separate-stderr evmatch --max-complexity 1000001 "$p" </dev/null
	[ "$stderr" = 'evmatch: --max-complexity 1000001: too large' ]
	run -2 --separate-stderr evmatch --max-complexity -1 "$p" </dev/null
	[ "$stderr" = 'evmatch: --max-complexity -1: too small' ]
}

# rules N: a rules file of N rules r1 to rN.
rules() {
	awk -v n="$1" 'BEGIN { printf "{"; for (i = 1; i <= n; i++)
		printf "%s\"r%d\":{\"source\":[\"s%d\"]}", (i > 1 ? "," : ""), i, i
		print "}" }'
}

@test "--max-rules: 100000 by default, 0 allows any, a clear message" {
	rules 5 >r5.json
	rules 6 >r6.json
	run -0 evmatch --check --max-rules 5 -r r5.json
	run -2 --separate-stderr evmatch --check --max-rules 5 -r r6.json
	[ "$stderr" = 'evmatch: r6.json: more than 5 rules' ]
	awk 'BEGIN { for (i = 1; i <= 6; i++)
		printf "{\"name\":\"r%d\",\"pattern\":{\"a\":[1]}}\n", i }' >r6.ndjson
	run -2 --separate-stderr evmatch --check --max-rules 5 -r r6.ndjson
	[ "$stderr" = 'evmatch: r6.ndjson:6: more than 5 rules' ]
	rules 100001 >big.json
	run -2 --separate-stderr evmatch --check -r big.json
	[ "$stderr" = 'evmatch: big.json: more than 100000 rules' ]
	run -0 evmatch --check --max-rules 0 -r big.json
	run -0 evmatch --check --max-rules 100001 -r big.json
	run -2 --separate-stderr evmatch --max-rules x -r r5.json </dev/null
	[ "$stderr" = 'evmatch: --max-rules x: invalid' ]
	run -2 --separate-stderr evmatch --max-rules -1 -r r5.json </dev/null
	[ "$stderr" = 'evmatch: --max-rules -1: too small' ]
	evb_check_opts evmatch "$EVB_TOP/man/evmatch.1"
}

@test "targets: at most 5 per rule, as in EventBridge" {
	local t='{"Id":"t%d","Arn":"file:o%d.nd"}' i ts=()
	for i in 1 2 3 4 5 6; do
		ts+=("$(printf "$t" $i $i)")
	done
	bus "${ts[@]:0:5}"
	run -0 --separate-stderr evfan --check -c bus.json
	bus "${ts[@]}"
	run -2 --separate-stderr evfan --check -c bus.json
	[ "$stderr" = 'evfan: bus.json: rule r: LimitExceededException: The requested resource exceeds the maximum number allowed. (6 targets, at most 5)' ]
}

# Queue depth and concurrency

@test "--queue: a target that does not keep up stops the reading" {
	# A target that never finishes: evfan holds --queue deliveries and
	# one running, reads no further, and dead-letters them on SIGTERM.
	run -143 --separate-stderr sh -c "yes '{\"a\":1}' |
	    prlimit --as=$MEM timeout --preserve-status -s TERM 2 \
	    evfan --queue 5 -t 'exec:sleep 170.5' --grace 0 --stats --dlq q.dlq"
	[[ $stderr == *'evfan: 6 events (0 matched no rule, 0 malformed), 6 deliveries: 0 delivered, 6 dead-lettered, 0 failed attempts'* ]]
	[ "$(nlines q.dlq)" = 6 ]
	grep -q '"ERROR_CODE":"SHUTDOWN"' q.dlq
}

@test "--queue: 1000 by default, 1 to 10000000" {
	run -2 --separate-stderr evfan --queue 0 -t stdout </dev/null
	[ "$stderr" = 'evfan: --queue 0: too small' ]
	run -2 --separate-stderr evfan --queue 10000001 -t stdout </dev/null
	[ "$stderr" = 'evfan: --queue 10000001: too large' ]
	run -0 --separate-stderr evfan --queue 10000000 -t file:o.nd <<<'{"a":1}'
	run -0 --separate-stderr sh -c "yes '{\"a\":1}' | head -n 20000 |
	    evfan --queue 1 -t file:o2.nd --stats"
	[ "$(nlines o2.nd)" = 20000 ]
}

# maxrun LOG: the most '+' lines not yet followed by as many '-' lines.
maxrun() {
	awk '/\+/ { n++; if (n > m) m = n } /-/ { n-- } END { print m + 0 }' "$1"
}

@test "Concurrency: at most that many processes of a target run at once" {
	local sh="sh -c 'echo + >>\$0; sleep 0.3; echo - >>\$0'"
	bus "{\"Id\":\"one\",\"Arn\":\"exec:$sh c1.log\"}" \
	    "{\"Id\":\"three\",\"Arn\":\"exec:$sh c3.log\",\"Concurrency\":3}"
	for i in 1 2 3 4 5 6 7 8 9; do echo '{"a":1}'; done >in.nd
	run -0 --separate-stderr timeout 30 evfan -c bus.json in.nd
	[ "$(grep -c + c1.log)" = 9 ]
	[ "$(grep -c + c3.log)" = 9 ]
	[ "$(maxrun c1.log)" = 1 ]
	[ "$(maxrun c3.log)" = 3 ]
	bus '{"Id":"t","Arn":"exec:true","Concurrency":1025}'
	run -2 --separate-stderr evfan --check -c bus.json
	[ "$stderr" = 'evfan: bus.json: rule r: target t: Concurrency: must be a whole number from 1 to 1024' ]
	bus '{"Id":"t","Arn":"exec:true","TimeoutSeconds":86401}'
	run -2 --separate-stderr evfan --check -c bus.json
	[ "$stderr" = 'evfan: bus.json: rule r: target t: TimeoutSeconds: must be a number of seconds from 0.001 to 86400' ]
}

# Event content never reaches a shell or a path

@test "exec: and pipe: targets: event content with shell syntax never runs" {
	cat >argv.sh <<-'EOF'
	#!/bin/sh
	# Record the arguments, one per line, then the input.
	for a in "$@"; do printf '[%s]\n' "$a"; done >>"$0.$1"
	cat >>"$0.$1"
	EOF
	chmod +x argv.sh
	bus '{"Id":"e","Arn":"exec:./argv.sh exec $(touch canary1) `touch canary2` ; | &&"}' \
	    '{"Id":"p","Arn":"pipe:./argv.sh pipe $HOME *"}' \
	    '{"Id":"i","Arn":"exec:./argv.sh tmpl","InputTransformer":{"InputPathsMap":{"x":"$.x"},"InputTemplate":"<x>"}}'
	local ev='{"a":1,"x":"$(touch canary3); `touch canary4`; touch canary5 | touch canary6 && touch canary7 > canary8"}'
	printf '%s\n' "$ev" >in.nd
	run -0 --separate-stderr timeout 20 evfan -c bus.json in.nd
	[ "$(cat argv.sh.exec)" = "$(printf '%s\n' '[exec]' '[$(touch]' \
	    '[canary1)]' '[`touch]' '[canary2`]' '[;]' '[|]' '[&&]' "$ev")" ]
	[ "$(cat argv.sh.pipe)" = "$(printf '%s\n' '[pipe]' '[$HOME]' '[*]' "$ev")" ]
	[ "$(head -n 1 argv.sh.tmpl)" = '[tmpl]' ]
	[ "$(sed -n 2p argv.sh.tmpl)" = '$(touch canary3); `touch canary4`; touch canary5 | touch canary6 && touch canary7 > canary8' ]
	run ls canary*
	[ "$status" -ne 0 ]
}

@test "claim-check and DLQ file names never come from event content" {
	mkdir -p box/top/work/claims box/top/work/dlq
	cd box/top/work
	touch ../before
	# evput: source, detail-type and detail with "../"; over the size
	# limit, so the detail goes to the claim-check directory.
	{ printf '{"id":"../../../escaped","path":"../x","big":"'
	  evb_repeat x 300000; printf '"}\n'; } >big.nd
	run -0 evput -s ../../source -t '../../../type' --claim-check claims \
	    --keep id --keep path big.nd
	[[ ${lines[0]} == *'"claimCheck":{"uri":"file://'"$PWD"'/claims/'* ]]
	# evfan: ids, sources and detail-types with "../" dead-lettered.
	printf '%s\n' '{"Rules":[{"Name":"r","EventPattern":{"source":[{"prefix":""}]},"Targets":[{"Id":"t","Arn":"exec:false","RetryPolicy":{"MaximumRetryAttempts":0},"DeadLetterConfig":{"Arn":"file:dlq/r.dlq"}}]}]}' >bus.json
	printf '%s\n' "${lines[0]}" \
	    '{"id":"../../../../tmp/evil","source":"../../../escaped","detail-type":"../../x","detail":{}}' >ev.nd
	run -1 --separate-stderr timeout 20 evfan -c bus.json --journal j.nd ev.nd
	[ "$(nlines dlq/r.dlq)" = 2 ]
	cd ../../..
	[ -z "$(find box -newer box/top/before ! -path 'box/top/work*')" ]
	cd box/top
	[ "$(cd work && find . -type f | sort | tr '\n' ' ')" = "./big.nd ./bus.json ./claims/$(cd work/claims && ls) ./dlq/r.dlq ./ev.nd ./j.nd " ]
	[[ $(ls work/claims) =~ ^[0-9a-f]{64}\.json$ ]]
	[ ! -e /tmp/evil ]
}

# modes UMASK: run every tool that creates files under UMASK in a new
# directory m$UMASK, and print "mode path" for each file created.
modes() {
	mkdir "m$1" && cd "m$1" && umask "$1" || return 1
	mkdir claims
	printf '%s\n' '{"a":1}' 'bad' | evput -s s -t t --rejects rej.nd \
	    >/dev/null 2>&1
	{ printf '{"big":"'; evb_repeat x 300000; printf '"}\n'; } |
	    evput -s s -t t --claim-check claims >/dev/null 2>&1
	printf '%s\n' '{"Rules":[{"Name":"r","EventPattern":{"a":[1]},"Targets":[{"Id":"f","Arn":"exec:false","RetryPolicy":{"MaximumRetryAttempts":0}},{"Id":"a","Arn":"file:archive.nd"}]}]}' >../bus.json
	printf '%s\n' '{"a":1,"time":"2026-11-26T09:00:00Z"}' 'bad' |
	    timeout 20 evfan -c ../bus.json --journal journal.nd \
	    --rejects fanrej.nd --dlq fan.dlq >/dev/null 2>&1
	cp fan.dlq redrive.dlq
	chmod 600 redrive.dlq
	evdlq redrive redrive.dlq >/dev/null 2>&1
	printf '%s\n' '{"source":"s","detail-type":"t","detail":{}}' 'bad' |
	    evschema discover -r reg --rejects schrej.nd >/dev/null 2>&1
	find . -type f ! -name redrive.dlq -printf '%m %p\n' | sort -k 2
	cd ..
}

@test "files the tools create are 0600 less the umask" {
	local want='600 ./archive.nd
600 ./claims/CLAIM
600 ./fan.dlq
600 ./fanrej.nd
600 ./journal.nd
600 ./reg/.lock
600 ./reg/s@T/1.json
600 ./rej.nd
600 ./schrej.nd'
	run -0 modes 022
	[ "$(sed -E 's/[0-9a-f]{64}\.json/CLAIM/' <<<"$output")" = "$want" ]
	run -0 modes 077
	[ "$(sed -E 's/[0-9a-f]{64}\.json/CLAIM/' <<<"$output")" = "$want" ]
	run -0 modes 0277
	[ "$(sed -E 's/[0-9a-f]{64}\.json/CLAIM/' <<<"$output")" = "${want//600/400}" ]
}

# Target processes

@test "targets get only descriptors 0, 1 and 2" {
	bus '{"Id":"e","Arn":"exec:ls -l /proc/self/fd"}' \
	    '{"Id":"p","Arn":"pipe:sh -c '"'"'ls -l /proc/self/fd; exec cat >/dev/null'"'"'"}' \
	    '{"Id":"f","Arn":"file:out.nd"}'
	# evfan itself inherits 5 and 7 from the shell, and opens more.
	run -0 --separate-stderr sh -c 'exec 5<bus.json 7>extra.txt;
	    echo "{\"a\":1}" | timeout 20 evfan -c bus.json --journal j.nd \
	    --rejects rej.nd --dlq d.dlq'
	local fds
	fds=$(sed -n 's/^l.* \([0-9][0-9]*\) -> \(.*\)$/\1 \2/p' <<<"$stderr" |
	    grep -v ' /proc/[0-9]*/fd$' |
	    cut -d' ' -f1 | sort | uniq -c | tr -s ' ')
	[ "$fds" = "$(printf ' 2 %s\n' 0 1 2)" ]
}

@test "targets start with default signal actions and an empty mask" {
	bus '{"Id":"e","Arn":"exec:grep -E ^Sig(Ign|Blk) /proc/self/status"}' \
	    '{"Id":"p","Arn":"pipe:sh -c '"'"'grep -E \"^Sig(Ign|Blk)\" /proc/self/status; exec cat >/dev/null'"'"'"}'
	run -0 --separate-stderr sh -c "trap '' INT TERM HUP PIPE;
	    echo '{\"a\":1}' | timeout 20 evfan -c bus.json"
	[ "$(grep -c '^Sig' <<<"$stderr")" = 4 ]
	# glibc's posix_spawn leaves its own signals 32 and 33 ignored: only
	# signals 1 to 31 are checked.
	local k v
	while read -r k v; do
		[ $((0x$v & 0x7fffffff)) = 0 ] || { echo "$k $v"; return 1; }
	done < <(grep '^Sig' <<<"$stderr")
}

@test "targets are reaped: no zombies while evfan runs" {
	bus '{"Id":"t","Arn":"exec:sh -c '"'"'echo x >>done.txt'"'"'","Concurrency":8}' \
	    '{"Id":"u","Arn":"exec:true","Concurrency":4}'
	mkfifo in.fifo
	evfan -c bus.json <in.fifo 2>err.txt 3>&- &
	local pid=$! i
	exec 8>in.fifo
	for i in $(seq 1 300); do echo '{"a":1}'; done >&8
	evb_wait_lines done.txt 300 || { exec 8>&-; return 1; }
	sleep 0.5
	[ -d "/proc/$pid" ]
	run ps -o pid=,stat= --ppid "$pid"
	! grep -q 'Z' <<<"$output" || { echo "zombies: $output"; exec 8>&-; return 1; }
	exec 8>&-
	wait "$pid"
}

@test "a target that times out is killed with all it started" {
	bus '{"Id":"slow","Arn":"exec:sh -c '"'"'sleep 171.5 & sleep 172.5'"'"'","TimeoutSeconds":1,"RetryPolicy":{"MaximumRetryAttempts":0},"DeadLetterConfig":{"Arn":"file:slow.dlq"}}'
	run -1 --separate-stderr timeout 20 evfan -c bus.json <<<'{"a":1}'
	[[ $stderr == *'evfan: target r/slow: TIMEOUT: timed out after 1 s; dead-lettered to slow.dlq'* ]]
	sleep 0.5
	run pgrep -f 'sleep 17[12][.]5'
	[ "$status" = 1 ]
	grep -q '"ERROR_CODE":"TIMEOUT"' slow.dlq
}

@test "targets start with default actions for every signal evfan found ignored" {
	bus '{"Id":"e","Arn":"exec:grep -E ^SigIgn /proc/self/status"}'
	run -0 --separate-stderr sh -c "trap '' USR1 USR2 QUIT ALRM;
	    echo '{\"a\":1}' | timeout 20 evfan -c bus.json"
	[ "$(grep '^SigIgn' <<<"$stderr" | tr -d ' \t')" = 'SigIgn:0000000180000000' ]
}
