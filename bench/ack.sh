#!/bin/sh
# A pipe: target for the latency benchmark: acknowledges each event it
# reads with one line on the FIFO named by $1.
exec 3>"$1"
while read -r line; do
	echo ack >&3
done
