# avahi_env.sh: run avahi-daemon with its own D-Bus inside a test's
# network namespace.  Sourced by tests and the benchmark after
# testutil.sh; needs $T (a temp dir).
#
# avahi_start NS TAG HOSTNAME [PUBLISH]: start dbus-daemon and avahi-daemon
# in namespace NS, each with private files under $T/TAG; /run is a private
# tmpfs in their mount namespace, so nothing touches the host's /run.  The
# bus address is left in AVAHI_BUS_<TAG>; avahi-daemon's PID in
# AVAHI_PID_<TAG> (its wrapper's in AVAHI_WRAP_<TAG>).
avahi_start() {
	_ns=$1 _tag=$2 _host=$3 _pub=${4:-no}
	_d=$T/$_tag
	mkdir -p "$_d"
	cat >"$_d/dbus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$_d/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
CONF
	cat >"$_d/avahi.conf" <<CONF
[server]
host-name=$_host
use-ipv4=yes
use-ipv6=yes
allow-interfaces=veth0
enable-dbus=yes
[wide-area]
enable-wide-area=no
[publish]
disable-publishing=$( [ "$_pub" = yes ] && echo no || echo yes )
publish-hinfo=no
publish-workstation=no
CONF
	tu_bg ip netns exec "$_ns" dbus-daemon --config-file="$_d/dbus.conf" \
	    --nofork --nopidfile
	tu_wait_for 5 test -S "$_d/bus" || tu_fail "dbus-daemon did not start"
	eval "AVAHI_BUS_$_tag=unix:path=\$_d/bus"
	avahi_run "$_ns" "$_tag"
}

# avahi_run NS TAG: (re)start avahi-daemon of TAG on its existing bus.
avahi_run() {
	_d=$T/$2
	rm -f "$_d/avahi.pid"
	tu_bg ip netns exec "$1" unshare -m --propagation private sh -c '
	    mount -t tmpfs tmpfs /run || exit 1
	    echo $$ >"$1/avahi.pid"
	    DBUS_SYSTEM_BUS_ADDRESS=unix:path=$1/bus exec avahi-daemon \
	        --no-drop-root --no-chroot --no-rlimits --no-proc-title \
	        -f "$1/avahi.conf"' sh "$_d" 2>>"$_d/avahi.log"
	eval "AVAHI_WRAP_$2=\$tu_last_pid"
	tu_wait_for 5 test -s "$_d/avahi.pid" || tu_fail "avahi-daemon did not start"
	eval "AVAHI_PID_$2=\$(cat \"\$_d/avahi.pid\")"
	# Registered on the bus means ready for clients.
	tu_wait_for 10 grep -q "Server startup complete" "$_d/avahi.log" ||
		{ cat "$_d/avahi.log" >&2; tu_fail "avahi-daemon not ready"; }
}
