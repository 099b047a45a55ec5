#!/bin/sh
# exports.sh LIB NAMES: the dynamic symbol table of LIB defines exactly the
# names in NAMES (one per line), with no version attached, and nothing else.
set -eu
lib=$1 names=$2
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
# Defined, global or weak, in the dynamic table: nm marks undefined 'U'/'w'.
nm -D --defined-only "$lib" | awk '$2 ~ /^[TWiV]$/ { print $3 }' | sort >"$tmp/got"
sort "$names" >"$tmp/want"
if ! cmp -s "$tmp/got" "$tmp/want"; then
	echo "exported set differs (- expected, + exported):" >&2
	diff -u "$tmp/want" "$tmp/got" | sed -n '3,$p' >&2
	exit 1
fi
# No GLIBC_x.y (or any) version node: musl binds by name.
if readelf -V "$lib" | grep -q 'Version definition'; then
	echo "$lib carries symbol version definitions" >&2
	exit 1
fi
echo "ok: $(wc -l <"$tmp/got") symbols, unversioned"
