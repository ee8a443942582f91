#!/bin/sh
# The report job: reads "DATE TIME" (the input transformer's output) and
# writes the sales report for DATE from the orders file into DIR.
#	report.sh ORDERS DIR
set -eu
orders=${1:?usage: report.sh orders dir}
dir=${2:?usage: report.sh orders dir}
read -r date time
mkdir -p "$dir"
awk -v date="$date" -v time="$time" '
	{
		n++
		if (match($0, /"total":[0-9.]+/))
			sum += substr($0, RSTART + 8, RLENGTH - 8)
	}
	END {
		printf "Sales report for %s (scheduled at %s)\n", date, time
		printf "orders: %d\ntotal:  %.2f USD\n", n, sum
	}' "$orders" >"$dir/sales-$date.txt"
echo "report: wrote $dir/sales-$date.txt" >&2
