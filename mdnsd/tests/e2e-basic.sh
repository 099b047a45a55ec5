#!/bin/sh
# e2e-basic: dig and the libc resolver against mdnsd serving a hosts file
# with dnsmasq as its upstream: A/AAAA, NODATA vs NXDOMAIN, PTR, cache,
# TCP, truncation, search domains.
. "$(dirname "$0")/e2e-common.sh"

cat >"$D/mdnsd.conf" <<EOF2
hosts file $D/hosts
upstream server 127.0.0.2
route . hosts upstream
EOF2
start_dnsmasq 127.0.0.2
start_mdnsd "$D/mdnsd.conf" 127.0.0.1

expect "A from hosts" "$(q @127.0.0.1 myhost A)" "10.1.2.3"
expect "AAAA from hosts over ::1" "$(q @::1 myhost AAAA)" "fd00::5"
expect "AAAA of a v4-only host is NODATA" \
    "$(status @127.0.0.1 v4only AAAA)" "NOERROR"
expect "no AAAA record" "$(q @127.0.0.1 v4only AAAA)" ""
expect "upstream answer" "$(q @127.0.0.1 remote.example A)" "192.0.2.7"
expect "upstream NXDOMAIN" "$(status @127.0.0.1 nx.example A)" "NXDOMAIN"
expect "NXDOMAIN covers AAAA" "$(status @127.0.0.1 nx.example AAAA)" \
    "NXDOMAIN"
expect "PTR from hosts" "$(q @127.0.0.1 -x 10.1.2.3)" "myhost."
expect "PTR from hosts (v6)" "$(q @127.0.0.1 -x fd00::5)" "myhost."
expect "TCP" "$(q +tcp @127.0.0.1 myhost A)" "10.1.2.3"

# The cache counts TTLs down (upstream TTL 300).
t1=$(in_ns dig +noall +answer @127.0.0.1 remote.example A | awk '{print $2}')
sleep 2.1
t2=$(in_ns dig +noall +answer @127.0.0.1 remote.example A | awk '{print $2}')
[ -n "$t1" ] && [ "$t2" -le $((t1 - 2)) ] ||
	tu_fail "cached TTL did not count down: $t1 then $t2"
tu_log "ok: cached TTL $t1 -> $t2"

# 40 addresses do not fit 512 octets: TC over UDP, all over TCP.
flags=$(in_ns dig +noedns +ignore +time=2 @127.0.0.1 many A | grep 'flags:')
case $flags in *" tc"*) tu_log "ok: TC set" ;;
*) tu_fail "no TC in: $flags" ;; esac
expect "all 40 over TCP" "$(q +tcp @127.0.0.1 many A | wc -l)" "40"
expect "all 40 with EDNS0" "$(q +edns=0 +bufsize=1232 @127.0.0.1 many A | wc -l)" "40"

# The libc resolver (musl in the musl flavour).
expect "getaddrinfo both families" "$(gai myhost | sort | tr '\n' ' ')" \
    "myhost 10.1.2.3 myhost fd00::5 "
expect "getaddrinfo v4-only host" "$(gai v4only)" "v4only 10.9.9.9"
expect "getaddrinfo via upstream" "$(gai remote.example)" \
    "remote.example 192.0.2.7"
gai nx.example >"$D/gai.out" && tu_fail "nx.example resolved"
grep -q "nx.example error" "$D/gai.out" || tu_fail "$(cat "$D/gai.out")"
tu_log "ok: getaddrinfo NXDOMAIN: $(cat "$D/gai.out")"
expect "getaddrinfo search domain" "$(gai svc)" "svc 10.3.3.3"
expect "getnameinfo" "$(gai -r 10.1.2.3)" "10.1.2.3 myhost"
expect "getnameinfo v6" "$(gai -r fd00::5)" "fd00::5 myhost"

kill -USR1 "$MDNSD_PID"
sleep 0.3
grep -q "cache hits [1-9]" "$D/mdnsd.log" || tu_fail "no cache hits in stats"
tu_log "ok: statistics on SIGUSR1"
