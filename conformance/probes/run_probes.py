#!/usr/bin/env python3
"""Black-box probes of IBM JDBC 15.0.0.1.1 against probeserver.py.

  python3 conformance/probes/run_probes.py               # all experiments
  python3 conformance/probes/run_probes.py q1_ q2_a      # names starting with these
  python3 conformance/probes/run_probes.py -l            # list

Each experiment starts a probeserver (in-process thread, free port) with one
config, runs `java Probe URL steps...`, and writes out/<name>.txt: the client's
output and every request group after connect (C>S hex + decoding, S>C hex).
"""
from __future__ import annotations

import glob
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import probeserver as P  # noqa: E402
from experiments import EXPERIMENTS  # noqa: E402

M2 = os.path.expanduser("~/.m2/repository")
JAR = f"{M2}/com/ibm/informix/jdbc/15.0.0.1.1/jdbc-15.0.0.1.1.jar"
BSON = f"{M2}/org/mongodb/bson/3.8.0/bson-3.8.0.jar"
BUILD = os.path.join(HERE, "build")
OUT = os.path.join(HERE, "out")


def build():
    src = os.path.join(HERE, "Probe.java")
    cls = os.path.join(BUILD, "Probe.class")
    if not os.path.exists(cls) or os.path.getmtime(cls) < os.path.getmtime(src):
        os.makedirs(BUILD, exist_ok=True)
        subprocess.run(["javac", "-cp", f"{JAR}:{BSON}", "-d", BUILD, src], check=True)


def fmt_msgs(msgs):
    out = []
    for n, f in msgs or []:
        if not f:
            out.append(n)
            continue
        f = dict(f)
        if n == "SQ_BIND":
            vals = f.get("values", [])
            vs = []
            for v in vals:
                s = f"t={v['type']}"
                if "tname" in v or "owner" in v:
                    s += f" owner={v.get('owner')!r} tname={v.get('tname')!r}"
                s += f" ind={v['ind']} prec={v['prec']:#06x}"
                if "data" in v:
                    s += f" data={v['data']}"
                vs.append("{" + s + "}")
            extra = f" unparsed_rest={f['unparsed_rest']}" if "unparsed_rest" in f else ""
            out.append(f"SQ_BIND[n={f.get('n')}: " + ", ".join(vs) + "]" + extra)
        else:
            out.append(f"{n}{f}")
    return " ".join(out)


def run(name, exp):
    build()
    cfg = exp.get("cfg", {})
    logdir = os.path.join(OUT, "logs", name)
    for f in glob.glob(os.path.join(logdir, "*.log")):
        os.remove(f)
    srv = P.Server(cfg, logdir, protocols=exp.get("protocols", P.B.IDS15_MASK.hex()))
    url = (f"jdbc:informix-sqli://127.0.0.1:{srv.port}/testdb:INFORMIXSERVER=informix;"
           f"user=informix;password=in4mix" + exp.get("url_extra", ""))
    cmd = ["java", "-cp", f"{JAR}:{BSON}:{BUILD}", "Probe", url] + exp["steps"]
    t0 = time.time()
    try:
        cp = subprocess.run(cmd, capture_output=True, text=True, timeout=exp.get("timeout", 60))
        cout, cerr, rc = cp.stdout, cp.stderr, cp.returncode
    except subprocess.TimeoutExpired as e:
        cout = (e.stdout or b"").decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        cerr, rc = "TIMEOUT", "timeout"
    dt = time.time() - t0
    time.sleep(0.2)
    srv.close()
    lines = [f"# experiment {name}: {exp.get('desc', '')}",
             f"# steps: {exp['steps']}  rc={rc}  {dt:.1f}s", "## client output"]
    lines += ["  | " + l for l in cout.splitlines()]
    if cerr.strip():
        lines += ["  ! " + l for l in cerr.splitlines()[:int(os.environ.get("PROBE_STDERR_LINES", "30"))]]
    lines.append("## request groups after connect (C>S = JDBC, S>C = probe server)")
    # hide JDBC's connect-time housekeeping (GL_COLLATE / ' VERSION' lookups:
    # PREPARE .. RELEASE); show everything else after DBOPEN
    after_dbopen, hk = False, False
    for ev in srv.events:
        msgs = ev.get("msgs") or []
        names = [m[0] for m in msgs]
        if "SQ_DBOPEN" in names:
            after_dbopen = True
            t_open = ev["t"]
        if not after_dbopen:
            continue
        for n, f in msgs:
            if n == "SQ_PREPARE" and ("GL_COLLATE" in f["sql"] or "' VERSION'" in f["sql"]):
                hk = True
        if hk:
            if "SQ_RELEASE" in names:
                hk = False
            continue
        extra = f"  [interrupt: {ev['interrupt']}]" if "interrupt" in ev else ""
        lines.append(f"C>S {ev['c2s']}\n    = [+{ev['t'] - t_open:.2f}s] {fmt_msgs(msgs)}{extra}\nS>C {ev['s2c']}")
    txt = "\n".join(lines) + "\n"
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, f"{name}.txt"), "w") as fh:
        fh.write(txt)
    return txt


def main():
    args = sys.argv[1:]
    if args and args[0] == "-l":
        for k, v in EXPERIMENTS.items():
            print(f"{k:32s} {v.get('desc', '')}")
        return
    for name, exp in EXPERIMENTS.items():
        if args and not any(name.startswith(a) for a in args):
            continue
        print(run(name, exp))


if __name__ == "__main__":
    main()
