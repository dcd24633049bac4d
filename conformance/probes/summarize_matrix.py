#!/usr/bin/env python3
"""Condense out/q1_matrix_*.txt into one table: column type x setter -> BIND value (or exception)."""
import glob, os, re
HERE = os.path.dirname(os.path.abspath(__file__))
for fn in sorted(glob.glob(os.path.join(HERE, "out", "q1_matrix_*.txt"))):
    txt = open(fn).read()
    t = fn.rsplit("q1_matrix_", 1)[1][:-4]
    pm = re.search(r"PMETA 1 (.*)", txt)
    print(f"## {t}: {pm.group(1) if pm else ''}")
    exc = {m.group(1): m.group(2) for m in re.finditer(r"EXC MATRIX \w+ (\w+): (.*)", txt)}
    cur = None
    for line in txt.splitlines():
        m = re.search(r"'sql': 'INSERT INTO pm_\w+?_(set\w+) VALUES", line)
        if m:
            cur = m.group(1)
            continue
        m = re.search(r"SQ_BIND\[n=1: (.*)\] SQ_EXECUTE", line)
        if m and cur:
            print(f"  {cur:15s} {m.group(1)}")
            cur = None
    for k, v in exc.items():
        print(f"  {k:15s} EXCEPTION {v}")
