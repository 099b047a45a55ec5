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
command -v readelf >/dev/null || { echo "elfscan: readelf not found" >&2; exit 2; }

glibc_sonames='^(libc\.so\.6|libm\.so\.6|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|libresolv\.so\.2|ld-linux[-a-z0-9_.]*\.so\.[0-9]+)$'

# why FILE: print the reasons FILE is glibc's, nothing if it is not.
why() {
	readelf -lW "$1" 2>/dev/null |
		sed -n 's/.*Requesting program interpreter: \(.*ld-linux[^]]*\)\]/interpreter \1/p'
	readelf -dW "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' |
		grep -E "$glibc_sonames" | sed 's/^/needs /'
	readelf -VW "$1" 2>/dev/null | grep -o 'GLIBC_[0-9A-Z_.]*' | sort -u | head -n 3 |
		sed 's/^/symbol version /'
	readelf -SW "$1" 2>/dev/null | grep -q '\.note\.ABI-tag' &&
		echo "glibc start files (.note.ABI-tag)"
	return 0
}

elf=0 bad=0
tmp=$(mktemp) || exit 2
trap 'rm -f "$tmp"' EXIT
find "$@" -type f >"$tmp"
while IFS= read -r f; do
	magic=$(head -c 4 "$f" 2>/dev/null | od -An -c | tr -d ' \n')
	case $magic in
	177ELF | '!<ar') ;;
	*) continue ;;
	esac
	elf=$((elf + 1))
	reasons=$(why "$f")
	if [ -n "$reasons" ]; then
		bad=$((bad + 1))
		echo "$reasons" | sed "s|^|glibc: $f: |"
	fi
done <"$tmp"
echo "elfscan: $elf ELF files and archives scanned, $bad from glibc"
[ "$bad" -eq 0 ]
