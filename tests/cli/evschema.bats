#!/usr/bin/env bats
# evschema: a schema registry for the stream.  Expected strings come from
# the issue, STYLE.md, evschema(1) and docs/eventbridge-reference.md
# section 7.

bats_require_minimum_version 1.5.0
load common

setup() {
	unset EVSCHEMA_REGISTRY
	umask 022
	cd "$BATS_TEST_TMPDIR"
}

PAGE="$EVB_TOP/man/evschema.1"
NAME=my.shop@OrderCreated

# ev DETAIL [TYPE] [SOURCE]: an event as evput writes it.
ev() {
	printf '{"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"%s","source":"%s","account":"000000000000","time":"2026-11-26T10:00:00Z","region":"us-east-1","resources":[],"detail":%s}\n' \
	    "${2:-Order Created}" "${3:-my.shop}" "$1"
}

E1=$(ev '{"id":1,"total":9.5,"lines":[{"sku":"a","qty":1}]}')
E2=$(ev '{"id":2,"total":12,"lines":[{"sku":"b"}],"coupon":null}')
E3=$(ev '{"id":3,"total":7.25,"lines":[]}')

# versions: the version files of NAME, as "1 2 3".
versions() {
	ls reg/"${1:-$NAME}" | sed -n 's/^\([0-9]*\)\.json$/\1/p' | sort -n |
	    paste -sd' ' -
}

# ---------------------------------------------------------------------------
# Options, help, version, usage

@test "--help prints the usage and the options on stdout, exit 0" {
	run -0 --separate-stderr evschema --help </dev/null
	[ -z "$stderr" ]
	assert_line --index 0 --regexp '^usage: evschema discover '
	assert_output --partial '  -r, --registry DIR'
	assert_output --partial '      --format FORMAT'
	assert_output --partial '  -h, --help'
	run -0 --separate-stderr evschema -h </dev/null
	assert_line --index 0 --regexp '^usage: evschema discover '
	run -0 --separate-stderr evschema show --help </dev/null
	assert_line --index 0 --regexp '^usage: evschema discover '
}

@test "--version and -V print evschema (evbus) 0.1.0" {
	run -0 --separate-stderr evschema --version </dev/null
	assert_output 'evschema (evbus) 0.1.0'
	[ -z "$stderr" ]
	run -0 --separate-stderr evschema -V </dev/null
	assert_output 'evschema (evbus) 0.1.0'
}

@test "a bad option: getopt's message and the usage on stderr, exit 2" {
	run -2 --separate-stderr evschema discover -x -r reg </dev/null
	assert_output ''
	[[ $stderr == *"invalid option -- 'x'"* ]]
	[[ $stderr == *"usage: evschema discover -r dir"* ]]
	run -2 --separate-stderr evschema list --no-such-option </dev/null
	[[ $stderr == *"unrecognized option '--no-such-option'"* ]]
	run -2 --separate-stderr evschema validate -r reg --version </dev/null
	[[ $stderr == *"requires an argument"* ]]
}

@test "no command, an unknown command, an option of another command: exit 2" {
	run -2 --separate-stderr evschema </dev/null
	[[ $stderr == "usage: evschema "* ]]
	run -2 --separate-stderr evschema frobnicate </dev/null
	[[ $stderr == *'evschema: frobnicate: unknown command'* ]]
	run -2 --separate-stderr evschema list -r reg --format openapi </dev/null
	[[ $stderr == *'evschema: --format does not apply to list'* ]]
	run -2 --separate-stderr evschema discover --json -r reg </dev/null
	[[ $stderr == *'evschema: --json does not apply to discover'* ]]
	run -2 --separate-stderr evschema list </dev/null
	[[ $stderr == *'evschema: no registry: give -r dir'* ]]
	run -2 --separate-stderr evschema show -r reg </dev/null
	[[ $stderr == *'usage: evschema'* ]]
	run -2 --separate-stderr evschema show -r reg --version 0 $NAME </dev/null
	[[ $stderr == *'evschema: --version: 0: too small'* ]]
}

@test "--help, the usage line and the SYNOPSIS name the same options" {
	longs() { grep -o -e '--[a-z-]*' | sort -u | paste -sd' ' -; }
	shorts() { grep -oE '(^| |\[)-[a-zA-Z]+' | sed 's/.*-//' | fold -w1 |
	    sort -u | paste -sd' ' -; }
	local help usage synopsis
	evschema --help </dev/null | sed -n '/^  /p' >help
	evschema 2>usage </dev/null || true
	evb_man_section "$PAGE" SYNOPSIS >synopsis
	[ "$(longs <usage)" = "$(longs <synopsis)" ]
	[ "$(shorts <usage)" = "$(shorts <synopsis)" ]
	[ "$(shorts <usage)" = "$(shorts <help)" ]
	[ "$(longs <help)" = "$( (longs <usage | tr ' ' '\n'; echo --help; echo --registry; echo --verbose) | sort -u | paste -sd' ' -)" ]
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

@test "the EXAMPLES of evschema(1) run" {
	printf '%s\n' '{"id":1,"total":9.5}' '{"id":2,"total":12,"coupon":"X"}' \
	    '{"id":"3","total":1}' >orders.ndjson
	evb_man_examples "$PAGE" >examples.sh
	[ "$(grep -c '^evschema \|^ *evschema ' examples.sh)" -ge 4 ]
	run --separate-stderr sh -x examples.sh </dev/null
	# The pipeline passes the three events, list, show and diff follow,
	# then validate passes the two events version 1 accepts.
	[ "$(grep -c '"source":"my.shop"' <<<"$output")" -eq 5 ]
	assert_output --partial "$NAME 3"
	assert_output --partial '"openapi": "3.0.0"'
	assert_output --partial '+ /detail/coupon: string, optional'
	[ "$(wc -l <bad.ndjson)" -eq 1 ]
	grep -q '"ErrorCode":"SchemaMismatch".*"pointer":"/detail/id"' bad.ndjson
}

# ---------------------------------------------------------------------------
# discover

@test "discover passes events through byte for byte and stores version 1" {
	local odd='{"detail-type":"Order Created", "source" : "my.shop","detail":{"n":1.50,"s":"\u00e9"}}'
	printf '%s\n' "$E1" "$odd" >in.ndjson
	run -0 --separate-stderr evschema discover -r reg in.ndjson </dev/null
	assert_output "$(printf '%s\n' "$E1" "$odd")"
	[ -z "$stderr" ]
	[ -f reg/.lock ]
	[ "$(versions)" = '1 2' ]
	run -0 --separate-stderr evschema list -r reg </dev/null
	assert_output "$NAME 2"
}

@test "an event the latest version accepts stores nothing" {
	printf '%s\n' "$E1" "$E1" "$E1" >in.ndjson
	run -0 --separate-stderr evschema discover -r reg in.ndjson </dev/null
	[ "$(versions)" = 1 ]
	local before
	before=$(ls -l --time-style=full-iso reg/$NAME)
	run -0 --separate-stderr evschema discover -r reg in.ndjson </dev/null
	[ "$(versions)" = 1 ]
	[ "$(ls -l --time-style=full-iso reg/$NAME)" = "$before" ]
}

@test "merging: optional fields, integer and number, arrays of objects, null" {
	printf '%s\n' "$E1" "$E2" "$E3" >in.ndjson
	run -0 --separate-stderr evschema discover -v -r reg in.ndjson </dev/null
	[ "$stderr" = "evschema: $NAME: version 1
evschema: $NAME: version 2" ]
	[ "$(versions)" = '1 2' ]
	run -0 --separate-stderr evschema show -r reg $NAME </dev/null
	# total was 9.5 and 12: number; qty is in one line item only.
	assert_output --partial '"total": {
          "type": "number"
        }'
	assert_output --partial '"coupon": {
          "type": "null"
        }'
	assert_output --partial '"required": [
              "sku"
            ]'
	assert_output --partial '"required": [
        "id",
        "lines",
        "total"
      ]'
	run -1 --separate-stderr evschema diff -r reg $NAME 1 2 </dev/null
	assert_output '+ /detail/coupon: null, optional
~ /detail/lines/*/qty: required -> optional'
}

@test "a field seen with several types gets a type list" {
	printf '%s\n' "$(ev '{"v":1}')" "$(ev '{"v":"x"}')" "$(ev '{"v":null}')" \
	    "$(ev '{"v":2.5}')" >in.ndjson
	run -0 --separate-stderr evschema discover -r reg in.ndjson </dev/null
	[ "$(versions)" = '1 2 3 4' ]
	run -0 --separate-stderr evschema show -r reg $NAME </dev/null
	assert_output --partial '"type": [
            "null",
            "number",
            "string"
          ]'
	run -0 --separate-stderr evschema show -r reg --format openapi $NAME </dev/null
	assert_output --partial '"oneOf": ['
	assert_output --partial '"nullable": true'
	run -1 --separate-stderr evschema diff -r reg $NAME 1 4 </dev/null
	assert_output '~ /detail/v: integer -> null|number|string'
}

@test "the schema is named as EventBridge names it, clashes get -2" {
	printf '%s\n' "$(ev '{}' 'EC2 Instance State-change Notification' aws.ec2)" \
	    "$(ev '{}' 'Order created')" "$(ev '{"x":1}' 'order-created')" \
	    "$(ev '{}' 'T' 'a/b')" >in.ndjson
	run -0 --separate-stderr evschema discover -r reg in.ndjson </dev/null
	run -0 --separate-stderr evschema list -r reg </dev/null
	assert_output 'a-b@T 1
aws.ec2@EC2InstanceStateChangeNotification 1
my.shop@OrderCreated 1
my.shop@OrderCreated-2 1'
	run -0 --separate-stderr evschema list --json -r reg </dev/null
	assert_line --index 3 '{"name":"my.shop@OrderCreated-2","source":"my.shop","detail-type":"order-created","versions":[1]}'
	# Each keeps its own versions.
	printf '%s\n' "$(ev '{"y":1}' 'order-created')" |
	    evschema discover -r reg >/dev/null
	[ "$(versions $NAME-2)" = '1 2' ]
	[ "$(versions $NAME)" = 1 ]
}

@test "malformed lines are reported, recorded, counted, not passed: exit 1" {
	printf '%s\n' "$E1" 'not json' '[1]' '{"source":"s"}' \
	    '{"source":"s","detail-type":7}' "$E2" >in.ndjson
	run -1 --separate-stderr evschema discover -r reg --rejects rej.ndjson in.ndjson </dev/null
	assert_output "$(printf '%s\n' "$E1" "$E2")"
	[[ $stderr == *'evschema: in.ndjson:2: MalformedEvent: invalid JSON: '* ]]
	[[ $stderr == *'evschema: in.ndjson:3: MalformedEvent: not an event: a JSON array, not an object'* ]]
	[[ $stderr == *'evschema: in.ndjson:4: MalformedEvent: not an event: no "detail-type" string'* ]]
	[[ $stderr == *'evschema: in.ndjson:5: MalformedEvent: not an event: no "detail-type" string'* ]]
	[[ $stderr == *'evschema: 4 of 6 lines refused' ]]
	[ "$(wc -l <rej.ndjson)" -eq 4 ]
	run -0 grep -c '^{"ErrorCode":"MalformedEvent","ErrorMessage":"Event is malformed.","reason":".*","file":"in.ndjson","line":[2-5],"input":".*"}$' rej.ndjson
	assert_output 4
	[ "$(versions)" = '1 2' ]
}

@test "CRLF, NUL bytes and over-long lines" {
	printf '%s\r\n' "$E1" >crlf.ndjson
	run -0 --separate-stderr evschema discover -r reg crlf.ndjson </dev/null
	assert_output "$E1"
	printf '{"source":"s","detail-type":"t","d":"x\0y"}\n%s\n' "$E1" >nul.ndjson
	run -1 --separate-stderr evschema discover -r reg --rejects rej.ndjson nul.ndjson </dev/null
	assert_output "$E1"
	[[ $stderr == *'evschema: nul.ndjson:1: MalformedEvent: NUL byte in input'* ]]
	grep -q '"input":"{.*x\\u0000y' rej.ndjson
	printf '%s\n%s\n' "$(ev "{\"pad\":\"$(evb_repeat x 500)\"}")" "$E1" >long.ndjson
	run -1 --separate-stderr evschema discover -r reg --max-line 400 long.ndjson </dev/null
	assert_output "$E1"
	[[ $stderr == *'evschema: long.ndjson:1: MalformedEvent: line longer than 400 bytes (--max-line)'* ]]
}

@test "- is standard input; a missing file: warning, the next is read, exit 2" {
	echo "$E1" >a.ndjson
	run -0 --separate-stderr evschema discover -r reg a.ndjson - <<<"$E2"
	assert_output "$(printf '%s\n' "$E1" "$E2")"
	run -2 --separate-stderr evschema discover -r reg missing.ndjson a.ndjson </dev/null
	assert_output "$E1"
	[ "$stderr" = 'evschema: missing.ndjson: No such file or directory' ]
}

@test "the registry: created by discover, required by the others" {
	run -2 --separate-stderr evschema list -r nowhere </dev/null
	[ "$stderr" = 'evschema: nowhere: No such file or directory' ]
	run -2 --separate-stderr evschema validate -r nowhere <<<"$E1"
	[ "$stderr" = 'evschema: nowhere: No such file or directory' ]
	[ ! -e nowhere ]
	echo "$E1" | EVSCHEMA_REGISTRY=reg evschema discover >/dev/null
	run -0 --separate-stderr env EVSCHEMA_REGISTRY=reg evschema list </dev/null
	assert_output "$NAME 1"
	touch file
	run -2 --separate-stderr evschema discover -r file <<<"$E1"
	[ "$stderr" = 'evschema: file: Not a directory' ]
}

@test "two discover processes on one registry give consistent versions" {
	# Two writers, each a stream of shapes the other has not seen.
	for i in $(seq 60); do ev "{\"a$i\":$i,\"common\":1}"; done >a.ndjson
	for i in $(seq 60); do ev "{\"b$i\":\"$i\",\"common\":2.5}"; done >b.ndjson
	evschema discover -r reg a.ndjson >a.out 2>a.err &
	local pa=$!
	evschema discover -r reg b.ndjson >b.out 2>b.err &
	local pb=$!
	wait $pa
	wait $pb
	[ ! -s a.err ] && [ ! -s b.err ]
	cmp a.ndjson a.out
	cmp b.ndjson b.out
	# Versions are 1..N with no gap, no temporary file is left, and every
	# version is readable and widens the one before.
	local vs n
	vs=$(versions)
	n=$(echo "$vs" | wc -w)
	[ "$vs" = "$(seq "$n" | paste -sd' ' -)" ]
	[ "$n" -ge 60 ] && [ "$n" -le 120 ]
	[ -z "$(ls -A reg/$NAME | grep -v '^[0-9]*\.json$')" ]
	for v in $(seq 2 "$n"); do
		run -1 --separate-stderr evschema diff -r reg $NAME $((v - 1)) $v </dev/null
		[[ ! $output =~ ^-|-\>\ required ]]
	done
	# The latest version accepts every event of both streams.
	run -0 --separate-stderr evschema validate -r reg a.ndjson b.ndjson </dev/null
	[ "${#lines[@]}" -eq 120 ]
	run -0 --separate-stderr evschema show -r reg $NAME </dev/null
	assert_output --partial '"common": {
          "type": "number"
        }'
}

# ---------------------------------------------------------------------------
# validate

@test "validate passes conforming events, exit 0" {
	printf '%s\n' "$E1" "$E2" >in.ndjson
	evschema discover -r reg in.ndjson >/dev/null
	run -0 --separate-stderr evschema validate -r reg <in.ndjson
	assert_output "$(cat in.ndjson)"
	[ -z "$stderr" ]
}

@test "validate refuses with the JSON pointer and what was expected, exit 1" {
	printf '%s\n' "$E1" "$E2" | evschema discover -r reg >/dev/null
	local bad1 bad2 bad3
	bad1=$(ev '{"id":"x","total":1,"lines":[]}')
	bad2=$(ev '{"id":1,"total":1,"lines":[{"sku":"a"},{"qty":2}]}')
	bad3=$(ev '{"id":1,"lines":[]}')
	printf '%s\n' "$bad1" "$E1" "$bad2" "$bad3" >in.ndjson
	run -1 --separate-stderr evschema validate -r reg --rejects rej.ndjson in.ndjson </dev/null
	assert_output "$E1"
	[[ $stderr == *'evschema: in.ndjson:1: SchemaMismatch: /detail/id: expected integer, found string'* ]]
	[[ $stderr == *'evschema: in.ndjson:3: SchemaMismatch: /detail/lines/1/sku: required property missing (expected string)'* ]]
	[[ $stderr == *'evschema: in.ndjson:4: SchemaMismatch: /detail/total: required property missing (expected number)'* ]]
	[[ $stderr == *'evschema: 3 of 4 lines refused' ]]
	[ "$(wc -l <rej.ndjson)" -eq 3 ]
	run -0 sed -n 1p rej.ndjson
	assert_output "{\"ErrorCode\":\"SchemaMismatch\",\"ErrorMessage\":\"Event does not conform to the schema.\",\"reason\":\"/detail/id: expected integer, found string\",\"file\":\"in.ndjson\",\"line\":1,\"input\":$(printf '%s' "$bad1" | sed 's/"/\\"/g; s/^/"/; s/$/"/'),\"schema\":\"$NAME\",\"version\":2,\"pointer\":\"/detail/id\"}"
}

@test "validate: an event with no schema is refused as SchemaNotFound" {
	echo "$E1" | evschema discover -r reg >/dev/null
	local other
	other=$(ev '{}' 'Order Lost')
	run -1 --separate-stderr evschema validate -r reg --rejects rej.ndjson <<<"$other"
	assert_output ''
	[[ $stderr == *'evschema: (standard input):1: SchemaNotFound: no schema for source "my.shop" and detail-type "Order Lost" (my.shop@OrderLost)'* ]]
	grep -q '"ErrorCode":"SchemaNotFound".*"schema":"my.shop@OrderLost"}$' rej.ndjson
}

@test "validate --version N checks against that version" {
	printf '%s\n' "$E1" "$E2" | evschema discover -r reg >/dev/null
	[ "$(versions)" = '1 2' ]
	run -0 --separate-stderr evschema validate -r reg <<<"$E2"
	run -1 --separate-stderr evschema validate -r reg --version 1 <<<"$E2"
	[[ $stderr == *'SchemaMismatch: /detail/lines/0/qty: required property missing (expected integer)'* ]]
	run -1 --separate-stderr evschema validate -r reg --version 3 <<<"$E1"
	[[ $stderr == *"SchemaNotFound: schema $NAME has no version 3"* ]]
}

@test "validate: malformed lines are refused too" {
	echo "$E1" | evschema discover -r reg >/dev/null
	run -1 --separate-stderr evschema validate -r reg <<<'{"a":'
	[[ $stderr == *'evschema: (standard input):1: MalformedEvent: invalid JSON: '* ]]
}

# ---------------------------------------------------------------------------
# list, show, diff

@test "show: JSON Schema draft 4 as EventBridge exports it" {
	echo "$E1" | evschema discover -r reg >/dev/null
	run -0 --separate-stderr evschema show -r reg $NAME </dev/null
	assert_line --index 0 '{'
	assert_line --index 1 '  "$schema": "http://json-schema.org/draft-04/schema#",'
	assert_output --partial '"title": "AWSEvent",'
	assert_output --partial '"x-amazon-events-source": "my.shop",'
	assert_output --partial '"x-amazon-events-detail-type": "Order Created",'
	assert_output --partial '"definitions": {
    "OrderCreated": {'
	assert_output --partial '"$ref": "#/definitions/OrderCreated"'
	assert_output --partial '"time": {
      "type": "string",
      "format": "date-time"
    }'
	# What is stored is what show writes.
	run -0 --separate-stderr evschema export -r reg --format jsonschema $NAME </dev/null
	[ "$output" = "$(cat reg/$NAME/1.json)" ]
}

@test "show --format openapi: EventBridge's discovered form" {
	echo "$E2" | evschema discover -r reg >/dev/null
	run -0 --separate-stderr evschema show -r reg --format openapi $NAME </dev/null
	assert_output --partial '"openapi": "3.0.0",
  "info": {
    "version": "1.0.0",
    "title": "Event"
  },
  "paths": {},
  "components": {
    "schemas": {
      "AWSEvent": {'
	assert_output --partial '"$ref": "#/components/schemas/OrderCreated"'
	assert_output --partial '"OrderCreated": {'
	assert_output --partial '"id": {
            "type": "integer",
            "format": "int64"
          }'
	assert_output --partial '"coupon": {}'
}

@test "show: a missing schema or version, a bad format: exit 2" {
	echo "$E1" | evschema discover -r reg >/dev/null
	run -2 --separate-stderr evschema show -r reg nope@Nope </dev/null
	[ "$stderr" = 'evschema: nope@Nope: no such schema' ]
	run -2 --separate-stderr evschema show -r reg --version 5 $NAME </dev/null
	[ "$stderr" = "evschema: $NAME: no version 5 (latest: 1)" ]
	run -2 --separate-stderr evschema show -r reg --format yaml $NAME </dev/null
	[ "$stderr" = 'evschema: --format: yaml: not jsonschema or openapi' ]
	run -2 --separate-stderr evschema show -r reg ../etc </dev/null
	[ "$stderr" = 'evschema: ../etc: not a schema name' ]
}

@test "diff: text and --json, exit 0 when equal, 1 when different" {
	printf '%s\n' "$E1" "$(ev '{"id":"A1","total":9.5}')" |
	    evschema discover -r reg >/dev/null
	run -0 --separate-stderr evschema diff -r reg $NAME 1 1 </dev/null
	assert_output ''
	run -1 --separate-stderr evschema diff -r reg $NAME 1 2 </dev/null
	assert_output '~ /detail/id: integer -> integer|string
~ /detail/lines: required -> optional'
	run -1 --separate-stderr evschema diff -r reg --json $NAME 2 1 </dev/null
	assert_output '{"schema":"my.shop@OrderCreated","from":2,"to":1,"changes":[{"change":"type","pointer":"/detail/id","from":["integer","string"],"to":["integer"]},{"change":"required","pointer":"/detail/lines"}]}'
	run -2 --separate-stderr evschema diff -r reg $NAME 1 x </dev/null
	[ "$stderr" = 'evschema: x: version is invalid' ]
	run -2 --separate-stderr evschema diff -r reg $NAME 1 9 </dev/null
	[ "$stderr" = "evschema: $NAME: no version 9 (latest: 2)" ]
}

@test "list: empty registry, text and --json" {
	mkdir reg
	run -0 --separate-stderr evschema list -r reg </dev/null
	assert_output ''
	printf '%s\n' "$E1" "$E2" "$(ev '{}' 'Order Lost')" | evschema discover -r reg >/dev/null
	run -0 --separate-stderr evschema list -r reg --json </dev/null
	assert_output '{"name":"my.shop@OrderCreated","source":"my.shop","detail-type":"Order Created","versions":[1,2]}
{"name":"my.shop@OrderLost","source":"my.shop","detail-type":"Order Lost","versions":[1]}'
}

# ---------------------------------------------------------------------------
# Output errors, pipes, signals, promptness

@test ">/dev/full: an error naming the output, exit 2" {
	run -2 --separate-stderr evb_devfull evschema discover -r reg <<<"$E1"
	[ "$stderr" = 'evschema: (standard output): No space left on device' ]
	run -2 --separate-stderr evb_devfull evschema validate -r reg <<<"$E1"
	[ "$stderr" = 'evschema: (standard output): No space left on device' ]
	run -2 --separate-stderr evb_devfull evschema list -r reg </dev/null
	[ "$stderr" = 'evschema: (standard output): No space left on device' ]
	run -2 --separate-stderr evschema discover -r reg --rejects /dev/full <<<'[]'
	[[ $stderr == *'evschema: /dev/full: No space left on device' ]]
}

@test "| head -1: killed by SIGPIPE (141), no message" {
	evb_head1 "$E1" evschema discover -r reg
	[ "$status" -eq 141 ]
	[ -z "$stderr" ]
	[ "$output" = "$E1" ]
	evb_head1 "$E1" evschema validate -r reg
	[ "$status" -eq 141 ]
	[ -z "$stderr" ]
}

@test "promptness: one event through a FIFO comes out before end of input" {
	run -0 evb_prompt "$E1" evschema discover -r reg
	assert_output "$E1"
	run -0 evb_prompt "$E1" evschema validate -r reg
	assert_output "$E1"
	run -0 evb_prompt "$E1" evschema discover --line-buffered -r reg
	assert_output "$E1"
}

@test "SIGTERM while waiting for input: flushed, registry whole, exit 143" {
	mkfifo in
	evschema discover -r reg <in >out 2>err 3>&- &
	local pid=$! rc=0
	exec 8>in
	printf '%s\n' "$E1" "$E2" "$E3" >&8
	evb_wait_lines out 3
	kill -TERM "$pid"
	wait "$pid" || rc=$?
	exec 8>&-
	[ "$rc" -eq 143 ]
	[ ! -s err ]
	[ "$(cat out)" = "$(printf '%s\n' "$E1" "$E2" "$E3")" ]
	[ "$(versions)" = '1 2' ]
	run -0 --separate-stderr evschema validate -r reg out </dev/null
}

@test "SIGTERM while busy: whole lines, whole versions, exit 143" {
	for i in $(seq 3000); do ev "{\"f$((i % 500))\":$i}"; done >many.ndjson
	while :; do cat many.ndjson; done 3>&- | evschema discover -r reg >out 2>err 3>&- &
	local pid=$! rc=0
	sleep 0.5
	kill -TERM "$pid"
	wait "$pid" || rc=$?
	[ "$rc" -eq 143 ]
	[ ! -s err ]
	[ "$(tail -c 1 out | od -An -c | tr -d ' ')" = '\n' ]
	[ -z "$(ls -A reg/$NAME | grep -v '^[0-9]*\.json$')" ]
	local n
	n=$(versions | wc -w)
	run -0 --separate-stderr evschema show -r reg --version "$n" $NAME </dev/null
}

@test "a rejects file that cannot be written: events passed so far come out, exit 2" {
	run -2 --separate-stderr evschema discover -r reg --rejects /dev/full \
	    <<<"$E1"$'\nnot json\n'"$E2"
	[ "$output" = "$E1" ]
	[[ $stderr == *"/dev/full: No space left on device"* ]]
}
