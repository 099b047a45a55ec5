#!/usr/bin/env python3
"""Turn symbols.txt into the files the build needs.

  gen-symbols.py map    symbols.txt OUT          linker version script
  gen-symbols.py rename symbols.txt OUT PREFIX   header renaming every symbol
  gen-symbols.py list   symbols.txt OUT          sorted names, one per line

The version script has one anonymous node: the names are exported with no
GLIBC_x.y version attached, because musl's dynamic linker binds by name only
(see README.md).  The rename header is force-included in the glibc flavour so
the same sources build a private copy (PREFIX__memcpy_chk ...) that cannot
collide with glibc's own exports.
"""
import sys


def names(path):
    out = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                out.append(line.split()[0])
    return sorted(set(out))


def main():
    mode, src, dst = sys.argv[1:4]
    syms = names(src)
    with open(dst, 'w') as f:
        if mode == 'map':
            f.write('/* Generated from symbols.txt: exports exactly these. */\n{\n  global:\n')
            f.writelines('    %s;\n' % s for s in syms)
            f.write('  local:\n    *;\n};\n')
        elif mode == 'rename':
            prefix = sys.argv[4]
            f.write('/* Generated from symbols.txt: private names for the glibc flavour. */\n')
            f.write('#ifndef CHK_RENAME_H\n#define CHK_RENAME_H\n')
            f.writelines('#define %s %s%s\n' % (s, prefix, s) for s in syms)
            f.write('#endif\n')
        elif mode == 'list':
            f.writelines(s + '\n' for s in syms)
        else:
            sys.exit('unknown mode ' + mode)


if __name__ == '__main__':
    main()
