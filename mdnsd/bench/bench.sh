#!/bin/sh
# bench.sh: cached-query throughput of mdnsd against dnsmasq and Unbound,
# interleaved in one run, inside a network namespace this script creates
# (loopback only).  Each server forwards to the same authoritative
# upstream (dnsmasq on 127.0.0.9 serving NAMES names for zone "bench"
# with TTL 3600), is warmed up, then measured with dnsperf in rounds:
# mdnsd, dnsmasq, unbound, mdnsd, ...  One thread each.
#
# Prints per server: queries/s, mean latency, CPU time per query (time
# the server's threads ran, from /proc/PID/task/*/schedstat, in ns),
# resident memory after the run; then ratios against dnsmasq and Unbound.
#
# Then libc getaddrinfo (GAI: a client built for the libc to measure, e.g.
# the musl flavour's mdnsd-gai): one client doing GAI_COUNT serial lookups
# of gai.bench, which has an A and an AAAA record, so both of the queries
# musl sends in parallel are cached positive answers in every server.
# Serial lookups are latency-bound and so at the mercy of the scheduler
# on a shared machine.  Whether client and server happened to share a
# CPU changed the rate three-fold between runs (a wake-up across CPUs
# costs an interrupt; measured 4,000 against 12,000 lookups/s), so the
# servers and the client are all pinned to the last CPU.  GAI_ROUNDS
# short runs per server are interleaved (mdnsd, dnsmasq, unbound, mdnsd,
# ...); printed are the median, the range and the server's CPU time per
# lookup, and the median of the per-round ratios (runs of one round are
# seconds apart, so load drift cancels out there).
#
# Usage: bench.sh MDNSD [GAI]   (env: ROUNDS=2 SECONDS_PER_RUN=3 NAMES=1000
#                                      GAI_ROUNDS=21 GAI_COUNT=2000
#                                      CLIENTS=4 OUTSTANDING=100)
# ROUNDS=0 measures getaddrinfo only.
set -eu
MDNSD=$(readlink -f "$1")
GAI=${2:+$(readlink -f "$2")}
ROUNDS=${ROUNDS:-2}
LEN=${SECONDS_PER_RUN:-3}
NAMES=${NAMES:-1000}
CLIENTS=${CLIENTS:-4}
OUTSTANDING=${OUTSTANDING:-100}

[ "$(id -u)" = 0 ] || { echo "bench.sh: needs root (namespaces)" >&2; exit 77; }
for c in dnsperf dnsmasq unbound ip unshare; do
	command -v $c >/dev/null || { echo "bench.sh: $c missing" >&2; exit 77; }
done

D=$(mktemp -d "${TMPDIR:-/tmp}/mdnsd-bench.XXXXXX")
chmod 755 "$D"
NS=mdnsdbench$$
PIDS=
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null || true; done
	for p in $(ip netns pids "$NS" 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
	ip netns del "$NS" 2>/dev/null || true
	rm -rf "$D"
}
trap cleanup EXIT INT TERM
ip netns add "$NS"
ip -n "$NS" link set lo up
in_ns() { ip netns exec "$NS" "$@"; }
start_bg() { ip netns exec "$NS" "$@" & PIDS="$PIDS $!"; LAST=$!; }

i=0
: >"$D/zone.hosts"
: >"$D/queries"
while [ $i -lt "$NAMES" ]; do
	echo "10.$((i / 65536 % 256)).$((i / 256 % 256)).$((i % 256)) h$i.bench" >>"$D/zone.hosts"
	echo "h$i.bench A" >>"$D/queries"
	i=$((i + 1))
done
printf '10.200.0.1 gai.bench\nfd00::200:1 gai.bench\n' >>"$D/zone.hosts"

# the authoritative upstream
start_bg dnsmasq --no-daemon --no-resolv --no-hosts --addn-hosts="$D/zone.hosts" \
    --local=/bench/ --local-ttl=3600 --listen-address=127.0.0.9 \
    --bind-interfaces --port=53 --pid-file= --cache-size=0 --log-facility=/dev/null
printf 'listen 127.0.0.1\nhosts file %s/empty.hosts\nupstream server 127.0.0.9\ncache-size 8m\nlog-level warning\n' \
    "$D" >"$D/mdnsd.conf"
: >"$D/empty.hosts"
start_bg "$MDNSD" -d -f "$D/mdnsd.conf"
PID_mdnsd=$LAST
start_bg dnsmasq --no-daemon --no-resolv --no-hosts --server=127.0.0.9 \
    --listen-address=127.0.0.2 --bind-interfaces --port=53 --pid-file= \
    --cache-size=10000 --log-facility=/dev/null
PID_dnsmasq=$LAST
cat >"$D/unbound.conf" <<EOF
server:
	interface: 127.0.0.3
	port: 53
	num-threads: 1
	do-not-query-localhost: no
	username: ""
	chroot: ""
	directory: "$D"
	pidfile: ""
	use-syslog: no
	logfile: ""
	verbosity: 0
	module-config: "iterator"
	access-control: 127.0.0.0/8 allow
	so-reuseport: no
	local-zone: "bench." nodefault
	domain-insecure: "bench."
forward-zone:
	name: "."
	forward-addr: 127.0.0.9
EOF
start_bg unbound -d -c "$D/unbound.conf"
PID_unbound=$LAST
sleep 1
ADDR_mdnsd=127.0.0.1 ADDR_dnsmasq=127.0.0.2 ADDR_unbound=127.0.0.3
SERVERS="mdnsd dnsmasq unbound"

# CPU time of every thread of a process, ns (ticks would be 10 ms coarse)
cpu_ns() { cat /proc/"$1"/task/*/schedstat | awk '{s += $1} END {printf "%.0f\n", s}'; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# Warm every cache: the first pass fills it from the upstream.
for s in $SERVERS; do
	eval a=\$ADDR_$s
	in_ns dnsperf -s "$a" -d "$D/queries" -n 2 -c 1 -q 20 >/dev/null 2>&1
	eval "Q_$s=0 T_$s=0 C_$s=0 L_$s=0"
done

r=0
while [ $r -lt "$ROUNDS" ]; do
	for s in $SERVERS; do
		eval a=\$ADDR_$s p=\$PID_$s
		c0=$(cpu_ns "$p")
		in_ns dnsperf -s "$a" -d "$D/queries" -l "$LEN" -c "$CLIENTS" \
		    -q "$OUTSTANDING" >"$D/out.$s.$r" 2>&1
		c1=$(cpu_ns "$p")
		q=$(awk '/Queries completed:/ {print $3}' "$D/out.$s.$r")
		qps=$(awk '/Queries per second:/ {print $4}' "$D/out.$s.$r")
		lat=$(awk '/Average Latency/ {print $4}' "$D/out.$s.$r")
		eval "Q_$s=\$((Q_$s + q)) C_$s=\$((C_$s + c1 - c0))"
		eval "T_$s=\$(echo \"\$T_$s + $qps\" | bc -l)"
		eval "L_$s=\$(echo \"\$L_$s + $lat\" | bc -l)"
		printf '  round %d %-8s %10.0f qps\n' "$r" "$s" "$qps"
	done
	r=$((r + 1))
done

summary() {
printf '\n%-8s %12s %12s %14s %10s\n' server "queries/s" "latency us" \
    "CPU us/query" "RSS MiB"
for s in $SERVERS; do
	eval p=\$PID_$s q=\$Q_$s c=\$C_$s t=\$T_$s l=\$L_$s
	qps=$(echo "$t / $ROUNDS" | bc -l)
	lat=$(echo "$l / $ROUNDS * 1000000" | bc -l)
	cpq=$(echo "$c / 1000 / $q" | bc -l)
	rss=$(echo "$(rss_kib "$p") / 1024" | bc -l)
	printf '%-8s %12.0f %12.1f %14.2f %10.1f\n' "$s" "$qps" "$lat" "$cpq" "$rss"
	eval "QPS_$s=$qps CPQ_$s=$cpq"
done
printf '\nmdnsd/dnsmasq: %.2fx queries/s, %.2fx CPU per query\n' \
    "$(echo "$QPS_mdnsd / $QPS_dnsmasq" | bc -l)" \
    "$(echo "$CPQ_mdnsd / $CPQ_dnsmasq" | bc -l)"
printf 'mdnsd/unbound: %.2fx queries/s, %.2fx CPU per query\n' \
    "$(echo "$QPS_mdnsd / $QPS_unbound" | bc -l)" \
    "$(echo "$CPQ_mdnsd / $CPQ_unbound" | bc -l)"
}
[ "$ROUNDS" -eq 0 ] || summary

[ -n "$GAI" ] || exit 0
echo "127.0.0.1 localhost" >"$D/client.hosts"
GAI_ROUNDS=${GAI_ROUNDS:-21}
GAI_COUNT=${GAI_COUNT:-2000}
printf '\nlibc getaddrinfo (%s), one client, %d x %d lookups each, interleaved:\n' \
    "$GAI" "$GAI_ROUNDS" "$GAI_COUNT"
for s in $SERVERS; do
	eval a=\$ADDR_$s
	echo "nameserver $a" >"$D/resolv.$s"
	: >"$D/gai.$s"
	eval "G_$s=0"
done
LAST_CPU=$(($(nproc) - 1))
for s in $SERVERS; do
	eval p=\$PID_$s
	taskset -a -p -c "$LAST_CPU" "$p" >/dev/null
done
gai_run() {
	in_ns taskset -c "$LAST_CPU" unshare -m sh -c 'mount --bind "$1" /etc/resolv.conf &&
	    mount --bind "$2" /etc/hosts && "$3" -n "$4" gai.bench' sh \
	    "$D/resolv.$1" "$D/client.hosts" "$GAI" "$2"
}
for s in $SERVERS; do		# fill the caches: A and AAAA
	gai_run "$s" 10 | grep -q '(0 failed)' ||
	    { echo "bench.sh: getaddrinfo through $s fails" >&2; exit 1; }
done
r=0
while [ $r -lt "$GAI_ROUNDS" ]; do
	for s in $SERVERS; do
		eval p=\$PID_$s
		c0=$(cpu_ns "$p")
		gai_run "$s" "$GAI_COUNT" | awk '{print $1}' >>"$D/gai.$s"
		c1=$(cpu_ns "$p")
		eval "G_$s=\$((G_$s + c1 - c0))"
	done
	r=$((r + 1))
done
printf '%-8s %10s %20s %18s\n' server "median/s" "range/s" "CPU us/lookup"
for s in $SERVERS; do
	eval g=\$G_$s
	set -- $(sort -n "$D/gai.$s" | awk '{v[NR] = $1}
	    END {print v[int((NR + 1) / 2)], v[1], v[NR]}')
	printf '%-8s %10s %20s %18.2f\n' "$s" "$1" "$2 - $3" \
	    "$(echo "$g / 1000 / ($GAI_ROUNDS * $GAI_COUNT)" | bc -l)"
	eval "GAI_$s=$1"
done
printf 'mdnsd/dnsmasq: %.2fx, mdnsd/unbound: %.2fx getaddrinfo/s (medians)\n' \
    "$(echo "$GAI_mdnsd / $GAI_dnsmasq" | bc -l)" \
    "$(echo "$GAI_mdnsd / $GAI_unbound" | bc -l)"
# Load drifts between rounds; runs of one round are seconds apart, so the
# median of per-round ratios is the steadier comparison.
pair() {
	paste "$D/gai.mdnsd" "$D/gai.$1" | awk '{print $1 / $2}' | sort -n |
	    awk '{v[NR] = $1} END {printf "%.2fx (%.2f - %.2f)", v[int((NR + 1) / 2)], v[1], v[NR]}'
}
printf 'per-round ratios, median (range): mdnsd/dnsmasq %s, mdnsd/unbound %s\n' \
    "$(pair dnsmasq)" "$(pair unbound)"
