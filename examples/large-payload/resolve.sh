#!/bin/sh
# The target of a claim-checked order.  Reads "ORDER SHA256 SIZE" (the
# input transformer's output: the reference evput left in the event),
# fetches the stored detail from the claim-check directory by its SHA-256,
# checks it against the hash and the size, and reports on the order.
#	resolve.sh CLAIM-DIR
set -eu
dir=${1:?usage: resolve.sh claim-dir}
read -r order sha size
file=$dir/$sha.json

# The name is the hash of the content: check it before trusting a byte.
echo "$sha  $file" | sha256sum --check --quiet - >&2 || {
	echo "resolve: $order: $file does not match its sha256" >&2
	exit 1
}
[ "$(wc -c <"$file")" -eq "$size" ] || {
	echo "resolve: $order: $file is not $size bytes" >&2
	exit 1
}
items=$(grep -o '"sku":' "$file" | wc -l)
total=$(sed -n 's/.*\],"total":\([0-9.]*\),.*/\1/p' "$file")
echo "resolve: $order: sha256 verified, $size bytes: $items items, total $total USD" >&2
