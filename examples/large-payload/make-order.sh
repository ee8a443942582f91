#!/bin/sh
# Print one order of N items (default 4000) as one line of JSON: about
# 300 KB, over EventBridge's 256 KB entry limit.  The same N gives the
# same bytes.
#	make-order.sh [N]
n=${1:-4000}
awk -v n="$n" 'BEGIN {
	printf "{\"orderId\":\"ord-2001\",\"customer\":{\"email\":\"carol@example.com\"},\"items\":["
	for (i = 1; i <= n; i++) {
		qty = 1 + i % 3
		cents = (i % 50) * 100 + 99
		sum += qty * cents
		printf "%s{\"sku\":\"SKU-%05d\",\"name\":\"Replacement part %05d\",\"qty\":%d,\"price\":%d.%02d}", \
		    (i > 1 ? "," : ""), i, i, qty, cents / 100, cents % 100
	}
	printf "],\"total\":%d.%02d,\"currency\":\"USD\"}\n", sum / 100, sum % 100
}'
