# e2e-common.sh: set-up shared by mdnsd's end-to-end tests.  Everything
# runs inside a network namespace the test creates (tu_netns), on its
# loopback addresses: dnsmasq on 127.0.0.2 is the real upstream, mdnsd
# listens on 127.0.0.1 and ::1.  Environment from meson: MDNSD, GAI,
# DNSTOOL, TESTUTIL_SH.
. "$TESTUTIL_SH"
set -u

tu_require_root
tu_require_cmd dig dnsmasq python3 unshare mount
[ -x "$MDNSD" ] || tu_fail "MDNSD=$MDNSD is not executable"

tu_tmpdir D
tu_netns NS

cat >"$D/hosts" <<'HOSTS'
127.0.0.1 localhost
10.1.2.3 myhost myhost.home
fd00::5 myhost
10.9.9.9 v4only
10.3.3.3 svc.lan
HOSTS
i=1
while [ $i -le 40 ]; do
	echo "10.40.0.$i many" >>"$D/hosts"
	i=$((i + 1))
done
echo "192.0.2.7 remote.example" >"$D/upstream.hosts"
echo "127.0.0.1 localhost" >"$D/client.hosts"
printf 'nameserver 127.0.0.1\nsearch lan\n' >"$D/resolv.conf"

# in_ns CMD...: run CMD inside the test's namespace.
in_ns() { ip netns exec "$NS" "$@"; }

# start_dnsmasq ADDR: the upstream, authoritative for "example".
start_dnsmasq() {
	tu_bg ip netns exec "$NS" dnsmasq --no-daemon --no-resolv --no-hosts \
	    --addn-hosts="$D/upstream.hosts" --local=/example/lan/ \
	    --local-ttl=300 --listen-address="$1" --bind-interfaces \
	    --port=53 --pid-file= --log-facility=- 2>>"$D/dnsmasq.log"
	tu_wait_for 5 in_ns dig +time=1 +tries=1 @"$1" remote.example ||
		tu_fail "dnsmasq did not start"
}

# start_mdnsd CONF ADDR [ARGS...]: run mdnsd in the foreground (log in
# $D/mdnsd.log) and wait until ADDR answers.  PID in $MDNSD_PID.
start_mdnsd() {
	_conf=$1 _addr=$2
	shift 2
	tu_bg ip netns exec "$NS" "$MDNSD" -d -f "$_conf" "$@" 2>>"$D/mdnsd.log"
	MDNSD_PID=$tu_last_pid
	tu_wait_for 5 in_ns dig +time=1 +tries=1 -p "${DIGPORT:-53}" @"$_addr" localhost ||
		{ cat "$D/mdnsd.log" >&2; tu_fail "mdnsd did not start"; }
}

# q ARGS...: dig inside the namespace, short answer.
q() { in_ns dig +time=2 +tries=1 +short "$@"; }

# status ARGS...: the status of a dig query (NOERROR, NXDOMAIN...).
status() {
	in_ns dig +time=3 +tries=1 "$@" | sed -n 's/.*status: \([A-Z]*\).*/\1/p'
}

# gai ARGS...: the flavour's getaddrinfo client, with resolv.conf and
# /etc/hosts bind-mounted in a private mount namespace.
gai() {
	in_ns unshare -m sh -c 'mount --bind "$1" /etc/resolv.conf &&
	    mount --bind "$2" /etc/hosts && shift 2 && exec "$@"' sh \
	    "$D/resolv.conf" "$D/client.hosts" "$GAI" "$@"
}

# expect WHAT GOT WANT
expect() {
	[ "$2" = "$3" ] || tu_fail "$1: got '$2', want '$3'"
	tu_log "ok: $1"
}
