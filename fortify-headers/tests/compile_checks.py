#!/usr/bin/env python3
"""Compile-time checks of fortify-headers, run by meson at test time.

Compiles small programs with gcc and clang (and g++/clang++) against the
overlay and checks:
  overflow  every provable overflow in compile/overflow.c draws a
            fortify-headers diagnostic at its call (per compiler, level);
  mode      open() with O_CREAT and no mode is a compile-time error;
  clean     compile/clean.c (valid calls) compiles with -Wall -Wextra
            -Werror -pedantic as C89..C2x, C++98..C++20, every level and
            feature-test macro set;
  c++stdlib (glibc only) the C++ standard library's <cstring> & co.
            compile over the overlay;
  O0        _FORTIFY_SOURCE without optimisation warns;
  fold      constant in-bounds sizes leave no trap in the object code;
  glibc     (glibc only) no glibc __*_chk symbol is referenced: the
            overlay replaced glibc's own fortification.
Prints one "ok"/"not ok" line per check; exits 1 if any failed, 77 if no
compiler was usable.
"""
import argparse
import concurrent.futures
import os
import re
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "compile")
LEVELS = (1, 2, 3)


class Compiler:
    def __init__(self, name, cmd, extra, cxx=False):
        self.name, self.cmd, self.extra, self.cxx = name, cmd, extra, cxx

    def run(self, args, src, out=os.devnull):
        argv = self.cmd + self.extra + args + ["-c", src, "-o", out]
        p = subprocess.run(argv, capture_output=True, text=True)
        return p.returncode, p.stderr, argv


def fortify(level, opt="-O2"):
    return ["-U_FORTIFY_SOURCE", "-D_FORTIFY_SOURCE=%d" % level, opt]


def overflow_cases():
    """(line, name, note) for every CASE in overflow.c."""
    cases = []
    with open(os.path.join(SRC, "overflow.c")) as f:
        for i, line in enumerate(f, 1):
            m = re.match(r"CASE\((\w+)\)", line)
            if m:
                note = line.split("/* #", 1)[1] if "/* #" in line else ""
                cases.append((i, m.group(1), note))
    return cases


def diagnosed(cc, stderr):
    """Names of the fh_ functions that drew a fortify diagnostic."""
    lines = {}
    for line, name, _ in overflow_cases():
        lines[line] = name
    found, current = set(), None
    for text in stderr.splitlines():
        m = re.search(r"(?:In function|inlined from) .(fh_(\w+)).", text)
        if m:
            current = m.group(2)
        if cc.name.startswith("clang"):
            m = re.match(r".*overflow\.c:(\d+):\d+: (warning|error): .*user-defined-warnings", text)
            if m and int(m.group(1)) in lines:
                found.add(lines[int(m.group(1))])
        elif current and ("fortify-headers: this call always overflows" in text or
                          re.search(r"\[-W(format-truncation|format-overflow|stringop-overflow)", text)):
            # gcc's own overflow warnings on the bounded call we make count too.
            found.add(current)
    return found


def check_overflow(cc, level):
    # No identical-code folding: each case must keep its own call.
    icf = ["-fno-ipa-icf"] if cc.name == "gcc" else []
    rc, err, argv = cc.run(fortify(level) + ["-Wall"] + icf, os.path.join(SRC, "overflow.c"))
    got = diagnosed(cc, err)
    results = []
    for _, name, note in overflow_cases():
        if "gcc" in note and cc.name != "gcc" or "clang" in note and cc.name != "clang":
            continue
        if "L2" in note and level < 2:
            continue
        ok = rc == 0 and name in got
        results.append((ok, "overflow %s L%d %s" % (cc.name, level, name),
                        "" if ok else " ".join(argv) + "\n" + err[-2000:]))
    return results


def check_mode(cc):
    with tempfile.NamedTemporaryFile("w", suffix=".c", delete=False) as f:
        f.write("#include <fcntl.h>\nint f(void);\n"
                "int f(void) { return open(\"x\", O_WRONLY | O_CREAT); }\n")
    try:
        rc, err, argv = cc.run(fortify(2), f.name)
    finally:
        os.unlink(f.name)
    ok = rc != 0 and "O_CREAT" in err
    return [(ok, "mode %s open(O_CREAT) without a mode is an error" % cc.name,
             "" if ok else err[-2000:])]


STRICT = ["-Wformat=2", "-Wformat-nonliteral", "-Wformat-security", "-Wcast-qual",
          "-Wconversion", "-Wsign-conversion", "-Wshadow", "-Wundef"]


def check_clean(cc, std, level, defs, extra=()):
    args = ["-std=" + std, "-Wall", "-Wextra", "-Werror", "-pedantic"] + \
        list(extra) + fortify(level) + ["-D" + d for d in defs]
    if cc.cxx:
        args = ["-x", "c++"] + args
    rc, err, argv = cc.run(args, os.path.join(SRC, "clean.c"))
    name = "clean %s -std=%s L%d %s%s" % (cc.name, std, level, " ".join(defs) or "(defaults)",
                                        " +strict warnings" if extra else "")
    return [(rc == 0, name, "" if rc == 0 else " ".join(argv) + "\n" + err[-3000:])]


def check_cxx_stdlib(cc, level):
    args = ["-std=c++17", "-Wall", "-Wextra", "-Werror"] + fortify(level)
    rc, err, argv = cc.run(args, os.path.join(SRC, "stdlib.cc"))
    return [(rc == 0, "c++stdlib %s L%d <cstring>/<cstdio>/<cwchar> with libstdc++" % (cc.name, level),
             "" if rc == 0 else " ".join(argv) + "\n" + err[-3000:])]


def check_o0(cc):
    with tempfile.NamedTemporaryFile("w", suffix=".c", delete=False) as f:
        f.write("#include <string.h>\nint f(char *d, const char *s);\n"
                "int f(char *d, const char *s) { return strcpy(d, s) != 0; }\n")
    try:
        rc, err, argv = cc.run(fortify(2, "-O0"), f.name)
    finally:
        os.unlink(f.name)
    ok = rc == 0 and "_FORTIFY_SOURCE requires compiling with optimization" in err
    return [(ok, "O0 %s warns that fortification is off" % cc.name, "" if ok else err)]


def objdump(obj):
    p = subprocess.run(["objdump", "-dr", "--no-show-raw-insn", obj],
                       capture_output=True, text=True)
    return p.stdout


def check_fold(cc, level):
    with tempfile.TemporaryDirectory() as d:
        obj = os.path.join(d, "fold.o")
        rc, err, argv = cc.run(fortify(level) + ["-Wall", "-Werror"],
                               os.path.join(SRC, "fold.c"), obj)
        dis = objdump(obj) if rc == 0 else ""
    # Only the function itself: gcc may keep the unused static failure
    # routine in .text.unlikely (see README, code size).
    m = re.search(r"<fold>:\n(.*?)(?:\n\n|\Z)", dis, re.S)
    body = m.group(1) if m else ""
    traps = re.findall(r"\bud2\b|__fh_|fold\.cold", body)
    ok = rc == 0 and body and not traps
    return [(ok, "fold %s L%d constant in-bounds sizes leave no check" % (cc.name, level),
             "" if ok else err + "\n" + dis[-3000:])]


def check_glibc(cc, level):
    with tempfile.TemporaryDirectory() as d:
        obj = os.path.join(d, "o.o")
        rc, err, argv = cc.run(fortify(level) + ["-D_GNU_SOURCE", "-Wall"],
                               os.path.join(SRC, "overflow.c"), obj)
        nm = subprocess.run(["nm", "-u", obj], capture_output=True, text=True).stdout if rc == 0 else ""
    chk = sorted(set(re.findall(r"__\w+_chk\w*", nm)))
    ok = rc == 0 and not chk
    return [(ok, "glibc %s L%d no glibc __*_chk symbol referenced" % (cc.name, level),
             "" if ok else err[-1000:] + " ".join(chk))]


def plan(ccs, cxxs, libc):
    jobs = []
    for cc in ccs:
        for level in LEVELS:
            jobs.append((check_overflow, cc, level))
            jobs.append((check_fold, cc, level))
            if libc == "glibc":
                jobs.append((check_glibc, cc, level))
        jobs.append((check_mode, cc))
        for level in LEVELS:
            jobs.append((check_clean, cc, "gnu11", level, [], STRICT))
        jobs.append((check_o0, cc))
        for std in ("c89", "c99", "c11", "c17", "c2x"):
            for level in LEVELS:
                jobs.append((check_clean, cc, std, level,
                             ["_POSIX_C_SOURCE=200809L", "_XOPEN_SOURCE=700"]))
        misc = "_DEFAULT_SOURCE" if libc == "glibc" else "_BSD_SOURCE"
        for std in ("gnu89", "gnu11", "gnu2x"):
            for defs in ([], ["_GNU_SOURCE"], [misc], ["_LARGEFILE64_SOURCE"],
                         ["_GNU_SOURCE", "_FILE_OFFSET_BITS=64"]):
                jobs.append((check_clean, cc, std, 2 if std != "gnu11" else 3, defs))
    for cxx in cxxs:
        for std in ("c++98", "c++11", "c++14", "c++17", "c++20"):
            for level in (LEVELS if std == "c++17" else (2,)):
                jobs.append((check_clean, cxx, std, level, []))
        jobs.append((check_clean, cxx, "c++11", 2, ["_GNU_SOURCE"]))
        if libc == "glibc":
            for level in LEVELS:
                jobs.append((check_cxx_stdlib, cxx, level))
    return jobs


def usable(cc):
    with tempfile.NamedTemporaryFile("w", suffix=".c", delete=False) as f:
        f.write("#include <string.h>\nint f(void);\nint f(void) { return 0; }\n")
    try:
        args = ["-x", "c++"] if cc.cxx else []
        rc, _, _ = cc.run(args, f.name)
    finally:
        os.unlink(f.name)
    return rc == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--overlay", required=True, help="the include/ directory")
    ap.add_argument("--libc", choices=("glibc", "musl"), required=True)
    ap.add_argument("--gcc", default="", help="C compiler command (gcc, musl-gcc)")
    ap.add_argument("--clang", default="", help="clang command")
    ap.add_argument("--gxx", default="", help="g++ command")
    ap.add_argument("--clangxx", default="", help="clang++ command")
    ap.add_argument("--libc-args", default="", help="flags giving clang/g++ the libc headers")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()

    # -I, not -isystem: musl-gcc's specs put musl's headers first otherwise.
    inc = ["-I" + a.overlay]
    libc_args = shlex.split(a.libc_args)
    ccs, cxxs = [], []
    if a.gcc:
        ccs.append(Compiler("gcc", shlex.split(a.gcc), inc))
    if a.clang:
        ccs.append(Compiler("clang", shlex.split(a.clang), libc_args + inc))
    if a.gxx:
        cxxs.append(Compiler("g++", shlex.split(a.gxx), libc_args + inc, cxx=True))
    if a.clangxx:
        cxxs.append(Compiler("clang++", shlex.split(a.clangxx), libc_args + inc, cxx=True))
    ccs = [c for c in ccs if usable(c)]
    cxxs = [c for c in cxxs if usable(c)]
    if not ccs:
        print("no usable compiler")
        return 77
    jobs = plan(ccs, cxxs, a.libc)
    failed = total = 0
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        for results in pool.map(lambda j: j[0](*j[1:]), jobs):
            for ok, name, detail in results:
                total += 1
                print("%s %d - %s" % ("ok" if ok else "not ok", total, name))
                if not ok:
                    failed += 1
                    print("  " + detail.replace("\n", "\n  "))
    print("%d checks, %d failed (compilers: %s)" %
          (total, failed, ", ".join(c.name for c in ccs + cxxs)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
