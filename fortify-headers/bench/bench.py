#!/usr/bin/env python3
"""fortify-headers benchmark: overhead of the overlay, side by side.

Builds bench/workload.c several ways in one run and prints, for each
libc, instructions executed (valgrind callgrind, deterministic: the
machines this runs on are shared) and the code size of the workload's
object file, as ratios to the unfortified build:

  musl   plain, overlay level 2, overlay level 3, overlay level 2 without
         the failure message (FORTIFY_HEADERS_BARE_TRAP)
  glibc  plain, glibc's own _FORTIFY_SOURCE=2, overlay level 2, level 3

Every build must print the same checksum.  Usage:
  bench.py [--records N] [--no-musl] [--no-glibc] [--cc gcc]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OVERLAY = os.path.join(HERE, "..", "include")
SRC = os.path.join(HERE, "workload.c")


def text_size(obj):
    """Bytes of code in the object: (hot, cold), cold = .text.unlikely."""
    out = subprocess.run(["size", "-A", obj], capture_output=True, text=True, check=True).stdout
    hot = cold = 0
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0].startswith(".text"):
            if parts[0] == ".text.unlikely":
                cold += int(parts[1])
            else:
                hot += int(parts[1])
    return hot, cold


def build(d, name, cc, args):
    obj = os.path.join(d, name + ".o")
    exe = os.path.join(d, name)
    subprocess.run([cc, "-O2", "-c", SRC, "-o", obj] + args, check=True)
    subprocess.run([cc, obj, "-o", exe], check=True)
    return exe, text_size(obj)


def instructions(exe, records):
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                        exe, str(records)], capture_output=True, text=True)
    m = re.search(r"Collected : (\d+)", p.stderr)
    if p.returncode != 0 or not m:
        sys.exit("valgrind failed on %s:\n%s" % (exe, p.stderr[-2000:]))
    return int(m.group(1)), p.stdout.strip()


def run_set(title, cc, variants, records, d):
    print("%s (%s, %d records)" % (title, cc, records))
    print("  %-31s %12s %6s %6s %6s %6s %6s" % ("build", "instructions", "ratio",
                                               "hot B", "ratio", "cold B", "total"))
    base = None
    sums = set()
    for name, args in variants:
        exe, size = build(d, re.sub(r"\W", "_", title + name), cc, args)
        ins, out = instructions(exe, records)
        sums.add(out)
        if base is None:
            base = (ins, size)
        print("  %-31s %12d %6.3f %6d %6.2f %6d %6.2f" % (
            name, ins, ins / base[0], size[0], size[0] / base[1][0], size[1],
            sum(size) / sum(base[1])))
    if len(sums) != 1:
        sys.exit("checksums differ between builds: %s" % sorted(sums))
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=20000)
    ap.add_argument("--no-musl", action="store_true")
    ap.add_argument("--no-glibc", action="store_true")
    ap.add_argument("--cc", default="gcc")
    a = ap.parse_args()
    if not shutil.which("valgrind"):
        print("valgrind not found: skipping")
        return 77
    ov = ["-I" + OVERLAY]
    with tempfile.TemporaryDirectory() as d:
        if not a.no_musl and shutil.which("musl-gcc"):
            run_set("musl", "musl-gcc", [
                ("plain", []),
                ("overlay _FORTIFY_SOURCE=2", ov + ["-D_FORTIFY_SOURCE=2"]),
                ("overlay _FORTIFY_SOURCE=3", ov + ["-D_FORTIFY_SOURCE=3"]),
                ("overlay 2, BARE_TRAP", ov + ["-D_FORTIFY_SOURCE=2",
                                               "-DFORTIFY_HEADERS_BARE_TRAP"]),
            ], a.records, d)
        if not a.no_glibc:
            run_set("glibc", a.cc, [
                ("plain", ["-U_FORTIFY_SOURCE"]),
                ("glibc's own _FORTIFY_SOURCE=2", ["-D_FORTIFY_SOURCE=2"]),
                ("overlay _FORTIFY_SOURCE=2", ov + ["-D_FORTIFY_SOURCE=2"]),
                ("overlay _FORTIFY_SOURCE=3", ov + ["-D_FORTIFY_SOURCE=3"]),
            ], a.records, d)
    return 0


if __name__ == "__main__":
    sys.exit(main())
