#!/bin/sh
# mdnsd-conf.sh HOSTS [MDNS-IFACE]: print the mdnsd.conf the suite, the VM
# image and the demo run mdnsd with: listen on 127.0.0.1 only, answer from
# the hosts file HOSTS (a path inside the root), send .local to multicast
# DNS on MDNS-IFACE when one is given, and have no upstream, so a name
# nobody serves is NXDOMAIN and nothing is forwarded anywhere.  One place
# for the config syntax (mdnsd.conf(5)).
set -eu
[ $# -ge 1 ] || { echo "usage: mdnsd-conf.sh HOSTS [MDNS-IFACE]" >&2; exit 2; }
echo "listen 127.0.0.1"
echo "hosts file $1"
if [ -n "${2:-}" ]; then
	echo "mdns interface $2"
	echo "route local mdns"
fi
echo "route . hosts"
