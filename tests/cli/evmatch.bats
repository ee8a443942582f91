#!/usr/bin/env bats
# evmatch: select events by EventBridge event patterns, as grep selects
# lines.  Expected strings come from STYLE.md, evmatch(1) and the
# pattern-language reference (EventBridge's messages word for word).

bats_require_minimum_version 1.5.0
load common

setup() {
	cd "$BATS_TEST_TMPDIR"
}

PAGE="$EVB_TOP/man/evmatch.1"
REASON='Event pattern is not valid. Reason:'
SHOP='{"source":["shop"]}'
BIG='{"source":["shop"],"detail":{"total":[{"numeric":[">",100]}]}}'

# events: the three events of evmatch(1)'s EXAMPLES, in events.ndjson.
E1='{"source":"shop","detail":{"total":120,"currency":"EUR"}}'
E2='{"source":"shop","detail":{"total":"9.50","currency":"usd"}}'
E3='{"source":"auth","detail":{"user":"ann"}}'
events() {
	printf '%s\n' "$E1" "$E2" "$E3" >events.ndjson
}

# A whole event as TestEventPattern wants one.
TEV='{"version":"0","id":"1","detail-type":"OrderPlaced","source":"shop","account":"123456789012","time":"2026-11-26T09:00:00Z","region":"us-east-1","resources":[],"detail":{"total":120}}'

# ---------------------------------------------------------------------------
# Options, help, version, usage

@test "--help prints the usage and the options on stdout, exit 0" {
	run -0 --separate-stderr evmatch --help </dev/null
	[ -z "$stderr" ]
	assert_line --index 0 --regexp '^usage: evmatch '
	assert_output --partial '  -c, --count '
	assert_output --partial '  -q, --quiet '
	assert_output --partial '      --max-complexity NUM '
	assert_output --partial '  -V, --version'
}

@test "-h is --help" {
	run -0 --separate-stderr evmatch --help </dev/null
	local help=$output
	run -0 --separate-stderr evmatch -h </dev/null
	assert_output "$help"
}

@test "--version and -V print evmatch (evbus) 0.1.0" {
	run -0 --separate-stderr evmatch --version </dev/null
	assert_output 'evmatch (evbus) 0.1.0'
	[ -z "$stderr" ]
	run -0 --separate-stderr evmatch -V </dev/null
	assert_output 'evmatch (evbus) 0.1.0'
}

@test "a bad option: getopt's message and the usage on stderr, exit 2" {
	run -2 --separate-stderr evmatch -x "$SHOP" </dev/null
	assert_output ''
	[[ $stderr == *"invalid option -- 'x'"* ]]
	[[ $stderr == *'usage: evmatch [-cLlqv]'* ]]
	run -2 --separate-stderr evmatch --no-such-option "$SHOP" </dev/null
	assert_output ''
	[[ $stderr == *"unrecognized option '--no-such-option'"* ]]
	[[ $stderr == *'usage: evmatch '* ]]
}

@test "a missing option argument is a usage error" {
	local o
	for o in -m -f -r --rule --max-line; do
		run -2 --separate-stderr evmatch "$o" </dev/null
		assert_output ''
		[[ $stderr == *'requires an argument'* ]]
		[[ $stderr == *'usage: evmatch '* ]]
	done
}

@test "no pattern at all is a usage error" {
	run -2 --separate-stderr evmatch <<<"$E1"
	assert_output ''
	[[ $stderr == 'usage: evmatch '* ]]
}

@test "bad option arguments are named, exit 2" {
	run -2 --separate-stderr evmatch -m 0 "$SHOP" </dev/null
	[ "$stderr" = 'evmatch: -m 0: too small' ]
	run -2 --separate-stderr evmatch -m x "$SHOP" </dev/null
	[ "$stderr" = 'evmatch: -m x: invalid' ]
	run -2 --separate-stderr evmatch --max-depth 121 "$SHOP" </dev/null
	[ "$stderr" = 'evmatch: --max-depth 121: too large (1 to 120)' ]
	run -2 --separate-stderr evmatch --max-depth 0 "$SHOP" </dev/null
	[ "$stderr" = 'evmatch: --max-depth 0: too small (1 to 120)' ]
	run -2 --separate-stderr evmatch --max-line 0 "$SHOP" </dev/null
	[ "$stderr" = 'evmatch: --max-line 0: not a size' ]
	run -2 --separate-stderr evmatch --max-line 1Q "$SHOP" </dev/null
	[ "$stderr" = 'evmatch: --max-line 1Q: not a size' ]
	run -2 --separate-stderr evmatch --max-complexity -1 "$SHOP" </dev/null
	[ "$stderr" = 'evmatch: --max-complexity -1: too small' ]
	assert_output ''
}

@test "options that do not go together are refused" {
	echo "$SHOP" >p.json
	echo "{\"r\":$SHOP}" >rules.json
	run -2 --separate-stderr evmatch -f p.json -r rules.json </dev/null
	[ "$stderr" = 'evmatch: -f and -r are exclusive' ]
	run -2 --separate-stderr evmatch --rule r "$SHOP" </dev/null
	[ "$stderr" = 'evmatch: --rule needs -r' ]
	local pair
	for pair in '-c -q' '-l -L' '-c --annotate' '--annotate --explain' '-q --explain'; do
		# shellcheck disable=SC2086
		run -2 --separate-stderr evmatch $pair "$SHOP" </dev/null
		[ "$stderr" = 'evmatch: -c, -L, -l, -q, --annotate and --explain are exclusive' ]
	done
	run -2 --separate-stderr evmatch -v --annotate "$SHOP" </dev/null
	[ "$stderr" = 'evmatch: -v does not go with --annotate or --explain' ]
	assert_output ''
}

@test "--help, the usage line and the SYNOPSIS list the same options in order" {
	run -0 evb_check_opts evmatch "$PAGE"
}

# ---------------------------------------------------------------------------
# Where the pattern comes from

@test "the pattern as first operand: matches are written, exit 0" {
	events
	run -0 --separate-stderr evmatch "$BIG" events.ndjson </dev/null
	assert_output "$E1"
	[ -z "$stderr" ]
}

@test "nothing selected: no output, exit 1" {
	events
	run -1 --separate-stderr evmatch '{"source":["nobody"]}' events.ndjson </dev/null
	assert_output ''
	[ -z "$stderr" ]
}

@test "no operand after the pattern reads standard input" {
	events
	run -0 --separate-stderr evmatch "$SHOP" <events.ndjson
	assert_output "$(printf '%s\n' "$E1" "$E2")"
}

@test "-f FILE: one pattern over many lines" {
	events
	printf '{\n  "source": [ "shop" ],\n  "detail": {\n    "total": [ { "numeric": [ ">", 100 ] } ]\n  }\n}\n' >p.json
	run -0 --separate-stderr evmatch -f p.json events.ndjson </dev/null
	assert_output "$E1"
	run -0 --separate-stderr evmatch --file=p.json <events.ndjson
	assert_output "$E1"
}

@test "-f -: the pattern from standard input, events from the files" {
	events
	run -0 --separate-stderr evmatch -f - events.ndjson <<<"$BIG"
	assert_output "$E1"
}

@test "-f with a missing or invalid pattern file: exit 2 before reading" {
	events
	run -2 --separate-stderr evmatch -f nosuch.json events.ndjson </dev/null
	assert_output ''
	[ "$stderr" = 'evmatch: nosuch.json: No such file or directory' ]
	echo '{"source":[{"prefix":1}]}' >p.json
	run -2 --separate-stderr evmatch -f p.json events.ndjson </dev/null
	assert_output ''
	[ "$stderr" = "evmatch: p.json: $REASON prefix match pattern must be a string" ]
}

@test "an invalid pattern: EventBridge's reason, exit 2, no event read" {
	run -2 --separate-stderr evmatch '{"source":"shop"}' <<<"$E1"
	assert_output ''
	[ "$stderr" = "evmatch: $REASON \"source\" must be an object or an array" ]
	run -2 --separate-stderr evmatch '{"n":[{"numeric":[">",0,">",0]}]}' <<<"$E1"
	[ "$stderr" = "evmatch: $REASON Bad numeric range operator: >" ]
	run -2 --separate-stderr evmatch '["source"]' <<<"$E1"
	[ "$stderr" = "evmatch: $REASON Filter is not an object" ]
	assert_output ''
}

@test "a pattern that is not JSON, and one over 4096 characters" {
	run -2 --separate-stderr evmatch 'this is not json' <<<"$E1"
	assert_output ''
	[[ $stderr == "evmatch: $REASON invalid JSON: "* ]]
	run -2 --separate-stderr evmatch "{\"a\":[\"$(evb_repeat x 5000)\"]}" <<<"$E1"
	[ "$stderr" = "evmatch: $REASON The event pattern is longer than 4096 characters" ]
}

# ---------------------------------------------------------------------------
# -r: rules files in every shape

# The rules of these tests: ra selects source a, rb source b, rc source c.
abc() {
	printf '%s\n' '{"source":"a","n":1}' '{"source":"b","n":2}' '{"source":"c","n":3}' >ev.ndjson
}

@test "-r: a JSON object from names to patterns, in any layout" {
	abc
	printf '{\n  "ra": {"source": ["a"]},\n\n  "rc": {\n    "source": ["c"]\n  }\n}\n' >rules.json
	run -0 --separate-stderr evmatch -r rules.json ev.ndjson </dev/null
	assert_output "$(printf '%s\n' '{"source":"a","n":1}' '{"source":"c","n":3}')"
	[ -z "$stderr" ]
	run -0 --separate-stderr evmatch --rules=rules.json --annotate ev.ndjson </dev/null
	assert_line --index 1 '{"matched-rules":["rc"],"event":{"source":"c","n":3}}'
}

@test "-r: a one-line JSON object followed by blank lines is not NDJSON" {
	abc
	printf '{"ra":{"source":["a"]},"rb":{"source":["b"]}}\n\n\n' >rules.json
	run -0 --separate-stderr evmatch -r rules.json ev.ndjson </dev/null
	assert_output "$(printf '%s\n' '{"source":"a","n":1}' '{"source":"b","n":2}')"
	[ -z "$stderr" ]
}

@test "-r: NDJSON, one {\"name\",\"pattern\"} per line, blank lines skipped" {
	abc
	cat >rules.ndjson <<-'EOF'

	{"name":"ra","pattern":{"source":["a"]}}

	{"name":"rc","pattern":"{\"source\":[\"c\"]}"}
	EOF
	run -0 --separate-stderr evmatch -r rules.ndjson --annotate ev.ndjson </dev/null
	assert_output "$(printf '%s\n' '{"matched-rules":["ra"],"event":{"source":"a","n":1}}' '{"matched-rules":["rc"],"event":{"source":"c","n":3}}')"
}

@test "-r: the AWS CLI's describe-rule output, EventPattern a string" {
	abc
	cat >rule.json <<-'EOF'
	{
	    "Name": "rb",
	    "Arn": "arn:aws:events:us-east-1:123456789012:rule/rb",
	    "EventPattern": "{\"source\":[\"b\"]}",
	    "State": "ENABLED",
	    "EventBusName": "default",
	    "CreatedBy": "123456789012"
	}
	EOF
	run -0 --separate-stderr evmatch -r rule.json --annotate ev.ndjson </dev/null
	assert_output '{"matched-rules":["rb"],"event":{"source":"b","n":2}}'
}

@test "-r: a JSON array of AWS CLI rules" {
	abc
	cat >rules.json <<-'EOF'
	[
	  {"Name": "rc", "EventPattern": "{\"source\":[\"c\"]}"},
	  {"Name": "ra", "EventPattern": "{\"source\":[\"a\"]}", "State": "ENABLED"}
	]
	EOF
	run -0 --separate-stderr evmatch -r rules.json --annotate ev.ndjson </dev/null
	assert_output "$(printf '%s\n' '{"matched-rules":["ra"],"event":{"source":"a","n":1}}' '{"matched-rules":["rc"],"event":{"source":"c","n":3}}')"
}

@test "-r: the AWS CLI's list-rules output, {\"Rules\":[...]}" {
	abc
	cat >rules.json <<-'EOF'
	{
	    "Rules": [
	        {
	            "Name": "ra",
	            "Arn": "arn:aws:events:us-east-1:123456789012:rule/ra",
	            "EventPattern": "{\"source\":[\"a\"]}",
	            "State": "ENABLED",
	            "EventBusName": "default"
	        },
	        {
	            "Name": "rb",
	            "EventPattern": "{\"source\":[\"b\"]}",
	            "State": "ENABLED"
	        }
	    ]
	}
	EOF
	run -0 --separate-stderr evmatch -r rules.json -c ev.ndjson </dev/null
	assert_output 2
}

@test "-r -: rules from standard input" {
	abc
	run -0 --separate-stderr evmatch -r - ev.ndjson <<<'{"rb":{"source":["b"]}}'
	assert_output '{"source":"b","n":2}'
}

@test "-r: rule names are 1 to 64 of A-Z a-z 0-9 . - _" {
	abc
	local n64 n65
	n64=$(evb_repeat x 64)
	n65=$(evb_repeat x 65)
	echo "{\"$n64\":{\"source\":[\"a\"]},\"A.b-c_9\":{\"source\":[\"b\"]}}" >ok.json
	run -0 --separate-stderr evmatch -r ok.json --annotate ev.ndjson </dev/null
	assert_output "$(printf '%s\n' "{\"matched-rules\":[\"$n64\"],\"event\":{\"source\":\"a\",\"n\":1}}" '{"matched-rules":["A.b-c_9"],"event":{"source":"b","n":2}}')"
	local bad
	for bad in "$n65" 'a b' '' 'r/1' 'é'; do
		echo "{\"$bad\":{\"source\":[\"a\"]}}" >bad.json
		run -2 --separate-stderr evmatch -r bad.json ev.ndjson </dev/null
		assert_output ''
		[ "$stderr" = "evmatch: bad.json: rule name \"$bad\": must be 1 to 64 characters of A-Z a-z 0-9 . - _" ]
	done
}

@test "-r: a name defined twice is refused, with its line in NDJSON" {
	abc
	echo '{"ra":{"source":["a"]},"ra":{"source":["b"]}}' >dup.json
	run -2 --separate-stderr evmatch -r dup.json ev.ndjson </dev/null
	assert_output ''
	[ "$stderr" = 'evmatch: dup.json: rule ra: defined twice' ]
	printf '%s\n' '{"name":"ra","pattern":{"source":["a"]}}' '{"name":"rb","pattern":{"source":["b"]}}' '{"Name":"ra","EventPattern":"{\"source\":[\"c\"]}"}' >dup.ndjson
	run -2 --separate-stderr evmatch -r dup.ndjson ev.ndjson </dev/null
	[ "$stderr" = 'evmatch: dup.ndjson:3: rule ra: defined twice' ]
}

@test "-r: a bad rule is named, with EventBridge's reason" {
	abc
	printf '%s\n' '{"name":"ra","pattern":{"source":["a"]}}' '{"name":"rb","pattern":{"source":[{"anything-but":null}]}}' >bad.ndjson
	run -2 --separate-stderr evmatch -r bad.ndjson ev.ndjson </dev/null
	assert_output ''
	[ "$stderr" = "evmatch: bad.ndjson:2: rule rb: $REASON Value of anything-but must be an array or single string/number value." ]
	echo '{"ra":{"source":"a"}}' >bad.json
	run -2 --separate-stderr evmatch -r bad.json ev.ndjson </dev/null
	[ "$stderr" = "evmatch: bad.json: rule ra: $REASON \"source\" must be an object or an array" ]
	echo '{"Name":"ra","EventPattern":"{\"source\":[]}"}' >bad.json
	run -2 --separate-stderr evmatch -r bad.json ev.ndjson </dev/null
	[ "$stderr" = "evmatch: bad.json: rule ra: $REASON Empty arrays are not allowed" ]
}

@test "-r: files that hold no rules" {
	echo 42 >num.json
	run -2 --separate-stderr evmatch -r num.json </dev/null
	[ "$stderr" = 'evmatch: num.json: not a rules file: a JSON number' ]
	echo '[{"pattern":{"source":["a"]}}]' >noname.json
	run -2 --separate-stderr evmatch -r noname.json </dev/null
	[ "$stderr" = 'evmatch: noname.json: a rule needs a "Name" and an "EventPattern" (or "name" and "pattern")' ]
	echo '[{"Name":"r1"}]' >nopat.json
	run -2 --separate-stderr evmatch -r nopat.json </dev/null
	[ "$stderr" = 'evmatch: nopat.json: rule r1: no event pattern (an object, or a string holding one)' ]
	echo '{"r1":' >broken.json
	run -2 --separate-stderr evmatch -r broken.json </dev/null
	[[ $stderr == 'evmatch: broken.json: invalid JSON: '* ]]
	run -2 --separate-stderr evmatch -r nosuch.json </dev/null
	[ "$stderr" = 'evmatch: nosuch.json: No such file or directory' ]
	assert_output ''
}

@test "-r: a DISABLED rule is checked but never matches" {
	abc
	cat >rules.json <<-'EOF'
	[
	  {"Name": "ra", "EventPattern": "{\"source\":[\"a\"]}", "State": "DISABLED"},
	  {"Name": "rb", "EventPattern": "{\"source\":[\"b\"]}", "State": "ENABLED"},
	  {"Name": "any", "EventPattern": "{\"source\":[{\"prefix\":\"\"}]}", "State": "DISABLED"}
	]
	EOF
	run -0 --separate-stderr evmatch -r rules.json --annotate ev.ndjson </dev/null
	assert_output '{"matched-rules":["rb"],"event":{"source":"b","n":2}}'
	run -1 --separate-stderr evmatch -r rules.json --rule ra ev.ndjson </dev/null
	assert_output ''
	[ "$stderr" = 'evmatch: --rule ra: the rule is DISABLED and matches nothing' ]
	echo '[{"Name":"ra","EventPattern":"{\"source\":\"a\"}","State":"DISABLED"}]' >bad.json
	run -2 --separate-stderr evmatch -r bad.json ev.ndjson </dev/null
	[ "$stderr" = "evmatch: bad.json: rule ra: $REASON \"source\" must be an object or an array" ]
}

@test "--rule NAME uses that rule only; the others are still checked" {
	abc
	echo '{"ra":{"source":["a"]},"rc":{"source":["c"]}}' >rules.json
	run -0 --separate-stderr evmatch -r rules.json --rule rc ev.ndjson </dev/null
	assert_output '{"source":"c","n":3}'
	run -0 --separate-stderr evmatch -r rules.json --rule=ra --annotate ev.ndjson </dev/null
	assert_output '{"matched-rules":["ra"],"event":{"source":"a","n":1}}'
	run -2 --separate-stderr evmatch -r rules.json --rule rb ev.ndjson </dev/null
	assert_output ''
	[ "$stderr" = 'evmatch: --rule rb: no such rule' ]
	echo '{"ra":{"source":["a"]},"rc":{"source":"c"}}' >bad.json
	run -2 --separate-stderr evmatch -r bad.json --rule ra ev.ndjson </dev/null
	[ "$stderr" = "evmatch: bad.json: rule rc: $REASON \"source\" must be an object or an array" ]
}

# ---------------------------------------------------------------------------
# Output: the line as read

@test "a selected event is written byte for byte: spacing, key order, escapes, numbers" {
	local line='{ "z" : 1.50,"source":"shop" ,"a":[1E3, -0.0, 12345678901234567890],"u":"\u00e9\ud83d\ude00\/","t":"caf'$'\xc3\xa9''" }	'
	printf '%s\n' "$line" >in.ndjson
	printf '%s\n' "$line" >want
	evmatch "$SHOP" in.ndjson >got </dev/null
	cmp want got
}

@test "CRLF: the CR is not copied; a last line without a newline gets one" {
	printf '%s\r\n%s' "$E1" "$E2" >crlf.ndjson
	evmatch "$SHOP" crlf.ndjson >got </dev/null
	printf '%s\n' "$E1" "$E2" >want
	cmp want got
}

@test "blank lines are skipped but counted" {
	printf '\n%s\n \t\n\r\n{bad shop\n' "$E1" >blank.ndjson
	run -2 --separate-stderr evmatch "$SHOP" blank.ndjson </dev/null
	assert_output "$E1"
	[[ $stderr == 'evmatch: blank.ndjson:5: invalid JSON: '* ]]
}

# ---------------------------------------------------------------------------
# grep's output modes

@test "-v selects the events that match no rule" {
	events
	run -0 --separate-stderr evmatch -v "$SHOP" events.ndjson </dev/null
	assert_output "$E3"
	run -0 --separate-stderr evmatch --invert-match "$BIG" events.ndjson </dev/null
	assert_output "$(printf '%s\n' "$E2" "$E3")"
	run -1 --separate-stderr evmatch -v '{"source":[{"prefix":""}]}' events.ndjson </dev/null
	assert_output ''
}

@test "-v: a line that is not an event is never selected, exit 2" {
	printf '%s\n' "$E3" '{"source":"x",' '[]' >in.ndjson
	run -2 --separate-stderr evmatch -v "$SHOP" in.ndjson </dev/null
	assert_output "$E3"
	[[ ${stderr_lines[0]} == 'evmatch: in.ndjson:2: invalid JSON: '* ]]
	[ "${stderr_lines[1]}" = 'evmatch: in.ndjson:3: event is not a JSON object' ]
}

@test "-c: the count of one file, alone" {
	events
	run -0 --separate-stderr evmatch -c "$SHOP" events.ndjson </dev/null
	assert_output 2
	run -0 --separate-stderr evmatch --count "$SHOP" <events.ndjson
	assert_output 2
	run -1 --separate-stderr evmatch -c '{"source":["nobody"]}' events.ndjson </dev/null
	assert_output 0
	run -0 --separate-stderr evmatch -c -v "$SHOP" events.ndjson </dev/null
	assert_output 1
}

@test "-c with several files: file:count, standard input named" {
	events
	printf '%s\n' "$E3" >auth.ndjson
	run -0 --separate-stderr evmatch -c "$SHOP" events.ndjson auth.ndjson - <events.ndjson
	assert_output "$(printf '%s\n' events.ndjson:2 auth.ndjson:0 '(standard input):2')"
	run -1 --separate-stderr evmatch -c "$SHOP" auth.ndjson auth.ndjson </dev/null
	assert_output "$(printf '%s\n' auth.ndjson:0 auth.ndjson:0)"
}

@test "-l names the files with a selected event and stops reading each" {
	events
	printf '%s\n' "$E3" >auth.ndjson
	printf '%s\n' "$E1" '{"source":"shop",broken' >stop.ndjson
	run -0 --separate-stderr evmatch -l "$SHOP" events.ndjson auth.ndjson stop.ndjson - <events.ndjson
	assert_output "$(printf '%s\n' events.ndjson stop.ndjson '(standard input)')"
	[ -z "$stderr" ]
	run -1 --separate-stderr evmatch --files-with-matches "$SHOP" auth.ndjson </dev/null
	assert_output ''
}

@test "-L names the files without one; the status still tells whether any was selected" {
	events
	printf '%s\n' "$E3" >auth.ndjson
	run -0 --separate-stderr evmatch -L "$SHOP" events.ndjson auth.ndjson </dev/null
	assert_output auth.ndjson
	run -1 --separate-stderr evmatch --files-without-match '{"source":["nobody"]}' events.ndjson auth.ndjson </dev/null
	assert_output "$(printf '%s\n' events.ndjson auth.ndjson)"
	run -0 --separate-stderr evmatch -L "$SHOP" events.ndjson </dev/null
	assert_output ''
}

@test "-q: nothing written, exit 0 at the first match even with errors after it" {
	events
	printf '%s\n' "$E1" '{"source":"shop",broken' >qa.ndjson
	run -0 --separate-stderr evmatch -q "$SHOP" qa.ndjson missing.ndjson </dev/null
	assert_output ''
	[ -z "$stderr" ]
	run -0 --separate-stderr evmatch --quiet "$SHOP" missing.ndjson events.ndjson </dev/null
	assert_output ''
	[ "$stderr" = 'evmatch: missing.ndjson: No such file or directory' ]
	run -0 --separate-stderr evmatch --silent "$SHOP" events.ndjson </dev/null
	assert_output ''
}

@test "-q: no match is 1, but trouble without a match is 2" {
	events
	run -1 --separate-stderr evmatch -q '{"source":["nobody"]}' events.ndjson </dev/null
	assert_output ''
	run -2 --separate-stderr evmatch -q '{"source":["nobody"]}' events.ndjson missing.ndjson </dev/null
	assert_output ''
	[ "$stderr" = 'evmatch: missing.ndjson: No such file or directory' ]
}

@test "-q exits at the first match without waiting for the end of input" {
	mkfifo in
	evmatch -q "$SHOP" <in >out 2>err 3>&- &
	local pid=$! rc=0 i=0
	exec 8>in
	printf '%s\n' "$E3" "$E1" >&8
	# The writer keeps the FIFO open: evmatch must end by itself.
	while kill -0 "$pid" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -le 50 ] || { kill "$pid"; exec 8>&-; false; }
		sleep 0.1
	done
	wait "$pid" || rc=$?
	exec 8>&-
	[ "$rc" -eq 0 ]
	[ ! -s out ]
	[ ! -s err ]
}

@test "-m NUM stops reading a file after NUM selected events" {
	events
	printf '%s\n' "$E1" "$E2" '{"source":"shop",broken' >m.ndjson
	run -0 --separate-stderr evmatch -m 2 "$SHOP" m.ndjson events.ndjson </dev/null
	assert_output "$(printf '%s\n' "$E1" "$E2" "$E1" "$E2")"
	[ -z "$stderr" ]
	run -0 --separate-stderr evmatch --max-count=1 "$SHOP" m.ndjson </dev/null
	assert_output "$E1"
	run -0 --separate-stderr evmatch -m 1 -c "$SHOP" m.ndjson events.ndjson </dev/null
	assert_output "$(printf '%s\n' m.ndjson:1 events.ndjson:1)"
}

# ---------------------------------------------------------------------------
# --annotate

@test "--annotate: {\"matched-rules\":[...],\"event\":...}, rules in file order" {
	cat >rules.json <<-'EOF'
	{
	  "z-last-name": {"source": ["shop"]},
	  "big": {"detail": {"total": [{"numeric": [">", 100]}]}},
	  "auth": {"source": ["auth"]},
	  "any": {"source": [{"prefix": ""}]}
	}
	EOF
	local line='{"detail" : {"total":1.2e2},  "source":"shop"}'
	printf '%s\n' "$line" "$E2" >in.ndjson
	run -0 --separate-stderr evmatch --annotate -r rules.json in.ndjson </dev/null
	assert_line --index 0 "{\"matched-rules\":[\"z-last-name\",\"big\",\"any\"],\"event\":$line}"
	assert_line --index 1 "{\"matched-rules\":[\"z-last-name\",\"any\"],\"event\":$E2}"
	[ "${#lines[@]}" -eq 2 ]
}

@test "--annotate: only events that match a rule; a single pattern is rule \"pattern\"" {
	events
	run -0 --separate-stderr evmatch --annotate "$BIG" events.ndjson </dev/null
	assert_output "{\"matched-rules\":[\"pattern\"],\"event\":$E1}"
	run -1 --separate-stderr evmatch --annotate '{"source":["nobody"]}' events.ndjson </dev/null
	assert_output ''
}

# ---------------------------------------------------------------------------
# --test

@test "--test: {\"Result\":true} and 0, {\"Result\":false} and 1" {
	run -0 --separate-stderr evmatch --test '{"detail-type":[{"wildcard":"Order*"}]}' "$TEV" </dev/null
	assert_output '{"Result":true}'
	[ -z "$stderr" ]
	run -1 --separate-stderr evmatch --test '{"source":["auth"]}' "$TEV" </dev/null
	assert_output '{"Result":false}'
	[ -z "$stderr" ]
}

@test "--test: resources and detail may be missing, detail-type may be an array" {
	run -0 --separate-stderr evmatch --test '{"source":["s"]}' \
	    '{"id":"1","account":"1","source":"s","time":"t","region":"r","detail-type":["a","b"]}' </dev/null
	assert_output '{"Result":true}'
}

@test "--test: an event TestEventPattern refuses is a ValidationException, exit 2" {
	local e
	for e in '"a string"' '[1]' '{"id":"1","source":"shop"}' \
	    '{"account":"1","source":"s","time":"t","region":"r","detail-type":"d"}' \
	    '{"id":"1","account":"1","source":"s","time":"t","region":"r","detail-type":"d"' ''; do
		run -2 --separate-stderr evmatch --test "$SHOP" "$e" </dev/null
		assert_output ''
		[ "$stderr" = 'evmatch: ValidationException: Parameter Event is not valid.' ]
	done
}

@test "--test: an invalid pattern is reported as by PutRule" {
	run -2 --separate-stderr evmatch --test '{"source":[{"EXISTS":true}]}' "$TEV" </dev/null
	assert_output ''
	[ "$stderr" = "evmatch: $REASON Unrecognized match type EXISTS" ]
}

@test "--test takes exactly one pattern operand and one event" {
	run -2 --separate-stderr evmatch --test "$SHOP" </dev/null
	[[ $stderr == 'usage: evmatch '* ]]
	run -2 --separate-stderr evmatch --test "$SHOP" "$TEV" "$TEV" </dev/null
	[[ $stderr == 'usage: evmatch '* ]]
	echo "{\"r\":$SHOP}" >rules.json
	run -2 --separate-stderr evmatch --test -r rules.json "$TEV" </dev/null
	[[ $stderr == 'usage: evmatch '* ]]
	assert_output ''
}

# ---------------------------------------------------------------------------
# --check

@test "--check: a valid pattern is silent, exit 0, and no input is read" {
	run -0 --separate-stderr evmatch --check "$BIG" </dev/null
	assert_output ''
	[ -z "$stderr" ]
	# Reading standard input would never end.
	run -0 --separate-stderr sh -c 'yes "$1" | timeout 5 evmatch --check "$2"' sh "$E1" "$BIG"
	assert_output ''
}

@test "--check: an invalid pattern gives AWS's message and 2" {
	run -2 --separate-stderr evmatch --check '{"source":[{"prefix":["a"]}]}' </dev/null
	assert_output ''
	[ "$stderr" = "evmatch: $REASON prefix match pattern must be a string" ]
	run -2 --separate-stderr evmatch --check '{"f":[{"wildcard":"arn:aws:events:us-east-1:**:event-bus/*"}]}' </dev/null
	[ "$stderr" = "evmatch: $REASON Consecutive wildcard characters at pos 26" ]
	run -2 --separate-stderr evmatch --check '{"ip":[{"cidr":"xx.11.xx/8"}]}' </dev/null
	[ "$stderr" = "evmatch: $REASON Nonstandard IP address: xx.11.xx" ]
}

@test "--check with -f and -r, and with a file operand" {
	echo "$BIG" >p.json
	run -0 --separate-stderr evmatch --check -f p.json </dev/null
	assert_output ''
	printf '%s\n' "{\"name\":\"ok\",\"pattern\":$BIG}" '{"name":"bad","pattern":{"a":[{"numeric":["<",1,2]}]}}' >rules.ndjson
	run -2 --separate-stderr evmatch --check -r rules.ndjson </dev/null
	[ "$stderr" = "evmatch: rules.ndjson:2: rule bad: $REASON Too many elements in numeric expression" ]
	events
	run -2 --separate-stderr evmatch --check "$BIG" events.ndjson </dev/null
	[[ $stderr == 'usage: evmatch '* ]]
}

# ---------------------------------------------------------------------------
# --explain

@test "--explain: a missing field, with the key that could be meant" {
	printf '%s\n' '{"source":"shop","detail":{"Total":120}}' >in.ndjson
	run -1 --separate-stderr evmatch --explain "$BIG" in.ndjson </dev/null
	assert_output "$(printf '%s\n' 'in.ndjson:1: rule pattern: no match' \
	    '    detail.total: FAILED, missing; did you mean "detail.Total"?' \
	    '    source: ok, "shop" matches ["shop"]')"
	[ -z "$stderr" ]
}

@test "--explain: a value of the wrong type gets a hint; a match is 0" {
	events
	run -0 --separate-stderr evmatch --explain "$BIG" events.ndjson </dev/null
	assert_output "$(printf '%s\n' 'events.ndjson:1: rule pattern: match' \
	    '    detail.total: ok, 120 matches [{"numeric":[">",100]}]' \
	    '    source: ok, "shop" matches ["shop"]' \
	    'events.ndjson:2: rule pattern: no match' \
	    '    detail.total: FAILED, "9.50" matches none of [{"numeric":[">",100]}] (numeric compares numbers; this is a string)' \
	    '    source: ok, "shop" matches ["shop"]' \
	    'events.ndjson:3: rule pattern: no match' \
	    '    detail.total: FAILED, missing' \
	    '    source: FAILED, "auth" matches none of ["shop"]')"
}

@test "--explain: every field matches, but not within one array element" {
	printf '%s\n' '{"detail":{"employees":[{"first":"Anna","last":"Smith"},{"first":"Peter","last":"Jones"}]}}' >in.ndjson
	run -1 --separate-stderr evmatch --explain '{"detail":{"employees":{"first":["Anna"],"last":["Jones"]}}}' in.ndjson </dev/null
	assert_output "$(printf '%s\n' 'in.ndjson:1: rule pattern: no match' \
	    '    detail.employees.first: ok, "Anna" matches ["Anna"]' \
	    '    detail.employees.last: ok, "Jones" matches ["Jones"]' \
	    '    every field matches, but not within one element of the same array')"
}

@test "--explain: one block per \$or combination" {
	printf '%s\n' '{"source":"shop","detail":{"b":2}}' >in.ndjson
	run -0 --separate-stderr evmatch --explain '{"source":["shop"],"$or":[{"detail":{"a":[1]}},{"detail":{"b":[2]}}]}' in.ndjson </dev/null
	assert_output "$(printf '%s\n' 'in.ndjson:1: rule pattern: match' \
	    '  $or combination 1 of 2: no match' \
	    '    detail.a: FAILED, missing; did you mean "detail.b"?' \
	    '    source: ok, "shop" matches ["shop"]' \
	    '  $or combination 2 of 2: match' \
	    '    detail.b: ok, 2 matches [2]' \
	    '    source: ok, "shop" matches ["shop"]')"
}

@test "--explain: an object where a leaf is wanted, exists:false, and rules by name" {
	printf '%s\n' '{"detail":{"a":{"b":1}}}' >in.ndjson
	echo '{"obj":{"detail":{"a":[{"exists":true}]}},"gone":{"detail":{"z":[{"exists":false}]}}}' >rules.json
	run -0 --separate-stderr evmatch --explain -r rules.json in.ndjson </dev/null
	assert_output "$(printf '%s\n' 'in.ndjson:1: rule obj: no match' \
	    '    detail.a: FAILED, holds an object, and exists and values apply to leaves only' \
	    'in.ndjson:1: rule gone: match' \
	    '    detail.z: ok, absent as {"exists":false} wants')"
	run -1 --separate-stderr evmatch --explain -r rules.json --rule obj in.ndjson </dev/null
	assert_line --index 0 'in.ndjson:1: rule obj: no match'
	[ "${#lines[@]}" -eq 2 ]
}

@test "--explain: a line that is not an event is reported, and the status is 2" {
	printf '%s\n' '{"source":"shop",' "$E1" '[]' >in.ndjson
	run -2 --separate-stderr evmatch --explain "$SHOP" in.ndjson </dev/null
	assert_output "$(printf '%s\n' 'in.ndjson:2: rule pattern: match' \
	    '    source: ok, "shop" matches ["shop"]')"
	[[ ${stderr_lines[0]} == 'evmatch: in.ndjson:1: invalid JSON: '* ]]
	# The wording differs from the matcher's ("event is not a JSON object").
	[[ ${stderr_lines[1]} == 'evmatch: in.ndjson:3: event is '*' object' ]]
}

# ---------------------------------------------------------------------------
# Lines that are not events

@test "malformed lines: FILE:LINE: reason, skipped, the stream goes on, exit 2" {
	printf '%s\n' "$E1" '{"source":"shop",bad}' '[{"source":"shop"}]' \
	    '"shop"' '{"source":"shop"}}' "$E2" >bad.ndjson
	run -2 --separate-stderr evmatch "$SHOP" bad.ndjson </dev/null
	assert_output "$(printf '%s\n' "$E1" "$E2")"
	[ "${stderr_lines[0]}" = 'evmatch: bad.ndjson:2: invalid JSON: invalid char in json text at column 18' ]
	[ "${stderr_lines[1]}" = 'evmatch: bad.ndjson:3: event is not a JSON object' ]
	[ "${stderr_lines[2]}" = 'evmatch: bad.ndjson:4: event is not a JSON object' ]
	[[ ${stderr_lines[3]} == 'evmatch: bad.ndjson:5: invalid JSON: '* ]]
	[ "${#stderr_lines[@]}" -eq 4 ]
}

@test "a NUL byte and invalid UTF-8: reported, skipped, exit 2" {
	printf '%s\n{"source":"shop","x":"a\0b"}\n{"source":"shop","x":"\xff\xfe"}\n{"source":"shop","x":"\xc0\xaf"}\n%s\n' "$E1" "$E2" >bin.ndjson
	run -2 --separate-stderr evmatch "$SHOP" bin.ndjson </dev/null
	assert_output "$(printf '%s\n' "$E1" "$E2")"
	[ "${stderr_lines[0]}" = 'evmatch: bin.ndjson:2: NUL byte in line' ]
	[ "${stderr_lines[1]}" = 'evmatch: bin.ndjson:3: invalid UTF-8 in a string at column 23' ]
	[[ ${stderr_lines[2]} == 'evmatch: bin.ndjson:4: invalid UTF-8'* ]]
}

@test "standard input is (standard input) in messages; line numbers restart per file" {
	printf '%s\n' '{"source":"shop",' >a.ndjson
	printf '\n\n%s\n' '{"source":"shop",' >b.ndjson
	run -2 --separate-stderr evmatch "$SHOP" a.ndjson - b.ndjson <<<'["shop"]'
	assert_output ''
	[[ ${stderr_lines[0]} == 'evmatch: a.ndjson:1: invalid JSON: '* ]]
	[ "${stderr_lines[1]}" = 'evmatch: (standard input):1: event is not a JSON object' ]
	[[ ${stderr_lines[2]} == 'evmatch: b.ndjson:3: invalid JSON: '* ]]
}

@test "a broken line that cannot match is not parsed, unless --no-skip or -v" {
	# evmatch(1), CAVEATS: lines holding none of the strings every rule
	# needs are skipped unparsed.
	printf '%s\n' '{"source":"auth",' "$E1" >in.ndjson
	run -0 --separate-stderr evmatch "$SHOP" in.ndjson </dev/null
	assert_output "$E1"
	[ -z "$stderr" ]
	run -2 --separate-stderr evmatch --no-skip "$SHOP" in.ndjson </dev/null
	assert_output "$E1"
	[[ $stderr == 'evmatch: in.ndjson:1: invalid JSON: '* ]]
	run -2 --separate-stderr evmatch -v '{"source":["nobody"]}' in.ndjson </dev/null
	assert_output "$E1"
	[[ $stderr == 'evmatch: in.ndjson:1: invalid JSON: '* ]]
}

@test "--max-line: the longest line accepted, CR not counted; longer ones reported" {
	local l32 l33
	l32=$(printf '{"source":"shop","p":"%s"}' "$(evb_repeat x 8)")
	l33=$(printf '{"source":"shop","p":"%s"}' "$(evb_repeat x 9)")
	[ "${#l32}" -eq 32 ]
	printf '%s\r\n%s\n%s\n' "$l32" "$l33" "$l32" >edge.ndjson
	run -2 --separate-stderr evmatch --max-line 32 "$SHOP" edge.ndjson </dev/null
	assert_output "$(printf '%s\n' "$l32" "$l32")"
	[ "$stderr" = 'evmatch: edge.ndjson:2: line longer than 32 bytes' ]
}

@test "a line of megabytes is skipped without being kept, the next one read" {
	{
		echo "$E1"
		printf '{"source":"shop","pad":"'
		evb_repeat x 3000000
		printf '"}\n%s' "$E2"
	} >huge.ndjson
	run -2 --separate-stderr evmatch --max-line 1K "$SHOP" huge.ndjson </dev/null
	assert_output "$(printf '%s\n' "$E1" "$E2")"
	[ "$stderr" = 'evmatch: huge.ndjson:2: line longer than 1024 bytes' ]
}

@test "the default --max-line is 1 MiB" {
	{
		printf '{"source":"shop","p":"%s"}\n' "$(evb_repeat x 1048552)"
		printf '{"source":"shop","p":"%s"}\n' "$(evb_repeat x 1048553)"
	} >mib.ndjson
	[ "$(head -n 1 mib.ndjson | wc -c)" -eq 1048577 ]
	run -2 --separate-stderr evmatch "$SHOP" mib.ndjson </dev/null
	[ "${#lines[@]}" -eq 1 ]
	[ "$stderr" = 'evmatch: mib.ndjson:2: line longer than 1048576 bytes' ]
}

@test "nesting deeper than --max-depth is not an event" {
	printf '%s\n' '{"d":{"e":[1]}}' '{"d":{"e":[[1]]}}' '{"d":{"e":[1]}}' >deep.ndjson
	run -2 --separate-stderr evmatch --max-depth 3 '{"d":{"e":[1]}}' deep.ndjson </dev/null
	assert_output "$(printf '%s\n' '{"d":{"e":[1]}}' '{"d":{"e":[1]}}')"
	[ "$stderr" = 'evmatch: deep.ndjson:2: invalid JSON: nesting deeper than 3 levels at column 12' ]
}

@test "the default --max-depth is 100" {
	local o c
	o=$(evb_repeat '[' 99)
	c=$(evb_repeat ']' 99)
	printf '{"d":%s1%s}\n{"d":[%s1%s]}\n' "$o" "$c" "$o" "$c" >deep.ndjson
	run -2 --separate-stderr evmatch '{"d":[1]}' deep.ndjson </dev/null
	assert_output "$(head -n 1 deep.ndjson)"
	[[ $stderr == 'evmatch: deep.ndjson:2: invalid JSON: nesting deeper than 100 levels'* ]]
	run -0 --separate-stderr evmatch --max-depth 120 '{"d":[1]}' deep.ndjson </dev/null
	[ "${#lines[@]}" -eq 2 ]
}

# ---------------------------------------------------------------------------
# Operands

@test "- is standard input, files are read in order" {
	printf '%s\n' '{"source":"shop","f":"a"}' >a.ndjson
	printf '%s\n' '{"source":"shop","f":"b"}' >b.ndjson
	run -0 --separate-stderr evmatch "$SHOP" a.ndjson - b.ndjson <<<'{"source":"shop","f":"stdin"}'
	assert_output "$(printf '%s\n' '{"source":"shop","f":"a"}' '{"source":"shop","f":"stdin"}' '{"source":"shop","f":"b"}')"
	[ -z "$stderr" ]
}

@test "a missing file: warning, the next file is read, exit 2" {
	events
	run -2 --separate-stderr evmatch "$SHOP" missing.ndjson events.ndjson </dev/null
	assert_output "$(printf '%s\n' "$E1" "$E2")"
	[ "$stderr" = 'evmatch: missing.ndjson: No such file or directory' ]
	run -2 --separate-stderr evmatch '{"source":["nobody"]}' events.ndjson missing.ndjson </dev/null
	assert_output ''
	[ "$stderr" = 'evmatch: missing.ndjson: No such file or directory' ]
}

@test "a directory operand is an unreadable file: exit 2" {
	events
	mkdir d
	run -2 --separate-stderr evmatch "$SHOP" d events.ndjson </dev/null
	assert_output "$(printf '%s\n' "$E1" "$E2")"
	[ "$stderr" = 'evmatch: d: Is a directory' ]
}

# ---------------------------------------------------------------------------
# Output errors, pipes, signals, promptness

@test ">/dev/full: an error naming the output, exit 2" {
	run -2 --separate-stderr evb_devfull evmatch "$SHOP" <<<"$E1"
	[ "$stderr" = 'evmatch: (standard output): No space left on device' ]
}

@test ">/dev/full with more output than the buffer holds, and with -c, --annotate, --test" {
	for i in $(seq 3000); do echo "$E1"; done >many.ndjson
	run -2 --separate-stderr evb_devfull evmatch "$SHOP" many.ndjson </dev/null
	[ "$stderr" = 'evmatch: (standard output): No space left on device' ]
	run -2 --separate-stderr evb_devfull evmatch -c "$SHOP" many.ndjson </dev/null
	[ "$stderr" = 'evmatch: (standard output): No space left on device' ]
	run -2 --separate-stderr evb_devfull evmatch --annotate "$SHOP" many.ndjson </dev/null
	[ "$stderr" = 'evmatch: (standard output): No space left on device' ]
	run -2 --separate-stderr evb_devfull evmatch --explain "$SHOP" many.ndjson </dev/null
	[ "$stderr" = 'evmatch: (standard output): No space left on device' ]
	run -2 --separate-stderr evb_devfull evmatch --test "$SHOP" "$TEV" </dev/null
	[ "$stderr" = 'evmatch: (standard output): No space left on device' ]
}

@test "| head -1: killed by SIGPIPE (141), no message" {
	evb_head1 "$E1" evmatch "$SHOP"
	[ "$status" -eq 141 ]
	[ -z "$stderr" ]
	[ "$output" = "$E1" ]
}

@test "| head -1 with --annotate: 141, no message" {
	evb_head1 "$E1" evmatch --annotate "$SHOP"
	[ "$status" -eq 141 ]
	[ -z "$stderr" ]
	[ "$output" = "{\"matched-rules\":[\"pattern\"],\"event\":$E1}" ]
}

@test "promptness: one matching line through a FIFO comes out before end of input" {
	run -0 evb_prompt "$E1" evmatch "$SHOP"
	assert_output "$E1"
}

@test "promptness with --line-buffered, --annotate and -v" {
	run -0 evb_prompt "$E1" evmatch --line-buffered "$SHOP"
	assert_output "$E1"
	run -0 evb_prompt "$E1" evmatch --annotate "$SHOP"
	assert_output "{\"matched-rules\":[\"pattern\"],\"event\":$E1}"
	run -0 evb_prompt "$E3" evmatch -v "$SHOP"
	assert_output "$E3"
}

@test "--line-buffered writes each event at once, even while input keeps coming" {
	# Input that never runs dry, so evmatch never waits for it: the
	# match must come out all the same.
	{ echo "$E1"; yes "$E3"; } 3>&- | evmatch --line-buffered "$SHOP" >out 2>err 3>&- &
	local pid=$!
	evb_wait_lines out 1 || { kill "$pid"; false; }
	kill "$pid"
	wait "$pid" || true
	[ "$(head -n 1 out)" = "$E1" ]
	[ ! -s err ]
}

@test "SIGTERM while waiting for input: what was selected is written, exit 143" {
	mkfifo in
	evmatch "$SHOP" <in >out 2>err 3>&- &
	local pid=$! rc=0
	exec 8>in
	printf '%s\n' "$E1" "$E3" "$E2" >&8
	evb_wait_lines out 2
	kill -TERM "$pid"
	wait "$pid" || rc=$?
	exec 8>&-
	[ "$rc" -eq 143 ]
	[ ! -s err ]
	run -0 cat out
	assert_output "$(printf '%s\n' "$E1" "$E2")"
}

@test "SIGTERM while busy: the selected events are written whole, exit 143" {
	yes "$E1" 3>&- | evmatch "$SHOP" >out 2>err 3>&- &
	local pid=$! rc=0
	sleep 0.5
	kill -TERM "$pid"
	wait "$pid" || rc=$?
	[ "$rc" -eq 143 ]
	[ ! -s err ]
	[ -s out ]
	[ "$(tail -c 1 out | od -An -c | tr -d ' ')" = '\n' ]
	[ "$(grep -cvxF "$E1" out)" -eq 0 ]
}

@test "SIGINT and SIGHUP end evmatch with their own status" {
	local sig want
	for sig in INT HUP; do
		rm -f in out
		mkfifo in
		# A background job starts with SIGINT ignored; undo that.
		env --default-signal="$sig" evmatch "$SHOP" <in >out 2>err 3>&- &
		local pid=$! rc=0
		exec 8>in
		printf '%s\n' "$E1" >&8
		evb_wait_lines out 1
		kill -"$sig" "$pid"
		wait "$pid" || rc=$?
		exec 8>&-
		want=$((128 + $(kill -l "$sig")))
		[ "$rc" -eq "$want" ]
		[ ! -s err ]
		[ "$(cat out)" = "$E1" ]
	done
}

# ---------------------------------------------------------------------------
# --max-complexity

@test "a rule EventBridge finds too complex is refused, unless --max-complexity 0" {
	local p='{"EventBusArn":[{"wildcard":"*:*:*:*:*:event-bus/*"}]}'
	local e='{"EventBusArn":"arn:aws:events:us-east-1:123456789012:event-bus/b"}'
	run -2 --separate-stderr evmatch "$p" <<<"$e"
	assert_output ''
	[ "$stderr" = "evmatch: $REASON Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character" ]
	run -0 --separate-stderr evmatch --max-complexity 0 "$p" <<<"$e"
	assert_output "$e"
	run -0 --separate-stderr evmatch --max-complexity=1000 --check "$p" </dev/null
	echo "{\"wild\":$p}" >rules.json
	run -2 --separate-stderr evmatch --check -r rules.json </dev/null
	[[ $stderr == "evmatch: rules.json: rule wild: $REASON Rule is too complex"* ]]
	run -0 --separate-stderr evmatch --check --max-complexity 0 -r rules.json </dev/null
}

@test "a long wildcard without repeats is accepted by default, as by EventBridge" {
	run -0 --separate-stderr evmatch '{"f":[{"wildcard":"/Users/*/dir/dir/dir/dir/dir/doc.txt"}]}' \
	    <<<'{"f":"/Users/u/dir/dir/dir/dir/dir/doc.txt"}'
	assert_output '{"f":"/Users/u/dir/dir/dir/dir/dir/doc.txt"}'
}
