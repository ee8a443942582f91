#!/bin/sh
# The checkout service: charge the card (pretend), then announce one fact,
# OrderPlaced, and return.  It knows nothing of inventory, shipping or
# email: whoever cares subscribes on the bus.
#	checkout.sh ORDER_ID AMOUNT EMAIL CITY
set -eu
order=${1:?usage: checkout.sh order-id amount email city}
amount=${2:?usage: checkout.sh order-id amount email city}
email=${3:?usage: checkout.sh order-id amount email city}
city=${4:?usage: checkout.sh order-id amount email city}

echo "checkout: charged $amount for $order"
printf '{"order":{"id":"%s","total":%s,"currency":"USD","items":[{"sku":"SKU-0042","qty":1}]},"customer":{"email":"%s","city":"%s"}}\n' \
    "$order" "$amount" "$email" "$city" |
    evput -s com.mystore.checkout -t OrderPlaced >>"${BUS:-/dev/stdout}"
echo "checkout: OrderPlaced for $order is on the bus; done"
