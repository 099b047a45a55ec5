# checks.sh: the assertion and lookup helpers the mdns network tests share.
# Sourced after testutil.sh; the caller defines inA (run in the client
# namespace), and for d/gai also T (its temp dir) and GAI (the libc client).

fails=0
# check NAME OUTPUT REGEX: count a failure (reported at the end by the
# caller) rather than stop, so one run shows every broken case.
check() {
	if printf '%s\n' "$2" | grep -Eq "$3"; then
		tu_log "ok   $1: $2"
	else
		tu_log "FAIL $1: got '$2', want /$3/"
		fails=$((fails + 1))
	fi
}

# d DIG-ARGS...: ask mdnsd on 127.0.0.1 in the client namespace.
d() { inA dig +time=2 +tries=1 @127.0.0.1 "$@"; }

# gai ARGS...: the libc client, with the test's resolv.conf and hosts
# bound over /etc in a private mount namespace.
gai() {
	inA unshare -m sh -c 'mount --bind "$1" /etc/resolv.conf &&
	    mount --bind "$2" /etc/hosts && shift 2 && exec "$@"' sh \
	    "$T/resolv.conf" "$T/hosts" "$GAI" "$@"
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }
