#!/usr/bin/env bats
# The main path of every command under valgrind: no memory error and no
# definite leak.  Run by "make valgrind"; each run takes seconds, so the
# inputs are small.

bats_require_minimum_version 1.5.0
load ../cli/common

setup() {
	cd "$BATS_TEST_TMPDIR"
	EV='{"version":"0","id":"e1","detail-type":"OrderPlaced","source":"shop","account":"123456789012","time":"2026-01-01T00:00:00Z","region":"us-east-1","resources":["arn:x"],"detail":{"order":{"id":7,"total":12.5,"items":["a","b"]},"customer":{"city":"Oslo","ip":"10.0.0.7"}}}'
	printf '%s\n' "$EV" "${EV/shop/other}" '{"source":"shop"}' 'not json' \
	    "${EV/e1/e2}" >events.ndjson
}

# vg CMD [ARG...]: run CMD under valgrind; its report goes to vg.log.
vg() {
	valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite --log-file="$BATS_TEST_TMPDIR/vg.log" \
	    "$@"
}

# clean: the last vg run reported nothing, and its command did not fail
# for trouble beyond its input (some inputs hold a malformed line).
clean() {
	[ "$status" -le 2 ] || { echo "status $status"; cat vg.log; return 1; }
	[ ! -s vg.log ] || { cat vg.log; return 1; }
}

@test "evput: details, entries, an entries array, rejects" {
	run --separate-stderr vg evput -s shop -t OrderPlaced -r arn:x \
	    --rejects rej.ndjson <<<'{"a":1}
{"b":[1,2,{"c":null}]}
[1]
{"bad"'
	clean
	[ "${#lines[@]}" -eq 2 ]
	printf '%s\n' '{"Source":"shop","DetailType":"x","Detail":"{\"a\":1}"}' \
	    '{"Entries":[{"Source":"shop","DetailType":"x","Detail":{"b":2}},{"Source":"aws.x","DetailType":"x","Detail":"{}"}]}' >entries.ndjson
	run --separate-stderr vg evput -e entries.ndjson </dev/null
	clean
	printf '[\n{"Source":"shop","DetailType":"x","Detail":"{}"},\n{"Source":"shop","DetailType":"y","Detail":{"k":"v"}}\n]\n' >array.json
	run --separate-stderr vg evput -e array.json </dev/null
	clean
	[ "${#lines[@]}" -eq 2 ]
	mkdir claims
	run --separate-stderr vg evput -s shop -t big --max-size 100 \
	    --claim-check claims --keep id -d '{"id":1,"pad":"'"$(evb_repeat x 200)"'"}' </dev/null
	clean
}

@test "evmatch: a pattern, rules, --annotate, --explain, -c, -v" {
	run --separate-stderr vg evmatch '{"source":["shop"],"detail":{"order":{"total":[{"numeric":[">",10]}]},"customer":{"ip":[{"cidr":"10.0.0.0/8"}]}}}' events.ndjson </dev/null
	clean
	[ "${#lines[@]}" -eq 2 ]
	printf '%s\n' '{"big":{"detail":{"order":{"total":[{"numeric":[">=",12]}]}}},"any-shop":{"source":[{"prefix":"sh"}]},"not-oslo":{"detail":{"customer":{"city":[{"anything-but":{"equals-ignore-case":"OSLO"}}]}}},"or":{"$or":[{"id":[{"wildcard":"e*"}]},{"x":[{"exists":false}]}]}}' >rules.json
	run --separate-stderr vg evmatch -r rules.json --annotate events.ndjson </dev/null
	clean
	run --separate-stderr vg evmatch --explain '{"source":["shop"],"detail":{"order":{"id":[7]}}}' events.ndjson </dev/null
	clean
	run --separate-stderr vg evmatch -c -v '{"source":["shop"]}' events.ndjson </dev/null
	clean
	run --separate-stderr vg evmatch --test '{"source":["shop"]}' "$EV" </dev/null
	clean
}

@test "evfan: stdout, file, exec and pipe targets, a transformer, dead letters" {
	cat >bus.json <<-'EOF'
	{"Name":"b","Rules":[
	 {"Name":"orders","EventPattern":{"source":["shop"]},"Targets":[
	  {"Id":"out","Arn":"stdout","InputPath":"$.detail.order"},
	  {"Id":"file","Arn":"file:orders.out","InputTransformer":{"InputPathsMap":{"id":"$.detail.order.id","city":"$.detail.customer.city","items":"$.detail.order.items"},"InputTemplate":"{\"id\": <id>, \"to\": \"<city>\", \"items\": <items>, \"rule\": \"<aws.events.rule-name>\"}"}},
	  {"Id":"exec","Arn":"exec:sh -c 'cat >>exec.out'"},
	  {"Id":"pipe","Arn":"pipe:cat","DeadLetterConfig":{"Arn":"file:pipe.dlq"}},
	  {"Id":"fail","Arn":"exec:false","RetryPolicy":{"MaximumRetryAttempts":1},"DeadLetterConfig":{"Arn":"file:fail.dlq"}}]},
	 {"Name":"off","State":"DISABLED","EventPattern":{"source":["shop"]},"Targets":[{"Id":"x","Arn":"stdout"}]}]}
	EOF
	run --separate-stderr vg evfan -c bus.json --backoff 0.05 --stats \
	    --rejects rej.ndjson events.ndjson </dev/null
	clean
	[ "$(wc -l <orders.out)" -eq 3 ]
	[ "$(wc -l <exec.out)" -eq 3 ]
	[ "$(wc -l <fail.dlq)" -eq 3 ]
	run --separate-stderr vg evfan -t stdout -t file:all.out \
	    -p '{"detail":{"order":{"id":[7]}}}' --journal journal events.ndjson </dev/null
	clean
	run --separate-stderr vg evfan -c bus.json --check </dev/null
	clean
}

@test "evdlq: stats, show, redrive, purge, replay" {
	local r='{"event":'"$EV"',"attributes":{"RULE_ARN":"arn:aws:events:us-east-1:000000000000:rule/b/orders","TARGET_ARN":"exec:false","ERROR_CODE":"ERROR_FROM_TARGET","ERROR_MESSAGE":"exited 1","EXHAUSTED_RETRY_CONDITION":"MaximumRetryAttempts","RETRY_ATTEMPTS":"1"},"rule":"orders","target":"fail","firstAttempt":"2026-01-01T00:00:00Z","lastAttempt":"2026-01-01T00:00:01Z","deadLettered":"2026-01-01T00:00:01Z"}'
	printf '%s\n' "$r" "${r/e1/e2}" 'not a record' >dlq.ndjson
	run --separate-stderr vg evdlq stats dlq.ndjson </dev/null
	clean
	run --separate-stderr vg evdlq stats --json dlq.ndjson </dev/null
	clean
	run --separate-stderr vg evdlq show --rule orders dlq.ndjson </dev/null
	clean
	run --separate-stderr vg evdlq show --json dlq.ndjson </dev/null
	clean
	cp dlq.ndjson again.ndjson
	run --separate-stderr vg evdlq redrive --error ERROR_FROM_TARGET dlq.ndjson </dev/null
	clean
	[ "${#lines[@]}" -eq 2 ]
	run --separate-stderr vg evdlq purge --older-than 1h again.ndjson </dev/null
	clean
	run --separate-stderr vg evdlq replay --from 2025-01-01T00:00:00Z \
	    --to 2027-01-01T00:00:00Z --name again events.ndjson </dev/null
	clean
	[ "${#lines[@]}" -eq 3 ]
}

@test "evschema: discover, list, show, validate" {
	run --separate-stderr vg evschema discover -r reg events.ndjson </dev/null
	clean
	run --separate-stderr vg evschema list -r reg --json </dev/null
	clean
	run --separate-stderr vg evschema show -r reg --format openapi shop@OrderPlaced </dev/null
	clean
	run --separate-stderr vg evschema validate -r reg events.ndjson </dev/null
	clean
}
