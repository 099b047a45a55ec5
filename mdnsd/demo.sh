#!/bin/sh
# mdnsd demo (called by ci/demo with the musl and glibc build directories):
# in a network namespace of its own, mdnsd (musl build) serves a hosts
# file and forwards to dnsmasq; dig and a musl getaddrinfo client resolve
# through it.  Every command is printed before it runs.
set -eu
musl=${1:?usage: demo.sh MUSL-BUILD-DIR [GLIBC-BUILD-DIR]}
MDNSD=$musl/mdnsd/mdnsd
GAI=$musl/mdnsd/tests/mdnsd-gai
[ "$(id -u)" = 0 ] || { echo "mdnsd demo: needs root (network namespace)"; exit 0; }
[ -x "$MDNSD" ] || { echo "mdnsd demo: $MDNSD not built"; exit 0; }

run() { printf '$ %s\n' "$*"; "$@"; }
D=$(mktemp -d /tmp/mdnsd-demo.XXXXXX)
chmod 755 "$D"	# dnsmasq reads its hosts file as an unprivileged user
NS=mdnsddemo$$
trap 'for p in $(ip netns pids $NS 2>/dev/null); do kill $p; done; ip netns del $NS 2>/dev/null; rm -rf "$D"' EXIT
run ip netns add $NS
run ip -n $NS link set lo up
printf '10.1.2.3 printer\nfd00::3 printer\n10.1.2.4 nas\n' >"$D/hosts"
printf '192.0.2.7 www.example\n' >"$D/upstream.hosts"
printf 'hosts file %s\nupstream server 127.0.0.2\n' "$D/hosts" >"$D/mdnsd.conf"
printf 'nameserver 127.0.0.1\n' >"$D/resolv.conf"
echo "# mdnsd.conf:"; sed 's/^/#   /' "$D/mdnsd.conf"
run ip netns exec $NS dnsmasq --no-resolv --no-hosts --local=/example/ \
    --addn-hosts="$D/upstream.hosts" --listen-address=127.0.0.2 \
    --bind-interfaces --pid-file="$D/dnsmasq.pid"
run "$MDNSD" -nv -f "$D/mdnsd.conf"
run ip netns exec $NS "$MDNSD" -f "$D/mdnsd.conf" -P "$D/mdnsd.pid"
sleep 0.5
run ip netns exec $NS dig +short @127.0.0.1 printer A
run ip netns exec $NS dig +short @::1 printer AAAA
run ip netns exec $NS dig +noall +comments @127.0.0.1 nas AAAA
run ip netns exec $NS dig +short @127.0.0.1 www.example
run ip netns exec $NS dig +short @127.0.0.1 -x 10.1.2.3
echo "# musl getaddrinfo, resolv.conf bind-mounted to point at mdnsd:"
run ip netns exec $NS unshare -m sh -c "mount --bind $D/resolv.conf /etc/resolv.conf && $GAI printer nas www.example nosuch.example; $GAI -r 10.1.2.3"
run kill -USR1 "$(cat "$D/mdnsd.pid")"
