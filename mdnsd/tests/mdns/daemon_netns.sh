#!/bin/sh
# mdnsd with the built-in mDNS backend, end to end: test responders in
# namespace B, mdnsd in namespace A answering dig and the flavour's libc
# (musl's getaddrinfo/getnameinfo in the musl flavour).  Every command
# that sends a packet runs through inA/inB, inside namespaces this test
# created.
. "$TESTUTIL_SH"
tu_require_root
tu_require_cmd dig unshare mount
[ -x "$MDNSD" ] && [ -x "$GAI" ] && [ -x "$MDNS_RESPONDER" ] ||
	tu_fail "helpers not built"

tu_netns A
tu_netns B
for n in "$A" "$B"; do
	ip netns exec "$n" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
	    net.ipv6.conf.default.accept_dad=0
done
tu_veth "$A" 10.77.0.1/24 "$B" 10.77.0.2/24
ip -n "$A" addr add fd00:77::1/64 dev veth0 nodad
ip -n "$B" addr add fd00:77::2/64 dev veth0 nodad
tu_tmpdir T

inA() { [ -n "$A" ] || tu_fail "no namespace"; ip netns exec "$A" "$@"; }
inB() { [ -n "$B" ] || tu_fail "no namespace"; ip netns exec "$B" "$@"; }

resp_log=$T/resp
tu_bg inB "$MDNS_RESPONDER" -i veth0 -r \
    -a h1.local=10.77.0.2 -a h1.local=10.77.0.20 -a h1.local=fd00:77::2 \
    -a h1.local=fe80::2 -a v4only.local=10.77.0.4 -a rv.local=169.254.7.7 \
    -s 'Printer,_ipp._tcp,h1,631,txtvers=1' >"$T/resp" 2>&1
tu_wait_for 5 grep -q ready "$T/resp" || tu_fail "responder"

cat >"$T/mdnsd.conf" <<CONF
listen 127.0.0.1 ::1
hosts file $T/hosts
CONF
echo "127.0.0.1 localhost" >"$T/hosts"
printf 'nameserver 127.0.0.1\n' >"$T/resolv.conf"
tu_bg inA "$MDNSD" -d -f "$T/mdnsd.conf" 2>>"$T/mdnsd.log"
tu_wait_for 5 inA dig +time=1 +tries=1 @127.0.0.1 localhost ||
	{ cat "$T/mdnsd.log" >&2; tu_fail "mdnsd did not start"; }

. "$(dirname "$0")/checks.sh"

# Every address of the name, both families, no fe80:: (musl drops scope).
out=$(d +short h1.local | sort | tr '\n' ' ')
check dig-all-a "$out" '^10.77.0.2 10.77.0.20 $'
out=$(d h1.local A)
check dig-ttl-capped "$out" 'h1.local.[[:space:]]+(10|[0-9])[[:space:]]+IN[[:space:]]+A'
check dig-aa "$out" 'flags: qr aa'
out=$(d +short h1.local AAAA | tr '\n' ' ')
check dig-aaaa-no-fe80 "$out" '^fd00:77::2 $'
out=$(gai h1.local | awk '{ print $2 }' | sort | tr '\n' ' ')
check gai-all "$out" '^10.77.0.2 10.77.0.20 fd00:77::2 $'
# A name with only IPv4: AAAA is NODATA, so getaddrinfo still works.
out=$(d v4only.local AAAA)
check nodata "$out" 'status: NOERROR'
check nodata-empty "$out" 'ANSWER: 0,'
check gai-v4only "$(gai v4only.local)" '^v4only.local 10.77.0.4$'
# A missing name: NXDOMAIN after the deadline, for dig and for libc.  The
# bounds are loose (load on shared CI machines); what they rule out is
# waiting for a resolver timeout (musl resends after 2.5 s).
t0=$(now_ms)
check nx "$(d missing.local)" 'status: NXDOMAIN'
t1=$(now_ms)
[ $((t1 - t0)) -lt 2000 ] || check nx-time "$((t1 - t0)) ms" 'under 2 s'
t0=$(now_ms)
check gai-nx "$(gai missing2.local)" 'missing2.local error'
t1=$(now_ms)
[ $((t1 - t0)) -lt 2000 ] || check gai-nx-time "$((t1 - t0)) ms" 'under 2 s'
# Reverse for 169.254/16 through getnameinfo and dig.
check gai-reverse "$(gai -r 169.254.7.7)" '^169.254.7.7 rv.local$'
check dig-reverse "$(d +short -x 169.254.7.7)" '^rv.local.$'
# DNS-SD through plain unicast DNS.
check browse "$(d +short _ipp._tcp.local PTR)" '^Printer._ipp._tcp.local.$'
out=$(d Printer._ipp._tcp.local SRV)
check srv "$out" 'SRV[[:space:]]+0 0 631 h1.local.'
check srv-additional "$out" 'h1.local.[[:space:]]+[0-9]+[[:space:]]+IN[[:space:]]+A[[:space:]]+10.77.0.2'
check txt "$(d +short Printer._ipp._tcp.local TXT)" '"txtvers=1"'
# Policy: three-label .local names are not sent to mDNS.
check policy "$(d a.b.local)" 'status: NXDOMAIN'
check policy-not-sent "$(grep -c '^q a.b.local' "$T/resp")" '^0$'
check policy-control "$(grep -c '^q missing.local' "$T/resp")" '^[1-9]'

# The unicast `local.` check: a server on 127.0.0.3 has a `local` zone
# with corp.local; a second mdnsd with `soa-check` passes mDNS misses on
# to it, the first (without) keeps answering NXDOMAIN.
tu_bg inA "$MDNS_RESPONDER" -u 127.0.0.3 -O -a corp.local=10.9.9.9 \
    >"$T/unicast" 2>&1
tu_wait_for 5 grep -q ready "$T/unicast" || tu_fail "unicast server"
cat >"$T/soa.conf" <<CONF
listen 127.0.0.4
hosts file $T/hosts
upstream server 127.0.0.3
route local mdns upstream
mdns soa-check 127.0.0.3
CONF
tu_bg inA "$MDNSD" -d -f "$T/soa.conf" 2>>"$T/soa.log"
tu_wait_for 5 grep -q "serves .local" "$T/soa.log" ||
	check soa-detected "$(cat "$T/soa.log")" 'serves'
check soa-fallback "$(inA dig +short +time=2 +tries=1 @127.0.0.4 corp.local)" \
    '^10.9.9.9$'
check soa-mdns-first "$(inA dig +short +time=2 +tries=1 @127.0.0.4 v4only.local)" \
    '^10.77.0.4$'
check no-soa-check "$(d corp.local)" 'status: NXDOMAIN'

# Port-5353 mode through the daemon: QU queries, and the goodbye the
# responder multicasts (SIGUSR1) reaches the cache via the event loop.
cat >"$T/qu.conf" <<CONF
listen 127.0.0.5
hosts file $T/hosts
mdns port5353 yes
CONF
tu_bg inA "$MDNSD" -d -f "$T/qu.conf" 2>>"$T/qu.log"
tu_wait_for 5 grep -q "port 5353" "$T/qu.log" ||
	check qu-mode "$(cat "$T/qu.log")" 'port 5353'
check qu-answer "$(inA dig +short +time=2 +tries=1 @127.0.0.5 v4only.local)" \
    '^10.77.0.4$'
check qu-cached "$(inA dig +time=2 +tries=1 @127.0.0.5 v4only.local)" \
    'IN[[:space:]]+A[[:space:]]+10.77.0.4'
kill -USR1 "$(awk '/^ready/ { print $2 }' "$resp_log")"
sleep 1.5
check qu-goodbye "$(inA dig +time=2 +tries=1 @127.0.0.5 v4only.local)" \
    'status: NXDOMAIN'

[ "$fails" -eq 0 ] || { cat "$T/mdnsd.log" >&2; tu_fail "$fails checks failed"; }
tu_log "all checks passed"
