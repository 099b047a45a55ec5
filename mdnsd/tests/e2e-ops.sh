#!/bin/sh
# e2e-ops: operations: -n/-nv, daemon mode and pidfile, hosts file
# rewritten while serving, SIGHUP reload (good and bad), privilege drop
# and chroot, per-client rate limit, wildcard listen replying from the
# address asked, non-local clients refused.
. "$(dirname "$0")/e2e-common.sh"

# --- configuration check ---
printf 'hosts file %s\nroute corp.example hosts\n' "$D/hosts" >"$D/good.conf"
"$MDNSD" -n -f "$D/good.conf" 2>"$D/n.out" || tu_fail "-n: $(cat "$D/n.out")"
grep -q "configuration OK" "$D/n.out" || tu_fail "-n said: $(cat "$D/n.out")"
"$MDNSD" -nv -f "$D/good.conf" >"$D/nv.out" || tu_fail "-nv failed"
grep -qx "route corp.example. hosts" "$D/nv.out" || tu_fail "-nv: no route"
grep -qx "listen 127.0.0.1 ::1" "$D/nv.out" || tu_fail "-nv: no listen"
printf 'port 53\n\nlisten nowhere\n' >"$D/bad.conf"
"$MDNSD" -n -f "$D/bad.conf" 2>"$D/bad.out" && tu_fail "-n accepted bad.conf"
grep -q "bad.conf:3: listen: 'nowhere' is not an IP address" "$D/bad.out" ||
	tu_fail "-n said: $(cat "$D/bad.out")"
"$MDNSD" -n -f "$D/missing.conf" 2>/dev/null && tu_fail "missing file OK"
"$MDNSD" -x 2>/dev/null; [ $? -eq 2 ] || tu_fail "bad option: exit not 2"
tu_log "ok: -n, -nv and errors with file:line"

# --- daemon mode, pidfile, privileges, chroot ---
chmod 755 "$D"	# the daemon runs as nobody
mkdir "$D/empty"
cp "$D/hosts" "$D/live.hosts"
start_dnsmasq 127.0.0.2
echo "nameserver 127.0.0.9" >"$D/up.resolv"
cat >"$D/d.conf" <<EOF2
listen 127.0.0.1
hosts file $D/live.hosts
upstream resolv-conf $D/up.resolv
user nobody
chroot $D/empty
rate-limit 1 20
EOF2
in_ns "$MDNSD" -f "$D/d.conf" -P "$D/pid" 2>"$D/d.err" || tu_fail "start: $(cat "$D/d.err")"
tu_wait_for 5 test -s "$D/pid" || tu_fail "no pidfile"
pid=$(cat "$D/pid")
tu_pid_list="$tu_pid_list $pid"
tu_wait_for 5 in_ns dig +time=1 +tries=1 @127.0.0.1 localhost ||
	tu_fail "daemon does not answer"
uid=$(awk '/^Uid:/ {print $2 $3 $4 $5}' "/proc/$pid/status")
expect "privileges dropped" "$uid" "65534655346553465534"
expect "chroot" "$(readlink "/proc/$pid/root")" "$D/empty"
expect "sched-batch (default)" \
    "$(chrt -p "$pid" | sed -n 's/.*scheduling policy: //p')" "SCHED_BATCH"
expect "served after chroot" "$(q @127.0.0.1 myhost)" "10.1.2.3"

# --- hosts file rewritten (renamed over) while serving ---
sed 's/^10.1.2.3 myhost/10.7.7.7 myhost/' "$D/hosts" >"$D/live.new"
mv "$D/live.new" "$D/live.hosts"
sleep 1.2
expect "new address after rewrite (inside chroot)" \
    "$(q @127.0.0.1 myhost A)" "10.7.7.7"

# --- the upstream resolv-conf file is re-read inside the chroot too ---
expect "resolv-conf: dead server" "$(status @127.0.0.1 remote.example)" \
    "SERVFAIL"
printf 'nameserver 127.0.0.2\n' >"$D/up.resolv.new"
mv "$D/up.resolv.new" "$D/up.resolv"
sleep 1.1
expect "resolv-conf re-read after chroot" "$(q @127.0.0.1 remote.example)" \
    "192.0.2.7"

# --- rate limit: 1 per second, burst 20, per client address ---
# A fresh client (127.0.0.66) floods 100 queries: the burst is answered,
# the rest dropped but for what the rate refills while the flood lasts
# (measured here, so a slow machine only loosens the bound); another
# client is not affected, and the flooder is served again afterwards.
t0=$(date +%s)
set -- $(in_ns python3 "$DNSTOOL" flood 127.0.0.1 53 100 myhost 127.0.0.66)
t1=$(date +%s)
max=$((20 + (t1 - t0 + 1) + 1))
[ "$1" -ge 20 ] && [ "$1" -le "$max" ] ||
	tu_fail "rate limit let $1 of 100 through (want 20 to $max)"
tu_log "ok: rate limit let $1 of 100 through (20 to $max allowed)"
expect "rate limit: another client served" "$(q @127.0.0.1 myhost A)" \
    "10.7.7.7"
expect "rate limit: the flooder served again afterwards" \
    "$(q -b 127.0.0.66 @127.0.0.1 myhost A)" "10.7.7.7"

# --- pidfile: locked while running, removed or emptied on exit ---
in_ns "$MDNSD" -f "$D/d.conf" -P "$D/pid" 2>"$D/d2.err" &&
	tu_fail "a second mdnsd with the same pidfile started"
grep -q "pidfile $D/pid: already running (pid $pid)" "$D/d2.err" ||
	tu_fail "second mdnsd said: $(cat "$D/d2.err")"
expect "pidfile kept by the running daemon" "$(cat "$D/pid")" "$pid"
kill "$pid"
tu_wait_for 5 sh -c "! kill -0 $pid 2>/dev/null" || tu_fail "no exit on TERM"
# $D is root's: nobody may not unlink there, so the file is emptied
[ -e "$D/pid" ] && [ ! -s "$D/pid" ] || tu_fail "pidfile not emptied on exit"
tu_log "ok: pidfile in a root directory emptied on exit"
mkdir "$D/run"
chown nobody "$D/run"
in_ns "$MDNSD" -f "$D/d.conf" -P "$D/run/mdnsd.pid" 2>"$D/d3.err" ||
	tu_fail "start: $(cat "$D/d3.err")"
tu_wait_for 5 test -s "$D/run/mdnsd.pid" || tu_fail "no pidfile in run/"
pid=$(cat "$D/run/mdnsd.pid")
tu_pid_list="$tu_pid_list $pid"
kill "$pid"
tu_wait_for 5 sh -c "! kill -0 $pid 2>/dev/null" || tu_fail "no exit on TERM"
[ ! -e "$D/run/mdnsd.pid" ] || tu_fail "pidfile left in a directory of the user"
tu_log "ok: pidfile removed from a directory the dropped user owns"

# --- wildcard listen: replies come from the address asked ---
in_ns ip addr add 10.99.0.1/32 dev lo
cat >"$D/w.conf" <<EOF2
listen 0.0.0.0 ::
port 5301
hosts file $D/hosts
EOF2
DIGPORT=5301 start_mdnsd "$D/w.conf" 127.0.0.1 -p 5301
q() { in_ns dig +time=2 +tries=1 +short -p 5301 "$@"; }
expect "reply from 127.0.0.5" "$(q @127.0.0.5 myhost)" "10.1.2.3"
expect "reply from ::1 (wildcard)" "$(q @::1 myhost)" "10.1.2.3"
expect "TCP on the wildcard" "$(q +tcp @127.0.0.5 myhost)" "10.1.2.3"
expect "non-local client refused" \
    "$(status -p 5301 -b 10.99.0.1 @10.99.0.1 myhost)" "REFUSED"

# --- SIGHUP: a good config is taken, a bad one leaves the old running ---
printf '10.8.8.8 newname\n' >"$D/second.hosts"
cat >>"$D/w.conf" <<EOF2
hosts file $D/second.hosts
EOF2
kill -HUP "$MDNSD_PID"
sleep 0.5
expect "reloaded config" "$(q @127.0.0.1 newname)" "10.8.8.8"
echo "bogus line" >>"$D/w.conf"
kill -HUP "$MDNSD_PID"
sleep 0.5
grep -q "w.conf:5: unknown keyword 'bogus'" "$D/mdnsd.log" ||
	tu_fail "reload error not logged"
expect "old config kept" "$(q @127.0.0.1 newname)" "10.8.8.8"

# --- IPv6 disabled: the default ::1 is skipped, 127.0.0.1 still served ---
tu_netns NS6
ip netns exec "$NS6" sysctl -qw net.ipv6.conf.lo.disable_ipv6=1
printf 'hosts file %s\n' "$D/hosts" >"$D/v4.conf"
tu_bg ip netns exec "$NS6" "$MDNSD" -d -f "$D/v4.conf" 2>>"$D/v4.log"
tu_wait_for 5 ip netns exec "$NS6" dig +time=1 +tries=1 @127.0.0.1 localhost ||
	tu_fail "no IPv4 service without IPv6: $(cat "$D/v4.log")"
grep -q "not listening on a default address" "$D/v4.log" ||
	tu_fail "no warning about ::1"
tu_log "ok: default ::1 skipped when IPv6 is off"
printf 'listen ::1\nhosts file %s\n' "$D/hosts" >"$D/v6.conf"
ip netns exec "$NS6" "$MDNSD" -d -f "$D/v6.conf" 2>"$D/v6.log" &&
	tu_fail "a configured ::1 that cannot be bound was accepted"
tu_log "ok: a configured address that cannot be bound is fatal"
