#!/bin/sh
# integration/demo.sh MUSL_BUILD GLIBC_BUILD: the four components working
# together in a musl root, step by step.  ci/demo calls it after building;
# every command is printed ("$ ...") before it runs, so each step can be
# repeated by hand.  Run as root (namespaces, chroot).  All network traffic
# stays inside two namespaces this script creates and removes.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
musl=$(cd "${1:?usage: demo.sh MUSL_BUILD GLIBC_BUILD}" && pwd)
out=$musl/integration
bin=$src/integration/root
root=$out/root
TESTUTIL_SH=$src/tests/lib/testutil.sh
. "$TESTUTIL_SH"
# testutil's cleanup expects errors (killing what already exited): not
# under set -e, or it would stop half-way.
trap 'set +e; tu_cleanup' EXIT

run() { printf '$ %s\n' "$*"; "$@"; }
# try CMD...: run and show the exit status, which may be a failure on purpose.
try() {
	printf '$ %s\n' "$*"
	if "$@"; then st=0; else st=$?; fi
	printf '# exit status %s%s\n' "$st" "$([ "$st" -gt 128 ] && echo " (signal $((st - 128)))")"
}
say() { printf '\n# ---- %s\n' "$*"; }

[ "$(id -u)" = 0 ] || { echo "integration demo: needs root (namespaces, chroot)"; exit 0; }
[ -x "$musl/integration/ma-loadgen" ] ||
	{ echo "integration demo: not built in $musl (musl flavour only)"; exit 0; }

say "Assemble the musl root: Debian's musl + meson install --tags per component"
run "$bin/mkroot.sh" "$src" "$musl" "$out"
. "$out/root.info"
run cat "$root/etc/resolv.conf"

say "Nothing from glibc in it"
run "$bin/elfscan.sh" "$root" | tail -n 5

if [ -n "$have_fortify_headers" ]; then
	say "fortify-headers: the root's toolchain puts the overlay ahead of musl's headers"
	run grep -m1 -- '-isystem' "$out/toolchain/root.specs"
	try "$bin/enter.sh" "$root" /usr/local/bin/ma-fortify 1234567
	try "$bin/enter.sh" "$root" /usr/local/bin/ma-fortify 12345678
	try "$bin/enter.sh" "$root" /usr/local/bin/ma-fortify-plain 12345678
fi
if [ -n "$binaryware" ]; then
	say "chk-compat: a glibc-built object's __*_chk calls, served on musl"
	run nm "$out/toolchain/binaryware.o"
	try "$bin/enter.sh" "$root" /usr/local/bin/ma-resolve --label printer 10.1.2.3
	try "$bin/enter.sh" "$root" /usr/local/bin/ma-resolve --label abcdefghijklmnopqrstuvwxyz012345 10.1.2.3
fi
if [ -n "$have_numalloc" ]; then
	say "numalloc: the allocator the root's program binds to"
	run readelf -dW "$root/usr/local/bin/ma-resolve" | grep NEEDED
	try "$bin/enter.sh" "$root" /usr/local/bin/ma-resolve --allocator
fi

if [ -n "$have_mdnsd" ]; then
	say "mdnsd: the only nameserver; hosts file and .local from an avahi-daemon next door"
	dir=$root/run/demo
	mkdir -p "$dir"
	tu_dir_list="$tu_dir_list $dir"
	printf '10.77.9.9\tma-hosts.test\n' >"$dir/hosts"
	printf '$ %s\n' "$bin/mdnsd-conf.sh /run/demo/hosts veth0 >$dir/mdnsd.conf"
	"$bin/mdnsd-conf.sh" /run/demo/hosts veth0 | tee "$dir/mdnsd.conf"
	# Two namespaces joined by a veth pair: the client side (mdnsd and the
	# programs) and the peer (avahi-daemon).  Removed again at exit.
	cli=ma$$_cli peer=ma$$_peer
	tu_ns_list="$tu_ns_list $cli $peer"
	run ip netns add "$cli"
	run ip netns add "$peer"
	run ip -n "$cli" link set lo up
	run ip -n "$peer" link set lo up
	run ip link add veth0 netns "$cli" type veth peer name veth0 netns "$peer"
	run ip -n "$cli" addr add 10.77.0.1/24 dev veth0
	run ip -n "$peer" addr add 10.77.0.2/24 dev veth0
	run ip -n "$cli" link set veth0 up multicast on
	run ip -n "$peer" link set veth0 up multicast on
	printf '$ %s &\n' "$bin/avahi-peer.sh $peer ma-peer $out/demo-avahi"
	tu_bg "$bin/avahi-peer.sh" "$peer" ma-peer "$out/demo-avahi" 2>"$out/demo-avahi.log"
	pre=
	[ -z "$have_numalloc" ] || pre="-p /usr/local/lib/libnumalloc.so"
	printf '$ %s &\n' "$bin/enter.sh -n $cli $pre $root /usr/local/sbin/mdnsd -d -f /run/demo/mdnsd.conf"
	tu_bg "$bin/enter.sh" -n "$cli" $pre "$root" /usr/local/sbin/mdnsd -d -f /run/demo/mdnsd.conf \
	    2>"$out/demo-mdnsd.log"
	mdnsd=$tu_last_pid
	tu_wait_for 15 grep -q 'Server startup complete' "$out/demo-avahi.log" ||
		{ cat "$out/demo-avahi.log"; exit 1; }
	"$bin/wait-dns.sh" "$cli" "$root" "$mdnsd" 10 || { cat "$out/demo-mdnsd.log"; exit 1; }
	try "$bin/enter.sh" -n "$cli" "$root" /usr/local/bin/ma-resolve ma-hosts.test ma-peer.local
	try "$bin/enter.sh" -n "$cli" "$root" /usr/local/bin/ma-resolve ma-missing.test

	say "mdnsd under a query load (loopback in its namespace)"
	run grep -c numalloc "/proc/$mdnsd/maps" || true
	try "$bin/enter.sh" -n "$cli" "$root" /usr/local/bin/ma-loadgen -n 20000 -w 32 -u 4 ma-hosts.test
	run grep -E 'VmHWM|VmRSS' "/proc/$mdnsd/status"
	tu_cleanup
	tu_pid_list= tu_ns_list= tu_dir_list=
fi

say "The whole suite: kyua test (also boots the root in a 2-node qemu guest)"
try meson test -C "$musl" --suite integration
run kyua report --results-file="$out/kyua-results.db"
echo "# full report: $out/kyua-report.txt, JUnit: $out/kyua-junit.xml"
