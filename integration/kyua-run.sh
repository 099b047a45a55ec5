#!/bin/sh
# kyua-run.sh: the integration stage as `meson test --suite integration`
# runs it.  Assembles the musl root (root/mkroot.sh), runs the Kyuafile
# with `kyua test`, and keeps Kyua's reports next to the root:
#
#   $MA_OUT/mkroot.log         every command of the root's assembly
#   $MA_OUT/kyua-report.txt    kyua report --verbose (each case's output)
#   $MA_OUT/kyua-junit.xml     kyua report-junit, for CI systems
#   $MA_OUT/kyua-results.db    the results file itself
#
# Environment (set by meson): MA_SRC source tree, MA_BUILD musl build dir,
# MA_OUT integration build dir, MA_CACHE ci/install-deps cache; MA_VM_*
# the tests/vm harness (MA_VM_WHY_NOT when there is none).
# Exit: 0 all passed or skipped, 1 a failure, 77 every case skipped.
set -u
src=${MA_SRC:?} build=${MA_BUILD:?} out=${MA_OUT:?}
results=$out/kyua-results.db

if ! "$src/integration/root/mkroot.sh" "$src" "$build" "$out" >"$out/mkroot.log" 2>&1; then
	cat "$out/mkroot.log"
	echo "kyua-run: assembling the root failed" >&2
	exit 1
fi
grep '^#' "$out/mkroot.log"

rm -f "$results"
# numalloc's checks for the VM image, one per line (files, not Kyua
# variables: atf-sh mangles '=' in variable values).
: >"$out/vm-extra.progs"
: >"$out/vm-extra.lines"
[ -z "${MA_VM_EXTRA_PROGS:-}" ] || printf '%s\n' "$MA_VM_EXTRA_PROGS" | tr ';' '\n' >"$out/vm-extra.progs"
[ -z "${MA_VM_EXTRA_LINES:-}" ] || printf '%s\n' "$MA_VM_EXTRA_LINES" | tr ';' '\n' >"$out/vm-extra.lines"
# The suite's configuration variables (see tests/common.sh); Kyua refuses
# empty values, so unset ones are left out.
set --
for kv in out="$out" src="$src" cache="${MA_CACHE:-/var/cache/musl-addons}" \
    testutil="$src/tests/lib/testutil.sh" \
    vm_init="${MA_VM_INIT:-}" vm_run="${MA_VM_RUN:-}" \
    vm_mkinitramfs="${MA_VM_MKINITRAMFS:-}" vm_kernel="${MA_VM_KERNEL:-}" \
    vm_why_not="${MA_VM_WHY_NOT:-}"; do
	[ -z "${kv#*=}" ] || set -- "$@" -v "test_suites.musl_addons.$kv"
done
kyua --config=none --logfile="$out/kyua.log" -v parallelism=1 "$@" \
    test --kyuafile="$src/integration/Kyuafile" --results-file="$results"
rc=$?
if [ ! -f "$results" ]; then
	echo "kyua-run: kyua test did not run (see $out/kyua.log)" >&2
	exit 1
fi
kyua report --results-file="$results" --verbose \
    --results-filter=passed,skipped,xfail,broken,failed >"$out/kyua-report.txt" 2>&1
kyua report-junit --results-file="$results" --output="$out/kyua-junit.xml"
if [ $rc -ne 0 ]; then
	# Show the failing cases' output in meson's log too.
	kyua report --results-file="$results" --verbose --results-filter=broken,failed
	exit 1
fi
echo "kyua-run: reports in $out/kyua-report.txt and $out/kyua-junit.xml"
# "Test cases: 13 total, 10 skipped, 0 expected failures, 0 broken, 0 failed"
set -- $(sed -n 's/^Test cases: \([0-9]*\) total, \([0-9]*\) skipped.*/\1 \2/p' \
    "$out/kyua-report.txt" | tail -n 1)
[ $# -eq 2 ] || { echo "kyua-run: cannot read Kyua's summary" >&2; exit 1; }
if [ "$1" -eq "$2" ]; then
	echo "kyua-run: all $1 cases skipped"
	exit 77
fi
exit 0
