#!/usr/bin/env bats
# evdlq: inspect, redrive, purge and replay dead letters and archives.
#
# The guarantee under test, counted: a dead-letter record is never lost.
# After a redrive, whether it ends normally, is interrupted, or races an
# evfan appending to the same file, every record is in the file or was
# handed on (counted by event id), and a line that is not a record stays
# where it was.  Expected strings come from STYLE.md, evdlq --help,
# src/dlq.h, man/evbus-bus.5 (the record format) and
# docs/eventbridge-reference.md sections 5.4 and 6 (AWS's words).

bats_require_minimum_version 1.5.0
load common

PAGE="$EVB_TOP/man/evdlq.1"

setup() {
	cd "$BATS_TEST_TMPDIR"
}

teardown() {
	local p

	for p in $(marked_pids 'sleep 6[0-9][.]'); do
		kill -KILL "$p" 2>/dev/null || true
	done
}

# marked_pids ERE: live processes of this test (they run in its directory)
# whose command line starts with ERE.
marked_pids() {
	local p here

	here=$(cd "$BATS_TEST_TMPDIR" && pwd -P)
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/cwd" 2>/dev/null)" = "$here" ] || continue
		if tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -Eq "^$1"; then
			echo "${p#/proc/}"
		fi
	done
}

# ev ID: the event of id ID, as the records below hold it.
ev() {
	printf '{"version":"0","id":"%s","detail-type":"OrderPlaced","source":"shop","account":"123456789012","time":"2026-11-26T09:00:00Z","region":"us-east-1","resources":[],"detail":{"n":1}}' "$1"
}

# rec ID RULE TARGET CODE DEAD-LETTERED: one record, as evfan writes it.
rec() {
	printf '{"event":%s,"attributes":{"RULE_ARN":"arn:aws:events:us-east-1:000000000000:rule/%s","TARGET_ARN":"exec:./%s.sh","ERROR_CODE":"%s","ERROR_MESSAGE":"exited 3","EXHAUSTED_RETRY_CONDITION":"MaximumRetryAttempts","RETRY_ATTEMPTS":"2"},"rule":"%s","target":"%s","firstAttempt":"%s","lastAttempt":"%s","deadLettered":"%s"}\n' \
	    "$(ev "$1")" "$2" "$3" "$4" "$2" "$3" "$5" "$5" "$5"
}

# ago SECONDS: the UTC time that long ago, as records write it.
ago() {
	date -u -d "@$(($(date +%s) - $1))" +%Y-%m-%dT%H:%M:%SZ
}

# sample: four records of two rules, three targets, three error codes,
# dead-lettered at fixed times.
sample() {
	rec e1 orders email ERROR_FROM_TARGET 2026-11-20T10:00:00Z
	rec e2 orders ship TIMEOUT 2026-11-21T10:00:00Z
	rec e3 audit log ERROR_FROM_TARGET 2026-11-22T10:00:00Z
	rec e4 orders email NO_RESOURCE 2026-11-23T10:00:00Z
}

# many N [PREFIX]: N records, ids PREFIX1 to PREFIXN (default r), made
# from one record by awk: a shell loop would take seconds.
many() {
	rec '@ID@' orders email ERROR_FROM_TARGET 2026-11-20T10:00:00Z |
	    awk -v n="$1" -v p="${2:-r}" '{
		for (i = 1; i <= n; i++) {
			l = $0
			sub(/@ID@/, p i, l)
			print l
		}
	    }'
}

# ids: the event ids in the lines on stdin, one per line, sorted.
ids() {
	grep -o '"id":"[a-z]*-*[0-9]*"' | sed 's/^"id":"//; s/"$//' | sort
}

# once WANT FILE...: every id of the records in WANT is in the FILEs
# exactly once, and no other id is there.
once() {
	local want=$1 got
	shift

	got=$(cat "$@" 2>/dev/null | ids)
	if [ "$got" != "$(ids <"$want")" ]; then
		echo "$(ids <"$want" | wc -l) records, $(echo "$got" | grep -c .) found:"
		diff <(ids <"$want") <(echo "$got") | head -20 || true
		return 1
	fi
}

# at_least_once WANT FILE...: every id of WANT is in one of the FILEs.
at_least_once() {
	local missing

	missing=$(comm -23 <(ids <"$1") <(shift; cat "$@" 2>/dev/null | ids | sort -u))
	if [ -n "$missing" ]; then
		echo "lost: $(echo "$missing" | wc -l) records:" $missing | head -c 400
		return 1
	fi
}

# script NAME: an executable shell script NAME from stdin.
script() {
	cat >"$1"
	chmod +x "$1"
}

# ---------------------------------------------------------------------------
# Options, help, version, usage

@test "--help prints the usage, the commands and the options on stdout, exit 0" {
	run -0 --separate-stderr evdlq --help </dev/null
	[ -z "$stderr" ]
	assert_line --index 0 --regexp '^usage: evdlq \{stats \| show\} '
	assert_output --partial '       evdlq redrive [--to-bus bus-file] [filter ...] dlq'
	assert_output --partial '       evdlq purge --older-than duration [filter ...] dlq'
	assert_output --partial '       evdlq replay --from time --to time'
	assert_output --partial '      --json '
	assert_output --partial '      --to-bus FILE '
	assert_output --partial '      --older-than DURATION '
	assert_output --partial '      --rate N[/s|/m|/h] '
	assert_output --partial '  -V, --version'
	local help=$output
	run -0 --separate-stderr evdlq -h </dev/null
	assert_output "$help"
	run -0 --separate-stderr evdlq show --help </dev/null
	assert_output "$help"
}

@test "--version and -V print evdlq (evbus) 0.1.0" {
	run -0 --separate-stderr evdlq --version </dev/null
	assert_output 'evdlq (evbus) 0.1.0'
	[ -z "$stderr" ]
	run -0 --separate-stderr evdlq -V </dev/null
	assert_output 'evdlq (evbus) 0.1.0'
	run -0 --separate-stderr evdlq stats -V </dev/null
	assert_output 'evdlq (evbus) 0.1.0'
}

@test "a bad option: getopt's message and the usage on stderr, exit 2" {
	sample >dlq
	run -2 --separate-stderr evdlq show -x dlq </dev/null
	assert_output ''
	[[ $stderr == *"invalid option -- 'x'"* ]]
	[[ $stderr == *'usage: evdlq {stats | show} [--json]'* ]]
	run -2 --separate-stderr evdlq show --no-such-option dlq </dev/null
	[[ $stderr == *"unrecognized option '--no-such-option'"* ]]
	run -2 --separate-stderr evdlq show --rule </dev/null
	[[ $stderr == *"option '--rule' requires an argument"* ]]
	[[ $stderr == *'usage: evdlq '* ]]
}

@test "no command, an unknown command, or an option of another command: exit 2" {
	sample >dlq
	run -2 --separate-stderr evdlq </dev/null
	assert_output ''
	[[ $stderr == 'usage: evdlq '* ]]
	run -2 --separate-stderr evdlq list dlq </dev/null
	[[ $stderr == 'evdlq: list: not a command (stats, show, redrive, purge or replay)'* ]]
	run -2 --separate-stderr evdlq --json show dlq </dev/null
	[[ $stderr == 'usage: evdlq '* ]]
	run -2 --separate-stderr evdlq show --to-bus bus.json dlq </dev/null
	[[ $stderr == 'evdlq: --to-bus: not an option of show'* ]]
	run -2 --separate-stderr evdlq redrive --json dlq </dev/null
	[[ $stderr == 'evdlq: --json: not an option of redrive'* ]]
	run -2 --separate-stderr evdlq replay --rule orders --from 0 --to 1 dlq </dev/null
	[[ $stderr == 'evdlq: --rule: not an option of replay'* ]]
	run -2 --separate-stderr evdlq stats --older-than 1d dlq </dev/null
	[[ $stderr == 'evdlq: --older-than: not an option of stats'* ]]
	# Nothing was changed by any of them.
	cmp dlq <(sample)
}

@test "--help, the usage line and the SYNOPSIS name the same options in the same order" {
	run -0 evb_check_opts evdlq "$PAGE"
}

@test "the man page is clean for mandoc -Tlint -W warning" {
	run -0 --separate-stderr mandoc -Tlint -W warning "$PAGE"
	assert_output ''
	[ -z "$stderr" ]
}

@test "bad values: a message naming the option, exit 2" {
	sample >dlq
	run -2 --separate-stderr evdlq show --since yesterday dlq </dev/null
	[ "$stderr" = 'evdlq: --since yesterday: not a time (RFC 3339, seconds since the epoch, or a duration ago such as 2h)' ]
	run -2 --separate-stderr evdlq show --until 2026-13-01T00:00:00Z dlq </dev/null
	[[ $stderr == 'evdlq: --until 2026-13-01T00:00:00Z: not a time'* ]]
	run -2 --separate-stderr evdlq purge --older-than 3w dlq </dev/null
	[ "$stderr" = 'evdlq: --older-than 3w: not a duration (30, 30s, 5m, 2h or 7d)' ]
	run -2 --separate-stderr evdlq replay --from 0 --to 1 --rate 0 dlq </dev/null
	[[ $stderr == 'evdlq: --rate 0: not a rate'* ]]
	run -2 --separate-stderr evdlq replay --from 0 --to 1 --rate 5/d dlq </dev/null
	[[ $stderr == 'evdlq: --rate 5/d: not a rate'* ]]
	run -2 --separate-stderr evdlq replay --from 0 --to 1 --name 'my replay' dlq </dev/null
	[ "$stderr" = 'evdlq: --name my replay: must be 1 to 64 of A-Z a-z 0-9 . - _' ]
	run -2 --separate-stderr evdlq replay --from 0 --to 1 --name "$(evb_repeat a 65)" dlq </dev/null
	[[ $stderr == *': must be 1 to 64 of A-Z a-z 0-9 . - _' ]]
	cmp dlq <(sample)
}

@test "missing operands and options: the usage, exit 2" {
	sample >dlq
	run -2 --separate-stderr evdlq redrive </dev/null
	[[ $stderr == 'usage: evdlq '* ]]
	run -2 --separate-stderr evdlq redrive dlq dlq </dev/null
	[[ $stderr == 'usage: evdlq '* ]]
	run -2 --separate-stderr evdlq purge dlq </dev/null
	[[ $stderr == 'evdlq: purge needs --older-than'* ]]
	run -2 --separate-stderr evdlq replay --from 0 dlq </dev/null
	[[ $stderr == 'evdlq: replay needs --from and --to'* ]]
	run -2 --separate-stderr evdlq replay --from 0 --to 1 </dev/null
	[[ $stderr == 'usage: evdlq '* ]]
	cmp dlq <(sample)
}

# ---------------------------------------------------------------------------
# stats

@test "stats: counts by rule, target, error code and age, oldest and newest" {
	{
		rec e1 orders email ERROR_FROM_TARGET "$(ago 864000)"
		rec e2 orders ship TIMEOUT "$(ago 259200)"
		rec e3 audit log ERROR_FROM_TARGET "$(ago 18000)"
		rec e4 orders email NO_RESOURCE "$(ago 600)"
	} >dlq
	run -0 --separate-stderr evdlq stats dlq </dev/null
	[ -z "$stderr" ]
	assert_line --index 0 --regexp '^records     4 \(oldest [0-9T:-]+Z, newest [0-9T:-]+Z\)$'
	assert_line --index 0 --partial "(oldest $(sed -n '1s/.*"deadLettered":"\([^"]*\)".*/\1/p' dlq), newest $(sed -n '4s/.*"deadLettered":"\([^"]*\)".*/\1/p' dlq))"
	assert_line --index 1 'by rule     orders 3, audit 1'
	assert_line --index 2 'by target   orders/email 2, orders/ship 1, audit/log 1'
	assert_line --index 3 'by error    ERROR_FROM_TARGET 2, TIMEOUT 1, NO_RESOURCE 1'
	assert_line --index 4 'by age      under 1 h 1, under 1 d 1, under 7 d 1, older 1'
	[ "${#lines[@]}" -eq 5 ]
}

@test "stats --json: one JSON object for scripts" {
	local t1 t2 t3 t4
	t1=$(ago 864000) t2=$(ago 259200) t3=$(ago 18000) t4=$(ago 600)
	{
		rec e1 orders email ERROR_FROM_TARGET "$t1"
		rec e2 orders ship TIMEOUT "$t2"
		rec e3 audit log ERROR_FROM_TARGET "$t3"
		rec e4 orders email NO_RESOURCE "$t4"
	} >dlq
	run -0 --separate-stderr evdlq stats --json dlq </dev/null
	[ -z "$stderr" ]
	assert_output '{"records":4,"malformed":0,"oldest":"'"$t1"'","newest":"'"$t4"'","rules":{"orders":3,"audit":1},"targets":{"orders/email":2,"orders/ship":1,"audit/log":1},"errors":{"ERROR_FROM_TARGET":2,"TIMEOUT":1,"NO_RESOURCE":1},"ages":{"1h":1,"1d":1,"7d":1,"older":1}}'
	: >empty
	run -0 --separate-stderr evdlq stats --json empty </dev/null
	assert_output '{"records":0,"malformed":0,"rules":{},"targets":{},"errors":{},"ages":{"1h":0,"1d":0,"7d":0,"older":0}}'
	run -0 --separate-stderr evdlq stats empty </dev/null
	assert_output 'records     0'
}

@test "stats: the filters select what is counted; several files add up" {
	sample >a
	rec e5 orders email TIMEOUT 2026-11-24T10:00:00Z >b
	run -0 --separate-stderr evdlq stats --json --rule orders --error TIMEOUT a b </dev/null
	assert_output --partial '{"records":2,"malformed":0,"oldest":"2026-11-21T10:00:00Z","newest":"2026-11-24T10:00:00Z","rules":{"orders":2},"targets":{"orders/ship":1,"orders/email":1},"errors":{"TIMEOUT":2}'
}

@test "stats and show: - and no operand are standard input" {
	sample >dlq
	run -0 --separate-stderr evdlq stats --json - <dlq
	assert_output --partial '{"records":4,'
	run -0 --separate-stderr evdlq stats --json <dlq
	assert_output --partial '{"records":4,'
	run -0 --separate-stderr evdlq show <dlq
	assert_line --index 0 --partial '(standard input):1: 2026-11-20T10:00:00Z orders/email'
}

@test "stats and show: a missing file is reported, the others read, exit 2" {
	sample >dlq
	run -2 --separate-stderr evdlq stats --json no-such dlq </dev/null
	[ "$stderr" = 'evdlq: no-such: No such file or directory' ]
	assert_output --partial '{"records":4,'
	run -2 --separate-stderr evdlq show --json dlq no-such </dev/null
	[ "${#lines[@]}" -eq 4 ]
	[ ! -e no-such ]
}

# ---------------------------------------------------------------------------
# show

@test "show: each record readably, with file and line, when, where, why and which event" {
	sample >dlq
	run -0 --separate-stderr evdlq show dlq </dev/null
	[ -z "$stderr" ]
	assert_line --index 0 'dlq:1: 2026-11-20T10:00:00Z orders/email ERROR_FROM_TARGET "exited 3" after 2 retries (MaximumRetryAttempts)'
	assert_line --index 1 '    event e1: OrderPlaced from shop, 2026-11-26T09:00:00Z'
	assert_line --index 2 'dlq:2: 2026-11-21T10:00:00Z orders/ship TIMEOUT "exited 3" after 2 retries (MaximumRetryAttempts)'
	assert_line --index 7 '    event e4: OrderPlaced from shop, 2026-11-26T09:00:00Z'
	[ "${#lines[@]}" -eq 8 ]
}

@test "show --json: the records passed through byte for byte" {
	sample >dlq
	run -0 --separate-stderr evdlq show --json dlq </dev/null
	[ "$output" = "$(cat dlq)" ]
	# CRLF line ends are line ends: the record is the same without them.
	sed 's/$/\r/' dlq >crlf
	run -0 --separate-stderr evdlq show --json crlf </dev/null
	[ "$output" = "$(cat dlq)" ]
}

@test "show: --target, --rule, --error, --since and --until select records" {
	sample >dlq
	sel() {
		evdlq show --json "$@" dlq </dev/null | ids | tr '\n' ' '
	}
	[ "$(sel --target email)" = 'e1 e4 ' ]
	[ "$(sel --rule audit)" = 'e3 ' ]
	[ "$(sel --error ERROR_FROM_TARGET)" = 'e1 e3 ' ]
	[ "$(sel --since 2026-11-21T10:00:00Z)" = 'e2 e3 e4 ' ]
	[ "$(sel --until 2026-11-22T10:00:00Z)" = 'e1 e2 ' ]
	[ "$(sel --since 2026-11-21T00:00:00Z --until 2026-11-23T00:00:00Z)" = 'e2 e3 ' ]
	[ "$(sel --rule orders --target email --error NO_RESOURCE)" = 'e4 ' ]
	[ "$(sel --target nobody)" = '' ]
	# Seconds since the epoch and offsets are times too.
	[ "$(sel --since "$(date -d 2026-11-22T10:00:00Z +%s)")" = 'e3 e4 ' ]
	[ "$(sel --until 2026-11-21T11:00:00+01:00)" = 'e1 ' ]
	[ "$(sel --until 2026-11-21T12:00:00+01:00)" = 'e1 e2 ' ]
	# A duration is that long ago.
	rec e9 orders email TIMEOUT "$(ago 60)" >>dlq
	[ "$(sel --since 1h)" = 'e9 ' ]
	[ "$(sel --until 1h --error TIMEOUT)" = 'e2 ' ]
}

@test "show and stats: corrupt lines reported with file and line, never passed on; exit 2" {
	{
		rec e1 orders email TIMEOUT 2026-11-20T10:00:00Z
		echo '{"event":{"id":"x"'
		echo '[1,2,3]'
		echo '{"event":{"id":"y"},"rule":"orders"}'
		rec e2 orders email TIMEOUT 2026-11-20T10:00:00Z
		printf '{"event":{"id":"n"},"attributes":{},"rule":"a\0b"}\n'
		rec e3 orders email TIMEOUT 2026-11-20T10:00:00Z | head -c 100
	} >dlq
	run -2 --separate-stderr evdlq show --json dlq </dev/null
	[ "$(echo "$output" | ids | tr '\n' ' ')" = 'e1 e2 ' ]
	[[ $stderr == *'evdlq: dlq:2: invalid JSON'* ]]
	[[ $stderr == *'evdlq: dlq:3: not a dead-letter record (it needs an "event" object and "attributes")'* ]]
	[[ $stderr == *'evdlq: dlq:4: not a dead-letter record'* ]]
	[[ $stderr == *'evdlq: dlq:6: NUL byte in line'* ]]
	[[ $stderr == *'evdlq: dlq:7: invalid JSON'* ]]
	[ "$(echo "$stderr" | wc -l)" -eq 5 ]
	run -2 --separate-stderr evdlq stats --json dlq </dev/null
	assert_output --partial '{"records":2,"malformed":5,'
	run -2 --separate-stderr evdlq stats dlq </dev/null
	assert_line --index 1 'not records 5'
}

@test "show | head -1: killed by SIGPIPE, no message" {
	many 3000 >dlq
	evb_head1 x evdlq show dlq
	[ "$status" -eq 141 ]
	[ -z "$stderr" ]
}

@test "show and stats >/dev/full: a message, exit 2" {
	sample >dlq
	run -2 --separate-stderr evb_devfull evdlq show dlq </dev/null
	[ "$stderr" = 'evdlq: (standard output): No space left on device' ]
	run -2 --separate-stderr evb_devfull evdlq stats --json dlq </dev/null
	[ "$stderr" = 'evdlq: (standard output): No space left on device' ]
}

@test "show: a record read from a pipe is shown at once, not at end of input" {
	run -0 evb_prompt "$(rec e1 orders email TIMEOUT 2026-11-20T10:00:00Z)" evdlq show --json
	assert_output "$(rec e1 orders email TIMEOUT 2026-11-20T10:00:00Z)"
	run -0 evb_prompt "$(rec e1 orders email TIMEOUT 2026-11-20T10:00:00Z)" evdlq show
	assert_output '(standard input):1: 2026-11-20T10:00:00Z orders/email TIMEOUT "exited 3" after 2 retries (MaximumRetryAttempts)'
}

@test "show: SIGTERM while reading a pipe: what was read is out, 143" {
	local pid rc=0
	mkfifo in
	evdlq show --json <in >out 2>err &
	pid=$!
	exec 8>in
	rec e1 orders email TIMEOUT 2026-11-20T10:00:00Z >&8
	evb_wait_lines out 1
	kill -TERM "$pid"
	wait "$pid" || rc=$?
	exec 8>&-
	[ "$rc" -eq 143 ]
	[ "$(ids <out)" = e1 ]
	[ ! -s err ]
}

@test "a line over 64 MiB: reported by show; redrive and purge change nothing" {
	{
		rec e1 orders email TIMEOUT 2026-11-20T10:00:00Z
		printf '{"event":{"pad":"'
		head -c $((65 * 1024 * 1024)) /dev/zero | tr '\0' x
		printf '"}}\n'
		rec e2 orders email TIMEOUT 2026-11-20T10:00:00Z
	} >dlq
	cp dlq before
	run -2 --separate-stderr evdlq show --json dlq </dev/null
	[ "$(echo "$output" | ids | tr '\n' ' ')" = 'e1 e2 ' ]
	[ "$stderr" = 'evdlq: dlq:2: line too long to read' ]
	run -2 --separate-stderr evdlq purge --older-than 0 dlq </dev/null
	[[ $stderr == *'evdlq: dlq:2: line too long to keep; nothing changed'* ]]
	cmp before dlq
	# Refused before anything is handed on.
	run -2 --separate-stderr evdlq redrive dlq </dev/null
	assert_output ''
	[[ $stderr == *'evdlq: dlq:2: line too long to keep; nothing changed'* ]]
	cmp before dlq
	rm -f dlq before
}

# ---------------------------------------------------------------------------
# redrive

@test "redrive: the original events on stdout, byte for byte, then out of the file" {
	sample >dlq
	run -0 --separate-stderr evdlq redrive dlq </dev/null
	[ -z "$stderr" ]
	assert_output "$(ev e1; echo; ev e2; echo; ev e3; echo; ev e4)"
	[ -e dlq ] && [ ! -s dlq ]
	# No temporary file is left behind.
	[ "$(ls -A | grep -c '^\.dlq\.')" -eq 0 ]
	# Nothing more to redrive.
	run -0 --separate-stderr evdlq redrive dlq </dev/null
	assert_output ''
}

@test "redrive: the filters select what is emitted and removed; the rest stays in order" {
	sample >dlq
	run -0 --separate-stderr evdlq redrive --rule orders --target email dlq </dev/null
	assert_output "$(ev e1; echo; ev e4)"
	[ "$(cat dlq)" = "$(sample | sed -n '2p;3p')" ]
	run -0 --separate-stderr evdlq redrive --error TIMEOUT --until 2026-11-22T00:00:00Z dlq </dev/null
	assert_output "$(ev e2)"
	[ "$(cat dlq)" = "$(sample | sed -n '3p')" ]
	run -0 --separate-stderr evdlq redrive --since 2026-11-23T00:00:00Z dlq </dev/null
	assert_output ''
	[ "$(cat dlq)" = "$(sample | sed -n '3p')" ]
}

@test "redrive: corrupt and truncated lines are kept in place, never redriven; exit 2" {
	{
		rec e1 orders email TIMEOUT 2026-11-20T10:00:00Z
		echo 'not json'
		rec e2 audit log TIMEOUT 2026-11-20T10:00:00Z
		echo '{"event":{"id":"nope"},"attributes":"x"}'
		rec e3 orders email TIMEOUT 2026-11-20T10:00:00Z
		rec e4 orders email TIMEOUT 2026-11-20T10:00:00Z | head -c 120
	} >dlq
	run -2 --separate-stderr evdlq redrive --rule orders dlq </dev/null
	assert_output "$(ev e1; echo; ev e3)"
	[[ $stderr == *'evdlq: dlq:2: invalid JSON'*'(kept)'* ]]
	[[ $stderr == *'evdlq: dlq:4: not a dead-letter record'*'(kept)'* ]]
	[[ $stderr == *'evdlq: dlq:6: invalid JSON'*'(kept)'* ]]
	# What is left: the corrupt lines and the unselected record, in order,
	# the half-written last line now ended by a newline.
	{
		echo 'not json'
		rec e2 audit log TIMEOUT 2026-11-20T10:00:00Z
		echo '{"event":{"id":"nope"},"attributes":"x"}'
		rec e4 orders email TIMEOUT 2026-11-20T10:00:00Z | head -c 120
		echo
	} >want
	cmp want dlq
}

@test "redrive into evmatch and evfan: the events are delivered again" {
	sample >dlq
	printf '{"Rules":[{"Name":"orders","EventPattern":{"source":["shop"]},"Targets":[{"Id":"email","Arn":"file:email.out"}]}]}\n' >bus.json
	run -0 --separate-stderr sh -c 'evdlq redrive --target email dlq | evmatch "{\"source\":[\"shop\"]}" | evfan -c bus.json'
	[ "$(cat email.out)" = "$(ev e1; echo; ev e4)" ]
	[ "$(ids <dlq | tr '\n' ' ')" = 'e2 e3 ' ]
}

@test "redrive --to-bus: delivered to the original targets, then out of the file" {
	sample >dlq
	printf '%s\n' '{"Rules":[' \
	    '{"Name":"orders","EventPattern":{"source":["shop"]},"Targets":[{"Id":"email","Arn":"file:email.out"},{"Id":"ship","Arn":"file:ship.out"}]},' \
	    '{"Name":"audit","EventPattern":{"source":["shop"]},"Targets":[{"Id":"log","Arn":"file:log.out"}]}]}' >bus.json
	run -0 --separate-stderr evdlq redrive --to-bus bus.json dlq </dev/null
	assert_output ''
	[ -z "$stderr" ]
	# Each to its own target only, not to every target its rule has.
	[ "$(cat email.out)" = "$(ev e1; echo; ev e4)" ]
	[ "$(cat ship.out)" = "$(ev e2)" ]
	[ "$(cat log.out)" = "$(ev e3)" ]
	[ ! -s dlq ]
}

@test "redrive --to-bus: failing again goes back into the file as a new record; exit 1" {
	sample >dlq
	printf '%s\n' '{"Rules":[' \
	    '{"Name":"orders","EventPattern":{"source":["shop"]},"Targets":[{"Id":"email","Arn":"exec:sh -c \"exit 3\"","RetryPolicy":{"MaximumRetryAttempts":0}},{"Id":"ship","Arn":"file:ship.out","DeadLetterConfig":{"Arn":"file:other.dlq"}}]}]}' >bus.json
	run -1 --separate-stderr evdlq redrive --to-bus bus.json --rule orders dlq </dev/null
	[ "$(cat ship.out)" = "$(ev e2)" ]
	[[ $stderr == *'evdlq: target orders/email: ERROR_FROM_TARGET: exited 3; back in dlq'* ]]
	[[ $stderr == *'evdlq: dlq: 1 redriven, 2 failed again, 0 stay'* ]]
	# e3 was not selected; e1 and e4 came back as new records.
	[ "$(ids <dlq | tr '\n' ' ')" = 'e1 e3 e4 ' ]
	[ "$(head -n 1 dlq)" = "$(sample | sed -n 3p)" ]
	[ "$(grep -c '"rule":"orders","target":"email","firstAttempt":' dlq)" -eq 2 ]
	[ "$(grep -c '"ERROR_MESSAGE":"exited 3","EXHAUSTED_RETRY_CONDITION":"MaximumRetryAttempts","RETRY_ATTEMPTS":"0"}' dlq)" -eq 2 ]
	[ ! -e other.dlq ]
}

@test "redrive --to-bus: a record whose target is not on the bus stays; exit 1" {
	sample >dlq
	printf '{"Rules":[{"Name":"orders","EventPattern":{"source":["shop"]},"Targets":[{"Id":"ship","Arn":"file:ship.out"}]}]}\n' >bus.json
	run -1 --separate-stderr evdlq redrive --to-bus bus.json --rule orders dlq </dev/null
	[ "$(cat ship.out)" = "$(ev e2)" ]
	[[ $stderr == *'evdlq: dlq:1: no target orders/email in bus.json; the record stays'* ]]
	[[ $stderr == *'evdlq: dlq:4: no target orders/email in bus.json; the record stays'* ]]
	[ "$(ids <dlq | tr '\n' ' ')" = 'e1 e3 e4 ' ]
	run -2 --separate-stderr evdlq redrive --to-bus no-such.json dlq </dev/null
	[[ $stderr == 'evdlq: no-such.json: '* ]]
	[ "$(ids <dlq | tr '\n' ' ')" = 'e1 e3 e4 ' ]
}

@test "redrive: a missing file is not created; standard input cannot be rewritten" {
	run -2 --separate-stderr evdlq redrive no-such </dev/null
	[ "$stderr" = 'evdlq: no-such: No such file or directory' ]
	[ ! -e no-such ]
	run -2 --separate-stderr evdlq redrive - </dev/null
	[ "$stderr" = 'evdlq: -: redrive needs a file it can rewrite' ]
	[ ! -e - ]
}

@test "redrive keeps the file's mode" {
	sample >dlq
	chmod 640 dlq
	run -0 --separate-stderr evdlq redrive --rule audit dlq </dev/null
	[ "$(stat -c %a dlq)" = 640 ]
}

@test "redrive >/dev/full: a message, exit 2, every record still in the file" {
	sample >dlq
	run -2 --separate-stderr evb_devfull evdlq redrive dlq </dev/null
	[[ $stderr == *'evdlq: (standard output): No space left on device'* ]]
	cmp dlq <(sample)
	[ "$(ls -A | grep -c '^\.dlq\.')" -eq 0 ]
}

@test "redrive | head -1: SIGPIPE, no message, every record still in the file" {
	many 3000 >dlq
	cp dlq before
	evb_head1 x evdlq redrive dlq
	[ "$status" -eq 141 ]
	[ -z "$stderr" ]
	cmp before dlq
	# Even when everything fits in the pipe, a reader that leaves before
	# the end of its input has taken nothing.
	many 3 >small
	cp small before
	evb_head1 x evdlq redrive small
	[ "$status" -eq 141 ]
	cmp before small
}

# slow_consumer OUT: read lines slowly, appending each to OUT.
slow_consumer() {
	script consume.sh <<-'EOF'
	#!/bin/sh
	while IFS= read -r line; do
		printf '%s\n' "$line" >>"$1"
		sleep 0.002
	done
	EOF
}

# interrupt SIG: redrive 3000 records into a slow consumer, and send SIG
# to evdlq once the consumer has some; then check that no record is lost.
interrupt() {
	local sig=$1 want=$2 rc=0 pid
	many 3000 >dlq
	cp dlq all
	slow_consumer
	# evdlq's status is written to a file: the pipeline's is the reader's.
	{
		rc=0
		$PREFIX evdlq redrive dlq 2>err || rc=$?
		echo "$rc" >status
	} | ./consume.sh got &
	pid=$!
	evb_wait_lines got 100
	kill "-$sig" "$(marked_pids 'evdlq redrive')"
	wait "$pid" || rc=$?
	[ "$(cat status)" -eq "$want" ]
	# The consumer read what was in the pipe after evdlq died.
	[ "$(wc -l <got)" -ge 100 ]
	[ "$(wc -l <got)" -lt 3000 ]
	# Every record is in the file or was handed on, never neither.
	at_least_once all dlq got
	# The file holds whole records only, each once.
	[ "$(ids <dlq | uniq -d | wc -l)" -eq 0 ]
	[ "$(grep -vc '^{"event":' dlq)" -eq 0 ]
	[ "$(ls -A | grep -c '^\.dlq\.')" -eq "${3:-0}" ]
}

@test "interrupted redrive, SIGTERM into a slow reader: no record lost, 143" {
	interrupt TERM 143
	# What the reader had taken when the signal came is out of the file.
	[ "$(wc -l <dlq)" -lt 3000 ]
	[[ $(cat err) == *'evdlq: dlq: '*' redriven, '*' stay' ]]
}

@test "interrupted redrive, SIGINT into a slow reader: no record lost, 130" {
	# A background job starts with SIGINT ignored, which evdlq keeps.
	PREFIX='env --default-signal=INT' interrupt INT 130
}

@test "interrupted redrive, SIGKILL into a slow reader: no record lost, 137" {
	# Killed before the rewrite: the file is as it was (a temporary file
	# may be left behind, as after any crash).
	interrupt KILL 137 "$(ls -A | grep -c '^\.dlq\.' || true)"
	cmp all dlq
}

@test "interrupted redrive, SIGTERM while blocked on a reader that never reads: 143 at once" {
	many 3000 >dlq
	cp dlq all
	local t0 t1
	mkfifo fifo
	# A reader that holds the pipe open and never reads.
	sleep 61.5 <fifo &
	local reader=$!
	evdlq redrive dlq >fifo 2>err &
	local pid=$!
	sleep 0.5
	t0=$(date +%s%N)
	kill -TERM "$pid"
	local rc=0
	wait "$pid" || rc=$?
	t1=$(date +%s%N)
	[ "$rc" -eq 143 ]
	[ $(((t1 - t0) / 1000000)) -lt 2000 ]
	kill "$reader"
	wait "$reader" 2>/dev/null || true
	# The reader took nothing: everything stays.
	cmp all dlq
	[[ $(cat err) == 'evdlq: dlq: 0 redriven, 3000 stay' ]]
}

@test "concurrency: evfan appends dead letters while redrive runs again and again; each record once" {
	# A target that always fails, with no retry: every event is a dead
	# letter, appended to dlq while evdlq rewrites it.
	printf '{"Rules":[{"Name":"orders","EventPattern":{"source":["shop"]},"Targets":[{"Id":"x","Arn":"exec:false","Concurrency":4,"RetryPolicy":{"MaximumRetryAttempts":0},"DeadLetterConfig":{"Arn":"file:dlq"}}]}]}\n' >bus.json
	local i runs=0 pid
	: >dlq
	for i in $(seq 1 600); do
		printf '{"id":"c%d","source":"shop","time":"2026-11-26T09:00:00Z"}\n' "$i"
	done >in.ndjson
	evfan -c bus.json in.ndjson 2>evfan.err &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		evdlq redrive dlq >>out 2>>redrive.err || echo "$?" >>failed
		runs=$((runs + 1))
	done
	wait "$pid" || [ "$?" -eq 1 ]
	# Half the records redriven once more, the rest left in the file.
	evdlq redrive --until "$(ago -3600)" dlq >>out 2>>redrive.err
	[ "$runs" -ge 3 ]
	[ ! -e failed ]
	[ ! -s redrive.err ]
	once in.ndjson dlq out
	[ "$(grep -vc '^{"event":' dlq || true)" -eq 0 ]
	[ "$(grep -vc '^{"id":"c[0-9]*"' out || true)" -eq 0 ]
}

@test "concurrency: two redrives and a purge at once with evfan appending; nothing lost" {
	printf '{"Rules":[{"Name":"orders","EventPattern":{"source":["shop"]},"Targets":[{"Id":"x","Arn":"exec:false","Concurrency":4,"RetryPolicy":{"MaximumRetryAttempts":0},"DeadLetterConfig":{"Arn":"file:dlq"}}]}]}\n' >bus.json
	local i pid
	: >dlq
	for i in $(seq 1 400); do
		printf '{"id":"c%d","source":"shop","time":"2026-11-26T09:00:00Z"}\n' "$i"
	done >in.ndjson
	evfan -c bus.json in.ndjson 2>evfan.err &
	pid=$!
	loop() {
		while kill -0 "$pid" 2>/dev/null; do
			evdlq redrive dlq >>"$1" 2>/dev/null
		done
	}
	loop out1 &
	loop out2 &
	while kill -0 "$pid" 2>/dev/null; do
		# Nothing is that old: purge removes nothing, but rewrites.
		evdlq purge --older-than 1d dlq >/dev/null
	done
	wait
	at_least_once in.ndjson dlq out1 out2
	[ "$(grep -vc '^{"event":' dlq || true)" -eq 0 ]
}

@test "evfan appending after a half-written last line leaves the broken line alone" {
	rec e1 orders email TIMEOUT 2026-11-20T10:00:00Z >dlq
	rec e2 orders email TIMEOUT 2026-11-20T10:00:00Z | head -c 80 >>dlq
	printf '{"Rules":[{"Name":"orders","EventPattern":{"source":["shop"]},"Targets":[{"Id":"x","Arn":"exec:false","RetryPolicy":{"MaximumRetryAttempts":0},"DeadLetterConfig":{"Arn":"file:dlq"}}]}]}\n' >bus.json
	ev e3 | evfan -c bus.json 2>/dev/null || true
	[ "$(wc -l <dlq)" -eq 3 ]
	run -2 --separate-stderr evdlq show --json dlq </dev/null
	[ "$(echo "$output" | ids | tr '\n' ' ')" = 'e1 e3 ' ]
	[ "$stderr" = 'evdlq: dlq:2: invalid JSON: premature EOF' ]
}

# ---------------------------------------------------------------------------
# purge

@test "purge --older-than: removes the old records, prints how many; exit 0" {
	{
		rec e1 orders email TIMEOUT "$(ago 864000)"
		rec e2 orders ship TIMEOUT "$(ago 259200)"
		echo 'garbage'
		rec e3 audit log TIMEOUT "$(ago 600)"
	} >dlq
	# The corrupt line is reported, and kept in its place: exit 2.
	run -2 --separate-stderr evdlq purge --older-than 7d dlq </dev/null
	assert_output 'dlq: 1 purged, 2 kept'
	[ "$stderr" = 'evdlq: dlq:3: invalid JSON: invalid char in json text (kept)' ]
	[ "$(ids <dlq | tr '\n' ' ')" = 'e2 e3 ' ]
	[ "$(sed -n 2p dlq)" = garbage ]
	sed -i /garbage/d dlq
	run -0 --separate-stderr evdlq purge --older-than 1h --rule audit dlq </dev/null
	assert_output 'dlq: 0 purged, 2 kept'
	[ -z "$stderr" ]
	run -0 --separate-stderr evdlq purge --older-than 30m dlq </dev/null
	assert_output 'dlq: 1 purged, 1 kept'
	[ "$(ids <dlq)" = e3 ]
}

@test "purge: the filters combine with --older-than" {
	sample >dlq
	run -0 --separate-stderr evdlq purge --older-than 1h --target email --error NO_RESOURCE dlq </dev/null
	assert_output 'dlq: 1 purged, 3 kept'
	[ "$(ids <dlq | tr '\n' ' ')" = 'e1 e2 e3 ' ]
	run -0 --separate-stderr evdlq purge --older-than 0 --since 2026-11-21T00:00:00Z --until 2026-11-22T00:00:00Z dlq </dev/null
	assert_output 'dlq: 1 purged, 2 kept'
	[ "$(ids <dlq | tr '\n' ' ')" = 'e1 e3 ' ]
}

@test "purge: a missing file, exit 2; >/dev/full, exit 2" {
	run -2 --separate-stderr evdlq purge --older-than 1d no-such </dev/null
	[ "$stderr" = 'evdlq: no-such: No such file or directory' ]
	[ ! -e no-such ]
	sample >dlq
	run -2 --separate-stderr evb_devfull evdlq purge --older-than 1d dlq </dev/null
	[ "$stderr" = 'evdlq: (standard output): No space left on device' ]
}

# ---------------------------------------------------------------------------
# replay

# archives: two archive files, as a file: target writes them.
archives() {
	printf '%s\n' \
	    '{"version":"0","id":"a3","source":"shop","time":"2026-11-26T09:03:00Z","region":"us-east-1","detail":{}}' \
	    '{"version":"0","id":"a1","source":"shop","time":"2026-11-26T09:01:00Z","region":"us-east-1","detail":{}}' \
	    '{"version":"0","id":"a0","source":"shop","time":"2026-11-26T08:59:59Z","region":"us-east-1","detail":{}}' \
	    '{"version":"0","id":"a9","source":"shop","time":"2026-11-26T10:00:00Z","region":"us-east-1","detail":{}}' >arch1
	printf '%s\n' \
	    '{"version":"0","id":"b2","source":"shop","time":"2026-11-26T09:02:00Z","region":"eu-west-1","detail":{"x":[1,{"y":2}]}}' \
	    '{"version":"0","id":"b1","source":"shop","time":"2026-11-26T09:01:00Z","region":"us-east-1","detail":{}}' >arch2
}

@test "replay: the window's events in time order, with replay-name after region" {
	archives
	run -0 --separate-stderr evdlq replay --from 2026-11-26T09:00:00Z --to 2026-11-26T10:00:00Z --name nightly arch1 arch2 </dev/null
	[ -z "$stderr" ]
	assert_output "$(printf '%s\n' \
	    '{"version":"0","id":"a1","source":"shop","time":"2026-11-26T09:01:00Z","region":"us-east-1","replay-name":"nightly","detail":{}}' \
	    '{"version":"0","id":"b1","source":"shop","time":"2026-11-26T09:01:00Z","region":"us-east-1","replay-name":"nightly","detail":{}}' \
	    '{"version":"0","id":"b2","source":"shop","time":"2026-11-26T09:02:00Z","region":"eu-west-1","replay-name":"nightly","detail":{"x":[1,{"y":2}]}}' \
	    '{"version":"0","id":"a3","source":"shop","time":"2026-11-26T09:03:00Z","region":"us-east-1","replay-name":"nightly","detail":{}}')"
}

@test "replay: the default name, a name replaced, an event without region" {
	printf '%s\n' '{"id":"r1","replay-name":"old","time":"2026-11-26T09:01:00Z","region":"x"}' \
	    '{"id":"r2","time":"2026-11-26T09:02:00Z"}' >arch
	run -0 --separate-stderr evdlq replay --from 2026-11-26T09:00:00Z --to 1h arch </dev/null
	assert_line --index 0 '{"id":"r1","replay-name":"replay","time":"2026-11-26T09:01:00Z","region":"x"}'
	assert_line --index 1 '{"replay-name":"replay","id":"r2","time":"2026-11-26T09:02:00Z"}'
	# Consumers can tell replays apart, as with EventBridge.
	run -0 --separate-stderr sh -c 'evdlq replay --from 2026-11-26T09:00:00Z --to 1h arch | evmatch "{\"replay-name\":[{\"exists\":true}]}"'
	[ "${#lines[@]}" -eq 2 ]
}

@test "replay: --to not after --from gets AWS's ValidationException message" {
	archives
	run -2 --separate-stderr evdlq replay --from 2026-11-26T10:00:00Z --to 2026-11-26T10:00:00Z arch1 </dev/null
	assert_output ''
	[ "$stderr" = 'evdlq: Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.' ]
}

@test "replay: lines that are not events with a time are reported, not replayed; exit 2" {
	printf '%s\n' '{"id":"k1","time":"2026-11-26T09:01:00Z"}' 'not json' '{"id":"k2"}' \
	    '{"id":"k3","time":"yesterday"}' '{"id":"k4","time":"2026-11-26T09:04:00Z"}' >arch
	printf '{"id":"k5","time":"2026-11-26T09:05:00Z"' >>arch
	run -2 --separate-stderr evdlq replay --from 2026-11-26T09:00:00Z --to 2026-11-26T10:00:00Z arch </dev/null
	[ "$(echo "$output" | ids | tr '\n' ' ')" = 'k1 k4 ' ]
	[[ $stderr == *'evdlq: arch:2: invalid JSON; not replayed'* ]]
	[[ $stderr == *'evdlq: arch:3: no RFC 3339 "time"; not replayed'* ]]
	[[ $stderr == *'evdlq: arch:4: no RFC 3339 "time"; not replayed'* ]]
	[[ $stderr == *'evdlq: arch:6: invalid JSON; not replayed'* ]]
}

@test "replay: a missing archive is reported, the others replayed; exit 2; - is refused" {
	archives
	run -2 --separate-stderr evdlq replay --from 2026-11-26T09:00:00Z --to 2026-11-26T10:00:00Z arch1 no-such arch2 </dev/null
	[ "$stderr" = 'evdlq: no-such: No such file or directory' ]
	[ "${#lines[@]}" -eq 4 ]
	run -2 --separate-stderr evdlq replay --from 2026-11-26T09:00:00Z --to 2026-11-26T10:00:00Z - </dev/null
	[ "$stderr" = 'evdlq: -: replay needs files it can read twice' ]
}

@test "replay --rate: events paced, each written as it is due" {
	archives
	local t0 t1
	t0=$(date +%s%N)
	run -0 --separate-stderr evdlq replay --from 2026-11-26T09:00:00Z --to 2026-11-26T10:00:00Z --rate 10/s arch1 arch2 </dev/null
	t1=$(date +%s%N)
	[ "${#lines[@]}" -eq 4 ]
	# Four events at 10 a second: 0.3 s at least.
	[ $(((t1 - t0) / 1000000)) -ge 290 ]
	# The order is the same as without a rate.
	[ "$(echo "$output" | grep -o '"id":"[a-z0-9]*"' | tr '\n' ' ')" = '"id":"a1" "id":"b1" "id":"b2" "id":"a3" ' ]
}

@test "replay: SIGTERM while pacing ends it at once, output flushed, 143" {
	# The first event is written at once, not when the next is due.
	archives
	local pid rc=0 t0 t1
	evdlq replay --from 2026-11-26T09:00:00Z --to 2026-11-26T10:00:00Z --rate 1/m arch1 arch2 >out 2>err &
	pid=$!
	evb_wait_lines out 1
	t0=$(date +%s%N)
	kill -TERM "$pid"
	wait "$pid" || rc=$?
	t1=$(date +%s%N)
	[ "$rc" -eq 143 ]
	[ $(((t1 - t0) / 1000000)) -lt 2000 ]
	[ "$(wc -l <out)" -eq 1 ]
}

@test "replay | head -1: SIGPIPE, no message; >/dev/full: exit 2" {
	local i
	for i in $(seq 1 3000); do
		printf '{"id":"z%d","time":"2026-11-26T09:01:00Z"}\n' "$i"
	done >arch
	evb_head1 x evdlq replay --from 2026-11-26T09:00:00Z --to 2026-11-26T10:00:00Z arch
	[ "$status" -eq 141 ]
	[ -z "$stderr" ]
	run -2 --separate-stderr evb_devfull evdlq replay --from 2026-11-26T09:00:00Z --to 2026-11-26T10:00:00Z arch </dev/null
	[ "$stderr" = 'evdlq: (standard output): No space left on device' ]
}

# ---------------------------------------------------------------------------
# The manual's examples

@test "the EXAMPLES of the man page run as shown" {
	evb_man_examples "$PAGE" >examples.sh
	[ "$(grep -c '^evdlq ' examples.sh)" -ge 7 ]
	run -0 --separate-stderr sh -e examples.sh </dev/null
	assert_line --index 0 'evfan: 1'
	assert_line --index 1 --regexp '^records     4 \(oldest '
	assert_line --index 4 'by error    NO_RESOURCE 4'
	assert_output --partial '{"records":0,"malformed":0,"rules":{},"targets":{},"errors":{},"ages":{"1h":0,"1d":0,"7d":0,"older":0}}'
	assert_output --partial 'orders.dlq: 0 purged, 0 kept'
	assert_line --index -1 '{"id":"o-2","source":"shop","time":"2026-11-26T09:05:00Z","region":"eu-west-1","replay-name":"fix-42"}'
	# Each event reached each target once: email by the pipe, ship by
	# --to-bus; nothing is left.
	[ "$(ids <email.ndjson | tr '\n' ' ')" = 'o-1 o-2 ' ]
	[ "$(ids <delivered.ndjson | tr '\n' ' ')" = 'o-1 o-2 ' ]
	[ ! -s orders.dlq ]
}
