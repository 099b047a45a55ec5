#!/bin/sh
# binaryware.sh: glibc-compiled fortified code running on musl with
# libchk-compat, the way binary-only software meets it.
#
#   binaryware.sh OBJ2 OBJ3 EXE2 EXE3 STATIC GLIBCEXE LIBSO LIBMAIN FAKECOMPAT
#
# OBJ2/OBJ3   fortified.c compiled by the host gcc with glibc's headers at
#             _FORTIFY_SOURCE=2 / =3: must reference the __*_chk functions.
# EXE2/EXE3   those objects linked by musl-gcc, libchk-compat as DT_NEEDED.
# STATIC      OBJ2 linked -static with libchk-compat.a.
# GLIBCEXE    fortified.c linked against glibc (versioned GLIBC_x.y refs),
#             run by musl's dynamic linker with LD_PRELOAD=LIBSO.
# LIBMAIN     a musl program calling fortified.c's main from a glibc-built
#             shared library that has libchk-compat as its own DT_NEEDED.
# FAKECOMPAT  a stand-in glibc-compat layer with its own unchecked
#             __memcpy_chk, preloaded beside LIBSO.
set -u
obj2=$1 obj3=$2 exe2=$3 exe3=$4 static=$5 glibcexe=$6 libso=$7 libmain=$8
fake=$9
ldso=/lib/ld-musl-x86_64.so.1
fails=0 runs=0
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# The compiler really emitted the fortified calls.
for o in "$obj2" "$obj3"; do
	for s in __memcpy_chk __stpcpy_chk __sprintf_chk __snprintf_chk \
	    __printf_chk __read_chk __wmemcpy_chk __fdelt_chk __open_2 __longjmp_chk; do
		nm "$o" | grep -q " U $s\$" || fail "$o does not reference $s"
	done
done
# The glibc-linked program carries versioned references.
objdump -T "$glibcexe" | grep -q 'GLIBC_2\.3\.4.*__memcpy_chk' ||
	fail "$glibcexe has no versioned __memcpy_chk reference"
# Without libchk-compat musl refuses it: the failure this library fixes.
if "$ldso" "$glibcexe" ok >/dev/null 2>"$tmp/err" ||
    ! grep -q '__memcpy_chk: symbol not found' "$tmp/err"; then
	fail "glibc program ran on musl without libchk-compat?"
fi

# run NAME WANT-RC WANT-STDERR CMD...: one run, exact stderr.  An exit
# status of 134 is 128 + SIGABRT (6).
run() {
	name=$1 want_rc=$2 want_err=$3
	shift 3
	runs=$((runs + 1))
	# In the background: a shell reports a foreground job's SIGABRT
	# ("Aborted") on the stderr we are capturing.
	"$@" >"$tmp/out" 2>"$tmp/err" &
	wait $!
	rc=$?
	printf '%s' "$want_err" >"$tmp/want"
	if [ "$rc" != "$want_rc" ] || ! cmp -s "$tmp/err" "$tmp/want"; then
		fail "$name: rc $rc (want $want_rc), stderr: $(cat "$tmp/err")"
	fi
}

ovf='*** buffer overflow detected ***: terminated
'
ok_out='01234567+cat|8|wide|1
fd-set=1 longjmp=ok
'
for how in dtneeded2 dtneeded3 static preload-glibc library; do
	case $how in
	library) set -- "$libmain" ;;
	dtneeded2) set -- "$exe2" ;;
	dtneeded3) set -- "$exe3" ;;
	static) set -- "$static" ;;
	preload-glibc) set -- env LD_PRELOAD="$libso" "$ldso" "$glibcexe" ;;
	esac
	run "$how ok" 0 "" "$@" ok
	printf '%s' "$ok_out" >"$tmp/want_out"
	cmp -s "$tmp/out" "$tmp/want_out" || fail "$how ok: stdout $(cat "$tmp/out")"
	run "$how memcpy in bounds" 0 "" "$@" memcpy 16
	run "$how memcpy" 134 "$ovf" "$@" memcpy 17
	run "$how strcpy" 134 "$ovf" "$@" strcpy 16
	run "$how sprintf" 134 "$ovf" "$@" sprintf 16
	run "$how wmemcpy" 134 "$ovf" "$@" wmemcpy 9
	run "$how printf %n" 134 '*** %n in writable segment detected ***
' "$@" printf-n
	run "$how FD_SET" 134 '*** bit out of range 0 - FD_SETSIZE on fd_set ***: terminated
' "$@" fdelt 1024
	run "$how open" 134 '*** invalid open call: O_CREAT or O_TMPFILE without mode ***: terminated
' "$@" open 64
	run "$how longjmp" 134 '*** longjmp causes uninitialized stack frame ***: terminated
' "$@" longjmp
done
# Beside a compat layer: both load, and the first in the preload list wins
# the names both define (so a distribution lists libchk-compat first).
run "compat layer after us" 134 "$ovf" env LD_PRELOAD="$libso $fake" "$ldso" "$glibcexe" memcpy 17
run "compat layer after us, in bounds" 0 "" env LD_PRELOAD="$libso $fake" "$ldso" "$glibcexe" ok
run "compat layer first" 0 "" env LD_PRELOAD="$fake $libso" "$ldso" "$glibcexe" memcpy 17

[ "$fails" = 0 ] || exit 1
echo "ok: $runs runs (DT_NEEDED =2/=3, static, LD_PRELOAD into a glibc-linked program, DT_NEEDED of a glibc-built library, beside a compat layer)"
