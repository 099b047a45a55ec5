#!/bin/sh
# mkroot.sh: assemble the musl root the integration suite runs in.
#
#   mkroot.sh SRC BUILD OUT
#
# SRC is the source tree, BUILD the musl flavour's build directory (already
# built), OUT the directory that receives root/ (the file system),
# toolchain/ (a compiler setup that targets the root) and root.info (what
# went in, sourced by the tests).  Every command is echoed with "$ " so a
# maintainer can repeat the assembly by hand.
#
# The root holds Debian's musl and musl-dev, each component as
# `meson install --tags <component>` installs it, and the suite's test
# programs.  Nothing in it comes from glibc: there is no shell and no
# busybox (whose Debian build is linked statically against glibc); the test
# programs are entered directly with chroot, and the VM image's PID 1 is
# tests/vm's static init, built by the musl flavour.
set -eu
src=$1 build=$2 out=$3
root=$out/root tc=$out/toolchain info=$out/root.info
here=$src/integration

run() { printf '$ %s\n' "$*"; "$@"; }
die() { echo "mkroot: $*" >&2; exit 1; }

rm -rf "$root" "$tc" "$info" "$out/untagged"
mkdir -p "$root" "$tc"

# 1. Debian's musl: the loader and libc (musl), headers, crt files and
# static libraries (musl-dev).  The .debs come from apt's cache when it
# still holds the installed version; otherwise (or with
# MKROOT_FROM_INSTALLED=1) the installed files are copied by the package's
# own file list, through tar so that the host's merged-/usr symlinks
# (/lib -> usr/lib) are not copied: the result has the .debs' layout.
for p in musl musl-dev; do
	ver=$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null) ||
		die "Debian package $p is not installed (run ci/install-deps)"
	deb=$(ls /var/cache/apt/archives/"${p}_$(echo "$ver" | sed 's/:/%3a/')"_*.deb 2>/dev/null | head -n 1 || true)
	if [ -n "$deb" ] && [ -z "${MKROOT_FROM_INSTALLED:-}" ]; then
		run dpkg -x "$deb" "$root"
	else
		echo "# $p $ver: copying its installed files (dpkg -L)"
		dpkg -L "$p" | while IFS= read -r f; do
			if [ -f "$f" ] || { [ -L "$f" ] && [ ! -d "$f" ]; }; then
				echo "${f#/}"
			fi
		done | tar -C / --no-recursion -cf - -T - | tar -C "$root" -xf -
	fi
done
rm -rf "$root/usr/share/man" "$root/usr/share/lintian"
[ -e "$root/lib/ld-musl-x86_64.so.1" ] || die "no musl loader in $root/lib"

# 2. A minimal system: directories, users, and name service configuration.
# musl's loader reads only its path file when one exists, so the prefix
# where the components install (/usr/local/lib) must be added to it.
for d in bin sbin tmp proc sys dev run var/run usr/local/bin usr/local/sbin \
    usr/local/lib usr/local/etc; do
	mkdir -p "$root/$d"
done
chmod 1777 "$root/tmp"
printf '%s\n' /lib/x86_64-linux-musl /usr/lib/x86_64-linux-musl /usr/local/lib \
    >"$root/etc/ld-musl-x86_64.path"
printf 'root:x:0:0:root:/:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n' \
    >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
# musl reads /etc/hosts itself before asking DNS: keep only localhost here
# so every other name must come through mdnsd.
printf '127.0.0.1\tlocalhost\n::1\tlocalhost\n' >"$root/etc/hosts"
# mdnsd is the only nameserver, with its config in the default place
# (mdnsd(8): /etc/mdnsd.conf) answering from its own hosts file.
printf 'nameserver 127.0.0.1\n' >"$root/etc/resolv.conf"
"$here/root/mdnsd-conf.sh" /etc/mdnsd.hosts >"$root/etc/mdnsd.conf"
printf '10.77.9.9\tma-hosts.test\n10.77.9.10\tma-other.test\n' >"$root/etc/mdnsd.hosts"

# 3. The components, exactly as `meson install --tags` installs them.
plan=$build/meson-info/intro-install_plan.json
[ -f "$plan" ] || die "$plan missing: is $build a configured build directory?"
tags=$(python3 -c '
import json, sys
tags = set()
for kind in json.load(open(sys.argv[1])).values():
    for f in kind.values():
        if f.get("tag"):
            tags.add(f["tag"])
print(" ".join(sorted(tags)))' "$plan")
: >"$info"
# key FILE per component: what its checks need.  A component counts as
# installed (have_<name>=1) only when its tag installed that file, so one
# still in progress (a tag with headers only) makes its checks skip.
for c in fortify-headers:usr/local/include/fortify/string.h \
    chk-compat:usr/local/lib/libchk-compat.so mdnsd:usr/local/sbin/mdnsd \
    numalloc:usr/local/lib/libnumalloc.so; do
	key=${c#*:} c=${c%%:*}
	var=$(echo "$c" | tr - _)
	case " $tags " in
	*" $c "*)
		run meson install -C "$build" --no-rebuild --quiet --destdir "$root" --tags "$c"
		echo "tag_$var=1" >>"$info"
		if [ -e "$root/$key" ]; then
			echo "have_$var=1" >>"$info"
		else
			echo "# $c: its tag installed no /$key (component incomplete)"
			echo "have_$var=" >>"$info"
		fi ;;
	*)
		echo "# $c: nothing tagged '$c' to install (disabled or not built)"
		echo "tag_$var= have_$var=" >>"$info" ;;
	esac
done
. "$info"
# The same build installed without --tags, beside the root: every file in
# it must also be in the root, or something lacks its component's tag
# (t_root checks).
rm -rf "$out/untagged"
run meson install -C "$build" --no-rebuild --quiet --destdir "$out/untagged"

# 4. The root's toolchain: host gcc driven by a spec file that points at
# the root's musl (headers, crt, libc) with the fortify overlay ahead of
# libc's headers, as a distribution's musl toolchain would set it up.
"$here/root/mkspecs.sh" "$root" "$tc" "${have_fortify_headers:+$root/usr/local/include/fortify}"
echo "cc_root='gcc -specs=$tc/root.specs'" >>"$info"
echo "cc_plain='gcc -specs=$tc/plain.specs'" >>"$info"

# 5. The suite's programs.
"$here/root/mkprogs.sh" "$here/progs" "$build/integration" "$root" "$tc" "$info"
echo "# root assembled: $(du -sh "$root" | cut -f1) in $root"
