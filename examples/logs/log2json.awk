# Turn application log lines into JSON payloads, one per line:
#	2026-11-26T09:16:22Z ERROR payment: card declined for ord-1003
# becomes
#	{"time":"2026-11-26T09:16:22Z","level":"ERROR","component":"payment",
#	 "message":"card declined for ord-1003"}
# Lines in another format are kept whole, as the message of level UNKNOWN.
# fflush() sends each payload on at once, so "tail -f app.log | awk ..."
# streams.

function esc(s,    out, i, c) {
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\" || c == "\"")
			out = out "\\" c
		else if (c == "\t")
			out = out "\\t"
		else if (c >= " ")
			out = out c
	}
	return out
}

NF == 0 { next }

$1 ~ /^[0-9][0-9-]*T[0-9:.]*Z$/ && $3 ~ /:$/ {
	msg = $0
	sub(/^[ \t]*[^ \t]+[ \t]+[^ \t]+[ \t]+[^ \t]+[ \t]*/, "", msg)
	printf "{\"time\":\"%s\",\"level\":\"%s\",\"component\":\"%s\",\"message\":\"%s\"}\n",
	    esc($1), esc($2), esc(substr($3, 1, length($3) - 1)), esc(msg)
	fflush()
	next
}

{
	printf "{\"level\":\"UNKNOWN\",\"message\":\"%s\"}\n", esc($0)
	fflush()
}
