#!/usr/bin/env bats
# The bad-input catalogue: every filter fed what goes wrong in practice.
#
# For each kind of input and each reader (evput, evmatch, evfan, and evdlq
# show, stats, redrive and replay) the tests check the exit status each
# man page's EXIT STATUS gives, that no command crashes (status below 128),
# that every message names the file and the line, and that nothing is
# dropped: non-blank lines in = lines out + lines recorded (a rejects
# record, a message on the standard error, a line kept in the DLQ file).
#
# Unreadable files: the tests run as root, who reads a file of mode 000,
# so "unreadable" is a directory given as a file (EISDIR) or /proc/self/mem,
# whose first page is not mapped (EIO on read(2)).

bats_require_minimum_version 1.5.0
load common

setup() {
	umask 022
	cd "$BATS_TEST_TMPDIR"
}

T0='2026-11-26T09:00:00Z'
MEM=$((200 * 1024 * 1024))	# address space for the 100 MB line tests
# AddressSanitizer reserves terabytes of address space: no bound there.
case ${EVB_BIN:-} in *-san*) MEM=unlimited ;; esac
REPLAY='replay --from 2026-11-26T00:00:00Z --to 2026-11-27T00:00:00Z'
READERS='evput evmatch evfan show stats redrive replay'

# good PAYLOAD: a well-formed input line for $READER (no newline) whose
# detail holds the members PAYLOAD, given to printf %b: "\0" and "\xff"
# are bytes, "\\u" is a JSON escape.
good() {
	case $READER in
	show | stats | redrive)
		printf '{"event":{"source":"s","time":"%s","detail":{%b}},"attributes":{"RULE_ARN":"arn:aws:events:us-east-1:000000000000:rule/r","TARGET_ARN":"stdout","ERROR_CODE":"NO_RESOURCE","ERROR_MESSAGE":"x","RETRY_ATTEMPTS":"0"},"rule":"r","target":"t","firstAttempt":"%s","lastAttempt":"%s","deadLettered":"%s"}' \
		    "$T0" "$1" "$T0" "$T0" "$T0" ;;
	*)
		printf '{"source":"s","time":"%s","detail":{%b}}' "$T0" "$1" ;;
	esac
}

# deep N: N opening brackets then N closing ones: well-formed, too deep.
deep() {
	evb_repeat '[' "$1"
	evb_repeat ']' "$1"
}

# garbage: 64 KiB of pseudo-random bytes, the same on every run.
garbage() {
	awk 'BEGIN { srand(7); for (i = 0; i < 65536; i++)
		printf "%c", int(rand() * 256) }'
}

# input KIND: the catalogue's input of that kind, for $READER.
input() {
	case $1 in
	empty)	;;
	blank)	printf '\n \n\t\n\r\n \r\n' ;;
	nonl)	good '"n":1'; echo; good '"n":2' ;;
	crlf)	good '"n":1'; printf '\r\n'; good '"n":2'; printf '\r\n' ;;
	nul)	good '"n":1'; echo; good '"a":"x\0y"'; echo
		printf '{"source":"s"\0}\n'; good '"n":3'; echo ;;
	utf8)	good '"a":"\xff"'; echo
		good '"a":"\xc0\xaf"'; echo		# overlong "/"
		good '"a":"\xed\xa0\x80"'; echo	# a surrogate, encoded
		good '"a":"\xe2\x82"'; echo		# truncated sequence
		good '"n":1'; echo ;;
	surrogate)
		good '"a":"\\ud800"'; echo
		good '"a":"\\udc00x"'; echo
		good '"a":"\\ud800\\u0041"'; echo ;;
	deep)	good "\"a\":$(deep 100000)"; echo
		good '"n":1'; echo ;;
	numbers)
		good '"a":1e999,"b":-0,"c":0.1e-400,"d":1234567890123456789012345678901234567890,"e":-1234567890123456789012345678901234567890.5e-999'
		echo ;;
	dup)	good '"a":1,"a":2,"a":{"b":3}'; echo ;;
	toplevel)
		printf '%s\n' '[1]' '3' '"s"' 'null' 'true' '[]'
		good '"n":1'; echo ;;
	trunc)	printf '%s\n' '{"source":"s"' '{"a":' '{"a":"x' '{' '{"a":1,'
		good '"n":1' | head -c 30; echo
		good '"n":1'; echo ;;
	garbage) garbage ;;
	esac
}

# nonblank FILE: the lines of FILE that are not blank, as the readers see
# them (spaces, tabs and carriage returns only are blank).
nonblank() {
	LC_ALL=C grep -a -c -v "$(printf '^[ \t\r]*$')" "$1" || true
}

# nlines FILE: the number of lines of FILE, 0 if it does not exist.
nlines() {
	if [ -e "$1" ]; then wc -l <"$1" | tr -d ' '; else echo 0; fi
}

# closed CMD [ARG...]: CMD with its standard output closed.
closed() {
	"$@" >&-
}

# to_out CMD [ARG...]: CMD with its output in out.nd (it may hold NULs).
to_out() {
	"$@" >out.nd
}

# feed READER: run $READER over in.nd.  Sets status and stderr as run
# does, nout (lines written, or records counted) and nrec (lines recorded:
# rejects, messages, lines kept).
feed() {
	local cmd
	READER=$1
	rm -f out.nd rej.nd fan.nd evfan-dlq.ndjson
	case $READER in
	evput)	run --separate-stderr to_out timeout 60 evput -s s -t t \
		    --time "$T0" --rejects rej.nd in.nd
		nout=$(nlines out.nd); nrec=$(nlines rej.nd)
		[ "$(grep -c '^evput: in.nd:[0-9]*: ' <<<"$stderr")" = "$nrec" ] ;;
	evmatch)
		run --separate-stderr to_out timeout 60 evmatch -v \
		    '{"no-such-field":["x"]}' in.nd
		nout=$(nlines out.nd)
		nrec=$(grep -c '^evmatch: in.nd:[0-9]*: ' <<<"$stderr" || true) ;;
	evfan)	run --separate-stderr to_out timeout 60 evfan \
		    -t file:fan.nd --rejects rej.nd in.nd
		nout=$(nlines fan.nd); nrec=$(nlines rej.nd)
		[ "$(nlines out.nd)" = 0 ]
		[ ! -e evfan-dlq.ndjson ]
		[ "$(grep -c '^evfan: in.nd:[0-9]*: ' <<<"$stderr")" = "$nrec" ] ;;
	show)	run --separate-stderr to_out timeout 60 evdlq show --json in.nd
		nout=$(nlines out.nd)
		nrec=$(grep -c '^evdlq: in.nd:[0-9]*: ' <<<"$stderr" ||
		    true) ;;
	stats)	run --separate-stderr to_out timeout 60 evdlq stats in.nd
		nout=$(sed -n 's/^records *\([0-9]*\).*/\1/p' out.nd)
		nrec=$(sed -n 's/^not records *\([0-9]*\).*/\1/p' out.nd)
		nrec=${nrec:-0}
		[ "$(grep -c '^evdlq: in.nd:[0-9]*: ' <<<"$stderr")" = "$nrec" ] ;;
	redrive)
		run --separate-stderr to_out timeout 60 evdlq redrive in.nd
		nout=$(nlines out.nd); nrec=$(nonblank in.nd) ;;
	replay)	run --separate-stderr to_out timeout 60 evdlq $REPLAY in.nd
		nout=$(nlines out.nd)
		nrec=$(grep -c '^evdlq: in.nd:[0-9]*: ' <<<"$stderr" || true) ;;
	esac
}

# catalogue KIND OUT STATUS...: for every reader, make the input KIND, feed
# it, and check: no crash, lines in = out + recorded, OUT lines out (or
# any number if OUT is "-"), and the exit status: STATUS is one word per
# reader of $READERS, evput's first.  Readers named in $KNOWN are left
# out: a separate test, skipped, names their defect.
catalogue() {
	local kind=$1 want=$2 in r
	shift 2
	for r in $READERS; do
		READER=$r
		case " $KNOWN " in *" $r "*) shift; continue ;; esac
		input "$kind" >in.nd
		in=$(nonblank in.nd)
		feed "$r"
		[ "$status" -lt 128 ] || { echo "$r: $stderr"; return 1; }
		[ "$status" = "$1" ] || { echo "$r: status $status, not $1: $stderr"; return 1; }
		[ "$((nout + nrec))" = "$in" ] || { echo "$r: $in in, $nout out + $nrec recorded"; return 1; }
		[ "$want" = - ] || [ "$nout" = "$want" ] ||
		    { echo "$r: $nout out, not $want"; return 1; }
		shift
	done
}

@test "empty input: nothing out, success (evmatch: nothing selected)" {
	catalogue empty 0  0 1 0 0 0 0 0
}

@test "only blank lines: skipped, not counted as events" {
	catalogue blank 0  0 1 0 0 0 0 0
}

@test "no newline after the last line: the line is read" {
	catalogue nonl 2  0 0 0 0 0 0 0
	evput -s s -t t --time "$T0" <in.nd >/dev/null
}

@test "CRLF line ends: the CR is removed, events pass byte for byte" {
	catalogue crlf 2  0 0 0 0 0 0 0
	READER=evmatch
	input crlf >in.nd
	run -0 --separate-stderr evmatch '{"source":["s"]}' in.nd
	[ "${lines[0]}" = "$(good '"n":1')" ]
	[[ $output != *$'\r'* ]]
}

@test "a NUL byte in a line: refused with its reason, never dropped" {
	catalogue nul 2  1 2 2 2 2 2 2
	READER=evput
	input nul >in.nd
	rm -f rej.nd
	run -1 --separate-stderr evput -s s -t t --rejects rej.nd in.nd
	grep -q '"reason":"NUL byte in input","file":"in.nd","line":2,' rej.nd
	[[ $stderr == *'evput: in.nd:2: MalformedDetail: NUL byte in input'* ]]
}

@test "invalid UTF-8: refused, kept as input_base64" {
	KNOWN='show stats redrive replay' catalogue utf8 1  1 2 2 2 2 2 2
	READER=evput
	input utf8 >in.nd
	rm -f rej.nd
	run -1 --separate-stderr evput -s s -t t --rejects rej.nd in.nd
	[ "$(grep -c '"input_base64":' rej.nd)" = 4 ]
	[[ $stderr == *'evput: in.nd:1: MalformedDetail: invalid UTF-8'* ]]
	READER=evfan
	input utf8 >in.nd
	rm -f rej.nd
	run -2 --separate-stderr evfan -t file:fan.nd --rejects rej.nd in.nd
	[ "$(grep -c '"input_base64":' rej.nd)" = 4 ]
}

@test "lone surrogates in \\u escapes: accepted, passed through as written" {
	catalogue surrogate 3  0 0 0 0 0 0 0
	READER=evmatch
	input surrogate >in.nd
	run -0 --separate-stderr evmatch '{"source":["s"]}' in.nd
	[ "${lines[0]}" = "$(good '"a":"\\ud800"')" ]
	# Decoded, a lone surrogate is "?" (the yajl quirk the pages document).
	run -0 --separate-stderr evmatch -c '{"detail":{"a":["?"]}}' in.nd
	[ "$output" = 1 ]
}

@test "JSON nested 100,000 deep: refused at the depth limit, no crash" {
	catalogue deep 1  1 2 2 2 2 2 2
	READER=evput
	input deep >in.nd
	run -1 --separate-stderr evput -s s -t t in.nd
	[[ $stderr == *'evput: in.nd:1: MalformedDetail: invalid JSON: nesting deeper than 100 levels'* ]]
	run -2 --separate-stderr evmatch --no-skip '{"source":["s"]}' in.nd
	[[ $stderr == *'evmatch: in.nd:1: invalid JSON: nesting deeper than 100 levels'* ]]
	# As a whole line of brackets, with nothing to match.
	deep 100000 >deep.nd
	run -2 --separate-stderr evmatch --no-skip '{"source":["s"]}' deep.nd
	[[ $stderr == 'evmatch: deep.nd:1: '* ]]
	# With -e, a file that starts with "[" is a JSON array of entries.
	run -2 --separate-stderr evput -e deep.nd
	[ "$stderr" = 'evput: deep.nd:1:101: invalid JSON: nesting deeper than 100 levels' ]
}

@test "numbers 1e999, -0, 0.1e-400 and 40 digits: kept as written" {
	catalogue numbers 1  0 0 0 0 0 0 0
	READER=evput
	input numbers >in.nd
	run -0 --separate-stderr evput -s s -t t in.nd
	[[ $output == *'"detail":'"$(input numbers)"'}' ]]
	READER=evmatch
	input numbers >in.nd
	# evbus(7): 0 and -0 alike; numbers beyond a double match their text.
	run -0 evmatch -c '{"detail":{"b":[0]}}' in.nd
	run -0 evmatch -c '{"detail":{"a":[1e999]}}' in.nd
	run -0 evmatch -c '{"detail":{"d":[1234567890123456789012345678901234567890]}}' in.nd
	run -1 evmatch -c '{"detail":{"a":[{"numeric":[">",0]}]}}' in.nd
	run -1 evmatch -c '{"detail":{"c":[{"numeric":["=",0]}]}}' in.nd
	run -2 --separate-stderr evmatch '{"a":[{"numeric":[">",1e999]}]}' in.nd
	[[ $stderr == *'Cannot compare number : 1e999'* ]]
}

@test "duplicate keys: accepted, every value offered to patterns" {
	catalogue dup 1  0 0 0 0 0 0 0
	printf '%s\n' '{"source":"x","source":"s"}' >dup.nd
	run -0 evmatch '{"source":["s"]}' dup.nd
	run -0 evmatch '{"source":["x"]}' dup.nd
}

@test "a top-level array or scalar: refused as not an object" {
	catalogue toplevel 1  1 2 2 2 2 2 2
	READER=evput
	input toplevel >in.nd
	run -1 --separate-stderr evput -s s -t t in.nd
	[[ $stderr == *'evput: in.nd:1: MalformedDetail: detail is a JSON array, not an object'* ]]
	[[ $stderr == *'evput: in.nd:2: MalformedDetail: detail is a JSON number, not an object'* ]]
	sed 1d in.nd >e.nd
	run -1 --separate-stderr evput -e e.nd
	[[ $stderr == *'evput: e.nd:1: ValidationException: '* ]]
	run -2 --separate-stderr evmatch '{"source":["s"]}' in.nd
	[[ $stderr == *'evmatch: in.nd:3: event is not a JSON object'* ]]
}

@test "truncated JSON: refused with the column" {
	catalogue trunc 1  1 2 2 2 2 2 2
	READER=evput
	input trunc >in.nd
	run -1 --separate-stderr evput -s s -t t in.nd
	[[ $stderr == *'evput: in.nd:2: MalformedDetail: invalid JSON: premature EOF at column 6'* ]]
	printf '[{"Source":"s","DetailType":"t","Detail":"{}"},\n{"Source":' >arr.json
	run -2 --separate-stderr evput -e arr.json
	[ "${#lines[@]}" = 1 ]
	[[ $stderr == 'evput: arr.json:2:'*'premature EOF'* ]]
}

@test "binary garbage: every line accounted for, no crash" {
	catalogue garbage -  1 2 2 2 2 2 2
}

# big READER: a line of 100 MB then a good one, fed to READER on stdin
# within $MEM bytes of address space.
big() {
	{
		printf '{"source":"s","big":"'
		head -c 100000000 /dev/zero | tr '\0' x
		printf '"}\n'
		good '"n":1'
		echo
	} | prlimit --as=$MEM "$@"
}

@test "a line of 100 MB: evput refuses it in bounded memory, goes on" {
	READER=evput
	run -1 --separate-stderr big evput -s s -t t --rejects rej.nd
	[ "${#lines[@]}" = 1 ]
	[ "$stderr" = 'evput: (standard input):1: ValidationException: line longer than 1048576 bytes (--max-line)' ]
	grep -q '"line":1,"input_bytes":100000023}$' rej.nd
	run -1 --separate-stderr big evput -e --rejects rej2.nd
	grep -q '"input_bytes":100000023}$' rej2.nd
}

@test "a line of 100 MB: evmatch reports it in bounded memory, goes on" {
	READER=evmatch
	run -2 --separate-stderr big evmatch '{"source":["s"]}'
	[ "${#lines[@]}" = 1 ]
	[ "$stderr" = 'evmatch: (standard input):1: line longer than 1048576 bytes' ]
}

@test "a line of 100 MB: evfan rejects it in bounded memory, goes on" {
	READER=evfan
	run -2 --separate-stderr big timeout 60 evfan -t file:fan.nd \
	    --rejects rej.nd
	[ "$(nlines fan.nd)" = 1 ]
	[[ $stderr == *'evfan: (standard input):1: line '* ]]
	grep -q '"line":1,"input_bytes":100000023}$' rej.nd
}

@test "a line of 100 MB: evdlq keeps it in bounded memory" {
	READER=show
	{
		head -c 100000000 /dev/zero | tr '\0' x
		echo
		good '"n":1'
		echo
	} >big.dlq
	for c in 'show --json' stats; do
		run -2 --separate-stderr prlimit --as=$MEM evdlq $c big.dlq
		[[ $stderr == 'evdlq: big.dlq:1: line too long to read'* ]]
	done
	# redrive rewrites the file, and will not drop the line it cannot keep.
	run -2 --separate-stderr prlimit --as=$MEM evdlq redrive big.dlq
	[ "$(nlines big.dlq)" = 2 ]
	[ "$(head -c 10 big.dlq)" = xxxxxxxxxx ]
	READER=replay
	{
		head -c 100000000 /dev/zero | tr '\0' x
		echo
		good '"n":1'
		echo
	} >big.nd
	rm -f big.dlq
	run -2 --separate-stderr prlimit --as=$MEM evdlq $REPLAY big.nd
	[ "${#lines[@]}" = 1 ]
	[[ $stderr == 'evdlq: big.nd:1: '* ]]
}

@test "evput -e: a JSON array entry of 100 MB is refused in bounded memory" {
	run -2 --separate-stderr prlimit --as=$MEM sh -c '
	    { printf "[{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":\"{}\"},\n"
	      printf "{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":\""
	      head -c 100000000 /dev/zero | tr "\0" x
	      printf "\"}]\n"; } | evput -e'
	[ "${#lines[@]}" = 1 ]
	[ "$stderr" = 'evput: (standard input):2: an entry longer than 1048576 bytes (--max-line); the rest of the file is skipped' ]
}

# Pattern files, rules files and bus files with each kind of mistake.

@test "pattern file mistakes: named, exit 2 before any event is read" {
	local REASON='Event pattern is not valid. Reason:'
	check() {
		printf "$1" >p.json
		run -2 --separate-stderr evmatch -f p.json </dev/null
		[ "$stderr" = "evmatch: p.json: $REASON $2" ] ||
		    { echo "$1: $stderr"; return 1; }
	}
	check '' 'invalid JSON: premature EOF'
	check '\n\n' 'invalid JSON: premature EOF'
	check '{"source":' 'invalid JSON: premature EOF'
	check '[{"source":["s"]}]' 'Filter is not an object'
	check '"s"' 'Filter is not an object'
	check '{"source":"s"}' '"source" must be an object or an array'
	check '{"source":["s"]}{}' 'invalid JSON: trailing garbage'
	check '{"source":["s\0"]}' 'invalid JSON: NUL byte'
	check '{"source":["\xff"]}' 'invalid UTF-8 in a string'
	check '{"a":[{"numeric":[">",1e999]}]}' 'Cannot compare number : 1e999'
	awk 'BEGIN { for (i = 0; i < 100000; i++) printf "{\"a\":";
		printf "[1]"; for (i = 0; i < 100000; i++) printf "}" }' >p.json
	run -2 --separate-stderr evmatch -f p.json </dev/null
	[ "$stderr" = "evmatch: p.json: $REASON invalid JSON: nesting deeper than 100 levels" ]
	garbage >p.json
	run -2 --separate-stderr evmatch -f p.json </dev/null
	[[ $stderr == "evmatch: p.json: $REASON "* ]]
	mkdir dir.json
	run -2 --separate-stderr evmatch -f dir.json </dev/null
	[ "$stderr" = 'evmatch: dir.json: Is a directory' ]
	run -2 --separate-stderr evmatch -f missing.json </dev/null
	[ "$stderr" = 'evmatch: missing.json: No such file or directory' ]
}

@test "rules file mistakes: named with the file, the line and the rule" {
	local REASON='Event pattern is not valid. Reason:'
	check() {
		printf "$1" >r.json
		run -2 --separate-stderr evmatch -r r.json </dev/null
		[ "$stderr" = "evmatch: $2" ] || { echo "$1: $stderr"; return 1; }
	}
	check '' 'r.json: invalid JSON: premature EOF'
	check '3' 'r.json: not a rules file: a JSON number'
	check '{}' 'r.json: no rules'
	check '{"a":{"source":["x"]},"a":{"source":["y"]}}' 'r.json: rule a: defined twice'
	check '{"bad name":{"source":["x"]}}' 'r.json: rule name "bad name": must be 1 to 64 characters of A-Z a-z 0-9 . - _'
	check '[{"Name":"a"}]' 'r.json: rule a: no event pattern (an object, or a string holding one)'
	check '{"a":"{\\"source\\":[1"}' "r.json: rule a: $REASON invalid JSON: premature EOF"
	check '{"name":"a","pattern":{"source":["x"]}}\n\n{"name":"b","pattern":{"source":"x"}}\n' \
	    "r.json:3: rule b: $REASON \"source\" must be an object or an array"
	check '{"name":"a","pattern":{"source":["x"]}}\n{"name":"b","pattern":\n' \
	    'r.json:2: invalid JSON: premature EOF'
	check '{"name":"a","pattern":{"source":["x"]}}\n{"name":"a","pattern":{"source":["x"]}}\n' \
	    'r.json:2: rule a: defined twice'
	check '{"name":"a","pattern":{"source":["x"]}}\n{"nme":"b"}\n' \
	    'r.json:2: a rule needs a "Name" and an "EventPattern" (or "name" and "pattern")'
	check '{"name":"a","pattern":{"source":["x"]}}\n{"name":"b","pattern":{"source":["\0"]}}\n' \
	    "r.json:2: invalid JSON: NUL byte"
	mkdir dir.json
	run -2 --separate-stderr evmatch -r dir.json </dev/null
	[ "$stderr" = 'evmatch: dir.json: Is a directory' ]
}

@test "bus file mistakes: named with the file, the line, the rule and the target" {
	check() {
		printf "$1" >bus.json
		run -2 --separate-stderr evfan --check -c bus.json </dev/null
		[ "$stderr" = "evfan: $2" ] || { echo "$1: $stderr"; return 1; }
	}
	local R='{"Rules":[{"Name":"r","EventPattern":{"source":["s"]},"Targets":[%s]}]}'
	tgt() { printf "$R" "$1"; }
	check '' 'bus.json:1: invalid JSON: premature EOF'
	check '{"Rules":[\n{"Name":"r",\n}]}' 'bus.json:3: invalid JSON: invalid object key (must be a string)'
	check '3' 'bus.json: not a rules file: a JSON number'
	check '[{"Name":"r"}]' 'bus.json: rule r: no event pattern (an object, or a string holding one)'
	check '[{"Name":"r","EventPattern":{"source":"s"}}]' \
	    'bus.json: rule r: Event pattern is not valid. Reason: "source" must be an object or an array'
	check "$(tgt '{"Id":"t"}')" 'bus.json: rule r: target t: Arn: missing (the target'"'"'s address)'
	check "$(tgt '{"Id":"t","Arn":"sqs:q"}')" \
	    'bus.json: rule r: target t: "sqs:q": not a target address (stdout, file:PATH, exec:CMD [ARG...] or pipe:CMD [ARG...])'
	check "$(tgt '{"Id":"t","Arn":"stdout"},{"Id":"t","Arn":"stdout"}')" \
	    'bus.json: rule r: target t: Id used twice'
	check "$(tgt '{"Id":"t","Arn":"exec:true","Concurrency":0}')" \
	    'bus.json: rule r: target t: Concurrency: must be a whole number from 1 to 1024'
	check "$(tgt '{"Id":"t","Arn":"exec:true","RetryPolicy":{"MaximumRetryAttempts":186}}')" \
	    'bus.json: rule r: target t: MaximumRetryAttempts: must be a whole number from 0 to 185'
	check "$(tgt '{"Id":"t","Arn":"exec:\\"unclosed"}')" \
	    'bus.json: rule r: target t: "exec:"unclosed": no command after exec:, or a quote left open'
	garbage >bus.json
	run -2 --separate-stderr evfan --check -c bus.json </dev/null
	[[ $stderr == 'evfan: bus.json:'* ]]
	mkdir dir.json
	run -2 --separate-stderr evfan --check -c dir.json </dev/null
	[ "$stderr" = 'evfan: dir.json: Is a directory' ]
	run -2 --separate-stderr evfan --check -c missing.json </dev/null
	[ "$stderr" = 'evfan: missing.json: No such file or directory' ]
}

# Files that cannot be read, and outputs that cannot be written.

@test "missing and unreadable input files: named, the others still read" {
	READER=evput
	good '"n":1' >ok.nd
	echo >>ok.nd
	mkdir dir.nd
	run -2 --separate-stderr evput -s s -t t missing.nd dir.nd \
	    /proc/self/mem ok.nd
	[ "${#lines[@]}" = 1 ]
	[ "$stderr" = "$(printf '%s\n' 'evput: missing.nd: No such file or directory' \
	    'evput: dir.nd: Is a directory' 'evput: /proc/self/mem: Input/output error')" ]
	run -2 --separate-stderr evmatch '{"source":["s"]}' missing.nd \
	    dir.nd ok.nd
	[ "${#lines[@]}" = 1 ]
	[ "$stderr" = "$(printf '%s\n' 'evmatch: missing.nd: No such file or directory' \
	    'evmatch: dir.nd: Is a directory')" ]
	run -2 --separate-stderr timeout 20 evfan -t file:fan.nd missing.nd \
	    dir.nd ok.nd
	[ "$(nlines fan.nd)" = 1 ]
	[[ $stderr == *'evfan: missing.nd: No such file or directory'* ]]
	[[ $stderr == *'evfan: dir.nd: Is a directory'* ]]
	READER=show
	good '"n":1' >ok.dlq
	echo >>ok.dlq
	for c in 'show --json' stats; do
		run -2 --separate-stderr evdlq $c missing.dlq dir.nd ok.dlq
		[[ $stderr == *'evdlq: missing.dlq: No such file or directory'* ]]
		[[ $stderr == *'evdlq: dir.nd: Is a directory'* ]]
	done
	run -2 --separate-stderr evdlq redrive dir.nd
	[ "$stderr" = 'evdlq: dir.nd: Is a directory' ]
	run -2 --separate-stderr evdlq $REPLAY missing.nd dir.nd
	[[ $stderr == *'evdlq: missing.nd: No such file or directory'* ]]
}

@test "output files that cannot be opened: exit 2 before any input is lost" {
	mkdir dir
	run -2 --separate-stderr evput -s s -t t --rejects dir <<<'{}'
	[ "$stderr" = 'evput: dir: Is a directory' ]
	[ "$output" = '' ]
	run -2 --separate-stderr evput -s s -t t --claim-check missing <<<'{}'
	[[ $stderr == 'evput: missing: '* ]]
	run -2 --separate-stderr timeout 10 evfan -t file:dir <<<'{}'
	[[ $stderr == *'dir: Is a directory'* ]]
	run -2 --separate-stderr timeout 10 evfan -t stdout --rejects dir <<<'{}'
	[[ $stderr == *'dir: Is a directory'* ]]
	run -2 --separate-stderr timeout 10 evfan -t stdout --journal dir <<<'{}'
	[[ $stderr == *'dir: Is a directory'* ]]
	# A DLQ file that cannot be written: the dead letter goes to stderr.
	printf '%s\n' '{"Rules":[{"Name":"r","EventPattern":{"a":[1]},' \
	    '"Targets":[{"Id":"f","Arn":"exec:false",' \
	    '"RetryPolicy":{"MaximumRetryAttempts":0}}]}]}' >bus.json
	run -2 --separate-stderr timeout 10 evfan -c bus.json --dlq dir <<<'{"a":1}'
	[[ $stderr == *'evfan: dir: Is a directory; dead letter follows: {"event":{"a":1},'* ]]
}

@test "output to /dev/full: a message and exit 2, from every command" {
	READER=evput
	good '"n":1' >in.nd
	echo >>in.nd
	run -2 --separate-stderr evb_devfull evput -s s -t t in.nd
	[ "$stderr" = 'evput: (standard output): No space left on device' ]
	run -2 --separate-stderr evb_devfull evmatch '{"source":["s"]}' in.nd
	[ "$stderr" = 'evmatch: (standard output): No space left on device' ]
	# evfan: the delivery is dead-lettered with the reason, not lost.
	run -2 --separate-stderr evb_devfull timeout 10 evfan -t stdout in.nd
	[[ $stderr == *'evfan: target evfan/t1: NO_RESOURCE: No space left on device; dead-lettered to evfan-dlq.ndjson'* ]]
	[ "$(nlines evfan-dlq.ndjson)" = 1 ]
	READER=show
	good '"n":1' >in.dlq
	echo >>in.dlq
	for c in show stats redrive; do
		run -2 --separate-stderr evb_devfull evdlq $c in.dlq
		[[ $stderr == *'evdlq: (standard output): No space left on device'* ]]
		[ "$(nlines in.dlq)" = 1 ]	# redrive removed nothing
	done
	run -2 --separate-stderr evb_devfull evdlq $REPLAY in.nd
	[ "$stderr" = 'evdlq: (standard output): No space left on device' ]
}

@test "rejects and dead letters on /dev/full: a message, exit 2, nothing silent" {
	printf '%s\n' '{"a":1}' 'bad' '{"b":2}' >in.nd
	# evput stops at the first record it cannot keep, but writes out the
	# events made before it.
	run -2 --separate-stderr evput -s s -t t --rejects /dev/full in.nd
	[ "${#lines[@]}" = 1 ]
	[[ $stderr == *'evput: in.nd:2: MalformedDetail: '*'evput: /dev/full: No space left on device' ]]
	run -2 --separate-stderr timeout 10 evfan -t file:out.nd \
	    --rejects /dev/full in.nd
	[[ $stderr == *'evfan: /dev/full: No space left on device'* ]]
	# A dead letter that cannot be written is printed whole instead.
	printf '%s\n' '{"Rules":[{"Name":"r","EventPattern":{"a":[1]},' \
	    '"Targets":[{"Id":"f","Arn":"exec:false",' \
	    '"RetryPolicy":{"MaximumRetryAttempts":0},' \
	    '"DeadLetterConfig":{"Arn":"file:/dev/full"}}]}]}' >bus.json
	run -2 --separate-stderr timeout 10 evfan -c bus.json in.nd
	[[ $stderr == *'evfan: /dev/full: No space left on device; dead letter follows: {"event":{"a":1},'* ]]
}

@test "evfan --journal on a device: refused, not read forever" {
	local dev
	for dev in /dev/full /dev/zero; do
		run -2 --separate-stderr timeout -s KILL 10 evfan \
		    -t file:out.nd --journal "$dev" <<<'{"a":1}'
		[[ $stderr == *"evfan: $dev: not a regular file"* ]]
	done
}

@test "a closed standard output: a message and exit 2, from every command" {
	READER=evput
	good '"n":1' >in.nd
	echo >>in.nd
	run -2 --separate-stderr closed evput -s s -t t in.nd
	[ "$stderr" = 'evput: (standard output): Bad file descriptor' ]
	run -2 --separate-stderr closed evmatch '{"source":["s"]}' in.nd
	[ "$stderr" = 'evmatch: (standard output): Bad file descriptor' ]
	READER=show
	good '"n":1' >in.dlq
	echo >>in.dlq
	for c in show stats redrive; do
		run -2 --separate-stderr closed evdlq $c in.dlq
		[[ $stderr == *'evdlq: (standard output): Bad file descriptor'* ]]
		[ "$(nlines in.dlq)" = 1 ]
	done
	run -2 --separate-stderr closed evdlq $REPLAY in.nd
	[ "$stderr" = 'evdlq: (standard output): Bad file descriptor' ]
}

@test "a closed standard output: evput never writes events into its rejects file" {
	printf '%s\n' '{"a":1}' 'bad' >in.nd
	run -2 --separate-stderr closed evput -s s -t t --rejects rej.nd in.nd
	[[ $stderr == *'evput: (standard output): Bad file descriptor'* ]]
	[ "$(nlines rej.nd)" = 1 ]
	grep -q '"input":"bad"' rej.nd
	mkdir claims
	{ printf '{"big":"'; evb_repeat x 300000; printf '"}\n'; } >big.nd
	run -2 --separate-stderr closed evput -s s -t t --claim-check claims big.nd
	[[ $stderr == *'Bad file descriptor'* ]]
	! grep -q '"version"' claims/*
}

@test "a closed standard output: evfan dead-letters stdout deliveries, exit 2" {
	printf '%s\n' '{"a":1}' >in.nd
	run -2 --separate-stderr closed timeout 10 evfan -t stdout in.nd
	[[ $stderr == *'NO_RESOURCE: Bad file descriptor; dead-lettered to evfan-dlq.ndjson'* ]]
	[ "$(nlines evfan-dlq.ndjson)" = 1 ]
	rm -f evfan-dlq.ndjson
	run -2 --separate-stderr closed timeout 10 evfan -t stdout --rejects rej.nd in.nd
	[ "$(nlines rej.nd)" = 0 ]
	[ "$(nlines evfan-dlq.ndjson)" = 1 ]
}

@test "evfan: a last line without a newline, to a stdout target, ends" {
	printf '{"a":1}\n{"b":1}' >in.nd
	run -0 --separate-stderr timeout 10 evfan -t stdout in.nd
	[ "${#lines[@]}" = 2 ]
	run -0 --separate-stderr sh -c 'cat in.nd | timeout 10 evfan -t stdout'
	[ "${#lines[@]}" = 2 ]
}

@test "evdlq: invalid UTF-8 that yajl lets through is refused, as evput refuses it" {
	skip "known: evdlq show/stats/redrive/replay accept overlong (C0 AF) and surrogate (ED A0 80) UTF-8 in records and archive events; evput, evmatch and evfan refuse them"
	READERS='show stats redrive replay'
	catalogue utf8 1  2 2 2 2
}
