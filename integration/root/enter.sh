#!/bin/sh
# enter.sh [-n NETNS] [-p LIB] ROOT PROGRAM [ARGS...]: run PROGRAM inside
# the musl root, the way every integration check does.
#
# The program runs chrooted in ROOT, in a fresh mount namespace (so the
# /proc, /dev, /sys and /tmp mounted for it vanish with it and never touch
# the host's mount table) and in a network namespace: the named one with
# -n (the suite's own, created by the test), otherwise a fresh one that
# has nothing but loopback.  Its exit status is PROGRAM's; a program killed
# by a signal shows as 128+N, as in any shell.
#
# -p LIB preloads the root's LIB into PROGRAM through musl's loader
# (`ld-musl-x86_64.so.1 --preload`), as LD_PRELOAD would, without handing
# LD_PRELOAD to the host's glibc tools (ip, unshare, chroot) on the way.
set -eu
netns= preload=
while [ $# -gt 0 ]; do
	case $1 in
	-n) netns=$2; shift 2 ;;
	-p) preload=$2; shift 2 ;;
	*) break ;;
	esac
done
[ $# -ge 2 ] || { echo "usage: enter.sh [-n NETNS] [-p LIB] ROOT PROGRAM [ARGS...]" >&2; exit 2; }
root=$(cd "$1" && pwd)
shift
[ -x "$root/lib/ld-musl-x86_64.so.1" ] || { echo "enter.sh: $root is not a musl root" >&2; exit 2; }
if [ -n "$preload" ]; then
	[ -f "$root$preload" ] || { echo "enter.sh: no $preload in the root" >&2; exit 2; }
	set -- /lib/ld-musl-x86_64.so.1 --preload "$preload" "$@"
fi

# Runs in the new namespaces: mount what programs expect, then chroot.
inner='
root=$1; shift
mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys" 2>/dev/null || true
mount --bind /dev "$root/dev"
mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
ip link set lo up 2>/dev/null || true
ulimit -c 0  # the suite traps and aborts on purpose: no core files
exec chroot "$root" "$@"'

if [ -n "$netns" ]; then
	exec ip netns exec "$netns" unshare -m --propagation private sh -c "$inner" enter "$root" "$@"
fi
exec unshare -m -n --propagation private sh -c "$inner" enter "$root" "$@"
