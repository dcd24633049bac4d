#!/usr/bin/env python3
"""Re-create the byte captures in testdata/clients/ (see its README.md).

Runs each reference client (IBM JDBC, informix_db) against
conformance/tools/fakeserver.py in several modes and writes one annotated
hex transcript per (client, scenario).

usage: capture.py [--out testdata/clients] [--only SUBSTR]
needs: java/javac + mvn (fetches com.ibm.informix:jdbc), python3 -m venv
"""
from __future__ import annotations

import argparse
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
M2 = os.path.expanduser("~/.m2/repository")
PY_VERSION = "2026.9.3"

JDBC_VERSIONS = {"15.0.0.1.1": ("org/mongodb/bson/3.8.0/bson-3.8.0.jar",)}

MODE_TEXT = {
    "accept": "CONACC (SL type 2, proto 0x3c, flags 0x1000, mirror body, SQ_ASCINITRESP 102 "
              "svcError 0, 00 7f); SQ_CIDESCRIBE -> SQ_IDESCRIBE (n, 0, per-param blocks; FINDINGS.md §6); "
              "one SQ_DONE per SQ_EXECUTE; a statement whose text contains 'slow' gets no reply until the "
              "client sends an urgent (OOB) byte or data, then SQ_ERR -213/-157; SQ_PROTOCOLS reply = Informix 15.0.1.0.3 mask "
              "bd be 9f fe 7f b7 ff ef ff; SQ_INFO -> 00 0c; SQ_DBOPEN -> SQ_DONE(warnings 0x0005) "
              "00 0c; statements: canned DESCRIBE/TUPLE/DONE/COST replies (fakeserver.py CANNED)",
    "reject951": "SL type 3 (CONREJ), same body, 102 block svcError -951 osError 0, no messages, 00 7f; then waits",
    "reject951-type2": "SL type 2 (!) with 102 block svcError -951, no messages, 00 7f",
    "reject951-msg": "SL type 3, svcError -951, one message {i16 0, CHAR 'Incorrect password or user informix is not known on the database server.'}",
    "reject761": "SL type 3, svcError -761, server name in body 'ol_other'",
    "dbopen329": "as accept, but SQ_DBOPEN -> SQ_ERR(-329, isam -111, offset i32 0, near 'testdb') 00 0c",
}


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def ensure_jdbc(version: str) -> str:
    jar = f"{M2}/com/ibm/informix/jdbc/{version}/jdbc-{version}.jar"
    if not os.path.exists(jar):
        subprocess.run(["mvn", "-q", "dependency:get", f"-Dartifact=com.ibm.informix:jdbc:{version}"],
                       check=True, cwd=tempfile.gettempdir())
    cp = [jar] + [f"{M2}/{d}" for d in JDBC_VERSIONS.get(version, ())]
    return ":".join(cp)


def ensure_probe() -> str:
    out = os.path.join(tempfile.gettempdir(), "ifx-jdbcprobe")
    os.makedirs(out, exist_ok=True)
    subprocess.run(["javac", "-d", out, os.path.join(HERE, "JdbcProbe.java")], check=True)
    return out


def ensure_venv() -> str:
    venv = os.path.join(tempfile.gettempdir(), "ifx-capture-venv")
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    subprocess.run([py, "-m", "pip", "install", "-q", f"informix-driver=={PY_VERSION}"], check=True)
    return py


def run_case(client, label, mode, cmd, out_dir, client_desc):
    port = free_port()
    logdir = tempfile.mkdtemp(prefix="ifxcap-")
    srv = subprocess.Popen([sys.executable, os.path.join(HERE, "fakeserver.py"), "--port", str(port),
                            "--log-dir", logdir, "--mode", mode], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    # the probe connection above shows up as an empty conn001 log; ignore it
    cmd = [c.replace("PORT", str(port)) for c in cmd]
    t0 = time.time()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
        output = (p.stdout + p.stderr).strip()
    except subprocess.TimeoutExpired as e:
        output = f"(client timed out after 90s) {e.stdout or ''}"
    elapsed = time.time() - t0
    time.sleep(0.5)
    srv.terminate()
    srv.wait()
    logs = sorted(glob.glob(os.path.join(logdir, "*.log")))
    logs = [lg for lg in logs if "C>S recv" in open(lg).read()]
    name = f"{client}-{label}.hex"
    path = os.path.join(out_dir, name)
    with open(path, "w") as f:
        f.write(f"# client: {client_desc}\n")
        f.write(f"# scenario: {label}\n")
        f.write(f"# fake server: conformance/tools/fakeserver.py --mode {mode}\n")
        f.write(f"#   answers: {MODE_TEXT[mode]}\n")
        f.write(f"# client command: {' '.join(os.path.basename(c) if '/' in c and c.endswith('.py') else c for c in cmd[-4:])}\n")
        f.write(f"# client run time: {elapsed:.1f}s; client output:\n")
        for line in output.splitlines():
            f.write(f"#   | {line}\n")
        f.write("# format: 'C>S'/'S>C' hex dump lines carry the absolute byte offset in that\n"
                "#   direction; '# C>S recv' marks one recv() chunk; '##' lines are the fake\n"
                "#   server's decoding of what it parsed (informative only).\n")
        for i, lg in enumerate(logs):
            f.write(f"# ======== TCP connection {i + 1} of {len(logs)} ========\n")
            f.write(open(lg).read())
    shutil.rmtree(logdir, ignore_errors=True)
    print(f"wrote {os.path.relpath(path, ROOT)}  ({len(logs)} connection(s))")
    return output


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "testdata", "clients"))
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    probe = ensure_probe()
    py = ensure_venv()
    url = ("jdbc:informix-sqli://127.0.0.1:PORT/testdb:INFORMIXSERVER=informix;"
           "user=informix;password=in4mix")
    cases = []
    for ver in JDBC_VERSIONS:
        cp = ensure_jdbc(ver) + ":" + probe
        desc = (f"IBM Informix JDBC {ver} (Maven com.ibm.informix:jdbc:{ver} + org.mongodb:bson:3.8.0), "
                f"OpenJDK 17, URL {url}")
        base = ["java", "-cp", cp, "JdbcProbe"]
        cases += [
            (f"jdbc{ver}", "connect-select1-create-insert-systables", "accept",
             base + [url, "select1", "create", "insert", "systables"], desc),
            (f"jdbc{ver}", "types-batch-txn-scroll", "accept",
             base + [url, "types", "create", "batch", "txn", "scroll"], desc),
            (f"jdbc{ver}", "cancel", "accept", base + [url, "cancel"], desc),
            (f"jdbc{ver}", "utf8-locale-connect", "accept",
             base + [url + ";CLIENT_LOCALE=en_US.utf8;DB_LOCALE=en_US.utf8", "select1"], desc),
            (f"jdbc{ver}", "reject-951", "reject951", base + [url], desc),
            (f"jdbc{ver}", "reject-951-sltype2", "reject951-type2", base + [url], desc),
            (f"jdbc{ver}", "reject-951-with-message", "reject951-msg", base + [url], desc),
            (f"jdbc{ver}", "reject-761", "reject761", base + [url], desc),
            (f"jdbc{ver}", "dbopen-329", "dbopen329", base + [url], desc),
        ]
    pdesc = (f"informix-driver {PY_VERSION} (PyPI; import informix_db), CPython "
             f"{sys.version.split()[0]}, connect(host='127.0.0.1', port=PORT, user='informix', "
             f"password='in4mix', database='testdb', server='informix')")
    pbase = [py, os.path.join(HERE, "pyprobe.py"), "PORT"]
    cases += [
        ("informix_db", "connect-select1-create-insert-systables", "accept",
         pbase + ["select1", "create", "insert", "systables"], pdesc),
        ("informix_db", "types-batch-txn", "accept",
         pbase + ["types", "create", "batch", "txn"], pdesc),
        ("informix_db", "reject-951", "reject951", pbase, pdesc),
        ("informix_db", "reject-951-sltype2", "reject951-type2", pbase, pdesc),
        ("informix_db", "reject-951-with-message", "reject951-msg", pbase, pdesc),
        ("informix_db", "reject-761", "reject761", pbase, pdesc),
        ("informix_db", "dbopen-329", "dbopen329", pbase, pdesc),
    ]
    for client, label, mode, cmd, desc in cases:
        if args.only and args.only not in f"{client}-{label}":
            continue
        out = run_case(client, label, mode, cmd, args.out, desc)
        for line in out.splitlines():
            if line.startswith(("ERROR", "CONNECTED", "OK", "ROW")):
                print("    " + line[:200])


if __name__ == "__main__":
    main()
