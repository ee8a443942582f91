#!/bin/sh
# Run by cron: announce that the nightly report is due, as an EventBridge
# Scheduler schedule would, and hand the event to the bus.  The scheduler
# knows nothing of reports: the rules in bus.json decide what happens.
set -eu
cd "$(dirname "$0")"
mkdir -p state
evput -s com.mystore.scheduler -t "Nightly Report" \
    -r arn:aws:scheduler:us-east-1:000000000000:schedule/default/nightly-report \
    -d "{\"report\":\"sales\",\"date\":\"$(date -u +%F)\"}" |
    evfan -c bus.json
