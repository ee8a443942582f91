#!/bin/sh
# Email: sends the confirmation.  While "$DEMO_STATE/email.offline" exists
# the mail server is down: exit 75 (temporary failure), and the bus retries.
read -r input
if [ -e "$DEMO_STATE/email.offline" ]; then
	echo "  email:     mail server down, cannot send $input" >&2
	exit 75
fi
echo "  email:     sent $input" >>"$DEMO_LOG"
