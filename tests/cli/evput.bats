#!/usr/bin/env bats
# evput: payloads and PutEvents entries into EventBridge envelopes.
# Expected strings come from the issue, STYLE.md and
# docs/eventbridge-reference.md sections 1, 2 and 8.

bats_require_minimum_version 1.5.0
load common

setup() {
	unset EVBUS_ACCOUNT AWS_REGION AWS_DEFAULT_REGION
	umask 022
	cd "$BATS_TEST_TMPDIR"
}

PAGE="$EVB_TOP/man/evput.1"
UUID4='[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'
TIME='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z'

# norm: replace a valid v4 id and a well-formed time by UUID4 and TIME, so
# that whole envelopes can be compared.  A bad id or time stays and fails.
norm() {
	sed -E -e "s/^\\{\"version\":\"0\",\"id\":\"$UUID4\"/{\"version\":\"0\",\"id\":\"UUID4\"/" \
	    -e "s/(\"account\":\"[0-9]*\",\"time\":)\"$TIME\"/\\1\"TIME\"/"
}

# evn ARG...: evput with its output normalized; the status is evput's.
evn() {
	set -o pipefail
	evput "$@" | norm
}

# ev DETAIL: the expected normalized envelope.  T, S, A, R and RES override
# the detail-type, source, account, region and resources.
ev() {
	printf '{"version":"0","id":"UUID4","detail-type":"%s","source":"%s","account":"%s","time":"TIME","region":"%s","resources":[%s],"detail":%s}\n' \
	    "${T:-T}" "${S:-my.app}" "${A:-000000000000}" "${R:-us-east-1}" \
	    "${RES:-}" "$1"
}

# detail_of N: a JSON object of exactly N bytes.
detail_of() {
	printf '{"pad":"'
	evb_repeat x $(($1 - 10))
	printf '"}'
}

# entry_of N: an entry whose Detail string decodes to N bytes, with Time,
# two resources (5 bytes) and the members EventBridge does not count.
entry_of() {
	printf '{"Source":"s","DetailType":"t","Time":"2026-01-01T00:00:00Z",'
	printf '"Resources":["abc","de"],"EventBusName":"a-bus-with-a-long-name",'
	printf '"TraceHeader":"Root=1-5759e988-bd862e3fe1be46a994272793",'
	printf '"Detail":"{\\"pad\\":\\"'
	evb_repeat x $(($1 - 10))
	printf '\\"}"}\n'
}

# ---------------------------------------------------------------------------
# Options, help, version, usage

@test "--help prints the usage and the options on stdout, exit 0" {
	run -0 --separate-stderr evput --help </dev/null
	[ -z "$stderr" ]
	assert_line --index 0 --regexp '^usage: evput '
	assert_output --partial '  -s, --source SOURCE'
	assert_output --partial '      --claim-check DIR'
	assert_output --partial '  -V, --version'
}

@test "-h is --help" {
	run -0 --separate-stderr evput --help </dev/null
	local help=$output
	run -0 --separate-stderr evput -h </dev/null
	assert_output "$help"
}

@test "--version and -V print evput (evbus) 0.1.0" {
	run -0 --separate-stderr evput --version </dev/null
	assert_output 'evput (evbus) 0.1.0'
	[ -z "$stderr" ]
	run -0 --separate-stderr evput -V </dev/null
	assert_output 'evput (evbus) 0.1.0'
}

@test "a bad option: getopt's message and the usage on stderr, exit 2" {
	run -2 --separate-stderr evput -x -s my.app -t T </dev/null
	assert_output ''
	[[ $stderr == *"invalid option -- 'x'"* ]]
	[[ $stderr == *"usage: evput [-s source]"* ]]
	run -2 --separate-stderr evput --no-such-option </dev/null
	[[ $stderr == *"unrecognized option '--no-such-option'"* ]]
	[[ $stderr == *"usage: evput "* ]]
}

@test "a missing option argument is a usage error" {
	run -2 --separate-stderr evput -s </dev/null
	[[ $stderr == *"requires an argument"* ]]
	[[ $stderr == *"usage: evput "* ]]
	assert_output ''
}

@test "--help, the usage line and the SYNOPSIS list the same options in order" {
	run -0 evb_check_opts evput "$PAGE"
}

@test "the man page is clean for mandoc -Tlint -W warning" {
	run -0 --separate-stderr mandoc -Tlint -W warning "$PAGE"
	assert_output ''
	[ -z "$stderr" ]
}

@test "the man page has its sections in order" {
	headings() {
		mandoc -Tascii "$PAGE" | sed 's/.\x08//g' |
		    sed -n 's/^\([A-Z][A-Z ]*\)$/\1/p' | paste -sd, -
	}
	run -0 headings
	assert_output 'NAME,SYNOPSIS,DESCRIPTION,ENVIRONMENT,FILES,EXIT STATUS,EXAMPLES,DIAGNOSTICS,SEE ALSO,STANDARDS,HISTORY,CAVEATS'
}

@test "the EXAMPLES of evput(1) run" {
	# The fixtures the examples name: orders.ndjson as the page describes
	# it, and entries.json exactly as the page shows it.
	printf '%s\n' '{"id":1,"total":9.5}' '{"id":2,"total":12}' >orders.ndjson
	evb_man_section "$PAGE" EXAMPLES | sed -n '/^ *\[$/,/^ *\]$/p' >entries.json
	[ "$(wc -l <entries.json)" -gt 3 ]
	evb_man_examples "$PAGE" >examples.sh
	[ "$(grep -c '^evput ' examples.sh)" -eq 5 ]
	run -0 --separate-stderr sh -ex examples.sh </dev/null
	[ "${#lines[@]}" -eq 7 ]
	for l in "${lines[@]}"; do
		[[ $l =~ ^\{\"version\":\"0\",\"id\":\"$UUID4\" ]]
	done
	assert_line --index 3 --partial '"time":"2026-11-26T02:00:00Z"'
	assert_line --index 4 --partial '"resources":["arn:aws:s3:::orders"],"detail":{"id":1}}'
	[ ! -s bad.ndjson ]
}

# ---------------------------------------------------------------------------
# Operands

@test "- is standard input, files are read in order" {
	echo '{"f":"a"}' >a.ndjson
	echo '{"f":"b"}' >b.ndjson
	run -0 --separate-stderr evn -s my.app -t T a.ndjson - b.ndjson <<<'{"f":"stdin"}'
	assert_output "$(ev '{"f":"a"}'; ev '{"f":"stdin"}'; ev '{"f":"b"}')"
	[ -z "$stderr" ]
}

@test "no operand reads standard input" {
	run -0 --separate-stderr evn -s my.app -t T <<<'{"a":1}'
	assert_output "$(ev '{"a":1}')"
}

@test "a missing file: warning, the next file is read, exit 2" {
	echo '{"f":"b"}' >b.ndjson
	run -2 --separate-stderr evn -s my.app -t T missing.ndjson b.ndjson </dev/null
	assert_output "$(ev '{"f":"b"}')"
	[ "$stderr" = 'evput: missing.ndjson: No such file or directory' ]
}

@test "a missing file wins over a refused entry: exit 2" {
	printf '[1]\n{}\n' >b.ndjson
	run -2 --separate-stderr evn -s my.app -t T b.ndjson missing.ndjson </dev/null
	assert_output "$(ev '{}')"
	[[ $stderr == *'evput: b.ndjson:1: MalformedDetail: '* ]]
	[[ $stderr == *'evput: missing.ndjson: No such file or directory' ]]
}

@test "a directory operand is an unreadable file: exit 2" {
	mkdir d
	echo '{}' >b.ndjson
	run -2 --separate-stderr evn -s my.app -t T d b.ndjson </dev/null
	assert_output "$(ev '{}')"
	[ "$stderr" = 'evput: d: Is a directory' ]
}

@test "line numbers restart with each file and messages name the file" {
	printf '{}\n[1]\n' >a.ndjson
	printf '\n\n"x"\n' >b.ndjson
	run -1 --separate-stderr evput -s my.app -t T a.ndjson - b.ndjson <<<'{"a":'
	[ "${#lines[@]}" -eq 1 ]
	[[ $stderr == *'evput: a.ndjson:2: MalformedDetail: detail is a JSON array, not an object'* ]]
	[[ $stderr == *'evput: (standard input):1: MalformedDetail: invalid JSON: '* ]]
	[[ $stderr == *'evput: b.ndjson:3: MalformedDetail: detail is a JSON string, not an object'* ]]
}

# ---------------------------------------------------------------------------
# Output errors, pipes, signals, promptness

@test ">/dev/full: an error naming the output, exit 2" {
	run -2 --separate-stderr evb_devfull evput -s my.app -t T <<<'{"a":1}'
	[ "$stderr" = 'evput: (standard output): No space left on device' ]
}

@test ">/dev/full with more output than the buffer holds: exit 2" {
	for i in $(seq 2000); do echo "{\"n\":$i}"; done >many.ndjson
	run -2 --separate-stderr evb_devfull evput -s my.app -t T many.ndjson </dev/null
	[ "$stderr" = 'evput: (standard output): No space left on device' ]
}

@test ">/dev/full in -e mode with an array file: exit 2" {
	echo '[{"Source":"s","DetailType":"t","Detail":"{}"}]' >entries.json
	run -2 --separate-stderr evb_devfull evput -e entries.json </dev/null
	[ "$stderr" = 'evput: (standard output): No space left on device' ]
}

@test "| head -1: killed by SIGPIPE (141), no message" {
	evb_head1 '{"a":1}' evput -s my.app -t T
	[ "$status" -eq 141 ]
	[ -z "$stderr" ]
	[[ $(norm <<<"$output") == "$(ev '{"a":1}')" ]]
}

@test "| head -1 in -e mode: 141, no message" {
	evb_head1 '{"Source":"s","DetailType":"t","Detail":"{}"}' evput -e
	[ "$status" -eq 141 ]
	[ -z "$stderr" ]
}

@test "promptness: one line through a FIFO comes out before end of input" {
	run -0 evb_prompt '{"a":1}' evput -s my.app -t T
	[[ $(norm <<<"$output") == "$(ev '{"a":1}')" ]]
}

@test "promptness with --line-buffered" {
	run -0 evb_prompt '{"a":1}' evput --line-buffered -s my.app -t T
	[[ $(norm <<<"$output") == "$(ev '{"a":1}')" ]]
}

@test "promptness in -e mode, one entry per line" {
	run -0 evb_prompt '{"Source":"s","DetailType":"t","Detail":"{\"a\":1}"}' evput -e
	[[ $output == *'"detail":{"a":1}}' ]]
}

@test "promptness in -e mode: an array entry comes out before the array ends" {
	run -0 evb_prompt '[{"Source":"s","DetailType":"t","Detail":"{\"a\":1}"},' evput -e
	[[ $output == *'"detail":{"a":1}}' ]]
}

@test "SIGTERM while waiting for input: output flushed, exit 143" {
	mkfifo in
	evput -s my.app -t T <in >out 2>err 3>&- &
	local pid=$! rc=0
	exec 8>in
	printf '{"n":1}\n{"n":2}\n{"n":3}\n' >&8
	evb_wait_lines out 3
	kill -TERM "$pid"
	wait "$pid" || rc=$?
	exec 8>&-
	[ "$rc" -eq 143 ]
	[ ! -s err ]
	run -0 norm <out
	assert_output "$(ev '{"n":1}'; ev '{"n":2}'; ev '{"n":3}')"
}

@test "SIGTERM while busy: buffered events written whole, exit 143" {
	yes '{"a":1}' 3>&- | evput -s my.app -t T >out 2>err 3>&- &
	local pid=$! rc=0
	sleep 0.5
	kill -TERM "$pid"
	wait "$pid" || rc=$?
	[ "$rc" -eq 143 ]
	[ ! -s err ]
	[ -s out ]
	[ "$(tail -c 1 out | od -An -c | tr -d ' ')" = '\n' ]
	[ "$(grep -vc '"detail":{"a":1}}$' out)" -eq 0 ]
}

@test "SIGTERM in -e mode reading an array: flushed, exit 143" {
	mkfifo in
	evput -e <in >out 2>err 3>&- &
	local pid=$! rc=0
	exec 8>in
	printf '[{"Source":"s","DetailType":"t","Detail":"{}"},\n' >&8
	printf ' {"Source":"s","DetailType":"t","Detail":"{}"},\n' >&8
	evb_wait_lines out 2
	kill -TERM "$pid"
	wait "$pid" || rc=$?
	exec 8>&-
	[ "$rc" -eq 143 ]
	[ ! -s err ]
}

@test "a signal ignored at startup stays ignored (nohup)" {
	mkfifo in
	(trap '' HUP && exec evput -s my.app -t T <in >out 2>err 3>&-) &
	local pid=$! rc=0
	exec 8>in
	echo '{"n":1}' >&8
	evb_wait_lines out 1
	kill -HUP "$pid"
	sleep 0.2
	kill -0 "$pid"	# still alive, so writing to it cannot raise SIGPIPE here
	echo '{"n":2}' >&8
	exec 8>&-
	wait "$pid" || rc=$?
	[ "$rc" -eq 0 ]
	[ "$(wc -l <out)" -eq 2 ]
}

# ---------------------------------------------------------------------------
# The reader

@test "CRLF line endings are accepted and the CR is not copied" {
	printf '{"a":1}\r\n{"b":2}\r\n' >crlf.ndjson
	run -0 --separate-stderr evn -s my.app -t T crlf.ndjson </dev/null
	assert_output "$(ev '{"a":1}'; ev '{"b":2}')"
}

@test "a last line without a newline is read" {
	run -0 --separate-stderr evn -s my.app -t T < <(printf '{"a":1}\n{"b":2}')
	assert_output "$(ev '{"a":1}'; ev '{"b":2}')"
}

@test "blank lines are skipped but counted" {
	printf '\n{"a":1}\n\n  \t\n\r\n[]\n' >blank.ndjson
	run -1 --separate-stderr evn -s my.app -t T blank.ndjson </dev/null
	assert_output "$(ev '{"a":1}')"
	[ "$stderr" = 'evput: blank.ndjson:6: MalformedDetail: detail is a JSON array, not an object' ]
}

@test "a line is copied into the detail byte for byte" {
	run -0 --separate-stderr evn -s my.app -t T <<<'{ "a" : [1, 2.50, 1e3], "b":"\u00e9" }'
	assert_output "$(ev '{ "a" : [1, 2.50, 1e3], "b":"\u00e9" }')"
}

@test "a NUL byte: refused with file:line, the others go out, exit 1" {
	printf '{"a":1}\n{"b":"x\0y"}\n{"c":3}\n' >nul.ndjson
	run -1 --separate-stderr evn -s my.app -t T --rejects rej.ndjson nul.ndjson </dev/null
	assert_output "$(ev '{"a":1}'; ev '{"c":3}')"
	[ "$stderr" = 'evput: nul.ndjson:2: MalformedDetail: NUL byte in input' ]
	run -0 cat rej.ndjson
	assert_output '{"ErrorCode":"MalformedDetail","ErrorMessage":"Detail is malformed.","reason":"NUL byte in input","file":"nul.ndjson","line":2,"input":"{\"b\":\"x\u0000y\"}"}'
}

@test "an over-long line is skipped and reported, its neighbours go out" {
	{
		echo '{"a":1}'
		printf '{"b":"%s"}\n' "$(evb_repeat x 100)"
		echo '{"c":3}'
	} >long.ndjson
	run -1 --separate-stderr evn -s my.app -t T --max-line 32 --rejects rej.ndjson long.ndjson </dev/null
	assert_output "$(ev '{"a":1}'; ev '{"c":3}')"
	[ "$stderr" = 'evput: long.ndjson:2: ValidationException: line longer than 32 bytes (--max-line)' ]
	run -0 cat rej.ndjson
	assert_output '{"ErrorCode":"ValidationException","ErrorMessage":"Total size of the entries in the request is over the limit.","reason":"line longer than 32 bytes (--max-line)","file":"long.ndjson","line":2,"input_bytes":108}'
}

@test "an over-long last line without a newline" {
	printf '{"a":1}\n{"b":"%s"}' "$(evb_repeat x 100)" >long.ndjson
	run -1 --separate-stderr evn -s my.app -t T --max-line 32 --rejects rej.ndjson long.ndjson </dev/null
	assert_output "$(ev '{"a":1}')"
	[ "$stderr" = 'evput: long.ndjson:2: ValidationException: line longer than 32 bytes (--max-line)' ]
	grep -q '"line":2,"input_bytes":108}$' rej.ndjson
}

@test "--max-line is the longest line accepted, CR not counted" {
	# {"a":"x..."} of exactly 32 bytes, then 33.
	local l32 l33
	l32=$(printf '{"a":"%s"}' "$(evb_repeat x 24)")
	l33=$(printf '{"a":"%s"}' "$(evb_repeat x 25)")
	[ "${#l32}" -eq 32 ]
	printf '%s\r\n%s\n' "$l32" "$l33" >edge.ndjson
	run -1 --separate-stderr evn -s my.app -t T --max-line 32 edge.ndjson </dev/null
	assert_output "$(ev "$l32")"
	[ "$stderr" = 'evput: edge.ndjson:2: ValidationException: line longer than 32 bytes (--max-line)' ]
}

@test "a line of megabytes is skipped, not buffered, and measured exactly" {
	{
		echo '{"a":1}'
		evb_repeat x 3000000
		printf '\r\n{"c":3}\n'
	} >huge.ndjson
	run -1 --separate-stderr evn -s my.app -t T --max-line 1K --rejects rej.ndjson huge.ndjson </dev/null
	assert_output "$(ev '{"a":1}'; ev '{"c":3}')"
	[ "$stderr" = 'evput: huge.ndjson:2: ValidationException: line longer than 1024 bytes (--max-line)' ]
	grep -q '"line":2,"input_bytes":3000000}$' rej.ndjson
}

@test "the default --max-line is 1 MiB" {
	{
		detail_of 1048576
		echo
		detail_of 1048577
		echo
	} >mib.ndjson
	run -1 --separate-stderr evput -s my.app -t T --max-size 2M mib.ndjson </dev/null
	[ "${#lines[@]}" -eq 1 ]
	[ "$stderr" = 'evput: mib.ndjson:2: ValidationException: line longer than 1048576 bytes (--max-line)' ]
}

@test "invalid UTF-8: refused with file:line, kept as input_base64" {
	printf '{"a":1}\n{"a":"\xff\xfe"}\n' >utf.ndjson
	run -1 --separate-stderr evn -s my.app -t T --rejects rej.ndjson utf.ndjson </dev/null
	assert_output "$(ev '{"a":1}')"
	[[ $stderr == 'evput: utf.ndjson:2: MalformedDetail: invalid UTF-8 in a string at column '* ]]
	local b64
	b64=$(printf '{"a":"\xff\xfe"}' | base64 -w0)
	grep -qF "\"file\":\"utf.ndjson\",\"line\":2,\"input_base64\":\"$b64\"}" rej.ndjson
}

@test "an overlong UTF-8 encoding and a UTF-16 surrogate in UTF-8 are refused" {
	printf '{"a":"\xc0\xaf"}\n{"a":"\xed\xa0\x80"}\n{"ok":"\xc3\xa9"}\n' >utf.ndjson
	run -1 --separate-stderr evn -s my.app -t T utf.ndjson </dev/null
	assert_output "$(ev "$(printf '{"ok":"\xc3\xa9"}')")"
	[[ $stderr == *'utf.ndjson:1: MalformedDetail: invalid UTF-8'* ]]
	[[ $stderr == *'utf.ndjson:2: MalformedDetail: invalid UTF-8'* ]]
}

@test "invalid JSON: refused with file:line and column" {
	printf '{"a":1}\n{bad\n{"a":1,}\n{"a":1}}\n{"c":3}\n' >bad.ndjson
	run -1 --separate-stderr evn -s my.app -t T bad.ndjson </dev/null
	assert_output "$(ev '{"a":1}'; ev '{"c":3}')"
	[[ ${stderr_lines[0]} == 'evput: bad.ndjson:2: MalformedDetail: invalid JSON: '*' at column '* ]]
	[[ ${stderr_lines[1]} == 'evput: bad.ndjson:3: MalformedDetail: invalid JSON: '* ]]
	[[ ${stderr_lines[2]} == 'evput: bad.ndjson:4: MalformedDetail: invalid JSON: trailing garbage'* ]]
	[ "${#stderr_lines[@]}" -eq 3 ]
}

@test "details that are not objects are MalformedDetail" {
	printf '%s\n' '[]' '"NotJSON"' '42' 'true' 'null' '{}' >types.ndjson
	run -1 --separate-stderr evn -s my.app -t T types.ndjson </dev/null
	assert_output "$(ev '{}')"
	[ "${stderr_lines[0]}" = 'evput: types.ndjson:1: MalformedDetail: detail is a JSON array, not an object' ]
	[ "${stderr_lines[1]}" = 'evput: types.ndjson:2: MalformedDetail: detail is a JSON string, not an object' ]
	[ "${stderr_lines[2]}" = 'evput: types.ndjson:3: MalformedDetail: detail is a JSON number, not an object' ]
	[ "${stderr_lines[3]}" = 'evput: types.ndjson:4: MalformedDetail: detail is a JSON boolean, not an object' ]
	[ "${stderr_lines[4]}" = 'evput: types.ndjson:5: MalformedDetail: detail is a JSON null, not an object' ]
}

@test "a detail nested deeper than 100 levels is MalformedDetail" {
	local ok deep
	ok="$(evb_repeat '[' 99)$(evb_repeat ']' 99)"
	deep="$(evb_repeat '[' 100)$(evb_repeat ']' 100)"
	printf '{"a":%s}\n{"a":%s}\n' "$ok" "$deep" >deep.ndjson
	run -1 --separate-stderr evn -s my.app -t T deep.ndjson </dev/null
	assert_output "$(ev "{\"a\":$ok}")"
	[[ $stderr == 'evput: deep.ndjson:2: MalformedDetail: invalid JSON: nesting deeper than 100 levels'* ]]
}

# ---------------------------------------------------------------------------
# The envelope

@test "envelope: members in EventBridge's order and their values" {
	run -0 --separate-stderr evput -s com.example.orders -t 'Order Placed' <<<'{"id":1}'
	[[ $output =~ ^\{\"version\":\"0\",\"id\":\"$UUID4\",\"detail-type\":\"Order\ Placed\",\"source\":\"com\.example\.orders\",\"account\":\"000000000000\",\"time\":\"$TIME\",\"region\":\"us-east-1\",\"resources\":\[\],\"detail\":\{\"id\":1\}\}$ ]]
	[ -z "$stderr" ]
}

@test "envelope: every id is a distinct version 4 UUID" {
	printf '{}\n%.0s' $(seq 50) >fifty.ndjson
	run -0 --separate-stderr evput -s my.app -t T fifty.ndjson </dev/null
	[ "${#lines[@]}" -eq 50 ]
	for l in "${lines[@]}"; do
		[[ $l =~ ^\{\"version\":\"0\",\"id\":\"$UUID4\", ]]
	done
	[ "$(printf '%s\n' "${lines[@]}" | sed -E 's/.*"id":"([^"]*)".*/\1/' | sort -u | wc -l)" -eq 50 ]
}

@test "envelope: time is now, in UTC, whole seconds" {
	local before after t
	before=$(date -u +%s)
	run -0 --separate-stderr evput -s my.app -t T <<<'{}'
	after=$(date -u +%s)
	[[ $output =~ \"time\":\"($TIME)\" ]]
	t=$(date -u -d "${BASH_REMATCH[1]}" +%s)
	[ "$t" -ge "$before" ] && [ "$t" -le "$after" ]
}

@test "--time: an RFC 3339 offset is converted to UTC" {
	run -0 --separate-stderr evput -s my.app -t T --time 2026-01-02T03:04:05+02:00 <<<'{}'
	assert_output --partial '"time":"2026-01-02T01:04:05Z"'
	run -0 --separate-stderr evput -s my.app -t T --time 2026-01-01T20:00:00-05:30 <<<'{}'
	assert_output --partial '"time":"2026-01-02T01:30:00Z"'
}

@test "--time: fractions are dropped, Z, z and epoch seconds are accepted" {
	local t
	for t in 2026-01-01T00:00:00.999Z '2026-01-01 00:00:00z' 1767225600 1767225600.75; do
		run -0 --separate-stderr evput -s my.app -t T --time "$t" <<<'{}'
		assert_output --partial '"time":"2026-01-01T00:00:00Z"'
	done
}

@test "--time applies to every event" {
	printf '{}\n{}\n' >two.ndjson
	run -0 --separate-stderr evput -s my.app -t T --time 2026-11-26T09:00:00Z two.ndjson </dev/null
	[ "$(grep -c '"time":"2026-11-26T09:00:00Z"' <<<"$output")" -eq 2 ]
}

@test "resources: -r in order, [] without" {
	local want
	want=$(RES='"arn:aws:s3:::a","not an arn","arn:aws:s3:::a"' ev '{}')
	run -0 --separate-stderr evn -s my.app -t T -r arn:aws:s3:::a -r 'not an arn' -r arn:aws:s3:::a <<<'{}'
	assert_output "$want"
	run -0 --separate-stderr evput -s my.app -t T <<<'{}'
	assert_output --partial '"resources":[],'
}

@test "account and region default to 000000000000 and us-east-1" {
	run -0 --separate-stderr evput -s my.app -t T <<<'{}'
	assert_output --partial '"account":"000000000000",'
	assert_output --partial '"region":"us-east-1",'
}

@test "EVBUS_ACCOUNT and AWS_REGION set the defaults" {
	run -0 --separate-stderr env EVBUS_ACCOUNT=111122223333 AWS_REGION=eu-west-3 evput -s my.app -t T <<<'{}'
	assert_output --partial '"account":"111122223333",'
	assert_output --partial '"region":"eu-west-3",'
}

@test "AWS_DEFAULT_REGION is used when AWS_REGION is unset or empty" {
	run -0 --separate-stderr env AWS_DEFAULT_REGION=ap-south-2 evput -s my.app -t T <<<'{}'
	assert_output --partial '"region":"ap-south-2",'
	run -0 --separate-stderr env AWS_REGION= AWS_DEFAULT_REGION=ap-south-2 evput -s my.app -t T <<<'{}'
	assert_output --partial '"region":"ap-south-2",'
	run -0 --separate-stderr env AWS_REGION=eu-north-1 AWS_DEFAULT_REGION=ap-south-2 evput -s my.app -t T <<<'{}'
	assert_output --partial '"region":"eu-north-1",'
}

@test "empty EVBUS_ACCOUNT and AWS_REGION are ignored" {
	run -0 --separate-stderr env EVBUS_ACCOUNT= AWS_REGION= evput -s my.app -t T <<<'{}'
	assert_output --partial '"account":"000000000000",'
	assert_output --partial '"region":"us-east-1",'
}

@test "--account and --region win over the environment" {
	run -0 --separate-stderr env EVBUS_ACCOUNT=111122223333 AWS_REGION=eu-west-3 \
	    evput -s my.app -t T --account 012345678901 --region sa-east-1 <<<'{}'
	assert_output --partial '"account":"012345678901","time":'
	assert_output --partial '"region":"sa-east-1","resources":'
}

# ---------------------------------------------------------------------------
# -d

@test "-d wraps one detail from the command line and reads no input" {
	run -0 --separate-stderr evn -s my.app -t T -d '{"ok":true}' <<<'{"stdin":"ignored"}'
	assert_output "$(ev '{"ok":true}')"
	[ -z "$stderr" ]
}

@test "-d with a bad detail: refused as (command line), exit 1" {
	run -1 --separate-stderr evput -s my.app -t T --rejects rej.ndjson -d '[1]' </dev/null
	assert_output ''
	[ "$stderr" = 'evput: (command line): MalformedDetail: detail is a JSON array, not an object' ]
	run -0 cat rej.ndjson
	assert_output '{"ErrorCode":"MalformedDetail","ErrorMessage":"Detail is malformed.","reason":"detail is a JSON array, not an object","file":"(command line)","input":"[1]"}'
}

# ---------------------------------------------------------------------------
# --entries

@test "-e: NDJSON entries in AWS's shape" {
	cat >entries.ndjson <<-'EOF'
	{"Source":"my.app","DetailType":"T","Detail":"{\"a\":1}","Resources":["r1","r2"],"EventBusName":"default","TraceHeader":"Root=1-abc"}
	{"Source":"other.app","DetailType":"U","Detail":"{}","Time":"2026-01-01T00:00:00+01:00"}
	{"Source":"my.app","DetailType":"T","Detail":"{\"e\":3}","Time":1767225600}
	EOF
	run -0 --separate-stderr evn -e entries.ndjson </dev/null
	assert_output "$(RES='"r1","r2"' ev '{"a":1}'; S=other.app T=U ev '{}'; ev '{"e":3}')"
	run -0 --separate-stderr evput -e entries.ndjson </dev/null
	assert_line --index 1 --partial '"time":"2025-12-31T23:00:00Z"'
	assert_line --index 2 --partial '"time":"2026-01-01T00:00:00Z"'
}

@test "-e: Detail is written compactly, numbers keep their text" {
	run -0 --separate-stderr evn -e <<<'{"Source":"my.app","DetailType":"T","Detail":"{ \"x\" : 1.0e5, \"y\" : [0.1, 123456789012345678901234567890] }"}'
	assert_output "$(ev '{"x":1.0e5,"y":[0.1,123456789012345678901234567890]}')"
}

@test "-e: Detail may also be an object" {
	run -0 --separate-stderr evn -e <<<'{"Source":"my.app","DetailType":"T","Detail":{"a": [1, 2]}}'
	assert_output "$(ev '{"a":[1,2]}')"
}

@test "-e: null Resources members are skipped, other members ignored" {
	run -0 --separate-stderr evn -e <<<'{"Source":"my.app","DetailType":"T","Detail":"{}","Resources":["a",null,"b"],"Extra":1}'
	assert_output "$(RES='"a","b"' ev '{}')"
}

@test "-e: the AWS CLI's array file, spread over many lines, streamed" {
	cat >entries.json <<-'EOF'

	[
	  {
	    "Source": "my.app",
	    "DetailType": "T",
	    "Detail": "{\"n\":1}"
	  },
	  {
	    "Source": "my.app",
	    "Detail": "{\"n\":2}"
	  },
	  {"Source": "my.app", "DetailType": "T",
	   "Detail": "{\"n\":3}", "Resources": ["r"]}
	]
	EOF
	run -1 --separate-stderr evn -e --rejects rej.ndjson entries.json </dev/null
	assert_output "$(ev '{"n":1}'; RES='"r"' ev '{"n":3}')"
	[ "$stderr" = 'evput: entries.json:8: InvalidArgument: Parameter DetailType is not valid. Reason: DetailType is a required argument.' ]
	run -0 cat rej.ndjson
	assert_output '{"ErrorCode":"InvalidArgument","ErrorMessage":"Parameter DetailType is not valid. Reason: DetailType is a required argument.","reason":"Parameter DetailType is not valid. Reason: DetailType is a required argument.","file":"entries.json","line":8,"input":"{\"Source\":\"my.app\",\"Detail\":\"{\\\"n\\\":2}\"}"}'
}

@test "-e: a large array file on standard input" {
	{
		echo '['
		for i in $(seq 1999); do echo "{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":\"{\\\"n\\\":$i}\"},"; done
		echo '{"Source":"s","DetailType":"t","Detail":"{\"n\":2000}"}]'
	} >big.json
	run -0 --separate-stderr evput -e <big.json
	[ "${#lines[@]}" -eq 2000 ]
	assert_line --index 1999 --partial '"detail":{"n":2000}}'
}

@test "-e: a syntax error in an array file: earlier entries go out, exit 2" {
	printf '[{"Source":"s","DetailType":"t","Detail":"{}"},\n {bad}]\n' >broken.json
	echo '{"Source":"s","DetailType":"t","Detail":"{}"}' >next.ndjson
	run -2 --separate-stderr evput -e broken.json next.ndjson </dev/null
	[ "${#lines[@]}" -eq 2 ]
	[[ $stderr == 'evput: broken.json:2:'*': invalid JSON: '* ]]
}

@test "-e: an unterminated array file is an error, exit 2" {
	run -2 --separate-stderr evput -e < <(printf '[{"Source":"s","DetailType":"t","Detail":"{}"}')
	[ "${#lines[@]}" -eq 1 ]
	[[ $stderr == 'evput: (standard input):1:'*': invalid JSON: premature EOF' ]]
}

@test "-e: a line holding {\"Entries\":[...]}" {
	run -1 --separate-stderr evn -e --rejects rej.ndjson <<<'{"Entries":[{"Source":"e1","DetailType":"T","Detail":"{\"n\":1}"},{"Source":"e2","Detail":"{}"},{"Source":"e3","DetailType":"T","Detail":{"n":3}}]}'
	assert_output "$(S=e1 ev '{"n":1}'; S=e3 ev '{"n":3}')"
	[ "$stderr" = 'evput: (standard input):1: InvalidArgument: Parameter DetailType is not valid. Reason: DetailType is a required argument.' ]
	# The record holds the refused entry alone.
	grep -qF '"line":1,"input":"{\"Source\":\"e2\",\"Detail\":\"{}\"}"}' rej.ndjson
}

@test "-e: a line that is not an object or not JSON is a ValidationException" {
	# (A file starting with [ is the array form: start with an entry.)
	printf '%s\n' '{"Source":"s","DetailType":"t","Detail":"{}"}' '[1,2]' 'not json' >odd.ndjson
	run -1 --separate-stderr evput -e --rejects rej.ndjson odd.ndjson </dev/null
	[ "${#lines[@]}" -eq 1 ]
	[ "${stderr_lines[0]}" = 'evput: odd.ndjson:2: ValidationException: entry is a JSON array, not an object' ]
	[[ ${stderr_lines[1]} == 'evput: odd.ndjson:3: ValidationException: invalid JSON: '* ]]
	run -0 cat rej.ndjson
	assert_line --index 0 --partial '{"ErrorCode":"ValidationException","ErrorMessage":"An entry must be a JSON object.",'
	assert_line --index 1 --partial '{"ErrorCode":"ValidationException","ErrorMessage":"The entry is not valid JSON.",'
}

@test "-e: the AWS error codes and messages, one entry each" {
	# input line | ErrorCode | ErrorMessage, as recorded from AWS
	# (docs/eventbridge-reference.md 2.3).
	local cases=(
	    '{"DetailType":"T","Detail":"{}"}|InvalidArgument|Parameter Source is not valid. Reason: Source is a required argument.'
	    '{"Source":"","DetailType":"T","Detail":"{}"}|InvalidArgument|Parameter Source is not valid. Reason: Source is a required argument.'
	    '{"Source":"s","Detail":"{}"}|InvalidArgument|Parameter DetailType is not valid. Reason: DetailType is a required argument.'
	    '{"Source":"s","DetailType":"","Detail":"{}"}|InvalidArgument|Parameter DetailType is not valid. Reason: DetailType is a required argument.'
	    '{"Source":"s","DetailType":"T"}|InvalidArgument|Parameter Detail is not valid. Reason: Detail is a required argument.'
	    '{"Source":"s","DetailType":"T","Detail":""}|InvalidArgument|Parameter Detail is not valid. Reason: Detail is a required argument.'
	    '{"Source":"s","DetailType":"T","Detail":"NotJSON"}|MalformedDetail|Detail is malformed.'
	    '{"Source":"s","DetailType":"T","Detail":"{{}"}|MalformedDetail|Detail is malformed.'
	    '{"Source":"s","DetailType":"T","Detail":"[]"}|MalformedDetail|Detail is malformed.'
	    '{"Source":"s","DetailType":"T","Detail":"\"NotJSON\""}|MalformedDetail|Detail is malformed.'
	    '{"Source":"s","DetailType":"T","Detail":5}|MalformedDetail|Detail is malformed.'
	    '{"Source":"aws.ec2","DetailType":"T","Detail":"{}"}|NotAuthorizedForSourceException|Not authorized for the source.'
	    '{"Source":1,"DetailType":"T","Detail":"{}"}|InvalidArgument|Parameter Source is not valid. Reason: Source must be a string.'
	    '{"Source":"s","DetailType":["T"],"Detail":"{}"}|InvalidArgument|Parameter DetailType is not valid. Reason: DetailType must be a string.'
	    '{"Source":"s","DetailType":"T","Detail":"{}","EventBusName":5}|InvalidArgument|Parameter EventBusName is not valid. Reason: EventBusName must be a string.'
	    '{"Source":"s","DetailType":"T","Detail":"{}","Resources":"arn"}|InvalidArgument|Parameter Resources is not valid. Reason: Resources must be a list of strings.'
	    '{"Source":"s","DetailType":"T","Detail":"{}","Resources":["a",1]}|InvalidArgument|Parameter Resources is not valid. Reason: Resources must be a list of strings.'
	    '{"Source":"s","DetailType":"T","Detail":"{}","Time":"yesterday"}|InvalidArgument|Parameter Time is not valid. Reason: Time must be an RFC 3339 timestamp or seconds since the epoch.'
	    '{"Source":"s","DetailType":"T","Detail":"{}","Time":true}|InvalidArgument|Parameter Time is not valid. Reason: Time must be an RFC 3339 timestamp or seconds since the epoch.'
	)
	local c in code msg i=0
	for c in "${cases[@]}"; do
		in=${c%%|*}
		c=${c#*|}
		code=${c%%|*}
		msg=${c#*|}
		i=$((i + 1))
		rm -f rej.ndjson
		run -1 --separate-stderr evput -e --rejects rej.ndjson <<<"$in"
		assert_output ''
		[[ $stderr == "evput: (standard input):1: $code: "* ]]
		run -0 cat rej.ndjson
		[[ $output == "{\"ErrorCode\":\"$code\",\"ErrorMessage\":\"$msg\",\"reason\":"*",\"file\":\"(standard input)\",\"line\":1,\"input\":"* ]] ||
		    { echo "case $i: $in: $output"; return 1; }
	done
}

@test "-e: DetailType may be 128 characters, not 129" {
	local t128
	t128=$(for i in $(seq 128); do printf '\xc3\xa9'; done)
	printf '{"Source":"s","DetailType":"%s","Detail":"{}"}\n' "$t128" "x$t128" >dt.ndjson
	run -1 --separate-stderr evput -e dt.ndjson </dev/null
	[ "${#lines[@]}" -eq 1 ]
	assert_output --partial "\"detail-type\":\"$t128\","
	[ "$stderr" = 'evput: dt.ndjson:2: InvalidArgument: Parameter DetailType is not valid. Reason: DetailType is longer than 128 characters.' ]
}

@test "-e: --allow-aws-source accepts aws. sources" {
	run -0 --separate-stderr evn -e --allow-aws-source <<<'{"Source":"aws.ec2","DetailType":"T","Detail":"{}"}'
	assert_output "$(S=aws.ec2 ev '{}')"
}

@test "an aws. source with -s is refused before reading, unless allowed" {
	run -2 --separate-stderr evput -s aws.ec2 -t T <<<'{}'
	assert_output ''
	[ "$stderr" = 'evput: NotAuthorizedForSourceException: source "aws.ec2" starts with "aws.", which is reserved for AWS services' ]
	run -0 --separate-stderr evn -s aws.ec2 -t T --allow-aws-source <<<'{}'
	assert_output "$(S=aws.ec2 ev '{}')"
	run -0 --separate-stderr evn -s awsome.app -t T <<<'{}'
	assert_output "$(S=awsome.app ev '{}')"
}

@test "-e: unpaired \\uD800 decodes to ? (yajl), a -s line is copied as is" {
	run -0 --separate-stderr evn -e <<<'{"Source":"my.app","DetailType":"T","Detail":"{\"x\":\"\\uD800\",\"y\":\"\\uD83D\\uDE00\"}"}'
	assert_output "$(ev "$(printf '{"x":"?","y":"\xf0\x9f\x98\x80"}')")"
	run -0 --separate-stderr evn -s my.app -t T <<<'{"x":"\uD800"}'
	assert_output "$(ev '{"x":"\uD800"}')"
}

# ---------------------------------------------------------------------------
# The size limit

@test "size: 262144 bytes by the formula pass, 262145 are refused" {
	# source my.app (6) + detail-type T (1) + detail
	{ detail_of 262137; echo; detail_of 262138; echo; } >size.ndjson
	run -1 --separate-stderr evput -s my.app -t T --rejects rej.ndjson size.ndjson </dev/null
	[ "${#lines[@]}" -eq 1 ]
	[ "${#output}" -gt 262144 ]
	[ "$stderr" = 'evput: size.ndjson:2: ValidationException: entry size 262145 bytes is over the limit of 262144' ]
	grep -q '^{"ErrorCode":"ValidationException","ErrorMessage":"Total size of the entries in the request is over the limit.","reason":"entry size 262145 bytes is over the limit of 262144","file":"size.ndjson","line":2,"input":"{\\"pad\\":' rej.ndjson
}

@test "size: --time adds 14 bytes" {
	{ detail_of 262123; echo; detail_of 262124; echo; } >size.ndjson
	run -1 --separate-stderr evput -s my.app -t T --time 2026-01-01T00:00:00Z size.ndjson </dev/null
	[ "${#lines[@]}" -eq 1 ]
	[ "$stderr" = 'evput: size.ndjson:2: ValidationException: entry size 262145 bytes is over the limit of 262144' ]
}

@test "size: -r resources count, in bytes" {
	# 6 + 1 + resources é (2 bytes) and abc (3) + detail
	{ detail_of 262132; echo; detail_of 262133; echo; } >size.ndjson
	run -1 --separate-stderr evput -s my.app -t T -r "$(printf '\xc3\xa9')" -r abc size.ndjson </dev/null
	[ "${#lines[@]}" -eq 1 ]
	[ "$stderr" = 'evput: size.ndjson:2: ValidationException: entry size 262145 bytes is over the limit of 262144' ]
}

@test "size: -e counts Time, Resources and the Detail string, not EventBusName or TraceHeader" {
	# 14 (Time) + 1 (Source) + 1 (DetailType) + 5 (Resources) + Detail
	{ entry_of 262123; entry_of 262124; } >size.ndjson
	run -1 --separate-stderr evput -e size.ndjson </dev/null
	[ "${#lines[@]}" -eq 1 ]
	[ "$stderr" = 'evput: size.ndjson:2: ValidationException: entry size 262145 bytes is over the limit of 262144' ]
}

@test "size: -e counts the Detail as sent, before it is made compact" {
	# 1 + 1 + 11 bytes of the Detail { "a" : 1 } = 13; compact it is 9.
	run -0 --separate-stderr evput -e --max-size 13 <<<'{"Source":"s","DetailType":"t","Detail":"{ \"a\" : 1 }"}'
	run -1 --separate-stderr evput -e --max-size 12 <<<'{"Source":"s","DetailType":"t","Detail":"{ \"a\" : 1 }"}'
	[ "$stderr" = 'evput: (standard input):1: ValidationException: entry size 13 bytes is over the limit of 12' ]
}

@test "--max-size: 1K is 1024, the boundary included" {
	{ detail_of 1017; echo; detail_of 1018; echo; } >size.ndjson
	run -1 --separate-stderr evput -s my.app -t T --max-size 1K size.ndjson </dev/null
	[ "${#lines[@]}" -eq 1 ]
	[ "$stderr" = 'evput: size.ndjson:2: ValidationException: entry size 1025 bytes is over the limit of 1024' ]
}

@test "--max-size 1M lets a 1 MB entry through" {
	{ detail_of 1048569; echo; } >size.ndjson
	run -0 --separate-stderr evput -s my.app -t T --max-size 1M --max-line 2M size.ndjson </dev/null
	[ "${#lines[@]}" -eq 1 ]
}

# ---------------------------------------------------------------------------
# --rejects

@test "--rejects: one JSON object per line with the documented fields" {
	printf '%s\n' '{"a":1}' '[1]' '{bad' '{"c":3}' '"s"' >mixed.ndjson
	run -1 --separate-stderr evn -s my.app -t T --rejects rej.ndjson mixed.ndjson </dev/null
	# Good entries still go out, in order, around the bad ones.
	assert_output "$(ev '{"a":1}'; ev '{"c":3}')"
	[ "$(wc -l <rej.ndjson)" -eq 3 ]
	# Every record is a JSON object: evput itself accepts each as a detail.
	run -0 --separate-stderr evput -s check -t check rej.ndjson </dev/null
	[ "${#lines[@]}" -eq 3 ]
	run -0 cat rej.ndjson
	local re='^\{"ErrorCode":"MalformedDetail","ErrorMessage":"Detail is malformed\.","reason":"[^"]+","file":"mixed\.ndjson","line":[0-9]+,"input":".*"\}$'
	for l in "${lines[@]}"; do
		[[ $l =~ $re ]]
	done
	assert_line --index 0 '{"ErrorCode":"MalformedDetail","ErrorMessage":"Detail is malformed.","reason":"detail is a JSON array, not an object","file":"mixed.ndjson","line":2,"input":"[1]"}'
	assert_line --index 1 --regexp '"line":3,"input":"\{bad"\}$'
	assert_line --index 2 --regexp '"line":5,"input":"\\"s\\""\}$'
}

@test "--rejects appends to an existing file, and creates it mode 0600" {
	echo '{"earlier":"record"}' >old.ndjson
	run -1 --separate-stderr evput -s my.app -t T --rejects old.ndjson <<<'[]'
	[ "$(wc -l <old.ndjson)" -eq 2 ]
	[ "$(head -n 1 old.ndjson)" = '{"earlier":"record"}' ]
	run -1 --separate-stderr evput -s my.app -t T --rejects new.ndjson <<<'[]'
	[ "$(stat -c %a new.ndjson)" = 600 ]
}

@test "--rejects in a missing directory: exit 2 before reading" {
	run -2 --separate-stderr evput -s my.app -t T --rejects nodir/rej.ndjson <<<'{}'
	assert_output ''
	[ "$stderr" = 'evput: nodir/rej.ndjson: No such file or directory' ]
}

@test "no --rejects: refusals still reported on stderr, exit 1" {
	run -1 --separate-stderr evn -s my.app -t T <<<'[]'
	assert_output ''
	[ "$stderr" = 'evput: (standard input):1: MalformedDetail: detail is a JSON array, not an object' ]
}

# ---------------------------------------------------------------------------
# Claim-check

# big_order N: an order detail with a pad of N bytes.
big_order() {
	printf '{"id":"o-1","n":2,"pad":"'
	evb_repeat x "$1"
	printf '"}'
}

@test "claim-check: an oversized detail is stored under its SHA-256, the event carries a reference" {
	mkdir claims
	big_order 300000 >detail.json
	{ cat detail.json; echo; echo '{"small":1}'; } >in.ndjson
	local sha size dir
	sha=$(sha256sum <detail.json | cut -d ' ' -f 1)
	size=$(wc -c <detail.json)
	dir=$(cd claims && pwd -P)
	run -0 --separate-stderr evn -s my.app -t T --claim-check claims in.ndjson </dev/null
	[ -z "$stderr" ]
	assert_output "$(ev "{\"claimCheck\":{\"uri\":\"file://$dir/$sha.json\",\"sha256\":\"$sha\",\"size\":$size,\"contentType\":\"application/json\"}}"; ev '{"small":1}')"
	# One file, named by the sha256 of its content, which is the detail.
	run -0 ls -A claims
	assert_output "$sha.json"
	run -0 sha256sum "claims/$sha.json"
	assert_output "$sha  claims/$sha.json"
	cmp detail.json "claims/$sha.json"
	[ "$(stat -c %a "claims/$sha.json")" = 600 ]
}

@test "claim-check: the event is small and within the limit" {
	mkdir claims
	{ big_order 2000000; echo; } >in.ndjson
	run -0 --separate-stderr evput -s my.app -t T --max-line 4M --claim-check claims in.ndjson </dev/null
	[ "${#lines[@]}" -eq 1 ]
	[ "${#output}" -lt 1024 ]
	# The envelope itself goes through evput -e as a detail under 256 KB.
	printf '{"Source":"s","DetailType":"t","Detail":%s}\n' \
	    "$(sed 's/.*"detail":\(.*\)}$/\1/' <<<"$output")" >again.ndjson
	run -0 --separate-stderr evput -e again.ndjson </dev/null
}

@test "claim-check: the mode stays 0600 under a permissive umask" {
	mkdir claims
	umask 000
	{ big_order 300000; echo; } >in.ndjson
	run -0 --separate-stderr evput -s my.app -t T --claim-check claims in.ndjson </dev/null
	[ "$(stat -c %a claims/*.json)" = 600 ]
}

@test "claim-check: --keep keeps top-level members inline, in the detail's order" {
	mkdir claims
	big_order 300000 >detail.json
	{ cat detail.json; echo; } >in.ndjson
	local sha
	sha=$(sha256sum <detail.json | cut -d ' ' -f 1)
	run -0 --separate-stderr evput -s my.app -t T --claim-check claims --keep n --keep id --keep absent --keep pad2 in.ndjson </dev/null
	assert_output --regexp "\"detail\":\\{\"claimCheck\":\\{\"uri\":\"file://[^\"]*/$sha\\.json\",\"sha256\":\"$sha\",\"size\":300027,\"contentType\":\"application/json\"\\},\"id\":\"o-1\",\"n\":2\\}\\}\$"
}

@test "claim-check: details within the limit stay inline, nothing is stored" {
	mkdir claims
	run -0 --separate-stderr evn -s my.app -t T --claim-check claims <<<'{"a":1}'
	assert_output "$(ev '{"a":1}')"
	[ -z "$(ls -A claims)" ]
}

@test "claim-check: equal details share one file" {
	mkdir claims
	{ big_order 300000; echo; big_order 300000; echo; } >in.ndjson
	run -0 --separate-stderr evput -s my.app -t T --claim-check claims in.ndjson </dev/null
	[ "${#lines[@]}" -eq 2 ]
	[ "$(ls -A claims | wc -l)" -eq 1 ]
}

@test "claim-check in -e mode stores the compact detail" {
	mkdir claims
	local pad sha
	pad=$(evb_repeat x 300000)
	printf '{"Source":"s","DetailType":"t","Detail":"{ \\"id\\" : \\"o-1\\", \\"pad\\" : \\"%s\\" }"}\n' "$pad" >in.ndjson
	printf '{"id":"o-1","pad":"%s"}' "$pad" >compact.json
	sha=$(sha256sum <compact.json | cut -d ' ' -f 1)
	run -0 --separate-stderr evput -e --claim-check claims --keep id in.ndjson </dev/null
	assert_output --partial "\"sha256\":\"$sha\",\"size\":300021,\"contentType\":\"application/json\"},\"id\":\"o-1\"}}"
	cmp compact.json "claims/$sha.json"
}

@test "claim-check: a reference still over the limit is refused" {
	mkdir claims
	run -1 --separate-stderr evput -s my.app -t T --max-size 100 --claim-check claims <<<"$(big_order 200)"
	assert_output ''
	[[ $stderr == 'evput: (standard input):1: ValidationException: entry size '*' bytes is over the limit of 100' ]]
}

@test "claim-check: a missing directory or a file is refused, exit 2" {
	run -2 --separate-stderr evput -s my.app -t T --claim-check nodir <<<'{}'
	assert_output ''
	[ "$stderr" = 'evput: nodir: No such file or directory' ]
	touch plain
	run -2 --separate-stderr evput -s my.app -t T --claim-check plain <<<'{}'
	assert_output ''
	[[ $stderr == 'evput: plain: '* ]]
}

# ---------------------------------------------------------------------------
# Usage errors

@test "-s and -t are required without -e" {
	run -2 --separate-stderr evput -s my.app <<<'{}'
	assert_output ''
	[ "$stderr" = 'evput: -s SOURCE and -t DETAIL_TYPE are required without -e' ]
	run -2 --separate-stderr evput -t T <<<'{}'
	[ "$stderr" = 'evput: -s SOURCE and -t DETAIL_TYPE are required without -e' ]
	run -2 --separate-stderr evput <<<'{}'
	[ "$stderr" = 'evput: -s SOURCE and -t DETAIL_TYPE are required without -e' ]
}

@test "an empty -s or -t, or a -t over 128 characters, is refused" {
	run -2 --separate-stderr evput -s '' -t T <<<'{}'
	[[ $stderr == 'evput: InvalidArgument: Parameter Source is not valid. Reason: Source is a required argument.' ]]
	run -2 --separate-stderr evput -s my.app -t '' <<<'{}'
	[[ $stderr == 'evput: InvalidArgument: Parameter DetailType is not valid. Reason: DetailType is a required argument.' ]]
	run -2 --separate-stderr evput -s my.app -t "$(evb_repeat x 129)" <<<'{}'
	[[ $stderr == 'evput: InvalidArgument: Parameter DetailType is not valid. Reason: DetailType is longer than 128 characters.' ]]
	assert_output ''
}

@test "-d with input files is a usage error" {
	echo '{}' >a.ndjson
	run -2 --separate-stderr evput -s my.app -t T -d '{}' a.ndjson </dev/null
	assert_output ''
	[ "$stderr" = 'evput: -d and input files are exclusive' ]
}

@test "-e with -s, -t, -r, -d or --time is a usage error" {
	local a
	for a in '-s my.app' '-t T' '-r arn' '-d {}' '--time 1767225600'; do
		# shellcheck disable=SC2086
		run -2 --separate-stderr evput -e $a <<<'{}'
		assert_output ''
		[ "$stderr" = 'evput: -e takes the source, detail-type, resources, time and detail from each entry' ]
	done
}

@test "--keep without --claim-check is a usage error" {
	run -2 --separate-stderr evput -s my.app -t T --keep id <<<'{}'
	assert_output ''
	[ "$stderr" = 'evput: --keep needs --claim-check' ]
}

@test "a bad --time is a usage error" {
	local t
	for t in yesterday 2026-13-01T00:00:00Z 2026-02-29T00:00:00Z 2026-01-01T00:00:00 \
	    2026-01-01T24:00:00Z 2026-01-01T00:00:00+2:00 -1 '' 12ab; do
		run -2 --separate-stderr evput -s my.app -t T --time "$t" <<<'{}'
		assert_output ''
		[ "$stderr" = "evput: --time: $t: not an RFC 3339 time or epoch seconds" ]
	done
}

@test "a bad --max-size or --max-line is a usage error" {
	local s
	for s in 0 12Q -1 '' K 1.5K 99999999999999999999999; do
		run -2 --separate-stderr evput -s my.app -t T --max-size "$s" <<<'{}'
		assert_output ''
		[ "$stderr" = "evput: --max-size: $s: not a size" ]
		run -2 --separate-stderr evput -s my.app -t T --max-line "$s" <<<'{}'
		[ "$stderr" = "evput: --max-line: $s: not a size" ]
	done
}

@test "a bad --account or an empty --region is a usage error" {
	local a
	for a in 123 1234567890123 12345678901a '' ' 12345678901'; do
		run -2 --separate-stderr evput -s my.app -t T --account "$a" <<<'{}'
		assert_output ''
		[ "$stderr" = "evput: --account: $a: not a 12-digit account id" ]
	done
	run -2 --separate-stderr evput -s my.app -t T --region '' <<<'{}'
	[ "$stderr" = 'evput: --region: empty' ]
}
