#!/bin/sh
# mkspecs.sh ROOT TOOLCHAIN-DIR [OVERLAY-DIR]: write gcc spec files that
# compile and link against the musl in ROOT instead of the host's.
#
# Debian's musl-gcc.specs (from musl-dev, now inside ROOT) names the host's
# /usr/include/x86_64-linux-musl and /usr/lib/x86_64-linux-musl; each is
# rewritten to its copy in ROOT.  root.specs additionally puts the fortify
# overlay directory first on the system include path, so its headers'
# #include_next reaches musl's; plain.specs is the same without it (the
# control that shows what the overlay changes).  Programs keep
# /lib/ld-musl-x86_64.so.1 as their interpreter: they run inside ROOT.
set -eu
root=$1 tc=$2 overlay=${3:-}
spec=$root/usr/lib/x86_64-linux-musl/musl-gcc.specs
[ -f "$spec" ] || { echo "mkspecs: $spec missing (musl-dev not in the root?)" >&2; exit 1; }

rewrite() {
	sed -e "s|/usr/include/x86_64-linux-musl|$root/usr/include/x86_64-linux-musl|g" \
	    -e "s|-L/usr/lib/x86_64-linux-musl|-L$root/lib/x86_64-linux-musl -L$root/usr/lib/x86_64-linux-musl -L$root/usr/local/lib|" \
	    -e "s| /usr/lib/x86_64-linux-musl/| $root/usr/lib/x86_64-linux-musl/|g" \
	    -e "s|-nostdinc -isystem|-nostdinc$1 -isystem|" "$spec"
}
rewrite "" >"$tc/plain.specs"
if [ -n "$overlay" ]; then
	rewrite " -isystem $overlay" >"$tc/root.specs"
else
	cp "$tc/plain.specs" "$tc/root.specs"
fi
grep -q "$root/usr/lib/x86_64-linux-musl/Scrt1.o" "$tc/root.specs" ||
	{ echo "mkspecs: could not rewrite $spec (format changed?)" >&2; exit 1; }
