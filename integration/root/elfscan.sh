#!/bin/sh
# elfscan.sh DIR...: report every ELF file (and ar archive of ELF objects)
# under DIR that comes from glibc or needs it.  Exit 1 if any does, 0 if
# none, 2 on usage error; the last line counts what was scanned.
#
# An ELF file is glibc's when
#   - its interpreter is glibc's loader (ld-linux*.so.*),
#   - it needs one of glibc's libraries by soname (libc.so.6, libm.so.6,
#     libpthread.so.0, libdl.so.2, librt.so.1, ld-linux*),
#   - it needs or defines GLIBC_* symbol versions, or
#   - it carries a .note.ABI-tag section: glibc's start files put that note
#     into every program they link, static ones included (this is how a
#     static glibc program such as Debian's busybox-static is recognised);
#     musl's start files have none.
set -u
[ $# -ge 1 ] || { echo "usage: elfscan.sh DIR..." >&2; exit 2; }
for c in readelf python3; do
	command -v $c >/dev/null || { echo "elfscan: $c not found" >&2; exit 2; }
done

glibc_sonames='^(libc\.so\.6|libm\.so\.6|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|libresolv\.so\.2|ld-linux[-a-z0-9_.]*\.so\.[0-9]+)$'

# why FILE: print the reasons FILE is glibc's, nothing if it is not.  One
# readelf run gives program headers, dynamic section, versions and
# section headers; one awk reads them.
why() {
	readelf -lWdVS "$1" 2>/dev/null | awk -v re="$glibc_sonames" '
	/Requesting program interpreter: .*ld-linux/ {
		sub(/.*interpreter: /, ""); sub(/\]$/, ""); print "interpreter " $0 }
	/\(NEEDED\)/ {
		so = $0; sub(/.*\[/, "", so); sub(/\].*/, "", so)
		if (so ~ re) print "needs " so }
	/GLIBC_[0-9A-Z_.]+/ && nver < 3 {
		if (match($0, /GLIBC_[0-9A-Z_.]+/)) {
			v = substr($0, RSTART, RLENGTH)
			if (!(v in seen)) { seen[v] = 1; nver++; print "symbol version " v } } }
	/\.note\.ABI-tag/ && !abi { abi = 1; print "glibc start files (.note.ABI-tag)" }'
}

# candidates DIR...: every regular file that starts like an ELF file or an
# ar archive, one per line (one process, not one per file).
candidates() {
	python3 - "$@" <<'PY'
import os, sys

def paths(top):
    if not os.path.isdir(top):
        yield top
    for d, _, files in os.walk(top):
        for f in files:
            yield os.path.join(d, f)

for top in sys.argv[1:]:
    for p in paths(top):
        if os.path.islink(p) or not os.path.isfile(p):
            continue
        with open(p, "rb") as fh:
            head = fh.read(7)
        if head[:4] == b"\x7fELF" or head == b"!<arch>":
            print(p)
PY
}

elf=0 bad=0
tmp=$(mktemp) || exit 2
trap 'rm -f "$tmp"' EXIT
candidates "$@" >"$tmp" || { echo "elfscan: cannot list files" >&2; exit 2; }
while IFS= read -r f; do
	elf=$((elf + 1))
	reasons=$(why "$f")
	if [ -n "$reasons" ]; then
		bad=$((bad + 1))
		echo "$reasons" | sed "s|^|glibc: $f: |"
	fi
done <"$tmp"
echo "elfscan: $elf ELF files and archives scanned, $bad from glibc"
[ "$bad" -eq 0 ]
