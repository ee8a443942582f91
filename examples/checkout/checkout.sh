#!/bin/sh
# A checkout service: charge the card (pretend), then announce one fact,
# OrderPlaced, and return.  It calls no other service.
#	checkout.sh ORDER_ID AMOUNT
set -eu
order=${1:?usage: checkout.sh order-id amount}
amount=${2:?usage: checkout.sh order-id amount}
printf '{"order":{"id":"%s","total":%s,"currency":"USD"}}\n' "$order" "$amount" |
    evput -s com.mystore.checkout -t OrderPlaced
