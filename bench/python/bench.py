#!/usr/bin/env python3
"""informix-driver (informix_db) client of bench/run.sh.

Runs the workloads of bench/README.md and prints one JSON line per workload
on stdout (log lines go to stderr).

Options (or env): --host (IFX_HOST) --port (IFX_PORT) --server (IFX_SERVER)
--database (IFX_DATABASE) --user (IFX_USER) --password (IFX_PASSWORD)
--workloads a,b,c (IFX_BENCH_WORKLOADS, default all) --scale F (IFX_BENCH_SCALE)
--server-pid PID (IFX_BENCH_SERVER_PID) --clk-tck N (IFX_BENCH_CLK_TCK, 100)
"""
from __future__ import annotations

import argparse
import datetime as dt
import decimal
import json
import math
import os
import sys
import threading
import time
import traceback
import zlib

import informix_db

CLIENT = "python"
TAG = "py"  # suffix of this client's tables

# ---------------------------------------------------------------- workload SQL (same text in every client)
SELECT1 = "SELECT 1 FROM systables WHERE tabid = 1"  # IDS requires FROM
LOOKUP = "SELECT id, b, name, amount, ts FROM bench_kv WHERE id = ?"
EXPR5 = [
    "value",
    "CAST(value AS BIGINT) * 1000000000",
    "CAST('name' || value AS VARCHAR(32))",
    "CAST(value * 1234 / 100 AS DECIMAL(12,2))",
    "DATETIME(2026-01-01 00:00:00) YEAR TO SECOND + value UNITS SECOND",
]
NAMES5 = ["id", "b", "name", "amount", "ts"]
KV_DDL = ("(id INTEGER NOT NULL PRIMARY KEY, b BIGINT, name VARCHAR(32), "
          "amount DECIMAL(12,2), ts DATETIME YEAR TO SECOND)")


def fetch5_sql(n: int) -> str:
    cols = ", ".join(f"{e} AS {a}" for e, a in zip(EXPR5, NAMES5))
    return f"SELECT {cols} FROM TABLE(ifx_generate({n})) AS g(value)"


def fetchwide_sql(n: int, ncols: int) -> str:
    cols = ", ".join(f"{EXPR5[i % 5]} AS c{i + 1}" for i in range(ncols))
    return f"SELECT {cols} FROM TABLE(ifx_generate({n})) AS g(value)"


def lookup_id(i: int) -> int:
    return (i * 7919) % 10000 + 1


CFG: argparse.Namespace


def connect(**kw):
    args = dict(host=CFG.host, port=CFG.port, user=CFG.user, password=CFG.password,
                database=CFG.database, server=CFG.server, connect_timeout=20, read_timeout=300,
                autocommit=True)
    args.update(kw)
    return informix_db.connect(**args)


def execute(conn, sql, params=None):
    cur = conn.cursor()
    try:
        cur.execute(sql, params or ())
        return cur.fetchall() if cur.description else None
    finally:
        cur.close()


def runs(n: int) -> int:
    return max(1, int(n * CFG.scale + 0.5))


def server_cpu() -> int:
    """utime+stime of the server in ns, or -1."""
    if not CFG.server_pid:
        return -1
    try:
        with open(f"/proc/{CFG.server_pid}/stat") as f:
            s = f.read()
        fields = s[s.rindex(")") + 2:].split()
        return (int(fields[11]) + int(fields[12])) * (1_000_000_000 // CFG.clk_tck)
    except OSError:
        return -1


def cpu() -> int:
    return time.process_time_ns()


def rank(sorted_vals, p):
    if not sorted_vals:
        return 0
    i = math.ceil(p * len(sorted_vals)) - 1
    return sorted_vals[max(0, min(len(sorted_vals) - 1, i))]


def median(sorted_vals):
    n = len(sorted_vals)
    if n == 0:
        return 0
    return sorted_vals[n // 2] if n % 2 else (sorted_vals[n // 2 - 1] + sorted_vals[n // 2]) // 2


class Result:
    def __init__(self, workload):
        self.workload = workload
        self.wall = []
        self.cpu_ns = 0
        self.cpu_runs = None
        self.rows = 0
        self.warmup = 0
        self.server_cpu_ns = -1
        self.total_wall_ns = -1
        self.conns = []
        self.extra = {}

    def conn(self, role, n, ops):
        self.conns.append({"role": role, "n": n, "ops": ops})

    def json(self):
        w = sorted(self.wall)
        extra = {"warmup": self.warmup,
                 "wall_ns_min": w[0] if w else 0,
                 "wall_ns_max": w[-1] if w else 0,
                 "wall_ns_sum": sum(w)}
        if self.total_wall_ns >= 0:
            extra["wall_ns_total"] = self.total_wall_ns
        extra["cpu_ns_per_op"] = self.cpu_ns // len(w) if w else 0
        if self.cpu_runs is not None:
            extra["cpu_ns_runs"] = self.cpu_runs
            extra["cpu_ns_median"] = median(sorted(self.cpu_runs))
        if self.server_cpu_ns >= 0:
            extra["server_cpu_ns"] = self.server_cpu_ns
        extra.update(self.extra)
        extra["conns"] = self.conns
        return json.dumps({"client": CLIENT, "workload": self.workload, "runs": len(w),
                           "wall_ns_median": median(w), "wall_ns_p50": rank(w, 0.50),
                           "wall_ns_p99": rank(w, 0.99), "cpu_ns": self.cpu_ns,
                           "rows": self.rows, "extra": extra}, separators=(",", ":"))


def time_ops(r: Result, warmup: int, n: int, op, per_run_cpu=False):
    for i in range(warmup):
        op(i)
    r.warmup = warmup
    wall = [0] * n
    cpu_runs = [0] * n if per_run_cpu else None
    s0, c0, t0 = server_cpu(), cpu(), time.perf_counter_ns()
    for i in range(n):
        if per_run_cpu:
            c = cpu()
        a = time.perf_counter_ns()
        op(warmup + i)
        wall[i] = time.perf_counter_ns() - a
        if per_run_cpu:
            cpu_runs[i] = cpu() - c
    r.total_wall_ns = time.perf_counter_ns() - t0
    r.cpu_ns = cpu() - c0
    s1 = server_cpu()
    if s0 >= 0 and s1 >= 0:
        r.server_cpu_ns = s1 - s0
    r.wall = wall
    r.cpu_runs = cpu_runs


# ---------------------------------------------------------------- workloads
def setup():
    r = Result("_setup")
    conn = connect()
    try:
        execute(conn, "DROP TABLE IF EXISTS bench_kv")
        execute(conn, "CREATE TABLE bench_kv " + KV_DDL)
        execute(conn, "INSERT INTO bench_kv SELECT " + ", ".join(EXPR5) +
                " FROM TABLE(ifx_generate(10000)) AS g(value)")
        n = execute(conn, "SELECT COUNT(*) FROM bench_kv")[0][0]
        if n != 10000:
            raise RuntimeError(f"bench_kv has {n} rows")
    finally:
        conn.close()
    r.conn("setup", 1, 0)
    return r


def w_connect():
    r = Result("connect")
    w, n = runs(100), runs(500)

    def op(_i):
        connect().close()
    time_ops(r, w, n, op)
    r.conn("connect", w + n, w + n)
    return r


def w_select1():
    r = Result("select1")
    w, n = runs(1000), runs(2000)
    total = 0
    conn = connect()
    cur = conn.cursor()

    def op(_i):
        nonlocal total
        cur.execute(SELECT1)
        total += cur.fetchone()[0]
    try:
        time_ops(r, w, n, op)
    finally:
        cur.close()
        conn.close()
    if total != w + n:
        raise RuntimeError(f"SELECT 1 sum {total}")
    r.rows = 1
    r.conn("measure", 1, w + n)
    return r


def w_lookup():
    r = Result("lookup")
    w, n = runs(500), runs(1000)
    conn = connect()
    cur = conn.cursor()

    def op(i):
        k = lookup_id(i)
        cur.execute(LOOKUP, (k,))
        rows = cur.fetchall()
        if len(rows) != 1 or rows[0][0] != k:
            raise RuntimeError(f"lookup {k}: {rows!r}")
    try:
        time_ops(r, w, n, op)
    finally:
        cur.close()
        conn.close()
    # informix_db has no statement reuse: every execute() re-prepares.
    r.extra["note"] = "cursor.execute(sql, (id,)): informix_db prepares on every execute"
    r.rows = 1
    r.conn("measure", 1, w + n)
    return r


def w_fetch(name, nrows):
    r = Result(name)
    w, n = runs(3), runs(11)
    sql = fetch5_sql(nrows)
    conn = connect()
    cur = conn.cursor()

    def op(_i):
        cur.execute(sql)
        cnt = check = 0
        for row in cur:
            # informix_db decodes every value inside execute(); touch them all.
            check += row[0] + (row[1] & 1) + len(row[2]) + (row[3] > 0) + row[4].second
            cnt += 1
        if cnt != nrows:
            raise RuntimeError(f"{name}: {cnt} rows")
    try:
        time_ops(r, w, n, op, per_run_cpu=True)
    finally:
        cur.close()
        conn.close()
    r.rows = nrows
    r.extra["fetch_buffer"] = 4096  # fixed in informix_db's NFETCH
    r.conn("measure", 1, w + n)
    return r


def w_fetchwide():
    r = Result("fetchwide")
    w, n = runs(3), runs(11)
    nrows, ncols = 10000, 100
    sql = fetchwide_sql(nrows, ncols)
    conn = connect()
    cur = conn.cursor()

    def op(_i):
        cur.execute(sql)
        cnt = 0
        for row in cur:
            if len(row) != ncols:
                raise RuntimeError(f"fetchwide: {len(row)} columns")
            cnt += 1
        if cnt != nrows:
            raise RuntimeError(f"fetchwide: {cnt} rows")
    try:
        time_ops(r, w, n, op, per_run_cpu=True)
    finally:
        cur.close()
        conn.close()
    r.rows = nrows
    r.extra["columns"] = ncols
    r.extra["fetch_buffer"] = 4096
    r.conn("measure", 1, w + n)
    return r


def w_insert():
    r = Result("insert")
    w, n = runs(1), runs(5)
    nrows = 10000
    tables = [f"bench_ins_{TAG}_{k}" for k in range(w + n)]
    conn = connect()
    try:
        for t in tables:
            execute(conn, f"DROP TABLE IF EXISTS {t}")
            execute(conn, f"CREATE TABLE {t} {KV_DDL}")
    finally:
        conn.close()
    r.conn("setup", 1, 0)
    base = dt.datetime(2026, 1, 1)
    # Parameter tuples are built before timing, as the JDBC client does with its values.
    params = [(i, i * 1_000_000_000, f"name{i}", decimal.Decimal(i * 1234).scaleb(-2),
               base + dt.timedelta(seconds=i)) for i in range(1, nrows + 1)]
    conn = connect(autocommit=False)
    cur = conn.cursor()

    def op(k):
        cur.executemany(f"INSERT INTO {tables[k]} (id, b, name, amount, ts) VALUES (?, ?, ?, ?, ?)", params)
        conn.commit()
    try:
        time_ops(r, w, n, op, per_run_cpu=True)
    finally:
        cur.close()
        conn.close()
    r.conn("measure", 1, w + n)
    conn = connect()
    try:
        for t in tables:
            cnt, s = execute(conn, f"SELECT COUNT(*), SUM(id) FROM {t}")[0]
            if cnt != nrows or s != nrows * (nrows + 1) // 2:
                raise RuntimeError(f"{t} has {cnt} rows")
            execute(conn, f"DROP TABLE {t}")
    finally:
        conn.close()
    r.conn("setup", 1, 0)
    r.rows = nrows
    return r


def w_pool():
    r = Result("pool")
    threads, pool_size = 8, 8
    w, n = runs(50), runs(250)
    pool = informix_db.create_pool(host=CFG.host, port=CFG.port, user=CFG.user, password=CFG.password,
                                   database=CFG.database, server=CFG.server,
                                   min_size=pool_size, max_size=pool_size, acquire_timeout=120,
                                   connect_timeout=20, read_timeout=300, autocommit=True)
    lat = [[0] * n for _ in range(threads)]
    start = threading.Barrier(threads + 1)
    end = threading.Barrier(threads + 1)
    failure = []

    def worker(tid):
        try:
            for i in range(w + n):
                if i == w:
                    start.wait()
                a = time.perf_counter_ns()
                k = lookup_id(tid * 100003 + i)
                with pool.connection() as conn:
                    cur = conn.cursor()
                    try:
                        cur.execute(LOOKUP, (k,))
                        rows = cur.fetchall()
                    finally:
                        cur.close()
                if len(rows) != 1 or rows[0][0] != k:
                    raise RuntimeError(f"lookup {k}: {rows!r}")
                if i >= w:
                    lat[tid][i - w] = time.perf_counter_ns() - a
            end.wait()
        except BaseException as e:  # noqa: BLE001
            failure.append(e)
            start.abort()
            end.abort()

    ts = [threading.Thread(target=worker, args=(t,), daemon=True) for t in range(threads)]
    for t in ts:
        t.start()
    try:
        start.wait(timeout=300)
        s0, c0, t0 = server_cpu(), cpu(), time.perf_counter_ns()
        end.wait(timeout=600)
        t1, c1, s1 = time.perf_counter_ns(), cpu(), server_cpu()
    except threading.BrokenBarrierError:
        for t in ts:
            t.join(5)
        raise failure[0] if failure else RuntimeError("pool barrier broken")
    for t in ts:
        t.join()
    opened = pool.size
    pool.close()
    r.warmup = w * threads
    r.wall = [x for per in lat for x in per]
    r.cpu_ns = c1 - c0
    r.total_wall_ns = t1 - t0
    if s0 >= 0 and s1 >= 0:
        r.server_cpu_ns = s1 - s0
    r.rows = 1
    r.extra.update(threads=threads, pool_size=pool_size,
                   pool="informix_db.create_pool (health-check SELECT on every acquire)",
                   ops_per_sec=round(threads * n / ((t1 - t0) / 1e9), 1))
    r.conn("measure", opened, threads * (w + n))
    return r


# The lob payload (bench/README.md, the same bytes as the Go and JDBC
# clients): LOB_SIZE bytes repeating a pseudo-random pattern of a prime
# LOB_PERIOD bytes, x = x*1103515245 + 12345 (mod 2^32) from x = 1, each byte
# bits 16..23 of the next x.
LOB_SIZE, LOB_PERIOD = 64 << 20, 65521


def lob_payload() -> bytes:
    pat = bytearray(LOB_PERIOD)
    x = 1
    for i in range(LOB_PERIOD):
        x = (x * 1103515245 + 12345) & 0xFFFFFFFF
        pat[i] = (x >> 16) & 0xFF
    return (bytes(pat) * (LOB_SIZE // LOB_PERIOD + 1))[:LOB_SIZE]


def peak_rss_kib() -> int:
    """The process's peak resident set (VmHWM) in KiB, or -1."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def w_lob():
    # informix_db's smart-LOB path: write_blob_column (FILETOBLOB from a
    # 'client' file it serves from memory over SQ_FILE) and read_blob_column
    # (LOTOFILE to a 'client' file it collects in memory). It moves whole
    # values: the payload is built before timing, as the JDBC client's
    # values are.
    r = Result("lob")
    w, n = runs(1), runs(3)
    table = f"bench_lob_{TAG}"
    payload = lob_payload()
    want = zlib.crc32(payload)
    conn = connect()
    try:
        execute(conn, f"DROP TABLE IF EXISTS {table}")
        execute(conn, f"CREATE TABLE {table} (id INTEGER NOT NULL, b BLOB)")
    finally:
        conn.close()
    r.conn("setup", 1, 0)
    conn = connect()
    cur = conn.cursor()

    def op(i):
        cur.write_blob_column(f"INSERT INTO {table} (id, b) VALUES (?, BLOB_PLACEHOLDER)", payload, (i + 1,))
        got = cur.read_blob_column(f"SELECT b FROM {table} WHERE id = ?", (i + 1,))
        size = -1 if got is None else len(got)
        crc = 0 if got is None else zlib.crc32(got)
        if size != LOB_SIZE or crc != want:
            raise RuntimeError(f"lob run {i}: read back {size} bytes, CRC-32 {crc:08x}; wrote {LOB_SIZE}, {want:08x}")
    try:
        time_ops(r, w, n, op, per_run_cpu=True)
    finally:
        cur.close()
        conn.close()
    r.conn("measure", 1, w + n)
    conn = connect()
    try:
        execute(conn, f"DROP TABLE {table}")
    finally:
        conn.close()
    r.conn("setup", 1, 0)
    r.rows = 1
    r.extra.update(bytes=LOB_SIZE, crc32=f"{want:08x}", peak_rss_kib=peak_rss_kib(),
                   note="cursor.write_blob_column (FILETOBLOB, SQ_FILE) + read_blob_column (LOTOFILE, SQ_FILE)")
    return r


WORKLOADS = {
    "connect": w_connect,
    "select1": w_select1,
    "lookup": w_lookup,
    "fetch100k": lambda: w_fetch("fetch100k", 100000),
    "fetchwide": w_fetchwide,
    "insert": w_insert,
    "pool": w_pool,
    "lob": w_lob,
}


def main():
    global CFG
    env = os.environ.get
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default=env("IFX_HOST", "127.0.0.1"))
    ap.add_argument("--port", type=int, default=int(env("IFX_PORT", "9088")))
    ap.add_argument("--server", default=env("IFX_SERVER", "informix"))
    ap.add_argument("--database", default=env("IFX_DATABASE", "testdb"))
    ap.add_argument("--user", default=env("IFX_USER", "informix"))
    ap.add_argument("--password", default=env("IFX_PASSWORD", "in4mix"))
    ap.add_argument("--workloads", default=env("IFX_BENCH_WORKLOADS", ",".join(WORKLOADS)))
    ap.add_argument("--scale", type=float, default=float(env("IFX_BENCH_SCALE", "1")))
    ap.add_argument("--server-pid", type=int, default=int(env("IFX_BENCH_SERVER_PID", "0") or 0))
    ap.add_argument("--clk-tck", type=int, default=int(env("IFX_BENCH_CLK_TCK", "100")))
    CFG = ap.parse_args()
    wanted = CFG.workloads.split(",")
    try:
        print(setup().json(), flush=True)
    except Exception as e:  # noqa: BLE001
        traceback.print_exc()
        print(json.dumps({"client": CLIENT, "workload": "_setup", "error": repr(e)}), flush=True)
        return 1
    failed = 0
    for name, fn in WORKLOADS.items():
        if name not in wanted:
            continue
        print(f"python: {name}", file=sys.stderr, flush=True)
        try:
            print(fn().json(), flush=True)
        except Exception as e:  # noqa: BLE001
            failed += 1
            traceback.print_exc()
            print(json.dumps({"client": CLIENT, "workload": name, "error": repr(e)}), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
