#!/usr/bin/env bats
# examples/: every example's run script, run from a copy of the example
# against the programs in $EVB_BIN, with its outcome asserted.  A run
# writes only under its own state/ directory.

bats_require_minimum_version 1.5.0
load common

setup() {
	cd "$BATS_TEST_TMPDIR"
}

# example NAME: copy examples/NAME to examples/NAME here, where its run
# script finds the programs through EVB_BIN, and list its files.
example() {
	mkdir -p examples
	cp -R "$EVB_TOP/examples/$1" examples/
	rm -rf "examples/$1/state"
	(cd "examples/$1" && find . | LC_ALL=C sort) >"$1.files"
}

# run_example NAME: run its run script, stdout and stderr apart.
run_example() {
	run --separate-stderr timeout 60 "examples/$1/run" </dev/null
}

# section TITLE: the lines of $output after the heading "== TITLE..."
# up to the next heading.
section() {
	printf '%s\n' "$output" |
	    awk -v t="== $1" 'index($0, t) == 1 { on = 1; next }
		/^== / { on = 0 } on'
}

# only_state NAME: the run wrote nothing outside examples/NAME/state.
only_state() {
	(cd "examples/$1" && find . | LC_ALL=C sort | grep -v '^\./state') |
	    diff -u "$1.files" -
}

# refute_grep ARG...: grep finds nothing.  (A command negated with "!"
# does not fail a test.)
refute_grep() {
	if grep "$@"; then
		return 1
	fi
}

# count PATTERN FILE: how many lines of FILE hold the fixed string.
count() {
	grep -c -F -e "$1" "$2" || true
}

# ---------------------------------------------------------------------------
# checkout: the story make demo tells

@test "every example directory has an executable run script" {
	local d

	for d in "$EVB_TOP"/examples/*/; do
		[ -x "$d/run" ] || { echo "no run script in $d"; return 1; }
	done
}

@test "checkout: the story runs and each service gets each order once" {
	local log=examples/checkout/state/deliveries.log

	example checkout
	run_example checkout
	assert_success
	assert_line --index 1 'bus.json: rules are valid'
	[ "$(wc -l <"$log")" -eq 7 ]
	[ "$(count 'inventory: reserved stock for {"order": "ord-1001"' "$log")" -eq 1 ]
	[ "$(count 'shipping:  "Ship order ord-1001 to Berlin"' "$log")" -eq 1 ]
	[ "$(count 'email:     sent {"to": "alice@example.com", "subject": "Your order ord-1001", "total": 42.50}' "$log")" -eq 1 ]
	[ "$(count 'inventory: reserved stock for {"order": "ord-1002"' "$log")" -eq 1 ]
	[ "$(count 'shipping:  "Ship order ord-1002 to Paris"' "$log")" -eq 1 ]
	[ "$(count 'email:     sent {"to": "bob@example.com", "subject": "Your order ord-1002", "total": 19.99}' "$log")" -eq 1 ]
	only_state checkout
}

@test "checkout: checkout.sh returns at once and emits one OrderPlaced" {
	example checkout
	run --separate-stderr examples/checkout/checkout.sh ord-9 1.50 d@example.com Rome </dev/null
	assert_success
	assert_line --index 0 'checkout: charged 1.50 for ord-9'
	assert_line --index 2 'checkout: OrderPlaced for ord-9 is on the bus; done'
	[[ ${lines[1]} == '{"version":"0","id":"'* ]]
	[[ ${lines[1]} == *'"detail-type":"OrderPlaced","source":"com.mystore.checkout"'* ]]
	[[ ${lines[1]} == *'"detail":{"order":{"id":"ord-9","total":1.50,'* ]]
}

@test "checkout: while email is down, inventory and shipping carry on and email is dead-lettered" {
	example checkout
	run_example checkout
	assert_success
	section '1. The mail server is down' >step1
	grep -F -q 'inventory: reserved stock for {"order": "ord-1001"' step1
	grep -F -q 'shipping:  "Ship order ord-1001 to Berlin"' step1
	refute_grep -F -q 'email:     sent' step1
	grep -F -q 'evfan: target order-placed/email: ERROR_FROM_TARGET: exited 75; retry 2 of 2' step1
	grep -F -q 'evfan: target order-placed/email: ERROR_FROM_TARGET: exited 75; dead-lettered to state/email.dlq' step1
}

@test "checkout: the DLQ holds the email delivery of ord-1001, and why" {
	example checkout
	run_example checkout
	assert_success
	section '2. What went to the dead-letter queue' >step2
	grep -Eq '^records +1 ' step2
	grep -q '^by target   order-placed/email 1$' step2
	grep -q '^by error    ERROR_FROM_TARGET 1$' step2
	grep -q '^state/email.dlq:1: .* order-placed/email ERROR_FROM_TARGET "exited 75" after 2 retries (MaximumRetryAttempts)$' step2
	grep -q '^    event [0-9a-f-]\{36\}: OrderPlaced from com.mystore.checkout, ' step2
}

@test "checkout: the redrive delivers ord-1001 to email and empties the DLQ" {
	example checkout
	run_example checkout
	assert_success
	section '3. The mail server is back' >step3
	grep -F -q 'email:     sent {"to": "alice@example.com", "subject": "Your order ord-1001", "total": 42.50}' step3
	grep -F -q 'dead letters left: 0' step3
	[ ! -s examples/checkout/state/email.dlq ]
}

@test "checkout: the SMS target added to the bus file gets ord-1002, not ord-1001" {
	local log=examples/checkout/state/deliveries.log

	example checkout
	run_example checkout
	assert_success
	section '4. A new service, SMS' >step4
	grep -F -q '>           "Id": "sms",' step4
	grep -F -q 'sms:       "Order ord-1002 confirmed"' step4
	[ "$(count 'sms:' "$log")" -eq 1 ]
	[ "$(count 'sms:       "Order ord-1002 confirmed"' "$log")" -eq 1 ]
	# Nothing else changed in the bus file but the new target.
	diff examples/checkout/bus.json examples/checkout/state/bus-with-sms.json |
	    grep '^[<>]' >changes || true
	refute_grep -q '^<' changes
	[ "$(wc -l <changes)" -eq "$(wc -l <examples/checkout/sms-target.json)" ]
}

# ---------------------------------------------------------------------------
# cron: a scheduled event and the rule that acts on it

@test "cron: the crontab line runs nightly.sh, and its rule writes the report" {
	local today t

	example cron
	today=$(date -u +%F)
	run_example cron
	assert_success
	assert_line --index 0 --regexp '^== crontab: 30 2 \* \* \*[[:space:]]+"\$EVBUS_HOME/examples/cron/nightly.sh"$'
	[ "$stderr" = "report: wrote state/reports/sales-$today.txt" ]
	t=$(sed -n 's/.*"time":"\([^"]*\)".*/\1/p' examples/cron/state/schedule.ndjson)
	[ "$(cat "examples/cron/state/reports/sales-$today.txt")" = "Sales report for $today (scheduled at $t)
orders: 4
total:  189.74 USD" ]
	assert_line "Sales report for $today (scheduled at $t)"
	only_state cron
}

@test "cron: the rule fired on the scheduled event made by evput -d" {
	local ev

	example cron
	run_example cron
	assert_success
	[ "$(wc -l <examples/cron/state/schedule.ndjson)" -eq 1 ]
	ev=$(cat examples/cron/state/schedule.ndjson)
	[[ $ev == *'"detail-type":"Nightly Report","source":"com.mystore.scheduler"'* ]]
	[[ $ev == *'"resources":["arn:aws:scheduler:us-east-1:000000000000:schedule/default/nightly-report"]'* ]]
	[[ $ev == *"\"detail\":{\"report\":\"sales\",\"date\":\"$(date -u +%F)\"}}" ]]
	[ ! -e examples/cron/state/report.dlq ]
	# The rule's pattern is what selected it.
	evmatch -q -r examples/cron/bus.json --rule nightly-sales-report \
	    examples/cron/state/schedule.ndjson
}

@test "cron: the crontab has one schedule line, and the bus file is valid" {
	example cron
	run grep -c -v -e '^#' -e '^[A-Za-z_]*=' -e '^[[:space:]]*$' examples/cron/crontab
	assert_output 1
	grep -q '^30 2 \* \* \*' examples/cron/crontab
	run_example cron
	assert_success
	cd examples/cron
	evfan --check -c bus.json </dev/null
}

# ---------------------------------------------------------------------------
# logs: log lines to events, errors to a file and an alert

@test "logs: errors reach the alert script and the file, INFO and WARN do not" {
	local st=examples/logs/state

	example logs
	run_example logs
	assert_success
	[ "$(cat "$st/alerts.txt")" = 'ALERT 2026-11-26T09:16:22Z payment: card declined for ord-1003: "insufficient funds"
ALERT 2026-11-26T09:21:05Z shipping: no carrier for C:\Depots\Nord, ord-1002 held' ]
	[ "$(wc -l <"$st/errors.ndjson")" -eq 2 ]
	[ "$(count '"source":"com.mystore.app"' "$st/errors.ndjson")" -eq 2 ]
	[ "$(count '"detail-type":"LogLine"' "$st/errors.ndjson")" -eq 2 ]
	[ "$(count '"level":"ERROR"' "$st/errors.ndjson")" -eq 2 ]
	grep -F -q '"detail":{"time":"2026-11-26T09:16:22Z","level":"ERROR","component":"payment","message":"card declined for ord-1003: \"insufficient funds\""}}' "$st/errors.ndjson"
	grep -F -q '"message":"no carrier for C:\\Depots\\Nord, ord-1002 held"}}' "$st/errors.ndjson"
	refute_grep -q -e INFO -e WARN "$st/alerts.txt" "$st/errors.ndjson"
	[ "$(printf '%s\n' "$stderr" | grep -c '^alert: paged on-call: ')" -eq 2 ]
	[ ! -e "$st/ops.dlq" ]
	only_state logs
}

@test "logs: every log line becomes one event, counted by level" {
	example logs
	run_example logs
	assert_success
	[ "$(wc -l <examples/logs/state/events.ndjson)" -eq "$(wc -l <examples/logs/app.log)" ]
	section 'by level' >levels
	[ "$(cat levels)" = '   INFO  4
   WARN  2
   ERROR 2' ]
	# Every payload is valid JSON: evput refused none.
	awk -f examples/logs/log2json.awk examples/logs/app.log |
	    evput -s com.mystore.app -t LogLine >/dev/null
}

@test "logs: log2json.awk escapes quotes, backslashes and tabs, and keeps odd lines" {
	example logs
	printf '%s\n' '2026-11-26T10:00:00Z ERROR db: "a\b"	tab' '    at main()' >odd.log
	run -0 --separate-stderr sh -c 'awk -f examples/logs/log2json.awk odd.log |
	    evput -s com.mystore.app -t LogLine | evmatch -c "{\"detail\":{\"level\":[\"ERROR\",\"UNKNOWN\"]}}"'
	assert_output 2
	run -0 awk -f examples/logs/log2json.awk odd.log
	assert_line --index 0 '{"time":"2026-11-26T10:00:00Z","level":"ERROR","component":"db","message":"\"a\\b\"\ttab"}'
	assert_line --index 1 '{"level":"UNKNOWN","message":"    at main()"}'
}

# ---------------------------------------------------------------------------
# large-payload: claim-check, and a target that resolves it

@test "large-payload: the order is refused as it is and sent with a claim check" {
	local st=examples/large-payload/state sha

	example large-payload
	run_example large-payload
	assert_success
	[ "$(wc -c <"$st/order.json")" -gt 262144 ]
	assert_line --regexp '^   evput: state/order.json:1: ValidationException: entry size [0-9]+ bytes is over the limit of 262144$'
	sha=$(head -c -1 "$st/order.json" | sha256sum | cut -d' ' -f1)
	[ -f "$st/claims/$sha.json" ]
	cmp <(head -c -1 "$st/order.json") "$st/claims/$sha.json"
	grep -F -q "\"detail\":{\"claimCheck\":{\"uri\":\"file://$PWD/$st/claims/$sha.json\",\"sha256\":\"$sha\",\"size\":$(($(wc -c <"$st/order.json") - 1)),\"contentType\":\"application/json\"},\"orderId\":\"ord-2001\"}}" "$st/event.json"
	[ "$(wc -c <"$st/event.json")" -lt 1024 ]
	only_state large-payload
}

@test "large-payload: the target verifies the hash and prints the total and item count" {
	example large-payload
	run_example large-payload
	assert_success
	assert_line --regexp '^resolve: ord-2001: sha256 verified, [0-9]+ bytes: 4000 items, total 203887.00 USD$'
	[ ! -e examples/large-payload/state/orders.dlq ]
	# The total is the sum of the items, computed here another way.
	run -0 sh -c "grep -o '\"qty\":[0-9]*,\"price\":[0-9.]*' examples/large-payload/state/order.json |
	    tr ':,' '  ' | awk '{ s += \$2 * \$4 } END { printf \"%.2f\", s }'"
	assert_output 203887.00
}

@test "large-payload: a stored detail that was tampered with is refused and dead-lettered" {
	local st=examples/large-payload/state f

	example large-payload
	run_example large-payload
	assert_success
	f=$(ls "$st"/claims/*.json)
	chmod u+w "$f"
	sed -i 's/"total":/"total":1/' "$f"
	cd examples/large-payload
	run --separate-stderr evfan -c bus.json --backoff 0.01 state/event.json </dev/null
	[ "$status" -eq 1 ]
	[[ $stderr == *"does not match its sha256"* ]]
	[[ $stderr != *"sha256 verified"* ]]
	[ "$(wc -l <state/orders.dlq)" -eq 1 ]
}
