#!/bin/sh
# avahi-peer.sh NETNS NAME DIR: run an avahi-daemon in the foreground in
# network namespace NETNS, publishing NAME.local with the addresses of the
# namespace's veth0; its config goes to DIR.  Used by the suite and the
# demo as the "other machine" on the link.
#
# The daemon gets a private mount namespace with its own /run (pid file,
# sockets), so it never meets the host's avahi-daemon or another test's.
# D-Bus is off: nothing asks it anything over the bus, it only answers
# multicast DNS.  Only veth0 is allowed, so it sends nothing on any other
# interface; NETNS must be a namespace the caller created.
# It logs to stderr; "Server startup complete" means NAME is claimed.
set -eu
[ $# -eq 3 ] || { echo "usage: avahi-peer.sh NETNS NAME DIR" >&2; exit 2; }
ns=$1 name=$2 dir=$3
mkdir -p "$dir"
cat >"$dir/avahi-daemon.conf" <<CONF
[server]
host-name=$name
domain-name=local
use-ipv4=yes
use-ipv6=no
allow-interfaces=veth0
enable-dbus=no
[wide-area]
enable-wide-area=no
[publish]
publish-addresses=yes
publish-hinfo=no
publish-workstation=no
publish-domain=no
[reflector]
enable-reflector=no
CONF
exec ip netns exec "$ns" unshare -m --propagation private sh -c '
	mount -t tmpfs tmpfs /run && mkdir -p /run/avahi-daemon &&
	exec avahi-daemon -f "$1" --no-drop-root --no-chroot --no-rlimits' \
    avahi "$dir/avahi-daemon.conf"
