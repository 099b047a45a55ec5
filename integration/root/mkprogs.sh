#!/bin/sh
# mkprogs.sh PROGS-SRC MESON-OUT ROOT TOOLCHAIN INFO: put the suite's test
# programs into ROOT/usr/local/bin.
#
# ma-loadgen and ma-vmcheck are ordinary musl executables meson built.  The
# others are compiled here with the root's toolchain (TOOLCHAIN/root.specs),
# because they depend on what the components installed into ROOT: the
# fortify overlay, libnumalloc, libchk-compat.  Whatever a missing component
# would have contributed is left out and recorded in INFO, so the checks
# that need it skip instead of failing.
set -eu
progs=$1 mout=$2 root=$3 tc=$4 info=$5
. "$info"
bin=$root/usr/local/bin
cc_root="gcc -specs=$tc/root.specs"
cc_plain="gcc -specs=$tc/plain.specs"
# -Werror: a warning from the overlay on this valid code is a false positive.
cflags="-std=gnu11 -O2 -D_FORTIFY_SOURCE=2 -Wall -Wextra -Werror"
ldflags="-Wl,-rpath-link,$root/lib/x86_64-linux-musl:$root/usr/local/lib"

run() { printf '$ %s\n' "$*"; "$@"; }

run cp "$mout/ma-loadgen" "$bin/"
run cp "$mout/ma-vmcheck" "$bin/"

# ma-fortify: the overlay's trap, and its unfortified control.
run $cc_root $cflags -o "$bin/ma-fortify" "$progs/ma-fortify.c"
run $cc_plain $cflags -o "$bin/ma-fortify-plain" "$progs/ma-fortify.c"

# The glibc-built object: host gcc, glibc's headers and glibc's fortify.
libs= objs= defs=
if [ -n "$have_chk_compat" ]; then
	run gcc -O2 -D_FORTIFY_SOURCE=2 -fPIC -fno-stack-protector \
	    -c -o "$tc/binaryware.o" "$progs/binaryware.c"
	objs="$tc/binaryware.o" defs=-DMA_BINARYWARE libs=-lchk-compat
	echo "binaryware=1" >>"$info"
else
	echo "# chk-compat not installed: ma-resolve is built without the glibc object"
	echo "binaryware=" >>"$info"
fi
# numalloc goes first among the libraries so that its malloc is the one
# the program binds to.
if [ -n "$have_numalloc" ]; then
	libs="-lnumalloc $libs"
fi
run $cc_root $cflags $defs -o "$bin/ma-resolve" "$progs/ma-resolve.c" $objs $ldflags $libs
