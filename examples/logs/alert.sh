#!/bin/sh
# The alert: one call per error.  Reads "TIME COMPONENT: MESSAGE" (the
# input transformer's output); a real one would page someone.  Here it
# appends the alert to FILE and says it on the standard error.
#	alert.sh FILE
set -eu
file=${1:?usage: alert.sh file}
read -r line
echo "ALERT $line" >>"$file"
echo "alert: paged on-call: $line" >&2
