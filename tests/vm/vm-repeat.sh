#!/bin/sh
# vm-repeat.sh: boot the same guest several times with vm-run.sh, optionally
# starved of host CPU, to tell a flaky result from a steady one.  The
# console of every failing boot is kept.
#
# Usage: vm-repeat.sh -n COUNT [-s] [-d DIR] -- VM-RUN-ARGUMENTS...
#   -n COUNT  boots (1 or more)
#   -s        starve the guest: qemu runs at nice 19 on one host CPU, so
#             that its virtual CPUs get only what other work leaves (the
#             timing of a loaded build machine, without adding load)
#   -d DIR    where the logs of failing boots go (default: a new directory
#             under $TMPDIR)
# Prints one line per boot and a summary with the host's load average.
# Exit status: 0 every boot passed or skipped and at least one passed, 1 a
# boot failed, 77 every boot skipped (nothing was tested), 2 bad usage.
set -eu

prog=vm-repeat
usage() { printf 'usage: %s -n COUNT [-s] [-d DIR] -- VM-RUN-ARGUMENTS...\n' "$prog" >&2; exit 2; }

count='' starve=0 dir=''
while getopts n:sd: opt; do
	case $opt in
	n) count=$OPTARG ;;
	s) starve=1 ;;
	d) dir=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
case $count in ''|*[!0-9]*) usage ;; esac
[ "$count" -ge 1 ] || usage
[ $# -gt 0 ] || usage
made=0
if [ -z "$dir" ]; then
	dir=$(mktemp -d "${TMPDIR:-/tmp}/vm-repeat.XXXXXX")
	made=1
else
	mkdir -p "$dir"
fi

run=$(dirname "$0")/vm-run.sh
set -- "$run" "$@"
# A starved guest: lowest priority, and its threads share one host CPU.
[ "$starve" = 0 ] || set -- nice -n 19 taskset -c 0 "$@"

pass=0 fail=0 skip=0 i=0
while [ "$i" -lt "$count" ]; do
	i=$((i + 1))
	log=$dir/boot-$i.log
	rc=0
	"$@" >"$log" 2>&1 || rc=$?
	case $rc in
	0)    pass=$((pass + 1)); rm -f "$log"
	      printf '%s: boot %d: pass\n' "$prog" "$i" ;;
	77)   skip=$((skip + 1)); rm -f "$log"
	      printf '%s: boot %d: skipped\n' "$prog" "$i" ;;
	*)    fail=$((fail + 1))
	      printf '%s: boot %d: FAIL (status %d), log %s\n' "$prog" "$i" "$rc" "$log"
	      grep '^VMTEST FAIL' "$log" || true ;;
	esac
done
printf '%s: %d of %d boots passed, %d skipped (starved: %s); load average %s\n' "$prog" \
    "$pass" "$count" "$skip" "$([ "$starve" = 1 ] && echo yes || echo no)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
[ "$fail" = 0 ] || exit 1
[ "$made" = 0 ] || rmdir "$dir"
[ "$pass" -gt 0 ] || exit 77
exit 0
