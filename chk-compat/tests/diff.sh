#!/bin/sh
# diff.sh OURS REF: the differential test.  Run the case table through our
# private copy (OURS) and through glibc's own __*_chk (REF), and require
# identical transcripts: same return values and buffer contents, same
# aborts with the same stderr, case by case.  Cases for symbols newer than
# the running glibc are left out of our side (REF cannot call them).
set -eu
ours=$1 ref=$2
minor=$(getconf GNU_LIBC_VERSION | sed -n 's/^glibc 2\.\([0-9]*\).*/\1/p')
[ -n "$minor" ] || { echo "not glibc?" >&2; exit 77; }
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
"$ours" transcript "" "$minor" >"$tmp/ours" &
"$ref" transcript >"$tmp/ref" &
wait
n=$(grep -c '^== ' "$tmp/ref")
[ "$n" -gt 0 ] || { echo "empty transcript" >&2; exit 1; }
if ! cmp -s "$tmp/ours" "$tmp/ref"; then
	echo "ours (-) and glibc 2.$minor (+) differ:" >&2
	diff -u "$tmp/ours" "$tmp/ref" | sed -n '3,200p' >&2
	exit 1
fi
aborts=$(grep -c '^signal 6 ' "$tmp/ref")
echo "ok: $n cases identical to glibc 2.$minor ($aborts of them abort)"
