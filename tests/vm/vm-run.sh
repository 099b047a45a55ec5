#!/bin/sh
# vm-run.sh: boot an initramfs made by vm-mkinitramfs.sh in a qemu guest
# (software emulation) with a chosen NUMA layout, show its console, and turn
# the VMTEST lines printed by the guest's init into an exit status.
#
# Usage: vm-run.sh -i INITRD [-k KERNEL] [-l LAYOUT] [-t SECONDS]
#                  [-e VAR=value]... [-o LOG] [-q QEMU] [-M MIB]
#   -i INITRD   initramfs (.cpio.gz)
#   -k KERNEL   kernel image (default $VM_KERNEL, else
#               /var/cache/musl-addons/kernel/vmlinuz from ci/install-deps)
#   -l LAYOUT   1node | 2node | 4node (default 1node), see README.md
#   -t SECONDS  wall-clock limit for the whole boot (default 300); each
#               command inside the guest gets the same limit
#   -e VAR=val  environment variable for the guest's init and its commands
#               (passed on the kernel command line, so no spaces or dots)
#   -o LOG      also keep the console output in LOG
#   -q QEMU     qemu binary (default qemu-system-x86_64)
#   -M MIB      memory per node in MiB (default 256; 1node gets twice it)
# Exit status: 0 every command passed, 77 every command skipped, 1 a
# command failed, the guest crashed or the limit was hit, 2 bad usage or a
# missing kernel/qemu.
set -eu

prog=vm-run
usage() { printf 'usage: %s -i INITRD [-k KERNEL] [-l 1node|2node|4node] [-t SECONDS] [-e VAR=val] [-o LOG] [-q QEMU] [-M MIB]\n' "$prog" >&2; exit 2; }
die() { printf '%s: %s\n' "$prog" "$*" >&2; exit 2; }

initrd= kernel=${VM_KERNEL:-/var/cache/musl-addons/kernel/vmlinuz}
layout=1node limit=300 envs= log= qemu=qemu-system-x86_64 node_mb=256
while getopts i:k:l:t:e:o:q:M: opt; do
	case $opt in
	i) initrd=$OPTARG ;;
	k) kernel=$OPTARG ;;
	l) layout=$OPTARG ;;
	t) limit=$OPTARG ;;
	e) case $OPTARG in *=*) ;; *) die "-e wants VAR=value: $OPTARG" ;; esac
	   case $OPTARG in *' '*|*.*=*) die "-e value must not hold spaces, nor the name a dot: $OPTARG" ;; esac
	   envs="$envs $OPTARG" ;;
	o) log=$OPTARG ;;
	q) qemu=$OPTARG ;;
	M) node_mb=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || usage
[ -n "$initrd" ] || usage
[ -f "$initrd" ] || die "no such initramfs: $initrd"
[ -f "$kernel" ] || die "no kernel at $kernel: run ci/install-deps"
command -v "$qemu" >/dev/null || die "$qemu not found (Debian package qemu-system-x86)"
case $limit in ''|*[!0-9]*) die "-t wants seconds: $limit" ;; esac
case $node_mb in ''|*[!0-9]*) die "-M wants MiB: $node_mb" ;; esac
[ "$node_mb" -ge 64 ] || die "-M: at least 64 MiB per node"
m=${node_mb}M

# Each layout: memory, CPUs and the -numa options.  Node memory comes from
# memory-backend-ram objects; a node with no memdev has no memory.
mem() { printf -- '-object memory-backend-ram,id=%s,size=%s ' "$1" "$2"; }
case $layout in
1node)
	machine="-m $((node_mb * 2))M -smp 2" ;;
2node)
	# Two nodes, one CPU and 256 MiB (-M) each.
	machine="-m $((node_mb * 2))M -smp 2,sockets=2,cores=1,threads=1 $(mem m0 $m)$(mem m1 $m)
	-numa node,nodeid=0,cpus=0,memdev=m0 -numa node,nodeid=1,cpus=1,memdev=m1
	-numa dist,src=0,dst=1,val=20" ;;
4node)
	# Nodes 0 and 1: a CPU and 256 MiB each.  Node 2: memory only (no
	# CPU, like a CXL expander).  Node 3: a CPU and no memory; its
	# nearest node with memory is node 1 (distance 15).
	machine="-m $((node_mb * 3))M -smp 3,sockets=3,cores=1,threads=1 $(mem m0 $m)$(mem m1 $m)$(mem m2 $m)
	-numa node,nodeid=0,cpus=0,memdev=m0 -numa node,nodeid=1,cpus=1,memdev=m1
	-numa node,nodeid=2,memdev=m2 -numa node,nodeid=3,cpus=2
	-numa dist,src=0,dst=1,val=20 -numa dist,src=0,dst=2,val=30
	-numa dist,src=0,dst=3,val=25 -numa dist,src=1,dst=2,val=30
	-numa dist,src=1,dst=3,val=15 -numa dist,src=2,dst=3,val=30" ;;
*)
	die "unknown layout $layout (1node, 2node, 4node)" ;;
esac

append="console=ttyS0 panic=-1 loglevel=4 rdinit=/init vm_timeout=$limit$envs"
out=$(mktemp "${TMPDIR:-/tmp}/vm-run.XXXXXX")
trap 'rm -f "$out" "$out.rc"' EXIT INT TERM

printf '%s: layout %s, limit %ss, kernel %s\n' "$prog" "$layout" "$limit" "$kernel"
# The console is shown while the guest runs (in blocks: tr buffers), so a
# guest that hangs still leaves its output in the test log, and it is kept
# in $out for parsing.
# shellcheck disable=SC2086 # $machine is a list of words on purpose.
{
	rc=0
	timeout -k 5 "$((limit + 30))" "$qemu" -accel tcg -nographic -no-reboot \
		-monitor none -serial stdio -display none $machine \
		-kernel "$kernel" -initrd "$initrd" -append "$append" \
		</dev/null 2>&1 || rc=$?
	echo "$rc" >"$out.rc"
} | tr -d '\r' | tee "$out"
rc=$(cat "$out.rc" 2>/dev/null || echo 1)
rm -f "$out.rc"
[ -z "$log" ] || cp "$out" "$log"

if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
	printf '%s: FAIL: the guest did not power off within %ss\n' "$prog" "$((limit + 30))"
	exit 1
fi
done_line=$(grep '^VMTEST DONE ' "$out" | tail -n 1 || true)
if [ -z "$done_line" ]; then
	printf '%s: FAIL: the guest ended (qemu status %s) before init reported\n' "$prog" "$rc"
	exit 1
fi
pass=$(printf '%s' "$done_line" | sed -n 's/.*pass=\([0-9]*\).*/\1/p')
fail=$(printf '%s' "$done_line" | sed -n 's/.*fail=\([0-9]*\).*/\1/p')
skip=$(printf '%s' "$done_line" | sed -n 's/.*skip=\([0-9]*\).*/\1/p')
printf '%s: %s passed, %s failed, %s skipped\n' "$prog" "$pass" "$fail" "$skip"
[ "$fail" = 0 ] || exit 1
[ "$pass" != 0 ] || [ "$skip" = 0 ] || exit 77
[ "$pass" != 0 ] || exit 1
exit 0
