#!/usr/bin/env python3
"""Turn bench/harness.py's results JSON into docs/BENCHMARKS.md.

    python3 bench/report.py RESULTS.json OUT.md
"""
from __future__ import annotations

import json
import statistics
import sys

WORKLOADS = [
    ("connect", "latency", "Open a connection to `testdb` (login, session setup, database open) and close it.",
     None),
    ("select1", "latency", "`SELECT 1 FROM systables WHERE tabid = 1` on one open connection, reading the row.",
     "SELECT 1 FROM systables WHERE tabid = 1"),
    ("lookup", "latency",
     "Prepared primary-key lookup with one parameter on the 10,000-row table `bench_kv`, reading all 5 columns. "
     "Prepared once (JDBC `PreparedStatement`, ifx `Conn.Prepare`); informix_db has no statement reuse, "
     "so its `cursor.execute(sql, (id,))` prepares every time.",
     "SELECT id, b, name, amount, ts FROM bench_kv WHERE id = ?"),
    ("fetch100k", "bulk",
     "100,000 rows x 5 columns (INTEGER, BIGINT, VARCHAR(32), DECIMAL(12,2), DATETIME YEAR TO SECOND) "
     "from the row generator, every value read.",
     "SELECT value AS id, CAST(value AS BIGINT) * 1000000000 AS b, CAST('name' || value AS VARCHAR(32)) AS name, "
     "CAST(value * 1234 / 100 AS DECIMAL(12,2)) AS amount, "
     "DATETIME(2026-01-01 00:00:00) YEAR TO SECOND + value UNITS SECOND AS ts "
     "FROM TABLE(ifx_generate(100000)) AS g(value)"),
    ("fetchwide", "bulk",
     "10,000 rows x 100 columns: the 5 expressions of fetch100k repeated 20 times (`c1` .. `c100`), every value read.",
     "SELECT value AS c1, CAST(value AS BIGINT) * 1000000000 AS c2, ... AS c100 "
     "FROM TABLE(ifx_generate(10000)) AS g(value)"),
    ("insert", "bulk",
     "10,000 rows (the 5 column types) inserted into a fresh table with a primary key in one transaction, "
     "committed. Each client's fastest batch path: JDBC `addBatch`/`executeBatch`, informix_db `executemany`, "
     "ifx: `Stmt.ExecBatch` (BIND+EXECUTE pipelined in 64 KiB request groups).",
     "INSERT INTO bench_ins_<client>_<run> (id, b, name, amount, ts) VALUES (?, ?, ?, ?, ?)"),
    ("pool", "latency",
     "8 threads share a pool of 8 connections; one operation = acquire + the primary-key lookup (prepared per "
     "call) + release. Latency is per operation per thread; throughput in the notes column.",
     "SELECT id, b, name, amount, ts FROM bench_kv WHERE id = ?"),
    ("lob", "bulk",
     "A 64 MiB BLOB written into a new row and read back whole on one connection, the bytes read checked "
     "(length and CRC-32). Each client's streaming path: JDBC `setBinaryStream` + `executeUpdate`, then "
     "`getBinaryStream`; ifx `CreateLargeObject` + `io.Copy`, the locator bound into the INSERT, then "
     "`OpenLargeObject` + `io.Copy`; informix_db, which moves smart LOBs whole through client files, "
     "`write_blob_column` (FILETOBLOB) and `read_blob_column` (LOTOFILE). Peak memory is the client "
     "process's resident peak (VmHWM) at the end of the workload.",
     "INSERT INTO bench_lob_<client> (id, b) VALUES (?, ?); SELECT b FROM bench_lob_<client> WHERE id = ?"),
]
KIND = {w: k for w, k, _, _ in WORKLOADS}
PEERS = ["jdbc", "python"]
OURS = ["ifx", "ifx-sql"]
FLOOR = "ifx-sql-floor"  # no server, no round trips: left out of the server and raw-reader tables
COPYIN = "ifx-sql-copyin"
SQL_LIMIT = 1.1  # database/sql CPU ≤ SQL_LIMIT x native on fetch100k, measured together (issue 19)
CLIENT_LABEL = {
    "jdbc": "IBM JDBC 15.0.0.1.1",
    "python": "informix-driver 2026.9.3",
    "ifx": "ifx native",
    "ifx-sql": "ifx database/sql",
    "ifx-sql-copyin": "ifx database/sql, bulk insert with stdlib.CopyIn (insert workload only)",
    "ifx-sql-floor": "database/sql over an in-process driver that costs nothing (fetch workloads only, no server): "
                     "database/sql's own share of ifx-sql",
    "rawreader": "rawreader (sqli only, 4 KiB fetch buffer)",
    "rawreader-32k": "rawreader (sqli only, 32 KiB fetch buffer)",
}


def t(ns, unit=None):
    """Human duration."""
    if ns is None:
        return "–"
    ns = float(ns)
    if unit is None:
        unit = "s" if ns >= 1e9 else "ms" if ns >= 1e6 else "µs"
    div = {"s": 1e9, "ms": 1e6, "µs": 1e3}[unit]
    v = ns / div
    if v >= 100:
        return f"{v:.0f} {unit}"
    if v >= 10:
        return f"{v:.1f} {unit}"
    return f"{v:.2f} {unit}"


def unit_for(values):
    vals = [v for v in values if v is not None]
    if not vals:
        return "µs"
    m = sorted(vals)[len(vals) // 2]
    return "s" if m >= 1e9 else "ms" if m >= 1e6 else "µs"


def num(x, digits=2):
    if x is None:
        return "–"
    if abs(x - round(x)) < 1e-9:
        return f"{round(x):,}"
    return f"{x:,.{digits}f}"


def paired(R, a, b, wl):
    """(pooled median CPU of a, of b, per-round ratios) from the harness's
    --pair rounds, or None."""
    p = R.get("pair") or {}
    if p.get("a") != a or p.get("b") != b or p.get("workload") != wl or not p.get("rounds") or p.get("error"):
        return None
    ra = [x for rnd in p["rounds"] for x in rnd[a]]
    rb = [x for rnd in p["rounds"] for x in rnd[b]]
    per = [statistics.median(rnd[b]) / statistics.median(rnd[a]) for rnd in p["rounds"]]
    return statistics.median(ra), statistics.median(rb), per


def ratio(a, b):
    if a is None or b in (None, 0):
        return None
    return a / b


def fmt_ratio(r):
    return "–" if r is None else f"{r:.2f}x"


def parse_gobench(path):
    """Benchmark lines of `go test -bench -benchmem` output: name -> {unit: value}."""
    res = {}
    try:
        with open(path) as f:
            lines = f.read().splitlines()
    except OSError:
        return res
    for line in lines:
        if not line.startswith("Benchmark"):
            continue
        parts = line.split()
        if len(parts) < 4:
            continue
        name = parts[0]
        if "-" in name:
            name = name.rsplit("-", 1)[0]  # GOMAXPROCS suffix
        vals = {"n": parts[1]}
        for i in range(2, len(parts) - 1, 2):
            try:
                vals[parts[i + 1]] = float(parts[i])
            except ValueError:
                pass
        res[name] = vals
    return res


def main():
    src, out = sys.argv[1], sys.argv[2]
    gobench = parse_gobench(sys.argv[3]) if len(sys.argv) > 3 else {}
    with open(src) as f:
        R = json.load(f)
    clients = R["clients"]
    by = {}  # (client, workload) -> line
    for c in clients:
        for ln in c.get("lines", []):
            by[(c["name"], ln["workload"])] = ln
    rt = {c["name"]: (c.get("round_trips") or {}).get("per_workload", {}) for c in clients}
    names = [c["name"] for c in clients]
    ran = [c["name"] for c in clients if c.get("lines")]
    L = []
    w = L.append
    m = R["machine"]
    w("# Benchmarks")
    w("")
    w(f"Generated by `bash bench/run.sh` ({R['started']} – {R['finished']}); do not edit by hand, "
      "re-run the harness. bench/README.md describes the harness, the workloads and the JSON each client prints.")
    if R.get("scale", 1) != 1:
        w("")
        w(f"**Scale {R['scale']}:** every run count was multiplied by {R['scale']}; "
          "the numbers below are a smoke test, not a measurement.")
    w("")
    w("## Machine")
    w("")
    w("| | |")
    w("|---|---|")
    w(f"| CPUs (`nproc`) | {m.get('nproc')} |")
    w(f"| CPU model | {m.get('cpu_model', '?')} |")
    mem = m.get("mem_total_kib")
    w(f"| Memory | {mem / 1024 / 1024:.1f} GiB |" if mem else "| Memory | ? |")
    w(f"| Kernel | {m.get('kernel')} |")
    w(f"| Go | {m.get('go')} |")
    w(f"| Java | {m.get('java')} |")
    w(f"| Python | {m.get('python')} (informix-driver {m.get('informix_driver')}) |")
    w(f"| Load average (1/5/15 min) at start / end | {' '.join(m.get('loadavg', []))} / "
      f"{' '.join(m.get('loadavg_end', []))} |")
    w("")
    w("## Method")
    w("")
    w("One `ifxtestd -stats` process (in-memory SQLite databases) serves every client; the clients run one after "
      "another, never at the same time. Each client process measures itself after a warm-up of the same "
      "workload (for JDBC this is also the JIT warm-up): wall time per operation, and its own process CPU "
      "(user+sys, all threads) over the timed runs. The server's CPU is its `/proc/<pid>/stat` utime+stime, "
      "read by the client around the same timed runs (per workload) and by the harness around the whole "
      "client process. Round trips are ifxtestd's request-group counts: every workload runs on connections of "
      "its own, the client declares them in order, and the harness maps the server's per-connection counts "
      "onto them, subtracting the groups of a connection that only logs in and out (the `connect` workload). "
      "Client and server share the machine's CPUs (and so do other processes: see the load average), so "
      "two runs of bench/run.sh differed by up to a third in some medians; CPU per operation is steadier.")
    w("")
    w("Resolution: server CPU and JDBC process CPU (`OperatingSystemMXBean.getProcessCpuTime`) come in 10 ms "
      "clock ticks; Python (`time.process_time_ns`) and Go (`getrusage`) CPU are exact to the microsecond. "
      "Per-operation CPU of the latency workloads is the timed phase's CPU divided by the operations.")
    w("")
    w("| workload | operation | warm-up / timed runs |")
    w("|---|---|---|")
    for wl, kind, desc, _sql in WORKLOADS:
        ln = next((by[(c, wl)] for c in names if (c, wl) in by and not c.startswith("rawreader")), None)
        runs = f"{ln['extra'].get('warmup')} / {ln['runs']}" if ln else "–"
        w(f"| `{wl}` | {desc} | {runs} |")
    w("")
    w("SQL:")
    w("")
    for wl, _k, _d, sql in WORKLOADS:
        if sql:
            w(f"* `{wl}`: `{sql}`")
    w("")
    w("Clients: " + "; ".join(f"`{c['name']}` = {CLIENT_LABEL.get(c['name'], c['name'])}"
                              f"{'' if c.get('lines') else ' (' + c.get('status', '?') + ')'}" for c in clients) + ".")
    w("")

    # ------------------------------------------------------------ targets
    def cpu_of(c, wl):
        ln = by.get((c, wl))
        if not ln:
            return None
        if KIND[wl] == "bulk":
            return ln["extra"].get("cpu_ns_median", ln["cpu_ns"] / max(1, ln["runs"]))
        return ln["cpu_ns"] / max(1, ln["runs"])

    def wall_of(c, wl):
        ln = by.get((c, wl))
        return ln["wall_ns_median"] if ln else None

    def groups_of(c, wl):
        return rt.get(c, {}).get(wl, {}).get("groups_per_op")

    def target_row(what, value_txt, limit_txt, value, limit, tol=0.0, why=""):
        """tol: relative slack, for per-operation averages that carry a
        one-off cost (a Prepare, the last cleanup) spread over the runs;
        why: appended to the verdict."""
        if value is None or limit is None:
            w(f"| {what} | {value_txt} | {limit_txt} | not measured |")
            return
        ok = value <= limit * (1 + tol) + 1e-9
        if not ok:
            how = f"**missed** by {value / limit:.2f}x" if limit else "**missed**"
        elif value == 0 or limit / value >= 100:
            how = "met"
        else:
            how = f"met ({limit / value:.2f}x headroom)" if limit / value >= 1.005 else "met"
        w(f"| {what} | {value_txt} | {limit_txt} | {how}{why} |")

    def raw_floor_of(wl):
        """(name, CPU) of the raw reader that read wl with ifx's fetch
        buffer, or None."""
        for rname in ("rawreader-32k", "rawreader"):
            rl, il = by.get((rname, wl)), by.get(("ifx", wl))
            if rl and il and rl["extra"].get("fetch_buffer") == il["extra"].get("fetch_buffer"):
                return rname, cpu_of(rname, wl)
        return None

    def server_cpu_of(c, wl):
        """(server CPU, client CPU) per run, both over the same timed runs
        of c's wl, or None: ifxtestd's /proc CPU read by the client around
        its runs."""
        ln = by.get((c, wl))
        if not ln or ln["extra"].get("server_cpu_ns") is None or not ln.get("cpu_ns"):
            return None
        runs = max(1, ln["runs"])
        return ln["extra"]["server_cpu_ns"] / runs, ln["cpu_ns"] / runs

    def lob_floor_note(lrc, lc, lpc):
        """The lob floor's parts, after the targets: what no client can
        avoid, measured by bench/rawreader (lob.go, lob_socket.go)."""
        rl = by.get(("rawreader", "lob"))
        if not rl or not lrc:
            return
        ex = rl["extra"]
        txt = (f"lob floor: `bench/rawreader` speaks the SQLI of the lob workload and nothing more (the same "
               f"ifx_lo_create, 1 MiB LO_WRITE exchanges, INSERT, SELECT, ifx_lo_open, 1 MiB LO_READ exchanges "
               f"and ifx_lo_close), generating the payload straight into each LO_WRITE group (one write each) and "
               f"CRC-ing the answers' chunks where its read buffer holds them. It takes {t(lrc)} per run"
               + (f"; ifx takes {t(lc)} = {lc / lrc:.2f}x the floor" if lc else "") + ". ")
        if ex.get("socket_cpu_ns") is not None:
            sock, paused = ex["socket_cpu_ns"], ex.get("socket_paused_cpu_ns")
            parts = ex["generate_cpu_ns"] + ex["crc_cpu_ns"] + sock
            txt += (f"Its parts, each measured alone (median of 3): generating the 64 MiB {t(ex['generate_cpu_ns'])}, "
                    f"CRC-32 over 64 MiB {t(ex['crc_cpu_ns'])}, and the same 128 exchanges over loopback against a "
                    f"peer process that answers at once {t(sock)} (the kernel's copies of 2 × 64 MiB, TCP and Go's "
                    f"poller), {t(parts)} together. ")
            if paused is not None:
                txt += (f"With the peer pausing {ex.get('socket_pause_ms', 20)} ms before each answer (about what "
                        f"ifxtestd takes per exchange) and using no CPU, the same socket work costs the client "
                        f"{t(paused)}: parking and waking per exchange, with buffers gone cold in the CPU's caches. "
                        f"The rest of the floor, {t(max(0, lrc - ex['generate_cpu_ns'] - ex['crc_cpu_ns'] - paused))}, "
                        f"comes with ifxtestd's own work on the same two cores. ")
            if lpc:
                verdict = "leaves no room for" if lrc > lpc / 10 else "leaves room for"
                txt += (f"The 1/10-of-informix-driver target ({t(lpc / 10)}) is below the floor against this server: "
                        if lrc > lpc / 10 else f"The floor is below the 1/10-of-informix-driver target ({t(lpc / 10)}): ")
                txt += f"the floor {verdict} it."
        w(txt)
        w("")

    raw_floor = raw_floor_of("fetch100k")
    w("## Targets")
    w("")
    w("The performance targets of the driver, checked against this run (CPU is client CPU per run or "
      "operation; round trips are ifxtestd's request groups per operation). Allocation targets come from "
      "the Go benchmarks at the end of this report and from `go test` (alloc_test.go).")
    w("")
    w("| target | measured | limit | verdict |")
    w("|---|---:|---:|---|")
    ic = cpu_of("ifx", "fetch100k")
    pc, jc = cpu_of("python", "fetch100k"), cpu_of("jdbc", "fetch100k")
    target_row("fetch100k: ifx CPU ≤ 1/10 of informix-driver's", t(ic), f"{t(pc / 10) if pc else '–'} (python {t(pc)})",
               ic, pc / 10 if pc else None)
    target_row("fetch100k: ifx CPU ≤ 1/2 of JDBC's", t(ic), f"{t(jc / 2) if jc else '–'} (jdbc {t(jc)})",
               ic, jc / 2 if jc else None)
    if raw_floor:
        target_row(f"fetch100k: ifx CPU ≤ 3x the raw reader's ({raw_floor[0]}, same fetch buffer)", t(ic),
                   f"{t(3 * raw_floor[1])} (raw {t(raw_floor[1])})", ic, 3 * raw_floor[1])
    else:
        target_row("fetch100k: ifx CPU ≤ 3x the raw reader's", t(ic), "–", None, None)
    for wl in ("fetch100k", "fetchwide"):
        rf, xc = raw_floor_of(wl), cpu_of("ifx", wl)
        if rf:
            target_row(f"{wl}: ifx CPU ≤ 1.3x the raw reader's ({rf[0]}, same fetch buffer)", t(xc),
                       f"{t(1.3 * rf[1])} (raw {t(rf[1])})", xc, 1.3 * rf[1])
        else:
            target_row(f"{wl}: ifx CPU ≤ 1.3x the raw reader's (rawreader-32k)", t(xc),
                       "– (no raw reader ran it with ifx's fetch buffer)", None, None)
    sc = cpu_of("ifx-sql", "fetch100k")
    fc = cpu_of(FLOOR, "fetch100k")
    pair = paired(R, "ifx", "ifx-sql", "fetch100k")
    if pair:
        # Measured together (harness --pair): the pooled medians of the
        # interleaved rounds.
        pa, pb, rounds = pair
        target_row(f"fetch100k: database/sql CPU ≤ {SQL_LIMIT}x native (measured together: "
                   f"{len(rounds)} interleaved rounds)", t(pb), f"{t(SQL_LIMIT * pa)} (native {t(pa)})", pb,
                   SQL_LIMIT * pa, why="; see below the table")
    else:
        # Without the rounds the two were measured minutes apart: the row
        # says so and gives no verdict.
        target_row(f"fetch100k: database/sql CPU ≤ {SQL_LIMIT}x native (measured together)",
                   t(sc), f"{t(SQL_LIMIT * ic) if ic else '–'} (native {t(ic)}; not measured together)", None, None)
    lg = groups_of("ifx", "lookup")
    target_row("lookup: prepared SELECT by key, request groups ≤ 2", num(lg), "2", lg, 2, 0.01)
    sg = groups_of("ifx", "select1")
    target_row("select1: unprepared `QueryRow` of its SQL, request groups ≤ 2", num(sg), "2", sg, 2, 0.01)
    ig = groups_of("ifx", "insert")
    ins = by.get(("ifx", "insert"))
    nrows = ins["rows"] if ins else 10000
    target_row(f"insert: request groups ≤ rows/100 ({nrows:,} rows)", num(ig), num(nrows / 100), ig, nrows / 100)
    cg, jg = groups_of("ifx", "connect"), groups_of("jdbc", "connect")
    target_row("connect: request groups ≤ JDBC's", num(cg), num(jg), cg, jg, 0.01)
    iw, pw = wall_of("ifx", "insert"), wall_of("python", "insert")
    target_row("insert: ifx wall ≤ 1/5 of informix-driver's", t(iw), f"{t(pw / 5) if pw else '–'} (python {t(pw)})",
               iw, pw / 5 if pw else None)
    # database/sql's bulk path (issue 19): stdlib.CopyIn.
    cw = wall_of(COPYIN, "insert")
    target_row(f"insert: {COPYIN} wall ≤ 1/5 of informix-driver's", t(cw),
               f"{t(pw / 5) if pw else '–'} (python {t(pw)})", cw, pw / 5 if pw else None)
    cpg = groups_of(COPYIN, "insert")
    cins = by.get((COPYIN, "insert"))
    crows = cins["rows"] if cins else nrows
    target_row(f"insert: {COPYIN} request groups ≤ rows/100 ({crows:,} rows)", num(cpg), num(crows / 100), cpg,
               crows / 100)
    ccpu, icpu = cpu_of(COPYIN, "insert"), cpu_of("ifx", "insert")
    target_row(f"insert: {COPYIN} client CPU ≤ 1.5x native ExecBatch", t(ccpu),
               f"{t(1.5 * icpu) if icpu else '–'} (ifx {t(icpu)})", ccpu, 1.5 * icpu if icpu else None)
    # ifxtest's own speed (issue 19): the server's CPU over ifx's timed
    # runs against ifx's own CPU over the same runs.
    for wl in ("fetch100k", "insert"):
        sv = server_cpu_of("ifx", wl)
        if sv:
            target_row(f"{wl}: ifxtest server CPU ≤ 5x ifx client CPU", f"{t(sv[0])} ({sv[0] / sv[1]:.2f}x)",
                       f"{t(5 * sv[1])} (ifx {t(sv[1])})", sv[0], 5 * sv[1], why=" (per run, over ifx's timed runs)")
        else:
            target_row(f"{wl}: ifxtest server CPU ≤ 5x ifx client CPU", "–", "–", None, None)
    if gobench:
        fb = gobench.get("BenchmarkFetch1M", {}) or gobench.get("BenchmarkFetch100k", {})
        nr = 1_000_000 if gobench.get("BenchmarkFetch1M") else 100_000
        apr = fb.get("allocs/op", 0) / nr if fb else None
        target_row("Go: allocations per row, fetch100k's Scan (4 fixed-width columns + 1 string), "
                   "per-query and per-batch allocations included",
                   f"{apr:.4f}" if apr is not None else "–", "1 (the string)", apr, 1.0, 0.01)
        worst = None
        for name, v in gobench.items():
            if not name.startswith("BenchmarkDecode/") or name.endswith("/any"):
                continue
            lim = 1 if name.endswith("/string") else 0
            a = v.get("allocs/op")
            if a is not None and (worst is None or a - lim > worst[1] - worst[2]):
                worst = (name, a, lim)
        if worst:
            target_row(f"Go: allocations per row into typed destinations (worst: `{worst[0][len('BenchmarkDecode/'):]}`)",
                       num(worst[1]), num(worst[2]), worst[1], worst[2])
        f1 = gobench.get("BenchmarkFetch1M", {})
        if f1:
            w(f"| Go: 1,000,000 rows stream in flat memory | peak heap {f1.get('peak-heap-MB', 0):.1f} MB, "
              f"growth {f1.get('heap-growth-MB', 0):.1f} MB | independent of the row count | "
              f"{'met' if f1.get('peak-heap-MB', 1e9) < 32 else '**missed**'} |")
    # lob: client CPU per run (write + read back of 64 MiB) and request groups.
    lc, ljc, lpc = cpu_of("ifx", "lob"), cpu_of("jdbc", "lob"), cpu_of("python", "lob")
    target_row("lob: ifx client CPU ≤ 1/2 of JDBC's", t(lc), f"{t(ljc / 2) if ljc else '–'} (jdbc {t(ljc)})",
               lc, ljc / 2 if ljc else None)
    target_row("lob: ifx client CPU ≤ 1/10 of informix-driver's", t(lc),
               f"{t(lpc / 10) if lpc else '–'} (python {t(lpc)})", lc, lpc / 10 if lpc else None)
    lg_i, lg_j = groups_of("ifx", "lob"), groups_of("jdbc", "lob")
    target_row("lob: ifx round trips ≤ JDBC's", num(lg_i), num(lg_j), lg_i, lg_j, 0.01)
    lrc = cpu_of("rawreader", "lob")
    if lrc:
        # Not a target of its own: whether the floor leaves room for the 1/10 target at all.
        target_row("lob: the floor (bench/rawreader, SQLI alone) ≤ 1/10 of informix-driver's", t(lrc),
                   f"{t(lpc / 10) if lpc else '–'} (python {t(lpc)})", lrc, lpc / 10 if lpc else None)
    w("")
    lob_floor_note(lrc, lc, lpc)
    if (R.get("pair") or {}).get("error"):
        w(f"The measured-together rounds (`--pair`) failed: {R['pair']['error']}; the database/sql target has no "
          "verdict in this run.")
        w("")
    if pair:
        pa, pb, rounds = pair
        per = ", ".join(f"{r:.2f}" for r in rounds)
        w(f"database/sql CPU ≤ {SQL_LIMIT}x native, measured together: the clients above run one after another, "
          f"minutes apart, and on this shared machine their CPU per run moves by more than the ratio's margin. "
          f"After them the harness ran fetch100k with ifx, then ifx-sql, {len(rounds)} times over (each process "
          f"with its own warm-up; `--pair`). Pooled medians of all timed runs: ifx {t(pa)}, ifx-sql {t(pb)} = "
          f"{pb / pa:.2f}x; per round (median ÷ median): {per}. "
          + (f"In the sequential runs above: {t(sc)} ÷ {t(ic)} = {sc / ic:.2f}x." if sc and ic else ""))
        w("")
    if fc and ic:
        # database/sql's own Next and Scan (the floor client: a driver that
        # costs nothing) come on top of the driver's work. With Go 1.27 the
        # driver scans into the destinations itself (ScanColumn), in place
        # of native's Rows.Scan, so ifx-sql − floor is the driver's share,
        # comparable with native's whole run.
        txt = (f"database/sql CPU ≤ {SQL_LIMIT}x native: database/sql alone ({FLOOR}, a driver that costs nothing, "
               f"built like the other Go clients) takes {t(fc)} per fetch100k run = {fc / ic:.2f}x native "
               f"({t(ic)}), where the target leaves {SQL_LIMIT - 1:.2f}x. Built by Go 1.27, package stdlib scans "
               f"each value straight into its destination (driver.RowsColumnScanner) in place of native's "
               f"Rows.Scan, so the target holds only if that costs less than native's Scan by most of the floor")
        if raw_floor:
            txt += (f"; with decoding free the path would cost raw reader ({raw_floor[0]}) + floor = "
                    f"{t(raw_floor[1] + fc)} = {(raw_floor[1] + fc) / ic:.2f}x native")
        txt += ". "
        if sc:
            txt += (f"In the sequential runs ifx-sql takes {t(sc)} = {sc / ic:.2f}x native; less the floor, the "
                    f"driver's share is {t(max(0, sc - fc))} = {max(0, sc - fc) / ic:.2f}x native's whole run.")
        w(txt)
        w("")
    w("The missed targets in instructions, which do not move with this machine's load, and what they leave "
      "(database/sql and CopyIn out of reach for any driver, ifxtest's insert below SQLite's own work): "
      "bench/README.md, \"In instructions: what the open targets leave\".")
    w("")

    # ------------------------------------------------------------ results per workload
    w("## Results")
    w("")
    for wl, kind, _d, _s in WORKLOADS:
        rows = [(c, by[(c, wl)]) for c in names if (c, wl) in by]
        if not rows:
            continue
        w(f"### `{wl}`")
        w("")
        if kind == "latency":
            u = unit_for([ln["wall_ns_median"] for _, ln in rows])
            w("| client | runs | median | p99 | min – max | client CPU / op | server CPU / op "
              "| round trips / op | notes |")
            w("|---|---:|---:|---:|---:|---:|---:|---:|---|")
            for c, ln in rows:
                ex = ln["extra"]
                srv = ex.get("server_cpu_ns")
                g = rt.get(c, {}).get(wl, {}).get("groups_per_op")
                notes = []
                if wl == "pool":
                    notes.append(f"{num(ex.get('ops_per_sec'), 0)} ops/s")
                    if ex.get("pool"):
                        notes.append(ex["pool"])
                if ex.get("note"):
                    notes.append(ex["note"])
                w(f"| {c} | {ln['runs']:,} | {t(ln['wall_ns_median'], u)} | {t(ln['wall_ns_p99'], u)} "
                  f"| {t(ex['wall_ns_min'], u)} – {t(ex['wall_ns_max'], u)} "
                  f"| {t(ln['cpu_ns'] / max(1, ln['runs']))} "
                  f"| {t(srv / max(1, ln['runs'])) if srv is not None else '–'} "
                  f"| {num(g)} | {'; '.join(notes)} |")
        else:
            u = unit_for([ln["wall_ns_median"] for _, ln in rows])
            w("| client | runs | median | min – max | rows/s | client CPU / run (median, min – max) "
              "| server CPU / run | server CPU share | round trips / op | bytes to client / op | notes |")
            w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
            for c, ln in rows:
                ex = ln["extra"]
                runs = max(1, ln["runs"])
                cr = ex.get("cpu_ns_runs") or []
                cmed = ex.get("cpu_ns_median", ln["cpu_ns"] / runs)
                srv = ex.get("server_cpu_ns")
                srv_run = srv / runs if srv is not None else None
                share = srv_run / (srv_run + cmed) if srv_run is not None and (srv_run + cmed) > 0 else None
                rr = rt.get(c, {}).get(wl, {})
                rps = ln["rows"] / (ln["wall_ns_median"] / 1e9) if ln["wall_ns_median"] else None
                rps_txt = num(rps, 0)
                if wl == "lob" and ex.get("bytes") and ln["wall_ns_median"]:
                    # Rows say nothing here: the bytes moved, both ways.
                    rps_txt = f"{2 * ex['bytes'] / 2**20 / (ln['wall_ns_median'] / 1e9):,.0f} MiB/s"
                notes = []
                if ex.get("note"):
                    notes.append(ex["note"])
                if ex.get("fetch_buffer") and wl != "insert":
                    notes.append(f"fetch buffer {ex['fetch_buffer']:,} bytes")
                if wl == "lob" and ex.get("peak_rss_kib", -1) >= 0:
                    notes.append(f"peak RSS {ex['peak_rss_kib'] / 1024:,.0f} MiB")
                if wl == "lob" and ex.get("payload_cpu_ns") is not None:
                    notes.append(f"generating + checksumming the payload alone (once, untimed): {t(ex['payload_cpu_ns'])}")
                w(f"| {c} | {ln['runs']} | {t(ln['wall_ns_median'], u)} "
                  f"| {t(ex['wall_ns_min'], u)} – {t(ex['wall_ns_max'], u)} | {rps_txt} "
                  f"| {t(cmed)} ({t(min(cr)) if cr else '–'} – {t(max(cr)) if cr else '–'}) "
                  f"| {t(srv_run)} | {f'{share * 100:.0f} %' if share is not None else '–'} "
                  f"| {num(rr.get('groups_per_op'))} | {num(rr.get('bytes_out_per_op'), 0)} "
                  f"| {'; '.join(notes)} |")
        w("")

    # ------------------------------------------------------------ ratios
    ours = [c for c in OURS if c in ran]
    peers = [c for c in PEERS if c in ran]
    w("## Ratios ifx / peer")
    w("")
    if not ours:
        w("No ifx client ran (see Notes), so there are no ratios yet.")
    else:
        w("Median wall time and client CPU per operation of ifx divided by the peer's: below 1 means ifx is "
          "faster or cheaper.")
        w("")
        hdr = ["workload"]
        for o in ours:
            for p in peers:
                hdr += [f"{o}/{p} wall", f"{o}/{p} CPU"]
        w("| " + " | ".join(hdr) + " |")
        w("|---" + "|---:" * (len(hdr) - 1) + "|")
        for wl, _k, _d, _s in WORKLOADS:
            cells = [f"`{wl}`"]
            for o in ours:
                for p in peers:
                    a, b = by.get((o, wl)), by.get((p, wl))
                    if a and b:
                        cells.append(fmt_ratio(ratio(a["wall_ns_median"], b["wall_ns_median"])))
                        ca = a["cpu_ns"] / max(1, a["runs"])
                        cb = b["cpu_ns"] / max(1, b["runs"])
                        cells.append(fmt_ratio(ratio(ca, cb)))
                    else:
                        cells += ["–", "–"]
            w("| " + " | ".join(cells) + " |")
    w("")

    # ------------------------------------------------------------ round trips
    w("## Round trips per operation")
    w("")
    w("Request groups (client→server messages ended by SQ_EOT, each answered by one response group) per "
      "operation, from `ifxtestd -stats`. `connect` counts the whole connection (login to close); the others "
      "subtract that login/logout baseline from their connections and divide by the operations, warm-up "
      "included. Bulk workloads count one whole query or transaction as one operation. A request group is not "
      "necessarily a wait: informix_db's `executemany` writes its 10,000 BIND+EXECUTE groups back to back and "
      "then reads the 10,000 replies.")
    w("")
    rcl = [c for c in names if rt.get(c)]
    if rcl:
        w("| workload | " + " | ".join(rcl) + " |")
        w("|---" + "|---:" * len(rcl) + "|")
        for wl, _k, _d, _s in WORKLOADS:
            cells = [num(rt[c].get(wl, {}).get("groups_per_op")) for c in rcl]
            if any(x != "–" for x in cells):
                w(f"| `{wl}` | " + " | ".join(cells) + " |")
        w("")
        w("Bytes per operation, client→server / server→client (baseline subtracted as above):")
        w("")
        w("| workload | " + " | ".join(rcl) + " |")
        w("|---" + "|---:" * len(rcl) + "|")
        for wl, _k, _d, _s in WORKLOADS:
            cells = []
            for c in rcl:
                r = rt[c].get(wl)
                cells.append(f"{num(r.get('bytes_in_per_op'), 0)} / {num(r.get('bytes_out_per_op'), 0)}"
                             if r and r.get("bytes_in_per_op") is not None else "–")
            if any(x != "–" for x in cells):
                w(f"| `{wl}` | " + " | ".join(cells) + " |")
        w("")
    for c in clients:
        r = c.get("round_trips")
        if r and not r.get("ok") and c.get("lines"):
            w(f"* {c['name']}: round trips not mapped: {r.get('note')}")
    w("")

    # ------------------------------------------------------------ CPU share
    w("## Server CPU share")
    w("")
    w("Per workload: the server's CPU over the timed runs next to the client's (the same interval). "
      "Share = server / (server + client).")
    w("")
    cl = [c for c in ran if c != FLOOR]
    w("| workload | " + " | ".join(f"{c} client / server CPU (share)" for c in cl) + " |")
    w("|---" + "|---:" * len(cl) + "|")
    for wl, _k, _d, _s in WORKLOADS:
        cells = []
        for c in cl:
            ln = by.get((c, wl))
            if not ln or ln["extra"].get("server_cpu_ns") is None:
                cells.append("–")
                continue
            s, cc = ln["extra"]["server_cpu_ns"], ln["cpu_ns"]
            cells.append(f"{t(cc)} / {t(s)} ({s / (s + cc) * 100:.0f} %)" if s + cc > 0 else "–")
        if any(x != "–" for x in cells):
            w(f"| `{wl}` | " + " | ".join(cells) + " |")
    w("")
    w("Whole client processes (start-up, table setup, warm-ups and timed runs), measured by the harness:")
    w("")
    w("| client | status | wall | client process CPU | server CPU meanwhile | server share |")
    w("|---|---|---:|---:|---:|---:|")
    for c in clients:
        if "wall_ns" not in c or c.get("status") == "unavailable":
            w(f"| {c['name']} | {c.get('status')} | – | – | – | – |")
            continue
        s, cc = c["server_cpu_ns"], c["client_cpu_ns"]
        share = f"{s / (s + cc) * 100:.0f} %" if s + cc else "–"
        w(f"| {c['name']} | {c['status']} | {t(c['wall_ns'])} | {t(cc)} | {t(s)} | {share} |")
    w("")

    # ------------------------------------------------------------ physical limit
    raws = [c for c in names if c.startswith("rawreader") and (c, "fetch100k") in by]
    w("## Physical limit: fetch100k")
    w("")
    if not raws:
        w("bench/rawreader did not run.")
    else:
        w("`bench/rawreader` uses only package `sqli`: it logs in, prepares the fetch100k query, opens the cursor "
          "and loops NFETCH, discarding the tuples after framing them. Its CPU is the floor for consuming the "
          "byte stream; a driver's CPU above it is decoding and API cost.")
        w("")
        w("Each client is compared with the raw reader that used the same fetch buffer (so the same number of "
          "round trips and the same bytes); a client whose buffer matches no raw reader is compared with the first.")
        w("")
        w("| client | fetch buffer | wall (median) | client CPU / run (median) | floor used | CPU above the floor "
          "| x floor | round trips | server CPU / run |")
        w("|---|---:|---:|---:|---|---:|---:|---:|---:|")

        def cpu_med(ln):
            return ln["extra"].get("cpu_ns_median", ln["cpu_ns"] / max(1, ln["runs"]))

        floors = {by[(r, "fetch100k")]["extra"].get("fetch_buffer"): r for r in raws}
        for c in names:
            ln = by.get((c, "fetch100k"))
            if not ln or c == FLOOR:
                continue
            fb = ln["extra"].get("fetch_buffer")
            fr = floors.get(fb, raws[0])
            floor = cpu_med(by[(fr, "fetch100k")])
            cm = cpu_med(ln)
            srv = ln["extra"].get("server_cpu_ns")
            g = rt.get(c, {}).get("fetch100k", {}).get("groups_per_op")
            w(f"| {c} | {num(fb) if fb else '?'} | {t(ln['wall_ns_median'])} | {t(cm)} | {fr} "
              f"| {t(max(0, cm - floor))} | {fmt_ratio(ratio(cm, floor))} | {num(g)} "
              f"| {t(srv / max(1, ln['runs'])) if srv is not None else '–'} |")
        w("")
        fl = by[(raws[0], "fetch100k")]
        srv = fl["extra"].get("server_cpu_ns")
        if srv is not None:
            srv_run = srv / max(1, fl["runs"])
            per_row = srv_run / max(1, fl["rows"])
            w(f"ifxtestd spends about {per_row:,.0f} ns of CPU per row producing this stream: {t(srv_run)} per run "
              f"while the raw reader's run takes {t(fl['wall_ns_median'])} of wall time and {t(cpu_med(fl))} of its "
              "own CPU. The fetch workloads' wall times are bounded by the server, so compare client CPU, not wall "
              "time, between clients there (bench/README.md, \"What ifxtestd limits\").")
    w("")

    # ------------------------------------------------------------ go benchmarks
    w("## Go benchmarks (client hot paths)")
    w("")
    if not gobench:
        w("Not run (GO_BENCH=0, or `go test -bench` failed: see bench/results/gobench.txt).")
    else:
        w("`go test -run '^$' -bench 'Fetch100k$|Fetch1M$|Decode|EncodeBind|EncodeBatch$' -benchmem .` in the "
          "repository root (bench_*_test.go), run by bench/run.sh after the clients. The server is a fake that "
          "answers every NFETCH with pre-encoded batches, so the numbers are the driver's: `Decode/<type>/<dest>` "
          "is Next + Scan of a one-column row, `EncodeBind/<type>` the SQ_BIND encoding of one argument, "
          "`EncodeBatch` one ExecBatch row (the fake server's decoding included), `Fetch1M` streams "
          "1,000,000 rows and reports the peak of the heap in use while it reads. B/op and allocs/op include "
          "the fake server's share, which is nothing per row.")
        w("")
        w("| benchmark | ns/op | ns/row | B/op | allocs/op | other |")
        w("|---|---:|---:|---:|---:|---|")
        for name, v in gobench.items():
            other = "; ".join(f"{v[k]:g} {k}" for k in v if k not in ("n", "ns/op", "ns/row", "B/op", "allocs/op"))
            w(f"| `{name[len('Benchmark'):]}` | {num(v.get('ns/op'), 1)} | {num(v.get('ns/row'), 1) if 'ns/row' in v else '–'} "
              f"| {num(v.get('B/op'), 0)} | {num(v.get('allocs/op'), 0)} | {other} |")
    w("")

    # ------------------------------------------------------------ notes
    w("## Notes")
    w("")
    for c in clients:
        if c.get("status") != "ok":
            reason = " ".join(" ".join(c.get("errors", [])).split())[:600]
            w(f"* **{c['name']}**: {c.get('status')}. {reason}")
        elif c.get("errors"):
            w(f"* **{c['name']}**: " + "; ".join(" ".join(e.split())[:300] for e in c["errors"]))
    for n in R.get("notes", []):
        w(f"* {n}")
    viol = [x for x in R.get("server_log_tail", []) if "VIOLATION" in x or "violations" in x]
    if viol:
        w("* ifxtestd log: " + "; ".join(viol[-3:]))
    w(f"* ifxtestd served {R.get('server_connections', '?')} connections in this run.")
    w("")
    with open(out, "w") as f:
        f.write("\n".join(L).rstrip() + "\n")


if __name__ == "__main__":
    main()
