#!/usr/bin/env python3
"""Keep README.md's function table equal to functions.txt.

Usage: check_readme.py functions.txt README.md [--write]
Without --write, exits 1 (printing a diff) when the table between the
<!-- functions:begin --> and <!-- functions:end --> markers differs from
the one generated from functions.txt; with --write, rewrites it.
"""
import difflib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_cases import parse  # noqa: E402

BEGIN, END = "<!-- functions:begin -->", "<!-- functions:end -->"

WHAT = {
    "mem": ("1-3", "whole object"),
    "str": ("1-3", "whole object; sub-object from level 2"),
    "fmt": ("2-3", "%n refused in formats not known at compile time"),
    "call": ("1-3", "mode argument present when O_CREAT/O_TMPFILE"),
}


def table(rows):
    out = ["| # | function | header | levels | checked against | gcc | clang |",
           "|---|---|---|---|---|---|---|"]
    for i, r in enumerate(rows, 1):
        levels, what = WHAT[r["kind"]]
        if r["kind"] == "fmt" and r["name"].startswith(("sw", "vsw")):
            levels, what = "1-3", "whole object; sub-object from level 2; %n from level 2"
        if r["kind"] == "str" and "printf" in r["name"]:
            what += "; %n from level 2"
        out.append("| %d | `%s` | `<%s>` | %s | %s | yes | yes |"
                   % (i, r["name"], r["header"], levels, what))
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    rows = parse(sys.argv[1])
    with open(sys.argv[2]) as f:
        text = f.read()
    if BEGIN not in text or END not in text:
        sys.exit("%s: no %s ... %s markers" % (sys.argv[2], BEGIN, END))
    head, rest = text.split(BEGIN, 1)
    old, tail = rest.split(END, 1)
    new = "\n" + table(rows)
    if len(sys.argv) == 4 and sys.argv[3] == "--write":
        with open(sys.argv[2], "w") as f:
            f.write(head + BEGIN + new + END + tail)
        return 0
    if old != new:
        sys.stdout.writelines(difflib.unified_diff(
            old.splitlines(True), new.splitlines(True), "README.md", "functions.txt"))
        print("README.md's function table is out of date: "
              "run tests/check_readme.py functions.txt README.md --write")
        return 1
    print("README.md lists the %d functions of functions.txt" % len(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
