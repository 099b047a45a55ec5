#!/bin/sh
# test_env.sh PURGE-TEST LIBNUMALLOC.SO LIBC: the NUMALLOC_* variables are
# parsed (bad values warned about and ignored), NUMALLOC_STATS prints at
# exit, and real programs run correctly under LD_PRELOAD (glibc flavour:
# the system's sort and python3, which are glibc programs).
. "$TESTUTIL_SH"
prog=$1 lib=$2 libc=$3
tu_tmpdir dir

expect_opts() {	# expect_opts WANT [VAR=VALUE...]
	want=$1; shift
	got=$(env "$@" "$prog" --print-options 2>"$dir/err") ||
		tu_fail "$prog failed with $*"
	[ "$got" = "$want" ] || tu_fail "with $*: got '$got', want '$want'"
}

expect_opts "stats=0 verbose=0 purge_delay=50"
expect_opts "stats=0 verbose=1 purge_delay=7" NUMALLOC_VERBOSE=1 NUMALLOC_PURGE_DELAY=7
expect_opts "stats=0 verbose=0 purge_delay=-1" NUMALLOC_PURGE_DELAY=-1
for bad in abc 12x -2 3600001 99999999999999999999 ""; do
	expect_opts "stats=0 verbose=0 purge_delay=50" "NUMALLOC_PURGE_DELAY=$bad"
	grep -q "ignoring invalid NUMALLOC_PURGE_DELAY" "$dir/err" ||
		tu_fail "no warning for NUMALLOC_PURGE_DELAY='$bad'"
done
expect_opts "stats=0 verbose=0 purge_delay=50" NUMALLOC_STATS=2
grep -q "ignoring invalid NUMALLOC_STATS=2" "$dir/err" || tu_fail "no warning for NUMALLOC_STATS=2"

# NUMALLOC_STATS=1 prints the counters at exit.
NUMALLOC_STATS=1 "$prog" --print-options >/dev/null 2>"$dir/err" || tu_fail "stats run failed"
grep -q "^numalloc: malloc_calls [0-9]" "$dir/err" || tu_fail "no statistics printed"

[ "$libc" = glibc ] || exit 0
# Real programs under LD_PRELOAD: same output as without, and numalloc's
# statistics show that it served them.
seq 1 20000 | sed 's/$/ line/' | sort -r >"$dir/want"
seq 1 20000 | sed 's/$/ line/' | NUMALLOC_STATS=1 LD_PRELOAD=$lib sort -r \
	>"$dir/got" 2>"$dir/err" || tu_fail "sort under LD_PRELOAD failed"
cmp -s "$dir/want" "$dir/got" || tu_fail "sort output differs"
grep -q "^numalloc: malloc_calls [1-9]" "$dir/err" || tu_fail "sort: numalloc not used"
py=$(command -v python3) || tu_skip "python3 not installed"
out=$(NUMALLOC_STATS=1 LD_PRELOAD=$lib "$py" -c '
import json, threading
d = [{"k": i, "v": [str(j) for j in range(i % 50)]} for i in range(20000)]
s = json.dumps(d)
t = [threading.Thread(target=lambda: json.loads(s)) for _ in range(4)]
[x.start() for x in t]; [x.join() for x in t]
print(len(json.loads(s)))' 2>"$dir/err") || tu_fail "python3 under LD_PRELOAD failed: $(cat "$dir/err")"
[ "$out" = 20000 ] || tu_fail "python3 printed '$out'"
grep -q "^numalloc: malloc_calls [1-9]" "$dir/err" || tu_fail "python3: numalloc not used"
exit 0
