#!/bin/sh
# End-to-end test of the built-in mDNS querier: mdns_lookup (the querier
# without the daemon) in namespace A, test responders in namespace B,
# joined by a veth pair.  Every command that sends a packet runs through
# inA/inB, i.e. inside a namespace this test created.
. "$TESTUTIL_SH"
tu_require_root
[ -x "$MDNS_RESPONDER" ] && [ -x "$MDNS_LOOKUP" ] || tu_fail "helpers not built"

tu_netns A
tu_netns B
for n in "$A" "$B"; do
	ip netns exec "$n" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
	    net.ipv6.conf.default.accept_dad=0 net.ipv4.conf.all.rp_filter=0 \
	    net.ipv4.conf.default.rp_filter=0
done
tu_veth "$A" 10.77.0.1/24 "$B" 10.77.0.2/24
ip -n "$A" addr add fd00:77::1/64 dev veth0 nodad
ip -n "$B" addr add fd00:77::2/64 dev veth0 nodad
# An address the client cannot consider on-link, for the off-link case.
ip -n "$B" addr add 10.99.0.1/32 dev veth0
tu_tmpdir T

inA() { [ -n "$A" ] || tu_fail "no namespace"; ip netns exec "$A" "$@"; }
inB() { [ -n "$B" ] || tu_fail "no namespace"; ip netns exec "$B" "$@"; }

nresp=0
# responder ARGS...: start a test responder in B and wait until it serves.
responder() {
	nresp=$((nresp + 1))
	tu_bg inB "$MDNS_RESPONDER" -i veth0 "$@" >"$T/resp$nresp" 2>&1
	tu_wait_for 5 grep -q ready "$T/resp$nresp" || tu_fail "responder $*"
	# The responder's own PID (tu_last_pid is the wrapping subshell).
	resp_pid=$(awk '/^ready/ { print $2 }' "$T/resp$nresp")
}
stop() {
	kill "$1" 2>/dev/null
	tu_wait_for 5 sh -c "! kill -0 $1" || tu_fail "responder $1 lingers"
}

. "$(dirname "$0")/checks.sh"
lookup() { inA "$MDNS_LOOKUP" "$@" 2>&1; }
# ms LINE: the elapsed time field of an mdns_lookup line, in whole ms.
ms() { printf '%s\n' "$1" | awk '{ printf "%d", $4 }'; }

# --- several addresses, several responders, both families -----------------
responder -a h1.local=10.77.0.2 -a h1.local=10.77.0.20 -a h1.local=fd00:77::2 \
    -a h2.local=10.77.0.3
r1=$resp_pid
responder -a h1.local=10.77.0.30
r2=$resp_pid
# Two responders for one name: `collect` is the window for the second one
# (5 ms by default, too short for two processes on a loaded CI machine).
out=$(lookup -o collect=100ms h1.local h1.local/AAAA h2.local/AAAA h2.local \
    missing.local a.b.local example.com)
check multi "$(echo "$out" | sed -n 1p | tr ' ' '\n' | sort | tr '\n' ' ')" \
    '10.77.0.2 10.77.0.20 10.77.0.30 .*FOUND'
check aaaa "$(echo "$out" | sed -n 2p)" '^h1.local AAAA FOUND [0-9.]+ fd00:77::2$'
check nodata "$(echo "$out" | sed -n 3p)" '^h2.local AAAA NODATA'
check cached "$(echo "$out" | sed -n 4p)" '^h2.local A FOUND [0-9.]+ 10.77.0.3$'
line=$(echo "$out" | sed -n 5p)
check missing "$line" '^missing.local A NXDOMAIN'
# Loose bound (shared CI machines): rules out waiting seconds.
[ "$(ms "$line")" -lt 2000 ] || check missing-time "$line" 'under 2 s'
check policy3 "$(echo "$out" | sed -n 6p)" '^a.b.local A DECLINE'
check policy-other "$(echo "$out" | sed -n 7p)" '^example.com A DECLINE'
# A configured deadline is used (its timing is unit-tested on a fixed clock).
check deadline "$(lookup -o deadline=100ms missing2.local)" 'NXDOMAIN'
# Each family on its own: IPv6 multicast (ff02::fb) and IPv4 alone (two
# responders still answer h1.local, hence the collect window).
out=$(lookup -s -o family=ipv6 -o collect=100ms h1.local/AAAA h1.local)
check ipv6-only "$(echo "$out" | sed -n 1p)" '^h1.local AAAA FOUND [0-9.]+ fd00:77::2$'
check ipv6-only-a "$(echo "$out" | sed -n 2p)" '^h1.local A FOUND'
check ipv6-responses "$(echo "$out" | sed -n 3p)" 'responses=[1-9]'
out=$(lookup -o family=ipv4 -o collect=100ms h1.local/AAAA)
check ipv4-only "$out" '^h1.local AAAA FOUND [0-9.]+ fd00:77::2$'
stop "$r1"; stop "$r2"

# --- responders that misbehave ----------------------------------------------
responder -d 500 -a late.local=10.77.0.2
out=$(lookup late.local); stop "$resp_pid"
check late "$out" '^late.local A NXDOMAIN'
responder -2 -a twice.local=10.77.0.2
out=$(lookup twice.local); stop "$resp_pid"
check twice "$out" '^twice.local A FOUND [0-9.]+ 10.77.0.2$'
responder -p 5354 -a port.local=10.77.0.2
out=$(lookup -s port.local); stop "$resp_pid"
check wrong-port "$out" 'port.local A NXDOMAIN'
check wrong-port-counted "$out" ' port=[1-9]'
responder -t 64 -a ttl.local=10.77.0.2
out=$(lookup -s ttl.local)
check ttl "$out" 'ttl.local A NXDOMAIN'
check ttl-counted "$out" ' ttl=[1-9]'
out=$(lookup -o check-ttl=no ttl.local); stop "$resp_pid"
check ttl-unchecked "$out" 'ttl.local A FOUND'
responder -S 10.99.0.1 -a off.local=10.77.0.2
out=$(lookup -s -o family=ipv4 off.local); stop "$resp_pid"
check offlink "$out" 'off.local A NXDOMAIN'
check offlink-counted "$out" ' offlink=[1-9]'
responder -g -a junk.local=10.77.0.2
out=$(lookup -s junk.local); stop "$resp_pid"
check garbage "$out" 'junk.local A FOUND [0-9.]+ 10.77.0.2'
check garbage-counted "$out" 'malformed=[1-9]'

# --- reverse, link-local, services ------------------------------------------
responder -r -N -a rv.local=169.254.7.7 -a rv6.local=fe80::7 \
    -a ll.local=fe80::5 -s 'Printer,_ipp._tcp,h9,631,txtvers=1' \
    -a h9.local=10.77.0.9
out=$(lookup 7.7.254.169.in-addr.arpa/PTR \
    7.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.e.f.ip6.arpa/PTR \
    ll.local/AAAA _ipp._tcp.local/PTR Printer._ipp._tcp.local/SRV \
    Printer._ipp._tcp.local/TXT _nothing._tcp.local/PTR 9.9.254.169.in-addr.arpa/PTR)
check reverse4 "$(echo "$out" | sed -n 1p)" 'PTR FOUND [0-9.]+ rv.local.$'
check reverse6 "$(echo "$out" | sed -n 2p)" 'PTR FOUND [0-9.]+ rv6.local.$'
check fe80-filtered "$(echo "$out" | sed -n 3p)" '^ll.local AAAA NODATA'
check browse "$(echo "$out" | sed -n 4p)" '^_ipp._tcp.local PTR FOUND [0-9.]+ Printer._ipp._tcp.local.$'
check srv "$(echo "$out" | sed -n 5p)" 'SRV FOUND [0-9.]+ 631 h9.local.$'
check txt "$(echo "$out" | sed -n 6p)" 'TXT FOUND [0-9.]+ txtvers=1$'
check browse-none "$(echo "$out" | sed -n 7p)" '^_nothing._tcp.local PTR NODATA'
check reverse-none "$(echo "$out" | sed -n 8p)" 'PTR NXDOMAIN'
out=$(lookup -o link-local6=yes ll.local/AAAA)
check fe80-allowed "$out" '^ll.local AAAA FOUND [0-9.]+ fe80::5$'
stop "$resp_pid"

# --- goodbye and cache-flush (port-5353 mode sees multicast) ---------------
responder -a g.local=10.77.0.2 -a f.local=10.77.0.4
inA "$MDNS_LOOKUP" -s -o port5353=yes -w 2500 g.local g.local >"$T/bye" 2>&1 &
bye=$!
sleep 0.8; kill -USR1 "$resp_pid"
wait "$bye"
check goodbye-before "$(sed -n 1p "$T/bye")" '^g.local A FOUND'
check goodbye-after "$(sed -n 2p "$T/bye")" '^g.local A NXDOMAIN'
check port5353-taken "$(sed -n 3p "$T/bye")" 'port5353=1'
stop "$resp_pid"
# Another stack on port 5353 in the client's namespace: port5353 mode
# must fall back to one-shot queries, which still work.
tu_bg inA "$MDNS_RESPONDER" -i veth0 -a other.local=10.77.0.1 >"$T/other" 2>&1
tu_wait_for 5 grep -q ready "$T/other" || tu_fail "responder in A"
other=$(awk '/^ready/ { print $2 }' "$T/other")
responder -a f.local=10.77.0.4
out=$(lookup -s -o port5353=yes f.local)
check port5353-busy "$out" 'port5353=0'
check port5353-fallback "$out" '^f.local A FOUND [0-9.]+ 10.77.0.4'
stop "$resp_pid"
stop "$other"
responder -a f.local=10.77.0.4
inA "$MDNS_LOOKUP" -o port5353=yes -w 4000 f.local f.local >"$T/flush" 2>&1 &
fl=$!
# The first answer must be over 1 s old when the flush arrives (10.2).
sleep 2; kill -USR2 "$resp_pid"
wait "$fl"
check flush-before "$(sed -n 1p "$T/flush")" '^f.local A FOUND [0-9.]+ 10.77.0.4$'
check flush-after "$(sed -n 2p "$T/flush")" '^f.local A FOUND [0-9.]+ 10.77.0.104$'
stop "$resp_pid"

[ "$fails" -eq 0 ] || tu_fail "$fails checks failed"
tu_log "all checks passed"
