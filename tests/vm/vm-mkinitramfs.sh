#!/bin/sh
# vm-mkinitramfs.sh: build a gzip'd newc cpio initramfs for vm-run.sh.
#
# Usage: vm-mkinitramfs.sh -o OUT -i INIT [option]...
#   -o OUT      output file (.cpio.gz)
#   -i INIT     static PID-1 program (tests/vm/init.c), installed as /init
#   -t PROG     install PROG as /bin/<name> and run it (no arguments)
#   -b PROG     install PROG as /bin/<name> without running it
#   -c LINE     append LINE to the run list /vm/tests, verbatim
#               ("[VAR=value ...] /bin/prog [arg ...]", see init.c)
#   -r DIR      copy the tree DIR into the root (may be repeated; later
#               trees overwrite earlier files)
#   -f SRC=DST  install file SRC at absolute path DST in the root
#   -d PROG     install the shared libraries PROG needs (found with ldd) at
#               their host paths, plus PROG's program interpreter: enough to
#               run glibc-linked programs in the guest
# The run list keeps the order of -t and -c options.  Everything is owned by
# root in the archive whatever the builder's identity.
set -eu

prog=vm-mkinitramfs
die() { printf '%s: %s\n' "$prog" "$*" >&2; exit 1; }

out= init=
stage=$(mktemp -d "${TMPDIR:-/tmp}/vm-initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT INT TERM
mkdir -p "$stage/bin" "$stage/vm" "$stage/dev" "$stage/proc" "$stage/sys" \
	"$stage/tmp" "$stage/run" "$stage/etc"
: >"$stage/vm/tests"

install_prog() {
	[ -f "$1" ] || die "no such program: $1"
	cp "$1" "$stage/bin/$(basename "$1")"
	chmod 755 "$stage/bin/$(basename "$1")"
}

install_at() {
	[ -f "$1" ] || die "no such file: $1"
	case $2 in /*) ;; *) die "destination must be absolute: $2" ;; esac
	mkdir -p "$stage$(dirname "$2")"
	cp -L "$1" "$stage$2"
}

install_libs() {
	[ -f "$1" ] || die "no such program: $1"
	command -v ldd >/dev/null || die "ldd not found (needed by -d)"
	# ldd prints "name => /path (addr)" and "/path/interp (addr)".
	libs=$(ldd "$1" | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) .*/\1/p')
	[ -n "$libs" ] || die "ldd found no shared libraries in $1"
	for l in $libs; do
		install_at "$l" "$l"
	done
}

while getopts o:i:t:b:c:r:f:d: opt; do
	case $opt in
	o) out=$OPTARG ;;
	i) init=$OPTARG ;;
	t) install_prog "$OPTARG"
	   printf '/bin/%s\n' "$(basename "$OPTARG")" >>"$stage/vm/tests" ;;
	b) install_prog "$OPTARG" ;;
	c) printf '%s\n' "$OPTARG" >>"$stage/vm/tests" ;;
	r) [ -d "$OPTARG" ] || die "no such directory: $OPTARG"
	   cp -a "$OPTARG/." "$stage/" ;;
	f) install_at "${OPTARG%%=*}" "${OPTARG#*=}" ;;
	d) install_libs "$OPTARG" ;;
	*) die "usage: $prog -o OUT -i INIT [-t PROG] [-b PROG] [-c LINE] [-r DIR] [-f SRC=DST] [-d PROG]" ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || die "unexpected argument: $1"
[ -n "$out" ] || die "-o OUT is required"
[ -n "$init" ] || die "-i INIT is required"
[ -f "$init" ] || die "no such init program: $init"
command -v cpio >/dev/null || die "cpio not found (Debian package cpio)"

cp "$init" "$stage/init"
chmod 755 "$stage/init"
tmp_out="$out.tmp.$$"
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
	cpio --quiet -o -H newc -R 0:0) | gzip -1 >"$tmp_out"
mv "$tmp_out" "$out"
