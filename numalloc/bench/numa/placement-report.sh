#!/bin/sh
# placement-report.sh: boot the placement benchmark's guest and print one
# table: per allocator the share of node-local pages, and its ratio to
# numalloc's.  Usage: placement-report.sh VM_RUN KERNEL INITRD LAYOUT...
set -eu
[ $# -ge 4 ] || { echo "usage: $0 VM_RUN KERNEL INITRD LAYOUT..." >&2; exit 2; }
vm_run=$1 kernel=$2 initrd=$3
shift 3
log=$(mktemp "${TMPDIR:-/tmp}/placement.XXXXXX")
trap 'rm -f "$log"' EXIT INT TERM
status=0
for layout in "$@"; do
	"$vm_run" -k "$kernel" -i "$initrd" -l "$layout" -t 400 -o "$log" >/dev/null || status=1
	echo "== $layout: share of each thread's pages on its own node (higher is better)"
	awk '/^PLACEMENT / {
		name = $2; sub("local=", "", $3); sub("first=", "", $5); sub("last=", "", $6)
		n++; names[n] = name; loc[name] = $3; fst[name] = $5; lst[name] = $6; pg[name] = $4
	}
	END {
		if (n == 0) { print "no PLACEMENT lines: see the console log"; exit 1 }
		base = loc["numalloc"]
		printf "%-10s %8s %8s %8s %14s %s\n", "allocator", "local%", "round1%", "last%", "numalloc/this", "pages"
		for (i = 1; i <= n; i++) {
			x = names[i]
			r = loc[x] > 0 ? sprintf("%.2f", base / loc[x]) : "inf"
			sub("pages=", "", pg[x])
			printf "%-10s %8.1f %8.1f %8.1f %14s %s\n", x, loc[x], fst[x], lst[x], r, pg[x]
		}
	}' "$log" || status=1
	grep '^VMTEST FAIL' "$log" || true
done
exit $status
