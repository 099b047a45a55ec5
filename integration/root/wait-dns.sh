#!/bin/sh
# wait-dns.sh NETNS ROOT PID SECONDS: wait until the DNS server PID (mdnsd,
# started in the root in NETNS) answers a query on 127.0.0.1:53.  Exit 0
# when it does, 1 when PID exits first or SECONDS pass.
set -u
[ $# -eq 4 ] || { echo "usage: wait-dns.sh NETNS ROOT PID SECONDS" >&2; exit 2; }
here=$(dirname "$0")
end=$(($(date +%s) + $4))
while [ "$(date +%s)" -lt "$end" ]; do
	kill -0 "$3" 2>/dev/null || { echo "wait-dns: process $3 exited" >&2; exit 1; }
	"$here/enter.sh" -n "$1" "$2" /usr/local/bin/ma-loadgen -n 1 -m 100 localhost \
	    >/dev/null 2>&1 && exit 0
	sleep 0.2
done
echo "wait-dns: no answer from 127.0.0.1:53 within $4 s" >&2
exit 1
