#!/usr/bin/env python3
"""Scriptable fake SQLI server for black-box probes of IBM JDBC 15.0.0.1.1.

Built on conformance/tools/fakeserver.py: the
association, SQ_PROTOCOLS, SQ_INFO and message parsing come from there; the
answers to statement groups are driven by a per-experiment config dict so that
run_probes.py can vary exactly one reply and watch what JDBC does.

Every request group is recorded as an event {"c2s": hex, "msgs": decoded,
"s2c": hex, "what": text} in Server.events (and the usual per-connection log).
"""
from __future__ import annotations

import os
import re
import socket
import struct
import sys
import threading
import time
import types

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import fakeserver as B  # noqa: E402

i16, i32, i64, u16 = B.i16, B.i32, B.i64, B.u16
EOT = i16(12)


def coltype(spec: str, name: str = "c"):
    ct, enclen, xid, xname = B.parse_coltype(spec)
    return B.Col(name, ct, enclen, lambda v: b"", xid, xname)


def idescribe_block(c, names=False) -> bytes:
    """Per-parameter block of SQ_IDESCRIBE as found in FINDINGS §6."""
    b = b""
    if names:
        b += B.sqlichar(c.name.encode())
    b += i16(c.ctype) + i32(c.xid) + B.sqlichar(b"") + B.sqlichar(c.xname)
    b += i16(0) + i16(0) + i32(0) + i32(c.enclen)
    return b


class PConn(B.Conn):
    def __init__(self, sock, peer, args, idx, cfg, events):
        super().__init__(sock, peer, args, idx)
        self.cfg = cfg
        self.events = events
        self.ev = None

    # ------------------------------------------------------------ io
    def send(self, data: bytes, what: str):
        if self.ev is not None:
            self.ev["s2c"] += data.hex()
            self.ev["what"] += what
        super().send(data, what)

    def group(self):
        msgs = []
        start_pos = self.pos
        self.ev = {"c2s": "", "msgs": None, "s2c": "", "what": "", "t": time.time()}
        self.events.append(self.ev)
        first = True
        while True:
            tag = self.rd16()
            if first:           # time of the group's first bytes
                self.ev["t"] = time.time()
                first = False
            name = B.TAGS.get(tag, f"tag{tag}")
            if tag == 12:
                msgs.append(("EOT", {}))
                break
            if tag == 56:
                self.ev["c2s"] = bytes(self.buf[start_pos:self.pos]).hex()
                self.ev["msgs"] = [("SQ_EXIT", {})]
                self.send(self.cfg.get("exit_reply", i16(56)), "SQ_EXIT")
                self.closed = True
                return
            try:
                f = self.parse_msg(tag)
            except B.GroupRest as g:
                msgs.append((name, dict(g.partial, unparsed_rest=g.rest.hex())))
                msgs.append(("EOT?", {}))
                break
            if f is None:
                rest = self.slurp_quiet()
                msgs.append((name, {"unknown_rest": rest.hex()}))
                self.ev["c2s"] = bytes(self.buf[start_pos:self.pos]).hex()
                self.ev["msgs"] = msgs
                self.log(f"## C>S unknown {name}; rest={rest.hex()}")
                ur = self.cfg.get("unknown_reply", EOT)
                if callable(ur):
                    ur = ur(self, tag, rest)
                self.send(ur, "reply to unknown")
                self.compact()
                return
            msgs.append((name, f))
        self.ev["c2s"] = bytes(self.buf[start_pos:self.pos]).hex()
        self.ev["msgs"] = msgs
        self.log("## C>S group: " + " ".join(n if not f else f"{n}{f}" for n, f in msgs))
        self.compact()
        self.answer(msgs)

    def parse_msg(self, tag):
        if tag == 134:          # sent by executeUpdate(sql, RETURN_GENERATED_KEYS)
            return {"i16": self.rd16()}
        return super().parse_msg(tag)

    # ------------------------------------------------------------ helpers
    def params_for(self, sql: str):
        fn = self.cfg.get("params")
        n = sql.count("?")
        if fn:
            specs = fn(sql)
            if specs is not None:
                return [coltype(s, f"p{i + 1}") for i, s in enumerate(specs)]
        return [coltype("integer", f"p{i + 1}") for i in range(n)]

    def xact(self, where: str) -> bytes:
        x = self.cfg.get("xactstat", {})
        return x.get(where, b"")

    # ------------------------------------------------------------ answers
    def answer(self, msgs):
        for _n, _f in msgs:
            if isinstance(_f, dict) and "unparsed_rest" in _f and self.cfg.get("grouprest_reply"):
                self.send(self.cfg["grouprest_reply"](self, msgs, bytes.fromhex(_f["unparsed_rest"])), "grouprest reply")
                return
        names = [m[0] for m in msgs]
        f = {m[0]: m[1] for m in msgs}
        cfg = self.cfg
        if "SQ_PROTOCOLS" in f or "SQ_INFO" in f:
            return super().answer(msgs)
        if "SQ_DBOPEN" in f:
            r = cfg.get("dbopen_reply")
            if r is None:
                r = self.done(warn=cfg.get("dbopen_warn", 5)) + self.xact("dbopen")
            self.send(r + EOT, "DBOPEN reply")
            return
        for t in ("SQ_BEGIN", "SQ_CMMTWORK", "SQ_RBWORK"):
            if t in f:
                hook = cfg.get("txn")
                r = hook(self, t) if hook else self.xact(t)
                self.send(r + EOT, f"{t} reply")
                return
        if "SQ_PREPARE" in f or "SQ_COMMAND" in f:
            key = "SQ_PREPARE" if "SQ_PREPARE" in f else "SQ_COMMAND"
            sql = f[key]["sql"]
            hook = cfg.get("prepare_err")
            if hook:
                e = hook(self, sql)
                if e is not None:
                    self.send(e + EOT, "prepare error")
                    return
            st, cols, rows = B.classify(sql)
            rh = cfg.get("rows")
            if rh:
                r = rh(sql)
                if r is not None:
                    st, cols, rows = r
            sid = 0
            while sid in self.stmts:
                sid += 1
            stm = {"sql": sql, "st": st, "cols": cols, "rows": rows, "pos": 0,
                   "params": self.params_for(sql), "nexec": 0, "fetches": 0}
            self.stmts[sid] = stm
            dcols = cols if st in (2, 56) or (st == 6 and cols) else []
            if st != 2 and cfg.get("describe_params"):
                dcols = stm["params"]
            out = self.describe(st, sid, dcols)
            if key == "SQ_COMMAND":
                out += self.exec_reply(stm)
                if "SQ_RELEASE" in f:
                    self.stmts.pop(sid, None)
            else:
                out += self.done() + self.cost()
            out += self.xact("prepare")
            ph = cfg.get("prepare_hook")   # may rewrite the PREPARE/COMMAND reply
            if ph:
                out = ph(self, stm, names, out)
            self.send(out + EOT, f"DESCRIBE(st={st},id={sid},ncols={len(dcols)}) ...")
            return
        if "SQ_ID" in f:
            sid = f["SQ_ID"]["id"]
            stm = self.stmts.get(sid)
            if stm is None:
                stm = {"sql": "?", "st": 72, "cols": [], "rows": [], "pos": 0,
                       "params": [], "nexec": 0, "fetches": 0}
            out = b""
            if "SQ_CIDESCRIBE" in names:
                hook = cfg.get("cidescribe")
                if hook:
                    body = hook(self, stm)
                else:
                    ps = stm["params"]
                    body = i16(125) + i16(len(ps)) + i16(0) + b"".join(idescribe_block(c) for c in ps)
                if body is None:      # hook sent it itself
                    return
                self.send(body + EOT, "CIDESCRIBE reply")
                return
            if "SQ_OPEN" in names:
                stm["pos"] = 0
                stm["fetches"] = 0
                stm["ended"] = False
            if ("SQ_NFETCH" in names or "SQ_OPEN" in names) and "slow" in stm["sql"].lower():
                slow = cfg.get("slow")
                if slow:
                    return slow(self, stm, names)
                got = self.wait_for_interrupt(cfg.get("slow_wait", 30.0))
                self.ev["interrupt"] = got
                out += self.err(-213, -157) + EOT
                self.send(out, f"ERR -213 after {got}")
                return
            if "SQ_NFETCH" in names:
                out += self.fetch_reply(stm)
            elif "SQ_SFETCH" in names:
                sf = f["SQ_SFETCH"]
                rows = stm["rows"]
                k = {1: stm["pos"] + 1, 4: len(rows), 6: sf["row"]}.get(sf["scrolltype"], sf["row"])
                if 1 <= k <= len(rows):
                    stm["pos"] = k
                    out += i16(25) + i32(k) + self.tuple_(stm["cols"], rows[k - 1])
                else:
                    out += self.done() + self.cost()
            elif "SQ_EXECUTE" in names:
                for _ in range(names.count("SQ_EXECUTE")):
                    out += self.exec_reply(stm)
            if "SQ_CLOSE" in names:
                out += cfg.get("close_reply", b"")
            if "SQ_RELEASE" in names:
                self.stmts.pop(sid, None)
                out += cfg.get("release_reply", b"")
            self.send(out + EOT, "ID reply")
            return
        self.send(EOT, "default EOT")

    def exec_reply(self, stm) -> bytes:
        stm["nexec"] += 1
        hook = self.cfg.get("exec")
        if hook:
            r = hook(self, stm)
            if r is not None:
                return r
        rows = 1 if stm["st"] in (6, 4, 5) else 0
        return self.done(rows=rows) + self.cost() + self.xact("exec")

    def fetch_reply(self, stm) -> bytes:
        cfg = self.cfg
        per = cfg.get("per_group", 10 ** 9)
        eod = cfg.get("eod", "done_with_last")
        rows = stm["rows"]
        stm["fetches"] += 1
        out = b""
        sent = 0
        while stm["pos"] < len(rows) and sent < per:
            out += self.tuple_(stm["cols"], rows[stm["pos"]])
            stm["pos"] += 1
            sent += 1
        at_end = stm["pos"] >= len(rows)
        dn = self.done(rows=cfg.get("done_rows", len(rows))) + self.cost()
        if eod == "done_with_last":
            if at_end:
                out += dn
        elif eod == "split_done":
            if sent == 0:
                out += dn
        elif eod == "err100":
            if sent == 0:
                out += self.err(100)
        elif eod == "close":
            if sent == 0:
                out += i16(10)
        elif eod == "close_with_last":
            if at_end:
                out += i16(10)
        elif eod == "err100_with_last":
            if at_end:
                out += self.err(100)
        elif eod == "never":
            pass
        return out


class Server:
    def __init__(self, cfg, log_dir, protocols=B.IDS15_MASK.hex()):
        self.cfg = cfg
        self.events = []
        self.args = types.SimpleNamespace(
            log_dir=log_dir, mode="accept", protocols=protocols, force_wide=False,
            idescribe="tag125", insert_describe=0, eod="done", drip=0.0,
            unknown="eot", verbose=False)
        os.makedirs(log_dir, exist_ok=True)
        self.ls = socket.socket()
        self.ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.ls.bind(("127.0.0.1", 0))
        self.ls.listen(8)
        self.port = self.ls.getsockname()[1]
        self.conns = []
        self.t = threading.Thread(target=self.loop, daemon=True)
        self.t.start()

    def loop(self):
        idx = 0
        while True:
            try:
                s, peer = self.ls.accept()
            except OSError:
                return
            idx += 1
            c = PConn(s, peer, self.args, idx, self.cfg, self.events)
            self.conns.append(c)
            threading.Thread(target=c.run, daemon=True).start()

    def close(self):
        try:
            self.ls.close()
        except OSError:
            pass
