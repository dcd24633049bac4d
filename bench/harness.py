#!/usr/bin/env python3
"""Run the benchmark clients against one ifxtestd and collect their results.

bench/run.sh builds everything and calls this with the server binary and one
--client NAME=COMMAND per client (a command of "unavailable: REASON" records
the client as not available). For each client, in order, it

  * reads ifxtestd's utime+stime from /proc/<pid>/stat before and after,
  * runs the command with IFX_* settings in the environment and collects the
    JSON lines it prints (one per workload),
  * takes the client process's own CPU from RUSAGE_CHILDREN,
  * waits until ifxtestd -stats has reported every connection the client
    declared (extra.conns), and maps the request-group counts of those
    connections, in connection-id order, onto the client's workloads.

The results go to --results as one JSON document; bench/report.py turns that
into docs/BENCHMARKS.md. Standard library only.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

STATS_RE = re.compile(r"^conn (\d+) user=(\S*) groups=(\d+) in=(\d+) out=(\d+)\s*$")


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def proc_cpu_ns(pid: int, clk_tck: int) -> int:
    with open(f"/proc/{pid}/stat") as f:
        s = f.read()
    fields = s[s.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) * (1_000_000_000 // clk_tck)


def children_cpu_ns() -> int:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return int((ru.ru_utime + ru.ru_stime) * 1e9)


class Server:
    """ifxtestd -stats in its own process; a thread collects the stats lines."""

    def __init__(self, binary: str, port: int, log_path: str):
        self.port = port
        self.log_path = log_path
        self.stats: dict[int, dict] = {}
        self.order: list[int] = []  # ids in the order their lines arrived
        self.lock = threading.Condition()
        self.errlog = open(log_path, "w")
        self.proc = subprocess.Popen([binary, "-listen", f"127.0.0.1:{port}", "-stats"],
                                     stdout=subprocess.PIPE, stderr=self.errlog, text=True,
                                     start_new_session=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stdout:
            m = STATS_RE.match(line.strip())
            if not m:
                continue
            cid = int(m.group(1))
            rec = {"id": cid, "user": m.group(2), "groups": int(m.group(3)),
                   "in": int(m.group(4)), "out": int(m.group(5))}
            with self.lock:
                if cid not in self.stats:
                    self.order.append(cid)
                self.stats[cid] = rec
                self.lock.notify_all()

    def wait_ready(self, timeout=30.0) -> bool:
        # Readiness from the log line, not by connecting: a probe connection
        # would take a connection id and show up in the stats.
        end = time.time() + timeout
        while time.time() < end:
            if self.proc.poll() is not None:
                return False
            with open(self.log_path) as f:
                if "listening on" in f.read():
                    return True
            time.sleep(0.05)
        return False

    def seen(self) -> int:
        with self.lock:
            return len(self.order)

    def wait_for(self, count: int, timeout: float) -> None:
        """Wait until count stats lines have arrived in total, then settle."""
        end = time.time() + timeout
        with self.lock:
            while len(self.order) < count and time.time() < end:
                self.lock.wait(0.1)
        time.sleep(0.25)  # a line for a connection nobody declared would show now

    def ids_since(self, start: int) -> list[int]:
        with self.lock:
            return sorted(self.order[start:])

    def cpu_ns(self, clk_tck: int) -> int:
        return proc_cpu_ns(self.proc.pid, clk_tck)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.reader.join(5)
        self.errlog.close()


def map_round_trips(lines: list[dict], stats: list[dict]) -> dict:
    """Assign the client's connections (stats, id order) to its workloads.

    Every JSON line declares extra.conns: [{role, n, ops}] in the order the
    client opened them. Returns {"ok": bool, "note": str, "per_workload": {...}}.
    """
    declared = []
    for ln in lines:
        for c in (ln.get("extra") or {}).get("conns", []):
            declared.append((ln["workload"], c))
    total = sum(c["n"] for _, c in declared)
    if total != len(stats):
        return {"ok": False, "note": f"client declared {total} connections, ifxtestd reported {len(stats)}",
                "per_workload": {}}
    i = 0
    groups: dict[str, list] = {}
    for wl, c in declared:
        conns = stats[i:i + c["n"]]
        i += c["n"]
        groups.setdefault(wl, []).append((c, conns))
    # Baseline: a connection that only logs in and closes.
    base_conns = [s for wl in groups for c, conns in groups[wl] if c["role"] == "connect" for s in conns]
    baseline = None
    if base_conns:
        baseline = {k: statistics.median(s[k] for s in base_conns) for k in ("groups", "in", "out")}
    out = {}
    for wl, parts in groups.items():
        if wl.startswith("_"):
            continue
        measure = [(c, conns) for c, conns in parts if c["role"] in ("measure", "connect")]
        if not measure:
            continue
        if all(c["role"] == "connect" for c, _ in measure) and wl == "connect":
            conns = [s for _, cs in measure for s in cs]
            out[wl] = {"ops": len(conns), "connections": len(conns),
                       "groups_total": sum(s["groups"] for s in conns),
                       "groups_per_op": sum(s["groups"] for s in conns) / len(conns),
                       "bytes_in_per_op": sum(s["in"] for s in conns) / len(conns),
                       "bytes_out_per_op": sum(s["out"] for s in conns) / len(conns),
                       "baseline_subtracted": False}
            continue
        measure = [(c, conns) for c, conns in parts if c["role"] == "measure"]
        if not measure:
            continue
        ops = sum(c["ops"] for c, _ in measure)
        conns = [s for _, cs in measure for s in cs]
        g = sum(s["groups"] for s in conns)
        bi = sum(s["in"] for s in conns)
        bo = sum(s["out"] for s in conns)
        rec = {"ops": ops, "connections": len(conns), "groups_total": g,
               "baseline_subtracted": baseline is not None}
        if baseline is not None:
            g -= baseline["groups"] * len(conns)
            bi -= baseline["in"] * len(conns)
            bo -= baseline["out"] * len(conns)
        if ops:
            rec["groups_per_op"] = g / ops
            rec["bytes_in_per_op"] = bi / ops
            rec["bytes_out_per_op"] = bo / ops
        out[wl] = rec
    return {"ok": True, "note": "", "baseline": baseline, "per_workload": out}


def run_client(name: str, cmd: list[str], env: dict, server: Server, clk_tck: int, timeout: float,
               log_dir: str) -> dict:
    rec = {"name": name, "command": " ".join(shlex.quote(c) for c in cmd), "status": "ok", "lines": [],
           "errors": []}
    start_seen = server.seen()
    s0 = server.cpu_ns(clk_tck)
    ch0 = children_cpu_ns()
    t0 = time.perf_counter_ns()
    errpath = os.path.join(log_dir, f"{name}.stderr.log")
    with open(errpath, "w") as err:
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env=env, text=True,
                             start_new_session=True)
        timer = threading.Timer(timeout, lambda: os.killpg(p.pid, signal.SIGKILL))
        timer.start()
        try:
            for line in p.stdout:
                line = line.strip()
                if not line.startswith("{"):
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError:
                    rec["errors"].append(f"bad JSON line: {line[:200]}")
                    continue
                if "error" in obj:
                    rec["errors"].append(f"{obj.get('workload')}: {obj['error']}")
                else:
                    rec["lines"].append(obj)
                    log(f"{name} {obj['workload']}: median {obj['wall_ns_median'] / 1e6:.3f} ms")
            rc = p.wait()
        finally:
            timed_out = not timer.is_alive() and p.returncode not in (0, 1, 3)
            timer.cancel()
    rec["wall_ns"] = time.perf_counter_ns() - t0
    rec["client_cpu_ns"] = children_cpu_ns() - ch0
    rec["rc"] = rc
    if rc == 3 and not rec["lines"]:
        rec["status"] = "unavailable"
        with open(errpath) as f:
            rec["errors"].append(f.read().strip()[-2000:])
    elif rc != 0:
        rec["status"] = "failed" if not rec["lines"] else "partial"
        if timed_out:
            rec["errors"].append(f"killed after {timeout:.0f} s")
        with open(errpath) as f:
            tail = f.read().strip().splitlines()[-15:]
        rec["stderr_tail"] = tail
    declared = sum(c["n"] for ln in rec["lines"] for c in (ln.get("extra") or {}).get("conns", []))
    server.wait_for(start_seen + declared, timeout=15)
    rec["server_cpu_ns"] = server.cpu_ns(clk_tck) - s0
    ids = server.ids_since(start_seen)
    stats = [server.stats[i] for i in ids]
    if ids and ids != list(range(ids[0], ids[0] + len(ids))):
        rec["round_trips"] = {"ok": False, "note": f"connection ids not contiguous: {ids[:5]}...", "per_workload": {}}
    else:
        rec["round_trips"] = map_round_trips(rec["lines"], stats)
    rec["connection_ids"] = [ids[0], ids[-1]] if ids else []
    if rec["round_trips"]["ok"] is False and rec["lines"]:
        log(f"{name}: round trips not mapped: {rec['round_trips']['note']}")
    return rec


def run_pair(spec: str, client_specs: list[str], clients: list[dict], env: dict, server: Server, clk_tck: int,
             timeout: float, log_dir: str):
    """Clients run one after another, and on a shared 2-CPU machine the
    load moves between them: two clients measured minutes apart can differ
    by more than the ratio a target allows. For one pair, run one workload
    with A, then B, ROUNDS times, and keep every timed run's CPU: each
    round measures the two together, and the pooled medians hold for the
    whole phase."""
    try:
        a_name, b_name, wl, rounds = spec.split(",")
        rounds = int(rounds)
    except ValueError:
        return {"error": f"bad --pair {spec!r}"}
    cmds = dict(c.partition("=")[::2] for c in client_specs)
    ok = {c["name"] for c in clients if c.get("status") == "ok" and any(ln["workload"] == wl for ln in c["lines"])}
    if a_name not in ok or b_name not in ok:
        log(f"pair {a_name}/{b_name}: skipped, both must have run {wl}")
        return None
    penv = dict(env, IFX_BENCH_WORKLOADS=wl)
    out = {"a": a_name, "b": b_name, "workload": wl, "rounds": []}
    for r in range(rounds):
        rnd = {}
        for name in (a_name, b_name):
            rec = run_client(f"{name}.pair{r + 1}", shlex.split(cmds[name]), penv, server, clk_tck, timeout, log_dir)
            lines = [ln for ln in rec["lines"] if ln["workload"] == wl]
            if rec["status"] != "ok" or not lines:
                out["error"] = f"{name} round {r + 1}: {rec['status']} {rec['errors'][:1]}"
                return out
            rnd[name] = lines[0]["extra"]["cpu_ns_runs"]
        out["rounds"].append(rnd)
        log(f"pair round {r + 1}: {b_name}/{a_name} CPU "
            f"{statistics.median(rnd[b_name]) / statistics.median(rnd[a_name]):.3f}")
    return out


def sh(cmd: list[str]) -> str:
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            # e.g. informix-driver's version asked of a Python without it:
            # the traceback is no version.
            return f"unavailable (exit {r.returncode})"
        return (r.stdout + r.stderr).strip()  # java -version writes to stderr
    except (OSError, subprocess.SubprocessError) as e:
        return f"unavailable ({e})"


def machine(python_bin: str) -> dict:
    m = {"nproc": os.cpu_count(), "kernel": platform.release(), "os": platform.platform()}
    try:
        m["nproc"] = int(sh(["nproc"]))
    except ValueError:
        pass
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    m["cpu_model"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    m["mem_total_kib"] = int(line.split()[1])
    except OSError:
        pass
    m["go"] = sh(["go", "version"])
    m["java"] = sh(["java", "-version"]).splitlines()[0] if sh(["java", "-version"]) else ""
    m["java_full"] = sh(["java", "-version"])
    m["python"] = sh([python_bin, "-c", "import sys; print(sys.version.split()[0])"])
    m["informix_driver"] = sh([python_bin, "-c",
                               "import importlib.metadata as m; print(m.version('informix-driver'))"])
    m["loadavg"] = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else []
    return m


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ifxtestd", required=True)
    ap.add_argument("--client", action="append", default=[], metavar="NAME=COMMAND")
    ap.add_argument("--results", required=True)
    ap.add_argument("--log-dir", required=True)
    ap.add_argument("--python", default=sys.executable, help="the clients' Python (for versions)")
    ap.add_argument("--scale", default=os.environ.get("IFX_BENCH_SCALE", "1"))
    ap.add_argument("--workloads", default=os.environ.get("IFX_BENCH_WORKLOADS", ""))
    ap.add_argument("--timeout", type=float, default=float(os.environ.get("IFX_BENCH_CLIENT_TIMEOUT", "480")))
    ap.add_argument("--note", action="append", default=[], help="a line for the report's notes")
    ap.add_argument("--pair", default=os.environ.get("IFX_BENCH_PAIR", "ifx,ifx-sql,fetch100k,4"),
                    help="A,B,WORKLOAD,ROUNDS: after all clients, run WORKLOAD with client A then B, ROUNDS "
                         "times, so that their ratio is measured together ('' for none)")
    a = ap.parse_args()
    os.makedirs(a.log_dir, exist_ok=True)
    clk_tck = os.sysconf("SC_CLK_TCK")
    port = free_port()
    server = Server(a.ifxtestd, port, os.path.join(a.log_dir, "ifxtestd.log"))
    results = {"started": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "scale": float(a.scale),
               "clk_tck": clk_tck, "machine": machine(a.python), "clients": [], "notes": list(a.note)}
    try:
        if not server.wait_ready():
            log("ifxtestd did not start; its log:")
            print(open(server.log_path).read(), file=sys.stderr)
            sys.exit(1)
        results["server_pid"] = server.proc.pid
        log(f"ifxtestd pid {server.proc.pid} on 127.0.0.1:{port}")
        env = dict(os.environ)
        env.update(IFX_HOST="127.0.0.1", IFX_PORT=str(port), IFX_BENCH_SERVER_PID=str(server.proc.pid),
                   IFX_BENCH_CLK_TCK=str(clk_tck), IFX_BENCH_SCALE=str(a.scale))
        if a.workloads:
            env["IFX_BENCH_WORKLOADS"] = a.workloads
        for spec in a.client:
            name, _, cmd = spec.partition("=")
            if cmd.startswith("unavailable:"):
                results["clients"].append({"name": name, "status": "unavailable", "lines": [],
                                           "errors": [cmd[len("unavailable:"):].strip()]})
                log(f"{name}: unavailable")
                continue
            log(f"{name}: {cmd}")
            rec = run_client(name, shlex.split(cmd), env, server, clk_tck, a.timeout, a.log_dir)
            results["clients"].append(rec)
            log(f"{name}: {rec['status']} in {rec['wall_ns'] / 1e9:.1f} s, client CPU "
                f"{rec['client_cpu_ns'] / 1e9:.2f} s, server CPU {rec['server_cpu_ns'] / 1e9:.2f} s")
            for e in rec["errors"]:
                log(f"{name}: {e[:500]}")
        if a.pair:
            results["pair"] = run_pair(a.pair, a.client, results["clients"], env, server, clk_tck, a.timeout,
                                       a.log_dir)
    finally:
        server.stop()
        results["finished"] = time.strftime("%Y-%m-%d %H:%M:%S %Z")
        if os.path.exists("/proc/loadavg"):
            results["machine"]["loadavg_end"] = open("/proc/loadavg").read().split()[:3]
        with open(server.log_path) as f:
            results["server_log_tail"] = f.read().splitlines()[-20:]
        results["server_connections"] = len(server.stats)
        with open(a.results, "w") as f:
            json.dump(results, f, indent=1)
        log(f"results in {a.results}")


if __name__ == "__main__":
    main()
