#!/bin/sh
# The Avahi backend and interoperation with a real avahi-daemon.
#   A: avahi-daemon (own dbus, own /run) + mdnsd routing .local to Avahi
#   B: avahi-daemon publishing its host name, an extra address and a
#      service (avahi-publish), plus the test responder
# Checks through mdnsd's avahi backend (dig, libc), a restart of A's
# avahi-daemon, and the built-in querier (mdns_lookup) against the real
# Avahi responder in B.  Every packet stays in the two namespaces.
. "$TESTUTIL_SH"
tu_require_root
tu_require_cmd dig unshare mount dbus-daemon avahi-daemon avahi-publish
[ -x "$MDNSD" ] && [ -x "$GAI" ] && [ -x "$MDNS_RESPONDER" ] &&
    [ -x "$MDNS_LOOKUP" ] || tu_fail "helpers not built"
. "$(dirname "$0")/avahi_env.sh"

tu_netns A
tu_netns B
for n in "$A" "$B"; do
	ip netns exec "$n" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
	    net.ipv6.conf.default.accept_dad=0
done
tu_veth "$A" 10.77.0.1/24 "$B" 10.77.0.2/24
tu_tmpdir T

inA() { [ -n "$A" ] || tu_fail "no namespace"; ip netns exec "$A" "$@"; }
inB() { [ -n "$B" ] || tu_fail "no namespace"; ip netns exec "$B" "$@"; }

avahi_start "$B" B peerhost yes
avahi_start "$A" A clienthost
tu_bg env DBUS_SYSTEM_BUS_ADDRESS="$AVAHI_BUS_B" ip netns exec "$B" \
    avahi-publish -s Web _http._tcp 80 path=/ >"$T/pub1" 2>&1
tu_bg env DBUS_SYSTEM_BUS_ADDRESS="$AVAHI_BUS_B" ip netns exec "$B" \
    avahi-publish -a -R extra.local 10.77.0.60 >"$T/pub2" 2>&1
tu_bg inB "$MDNS_RESPONDER" -i veth0 -r -a h1.local=10.77.0.2 \
    -a h1.local=10.77.0.20 -a v4only.local=10.77.0.4 \
    -a rv.local=169.254.7.7 >"$T/resp" 2>&1
tu_wait_for 5 grep -q ready "$T/resp" || tu_fail "responder"
tu_wait_for 10 grep -q Established "$T/pub1" || tu_fail "avahi-publish -s"
tu_wait_for 10 grep -q Established "$T/pub2" || tu_fail "avahi-publish -a"

cat >"$T/mdnsd.conf" <<CONF
listen 127.0.0.1
hosts file $T/hosts
route local avahi
route 254.169.in-addr.arpa avahi
CONF
echo "127.0.0.1 localhost" >"$T/hosts"
printf 'nameserver 127.0.0.1\n' >"$T/resolv.conf"
tu_bg env DBUS_SYSTEM_BUS_ADDRESS="$AVAHI_BUS_A" ip netns exec "$A" \
    "$MDNSD" -d -f "$T/mdnsd.conf" 2>>"$T/mdnsd.log"
tu_wait_for 5 grep -q "connected to avahi-daemon" "$T/mdnsd.log" ||
	{ cat "$T/mdnsd.log" >&2; tu_fail "mdnsd did not reach Avahi"; }

. "$(dirname "$0")/checks.sh"

# --- the avahi backend -------------------------------------------------------
check all-addresses "$(d +short h1.local | sort | tr '\n' ' ')" \
    '^10.77.0.2 10.77.0.20 $'
check avahi-host "$(d +short peerhost.local)" '^10.77.0.2$'
check avahi-extra "$(d +short extra.local)" '^10.77.0.60$'
out=$(d v4only.local AAAA)
check nodata "$out" 'status: NOERROR'
check nodata-empty "$out" 'ANSWER: 0,'
t0=$(now_ms)
check nx "$(d missing.local)" 'status: NXDOMAIN'
t1=$(now_ms)
# Loose bound: rules out Avahi's 5 s resolver timeout.
[ $((t1 - t0)) -lt 2500 ] || check nx-early "$((t1 - t0)) ms" 'under 2.5 s'
check reverse "$(d +short -x 169.254.7.7)" '^rv.local.$'
check browse "$(d +short _http._tcp.local PTR)" '^Web._http._tcp.local.$'
check srv "$(d +short Web._http._tcp.local SRV)" '^0 0 80 peerhost.local.$'
check gai "$(gai h1.local | awk '{ print $2 }' | sort | tr '\n' ' ')" \
    '^10.77.0.2 10.77.0.20 $'

# --- avahi-daemon restarts: SERVFAIL while down, answers once it is back ---
kill "$AVAHI_PID_A"
tu_wait_for 5 grep -q "went away\|reconnecting" "$T/mdnsd.log" ||
	check noticed-down "$(tail -3 "$T/mdnsd.log")" 'went away|reconnecting'
check down "$(d h1.local)" 'status: SERVFAIL'
avahi_run "$A" A
tu_wait_for 10 sh -c "ip netns exec $A dig +time=1 +tries=1 +short @127.0.0.1 h1.local | grep -q 10.77.0.2" ||
	check reconnected "$(tail -5 "$T/mdnsd.log")" 'connected'
check after-restart "$(d +short h1.local | sort | tr '\n' ' ')" \
    '^10.77.0.2 10.77.0.20 $'

# --- the built-in querier against a real Avahi responder -------------------
out=$(inA "$MDNS_LOOKUP" peerhost.local extra.local _http._tcp.local/PTR \
    Web._http._tcp.local/SRV Web._http._tcp.local/TXT 2>&1)
check interop-host "$(echo "$out" | sed -n 1p)" '^peerhost.local A FOUND [0-9.]+ 10.77.0.2$'
check interop-extra "$(echo "$out" | sed -n 2p)" '^extra.local A FOUND [0-9.]+ 10.77.0.60$'
check interop-browse "$(echo "$out" | sed -n 3p)" 'PTR FOUND [0-9.]+ Web._http._tcp.local.$'
check interop-srv "$(echo "$out" | sed -n 4p)" 'SRV FOUND [0-9.]+ 80 peerhost.local.$'
check interop-txt "$(echo "$out" | sed -n 5p)" 'TXT FOUND [0-9.]+ path=/$'

[ "$fails" -eq 0 ] || { cat "$T/mdnsd.log" >&2; tu_fail "$fails checks failed"; }
tu_log "all checks passed"
