#!/bin/sh
# bench/mdns/bench.sh: time to an answer for .local names, in one run:
#   builtin   mdnsd with the built-in querier (the musl build), queried
#             through musl's getaddrinfo
#   avahi     mdnsd with the Avahi backend (the glibc build: libavahi-client
#             is glibc-only), same client
#   resolve   avahi-resolve -n (the nss-mdns-like path through avahi-daemon)
# Cold: a name nobody asked before (the responder answers any "cold*"
# name); warm: the same name again; missing: a name nobody answers.
# Everything runs in two network namespaces made here (client A with
# avahi-daemon and its own D-Bus, responder B), joined by a veth pair.
#
#   bench.sh [MUSL_BUILD [GLIBC_BUILD]]     (default build/musl build/glibc)
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
MB=$(cd "${1:-$top/build/musl}" && pwd)
GB=$(cd "${2:-$top/build/glibc}" && pwd)
TESTUTIL_SH=$top/tests/lib/testutil.sh
. "$TESTUTIL_SH"
tu_require_root
tu_require_cmd avahi-daemon avahi-resolve dbus-daemon unshare mount
CLIENT=$MB/mdnsd/tests/mdns/mdns-bench-client
for f in "$CLIENT" "$MB/mdnsd/mdnsd" "$GB/mdnsd/mdnsd" \
    "$GB/mdnsd/tests/mdns/mdns_responder"; do
	[ -x "$f" ] || tu_fail "$f is not built"
done
COLD=${COLD:-30} WARM=${WARM:-100} MISS=${MISS:-5} RMISS=${RMISS:-2}

tu_netns A
tu_netns B
for n in "$A" "$B"; do
	ip netns exec "$n" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
	    net.ipv6.conf.default.accept_dad=0
done
tu_veth "$A" 10.77.0.1/24 "$B" 10.77.0.2/24
ip -n "$A" addr add 127.0.0.2/8 dev lo 2>/dev/null
tu_tmpdir T
. "$top/mdnsd/tests/mdns/avahi_env.sh"
inA() { [ -n "$A" ] || tu_fail "no namespace"; ip netns exec "$A" "$@"; }
inB() { [ -n "$B" ] || tu_fail "no namespace"; ip netns exec "$B" "$@"; }

tu_bg inB "$GB/mdnsd/tests/mdns/mdns_responder" -i veth0 -N \
    -W cold=10.77.0.2 -a warmbuiltin.local=10.77.0.2 \
    -a warmavahi.local=10.77.0.2 -a warmresolve.local=10.77.0.2 >/dev/null 2>&1
avahi_start "$A" A clienthost
echo "127.0.0.1 localhost" >"$T/hosts"
printf 'listen 127.0.0.1\nhosts file %s\n' "$T/hosts" >"$T/builtin.conf"
printf 'listen 127.0.0.2\nhosts file %s\nroute local avahi\n' "$T/hosts" \
    >"$T/avahi.conf"
printf 'nameserver 127.0.0.1\n' >"$T/resolv.builtin"
printf 'nameserver 127.0.0.2\n' >"$T/resolv.avahi"
tu_bg inA "$MB/mdnsd/mdnsd" -d -f "$T/builtin.conf" 2>"$T/builtin.log"
tu_bg env DBUS_SYSTEM_BUS_ADDRESS="$AVAHI_BUS_A" ip netns exec "$A" \
    "$GB/mdnsd/mdnsd" -d -f "$T/avahi.conf" 2>"$T/avahi.log"
tu_wait_for 5 grep -q "connected to avahi-daemon" "$T/avahi.log" ||
	tu_fail "mdnsd (avahi) did not connect"
tu_wait_for 5 grep -q ready "$T/builtin.log" || tu_fail "mdnsd did not start"

# run WHICH ARGS...: the client with WHICH's resolv.conf, or avahi-resolve.
run() {
	_w=$1
	shift
	if [ "$_w" = resolve ]; then
		DBUS_SYSTEM_BUS_ADDRESS=$AVAHI_BUS_A inA "$CLIENT" -e "$@"
		return
	fi
	inA unshare -m sh -c 'mount --bind "$1" /etc/resolv.conf &&
	    mount --bind "$2" /etc/hosts && shift 2 && exec "$@"' sh \
	    "$T/resolv.$_w" "$T/hosts" "$CLIENT" "$@"
}
field() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

printf '%-8s %-8s %5s %5s %9s %9s\n' case path n ok median_ms p99_ms
for case in cold warm missing; do
	for w in builtin avahi resolve; do
		case $case in
		cold) out=$(run "$w" "$COLD" "cold$w%d.local") ;;
		# Primed just before: one-shot (legacy) answers live 10 s.
		warm) n=$WARM; [ "$w" = resolve ] && n=$COLD
		      run "$w" 1 "warm$w.local" >/dev/null
		      out=$(run "$w" "$n" "warm$w.local") ;;
		missing) n=$MISS; [ "$w" = resolve ] && n=$RMISS
		      out=$(run "$w" "$n" "gone$w%d.local") ;;
		esac
		printf '%-8s %-8s %5s %5s %9s %9s\n' "$case" "$w" \
		    "$(field "$out" n)" "$(field "$out" ok)" \
		    "$(field "$out" median)" "$(field "$out" p99)"
		eval "m_${case}_$w=$(field "$out" median)"
	done
done
echo
echo "median ratios (other / builtin; higher means builtin is faster):"
for case in cold warm missing; do
	eval "b=\$m_${case}_builtin a=\$m_${case}_avahi r=\$m_${case}_resolve"
	printf '  %-8s avahi backend %7sx   avahi-resolve %7sx\n' "$case" \
	    "$(echo "scale=1; $a / $b" | bc)" "$(echo "scale=1; $r / $b" | bc)"
done
