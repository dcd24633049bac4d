#!/usr/bin/env python3
"""IFX_USEPUT black-box probes of IBM JDBC 15.0.0.1.1 against a scripted server.

Uses ../probeserver.py (and through it ../../tools/fakeserver.py).  Usage:  python3 put_run.py [experiment-prefix ...]
Transcripts go to out/<name>.txt
"""
import os, sys, subprocess, time, struct
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # ../probeserver.py (it finds ../../tools/fakeserver.py)
import probeserver as P
B = P.B
i16, i32, i64, EOT = P.i16, P.i32, P.i64, P.EOT

M2 = os.path.expanduser("~/.m2/repository")
JAR = f"{M2}/com/ibm/informix/jdbc/15.0.0.1.1/jdbc-15.0.0.1.1.jar"
BSON = f"{M2}/org/mongodb/bson/3.8.0/bson-3.8.0.jar"
OUT = os.path.join(HERE, "out")

B.TAGS[17] = "TAG17"
B.TAGS[100] = "SQ_RET_TYPE"

# ---------------------------------------------------------------- parsing
_orig_parse = P.PConn.parse_msg
def parse_msg(self, tag):
    if tag in (1, 2):
        r = _orig_parse(self, tag)
        self._last_sql = r["sql"]
        return r
    if tag == 17:
        mode = self.cfg.get("t17_layout", "i32len_i16n")
        if mode == "i32len_i16n":
            ln = self.rd32() if self.cfg.get("t17_i32", True) else self.rd16()
            n = self.rd16()
            stride = ln + (ln & 1)          # every row is padded to an even length
            data = self.take(stride * n)
            self.t17 = getattr(self, "t17", 0) + 1
            rows = [data[k * stride:k * stride + ln].hex() for k in range(n)]
            pads = {data[k * stride + ln:(k + 1) * stride].hex() for k in range(n)} - {""}
            if pads - {"00"}:
                rows.append(f"NONZERO PAD {pads}")
            allrows = rows if self.cfg.get("keep_rows") else None
            if n > 6:
                rows = rows[:2] + [f"...{n-4} more..."] + rows[-2:]
            r = {"rowlen": ln, "n": n, "rows": rows}
            if allrows is not None:
                r["allrows"] = allrows
            return r
    for t, fn in self.cfg.get("extra_tags", {}).items():
        if tag == t:
            return fn(self)
    return _orig_parse(self, tag)
P.PConn.parse_msg = parse_msg

def width(ct, enclen):
    b = ct & 0xFF
    if b in (0, 15): return enclen
    if b in (13, 16): return enclen + 1
    if b in (5, 8):
        p, sc = enclen >> 8, enclen & 0xFF
        return (p + (sc & 1) + 3) // 2
    if b in (10, 14):
        p = enclen >> 8
        return (p + 3) // 2
    return {1: 2, 2: 4, 6: 4, 7: 4, 3: 8, 4: 4, 52: 8, 53: 8, 17: 10, 18: 10}.get(b, enclen)

_orig_describe = P.PConn.describe
def describe(self, st, sid, cols):
    ov = self.cfg.get("describe_override")
    if ov and getattr(self, "_last_sql", None):
        specs = ov(self._last_sql)
        if specs is not None:
            cols = [P.coltype(x, n) for x, n in specs]
    mode = self.cfg.get("describe_mode", "real")
    if mode == "orig":
        return _orig_describe(self, st, sid, cols)
    names = b"".join(c.name.encode() + b"\0" for c in cols)
    widths = [width(c.ctype, c.enclen) for c in cols]
    tsize = sum(widths) + self.cfg.get("tsize_delta", 0)
    out = i16(8) + i16(st) + i16(sid) + i32(1)
    out += i32(tsize) if self.f69 else i16(tsize)
    out += i16(len(cols)) + i32(len(names))
    fi, pos = 0, 0
    for c, w in zip(cols, widths):
        out += i32(fi) + i32(pos) + i16(c.ctype) + i32(c.xid)
        out += B.sqlichar(b"") + B.sqlichar(c.xname) + i16(0) + i16(0) + i32(0) + i32(c.enclen)
        fi += len(c.name.encode()) + 1
        pos += w + self.cfg.get("pos_delta", 0)
    out += names + (b"\0" if len(names) & 1 else b"")
    return out
P.PConn.describe = describe

_orig_answer = P.PConn.answer
def answer(self, msgs):
    hook = self.cfg.get("group_hook")
    if hook:
        r = hook(self, msgs)
        if r is not None:
            self.send(r, "group_hook reply")
            return
    return _orig_answer(self, msgs)
P.PConn.answer = answer

# --------------------------------------------------------------- config
def params(sql):
    s = " ".join(sql.lower().split())
    if s.startswith("insert into put_t "):
        return ["integer", "varchar(20)", "decimal(10,2)"]
    if s.startswith("insert into put_i "):
        return ["integer"]
    import re
    m = re.match(r"insert into put_(\w+) values", s)
    if m and m.group(1) in TYPMAP:
        return ["integer", TYPMAP[m.group(1)]]
    if m and m.group(1).endswith("_v") and m.group(1)[:-2] in TYPMAP:
        return ["integer", TYPMAP[m.group(1)[:-2]], "varchar(20)"]
    return None

TYPMAP = {"int": "integer", "char": "char(10)", "dec": "decimal(10,2)", "date": "date", "vc": "varchar(20)",
          "big": "bigint", "flt": "float", "sml": "smallint", "dt": "datetime year to second", "lvc": "lvarchar(100)",
          "bool": "boolean", "money": "money(8,2)", "int8": "int8", "real": "smallfloat", "nvc": "nvarchar(20)",
          "d82": "decimal(8,2)", "d52": "decimal(5,2)", "d164": "decimal(16,4)", "d103": "decimal(10,3)", "d16": "decimal(16)",
          "m82": "money(8,2)", "ch5": "char(5)", "ch1": "char(1)", "ch100": "char(100)", "ch40000": "char(40000)", "m164": "money(16,4)", "d321": "decimal(32,1)"}

BASE = dict(params=params, describe_params=True)

def names_of(msgs):
    return [m[0] for m in msgs]

def nput(msgs):
    return sum(m[1].get("n", 0) for m in msgs if m[0] == "TAG17")

# Group hooks: decide what to answer to the cursor groups
def hook_factory(open_reply=None, put_reply=None, other=None):
    """open_reply(conn, msgs) for groups with SQ_OPEN; put_reply for groups with TAG17 but no OPEN;
    other(conn, msgs) for groups with SQ_ID that are neither (e.g. CLOSE/RELEASE/unknown)."""
    def hook(conn, msgs):
        nm = names_of(msgs)
        if "SQ_ID" not in nm:
            return None
        if "SQ_CIDESCRIBE" in nm:
            return None
        sid = msgs[nm.index("SQ_ID")][1]["id"]
        stm = conn.stmts.get(sid)
        if not stm or not stm["sql"].lower().lstrip().startswith("insert into put_"):
            return None
        conn.puts = getattr(conn, "puts", 0) + nput(msgs)
        if "SQ_OPEN" in nm and open_reply:
            return open_reply(conn, msgs)
        if "TAG17" in nm and "SQ_OPEN" not in nm and put_reply:
            return put_reply(conn, msgs)
        if other:
            return other(conn, msgs)
        return None
    return hook

EXPS = {}
def E(name, steps, cfg, protocols=None, desc="", url_extra=";IFX_USEPUT=1"):
    c = dict(BASE); c.update(cfg)
    EXPS[name] = dict(steps=steps, cfg=c, protocols=protocols, desc=desc, url_extra=url_extra)

NARROW = "bdbe9ffe7fb7ffef00"   # features 69/70 off

# ---- first look: plain EOT to everything
E("a_eot_b3", ["batch:3"], {}, desc="default replies (EOT to the OPEN/PUT group)")
E("a_eot_b1", ["batch:1"], {}, desc="default replies, 1 row")
E("a_eot_int3", ["batchint:3"], {}, desc="default replies, INT-only table 3 rows")
E("a_nouseput_b3", ["batch:3"], {}, desc="IFX_USEPUT not set (reference)", url_extra="")

E("a_eot_int1000", ["batchint:1000"], {}, desc="default replies, INT-only 1000 rows")

def R_done(rows_fn=lambda conn, msgs: nput(msgs), cost=True, extra=b""):
    def f(conn, msgs):
        return conn.done(rows=rows_fn(conn, msgs)) + (conn.cost() if cost else b"") + extra + EOT
    return f
E("b_done_b3", ["batch:3"], dict(group_hook=hook_factory(open_reply=R_done())), desc="OPEN/PUT group -> DONE(n) COST EOT")
E("b_done_int3", ["batchint:3"], dict(group_hook=hook_factory(open_reply=R_done())), desc="int table: OPEN/PUT group -> DONE(n) COST EOT")
E("b_donenc_b3", ["batch:3"], dict(group_hook=hook_factory(open_reply=R_done(cost=False))), desc="OPEN/PUT group -> DONE(n) EOT")
E("b_done0_b3", ["batch:3"], dict(group_hook=hook_factory(open_reply=R_done(lambda c, m: 0))), desc="OPEN/PUT group -> DONE(0) COST EOT")

DONEH = dict(group_hook=hook_factory(open_reply=R_done(), put_reply=R_done(), other=R_done()))
E("c_done_b1000", ["batch:1000"], dict(DONEH, maxhex=600), desc="1000 rows varchar table, DONE(n) to every ID group")
E("c_done_int20000", ["batchint:20000"], dict(DONEH, maxhex=600), desc="20000 int rows, DONE(n) to every ID group")
E("c_done_b1", ["batch:1"], dict(DONEH), desc="1 row, DONE(n)")
def R_perrow(conn, msgs):
    return b"".join(conn.done(rows=1) + conn.cost() for _ in range(nput(msgs))) + EOT
E("c_perrow_b3", ["batch:3"], dict(group_hook=hook_factory(open_reply=R_perrow, put_reply=R_perrow)), desc="one DONE(1) COST per row")
E("c_done_twice", ["twice:3", "batch:2"], dict(DONEH), desc="two executeBatch on one PS, then a second PS")
E("c_done_ac0", ["ac:0", "batch:3", "commit"], dict(DONEH), desc="autocommit off")
E("c_done_upd", ["upd:2"], dict(DONEH), desc="executeUpdate in IFX_USEPUT mode")

def R_raw(fn):
    return dict(group_hook=hook_factory(open_reply=fn, put_reply=fn, other=R_done(lambda c, m: 0)))
E("d_sum", ["batch:3"], R_raw(lambda c, m: c.done(rows=2) + c.cost() + c.done(rows=5) + c.cost() + EOT), desc="DONE(2) COST DONE(5) COST EOT")
E("d_seven", ["batch:3"], R_raw(lambda c, m: c.done(rows=7) + c.cost() + EOT), desc="DONE(7) for 3 rows")
E("d_err", ["batch:3", "count"], R_raw(lambda c, m: c.err(-239, -100) + EOT), desc="ERR -239/-100 only")
E("d_done_err", ["batch:3", "count"], R_raw(lambda c, m: c.done(rows=1) + c.cost() + c.err(-239, -100) + EOT), desc="DONE(1) COST ERR(-239) EOT")
E("d_err_done", ["batch:3", "count"], R_raw(lambda c, m: c.err(-239, -100) + c.done(rows=1) + EOT), desc="ERR(-239) DONE(1) EOT")
E("d_1000_err500", ["batch:1000", "count"], dict(R_raw(lambda c, m: c.done(rows=500) + c.cost() + c.err(-239, -100) + EOT), maxhex=300), desc="1000 rows, DONE(500) COST ERR(-239)")
E("d_1000_err500_ac0", ["ac:0", "batch:1000", "rollback"], dict(R_raw(lambda c, m: c.done(rows=500) + c.cost() + c.err(-239, -100) + EOT), maxhex=300), desc="ac off, 1000 rows, DONE(500) COST ERR(-239)")
def commit_err(conn, t):
    if t == "SQ_CMMTWORK":
        return conn.err(-239, -100)
    return b""
E("d_commit_err", ["batch:3", "count"], dict(R_raw(lambda c, m: c.done(rows=3) + c.cost() + EOT), txn=commit_err), desc="DONE(3) but COMMIT -> ERR -239")

for _t in TYPMAP:
    E(f"e_typ_{_t}", [f"typ:{_t}:5"], dict(DONEH), desc=f"(int, {TYPMAP[_t]}) 5 rows, DONE(n), DESCRIBE with real widths")
    E(f"f_origdesc_{_t}", [f"typ:{_t}:5"], dict(DONEH, describe_mode="orig"), desc=f"(int, {TYPMAP[_t]}) 5 rows, DONE(n), probeserver's DESCRIBE (tsize=sum(max(enclen,4)))")
E("f_tsize_plus10_dec", ["typ:dec:5"], dict(DONEH, tsize_delta=10), desc="(int, decimal) DESCRIBE tsize+10, colstarts correct")
E("f_pos_plus3_dec", ["typ:dec:5"], dict(DONEH, pos_delta=3), desc="(int, decimal) colstarts +3 each, tsize correct")

for _t in ["d82", "d52", "d164", "d103", "d16", "m82", "m164", "d321", "ch5", "ch1"]:
    E(f"g_dec_{_t}_v", [f"typ:{_t}_v:3"], dict(DONEH), desc=f"(int, {TYPMAP[_t]}, varchar) 3 rows: shows JDBC's decimal width")
    E(f"g_dec_{_t}", [f"typ:{_t}:3"], dict(DONEH), desc=f"(int, {TYPMAP[_t]}) 3 rows fixed path")

E("h_int70000", ["batchint:70000"], dict(DONEH, maxhex=200, timeout=120), desc="70000 int rows (n > 32767)")
E("h_b50000", ["batch:50000"], dict(DONEH, maxhex=200, timeout=120), desc="50000 varchar-table rows")
E("h_int3_eotonly", ["batchint:3"], dict(group_hook=hook_factory(open_reply=R_done(), other=lambda c, m: EOT)), desc="int 3 rows: OPEN->DONE(3), trailing ID group -> bare EOT")
E("h_ac0_close_eot", ["ac:0", "batch:3", "batchint:3", "commit"], dict(group_hook=hook_factory(open_reply=R_done(), other=lambda c, m: EOT)), desc="ac off: CLOSE answered with bare EOT")

E("i_narrow_b3", ["batch:3"], dict(DONEH), NARROW, desc="varchar table 3 rows, features 69/70 off, DONE(n)")
E("i_narrow_int3", ["batchint:3"], dict(DONEH), NARROW, desc="int table 3 rows, features 69/70 off, DONE(n)")
E("i_narrow_eot_b3", ["batch:3"], dict(), NARROW, desc="varchar table 3 rows, features 69/70 off, EOT only (repeat of a_eot_b3_narrow)")

E("j_ch100_40000", ["typ:ch100:40000"], dict(DONEH, maxhex=200, timeout=120), desc="(int, char(100)) 40000 rows: chunking by rows or bytes?")
E("j_ch40000_3", ["typ:ch40000:3"], dict(DONEH, maxhex=200, timeout=120), desc="(int, char(40000)) 3 rows: rowlen > 32767 -> i32?")
E("j_ch40000_v", ["typ:ch40000_v:2"], dict(DONEH, maxhex=200, timeout=120), desc="(int, char(40000), varchar) 2 rows: variable path rowlen > 32767")

def err_on_chunk(k):
    def f(conn, msgs):
        conn.chunk = getattr(conn, "chunk", 0) + 1
        if conn.chunk == k:
            return conn.done(rows=100) + conn.cost() + conn.err(-239, -100) + EOT
        return conn.done(rows=nput(msgs)) + conn.cost() + EOT
    return f
E("k_int70000_err_chunk2", ["batchint:70000"], dict(group_hook=hook_factory(open_reply=err_on_chunk(2), put_reply=err_on_chunk(2), other=err_on_chunk(2)), maxhex=200), desc="70000 ints, 2nd chunk group -> DONE(100) ERR -239")
E("k_int70000_err_chunk1", ["batchint:70000"], dict(group_hook=hook_factory(open_reply=err_on_chunk(1), put_reply=err_on_chunk(1), other=err_on_chunk(1)), maxhex=200), desc="70000 ints, 1st (OPEN) chunk group -> DONE(100) ERR -239")
E("k_int3_err_flush", ["batchint:3"], dict(group_hook=hook_factory(open_reply=err_on_chunk(2), put_reply=err_on_chunk(2), other=err_on_chunk(2))), desc="3 ints, trailing ID-only group -> DONE(100) ERR -239")
LITD = lambda sql: [("integer", "i"), ("varchar(20)", "v"), ("decimal(10,2)", "d")] if "'lit'" in sql or "(i, d)" in sql else None
E("l_lit_desc3", ["sql:3:INSERT INTO put_t VALUES (?, 'lit', ?)"], dict(DONEH, describe_override=LITD, params=lambda s: ["integer", "decimal(10,2)"] if "insert into put_t" in s.lower() else None), desc="2 params, DESCRIBE says 3 table columns")
E("l_lit_desc2", ["sql:3:INSERT INTO put_t VALUES (?, 'lit', ?)"], dict(DONEH, params=lambda s: ["integer", "decimal(10,2)"] if "insert into put_t" in s.lower() else None), desc="2 params, DESCRIBE = the 2 params")
E("l_collist", ["sql:3:INSERT INTO put_t (i, d) VALUES (?, ?)"], dict(DONEH, params=lambda s: ["integer", "decimal(10,2)"] if "insert into put_t" in s.lower() else None), desc="column list (i, d)")
E("l_update", ["sql:3:UPDATE put_i SET i = ? WHERE i = ?"], dict(DONEH), desc="UPDATE batch with IFX_USEPUT=1")
E("m_unlogged", ["batch:3", "batchint:3"], dict(DONEH, dbopen_warn=0), desc="unlogged database (DBOPEN warn 0)")
E("m_str", ["str:2:", "str:1:abcdefghijklmnopqrst", "str:1:abcdefghijklmnopqrstuvwxyz"], dict(DONEH), desc="empty string, 20 chars, 26 chars into varchar(20)")

def first_eot_then_done(conn, msgs):
    conn.g = getattr(conn, "g", 0) + 1
    if conn.g == 1:
        return EOT
    return conn.done(rows=3) + EOT
E("n_int3_done_in_flush", ["batchint:3"], dict(group_hook=hook_factory(open_reply=first_eot_then_done, other=first_eot_then_done)), desc="int 3 rows: OPEN group -> EOT, trailing ID group -> DONE(3) EOT")
E("n_err_commitclose_eot", ["batchint:70000"], dict(group_hook=hook_factory(open_reply=err_on_chunk(2), put_reply=err_on_chunk(2), other=lambda c, m: EOT), maxhex=200), desc="70000 ints, chunk 2 -> DONE(100) ERR; COMMIT+CLOSE group -> bare EOT")
E("n_minimal_b1000", ["batch:1000", "batch:1"], dict(group_hook=hook_factory(open_reply=R_done(cost=False), put_reply=R_done(cost=False), other=lambda c, m: EOT), maxhex=300), desc="minimal replies: DONE(n) EOT to OPEN/PUT groups, EOT to everything else")
E("n_minimal_int70000", ["batchint:70000"], dict(group_hook=hook_factory(open_reply=R_done(cost=False), put_reply=R_done(cost=False), other=lambda c, m: EOT), maxhex=300), desc="minimal replies, 70000 ints")
E("n_minimal_ac0", ["ac:0", "batch:3", "batchint:3", "commit"], dict(group_hook=hook_factory(open_reply=R_done(cost=False), put_reply=R_done(cost=False), other=lambda c, m: EOT)), desc="minimal replies, autocommit off")

def cid_alt(specs):
    def f(conn, stm):
        cols = [P.coltype(x, f"p{i+1}") for i, x in enumerate(specs)]
        return i16(125) + i16(len(cols)) + i16(0) + b"".join(P.idescribe_block(c) for c in cols)
    return f
E("o_idesc_differs", ["batch:3"], dict(DONEH, cidescribe=cid_alt(["integer", "char(10)", "float"])), desc="DESCRIBE (int, varchar(20), decimal(10,2)) but IDESCRIBE (int, char(10), float)")
E("o_idesc_differs_fixed", ["typ:dec:3"], dict(DONEH, cidescribe=cid_alt(["integer", "float"])), desc="DESCRIBE (int, decimal(10,2)) but IDESCRIBE (int, float)")
E("o_desc_varchar_vs_char", ["typ:char:3"], dict(DONEH, describe_override=lambda sql: [("integer", "i"), ("varchar(10)", "c")] if "put_char" in sql else None), desc="DESCRIBE (int, varchar(10)), IDESCRIBE (int, char(10))")

# ---- an emulated insert cursor: decode rows by the DESCRIBE types, unique index on column 1 ----
def decode_row(cols, data):
    """cols: list of Col from params(); returns list of python values; raises on framing error."""
    out, k = [], 0
    for c in cols:
        b = c.ctype & 0xFF
        if b == 2:
            v = int.from_bytes(data[k:k + 4], "big", signed=True); k += 4
            out.append(None if v == -0x80000000 else v)
        elif b == 13:
            n = data[k]; v = data[k + 1:k + 1 + n]; k += 1 + n
            out.append(None if (n == 1 and v == b"\0") else v.decode())
        elif b == 5:
            w = (c.enclen >> 8) + ((c.enclen & 0xFF) & 1) + 3
            w //= 2
            v = data[k:k + w]; k += w
            out.append(None if v[0] == 0 else v.hex())
        else:
            raise ValueError("type %d not emulated" % b)
    if k != len(data):
        raise ValueError(f"row length mismatch {k} != {len(data)}")
    return out

class Emu:
    def __init__(self):
        self.committed, self.pending = [], []
    def keys(self):
        return {r[0] for r in self.committed + self.pending if r[0] is not None}
    def add(self, row):
        self.pending.append(row)

def emu_put(conn, msgs):
    emu = conn.cfg["emu"]
    sid = msgs[0][1]["id"]
    stm = conn.stmts[sid]
    cols = stm["params"]
    done, err = 0, None
    keys = emu.keys()
    for n, f in msgs:
        if n != "TAG17" or err:
            continue
        for hx in (f.get("allrows") or []):
            row = decode_row(cols, bytes.fromhex(hx))
            if row[0] is not None and row[0] in keys:
                err = (-239, -100); break
            emu.pending.append(row); keys.add(row[0]); done += 1
    out = conn.done(rows=done)
    if err:
        out += conn.err(*err)
    return out + EOT

def emu_txn(conn, t):
    emu = conn.cfg["emu"]
    if t == "SQ_CMMTWORK":
        emu.committed += emu.pending; emu.pending = []
    elif t == "SQ_RBWORK":
        emu.pending = []
    return b""

def emu_rows(cfg):
    def rows(sql):
        if "count(*) from put_t" in sql.lower():
            emu = cfg["emu"]
            return 2, [B.c_int("n")], [[len(emu.committed) + len(emu.pending)]]
        return None
    return rows

def emu_cfg():
    cfg = dict(group_hook=hook_factory(open_reply=emu_put, put_reply=emu_put, other=lambda c, m: EOT), txn=emu_txn, emu=Emu(), maxhex=200, keep_rows=True)
    cfg["rows"] = emu_rows(cfg)
    return cfg
E("z_emu_b1", ["batch:1", "count"], emu_cfg(), desc="emulated insert cursor: 1 row")
E("z_emu_b3", ["batch:3", "count"], emu_cfg(), desc="emulated insert cursor: 3 rows")
E("z_emu_b1000", ["batch:1000", "count"], emu_cfg(), desc="emulated insert cursor: 1000 rows")
E("z_emu_dup500", ["batchdup:1000:500", "count"], emu_cfg(), desc="emulated: row 500 duplicates row 0 (unique on i), autocommit")
E("z_emu_dup500_ac0_rb", ["ac:0", "batchdup:1000:500", "count", "rollback", "count"], emu_cfg(), desc="emulated: dup at 500, autocommit off, then rollback")
E("z_emu_int70000", ["batchint:70000"], dict(emu_cfg(), rows=lambda sql: (2, [B.c_int("n")], [[0]]) if "count(*) from put_i" in sql.lower() else None), desc="emulated: 70000 ints (3 chunk groups + empty flush group)")

E("p_empty", ["empty"], dict(DONEH), desc="executeBatch with no addBatch")


def run(name, exp):
    logdir = os.path.join(OUT, "logs", name)
    srv = P.Server(exp["cfg"], logdir, protocols=exp["protocols"] or B.IDS15_MASK.hex())
    url = (f"jdbc:informix-sqli://127.0.0.1:{srv.port}/testdb:INFORMIXSERVER=informix;"
           f"user=informix;password=in4mix" + exp["url_extra"])
    cmd = ["java", "-cp", f"{JAR}:{BSON}:{HERE}", "PP", url] + exp["steps"]
    t0 = time.time()
    try:
        cp = subprocess.run(cmd, capture_output=True, text=True, timeout=exp["cfg"].get("timeout", 40))
        cout, cerr, rc = cp.stdout, cp.stderr, cp.returncode
    except subprocess.TimeoutExpired as e:
        cout = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        cerr, rc = "TIMEOUT", "timeout"
    time.sleep(0.2)
    srv.close()
    lines = [f"# {name}: {exp['desc']}  steps={exp['steps']} url+={exp['url_extra']!r} rc={rc} {time.time()-t0:.1f}s"]
    lines += ["  | " + l for l in cout.splitlines()]
    if cerr.strip(): lines += ["  ! " + l for l in cerr.splitlines()[:20]]
    after, hk = False, False
    t_open = 0
    maxhex = exp["cfg"].get("maxhex", 4000)
    for ev in srv.events:
        msgs = ev.get("msgs") or []
        names = [m[0] for m in msgs]
        if "SQ_DBOPEN" in names:
            after = True; t_open = ev["t"]
        if not after: continue
        for n, f in msgs:
            if n == "SQ_PREPARE" and ("GL_COLLATE" in f["sql"] or "' VERSION'" in f["sql"]):
                hk = True
        if hk:
            if "SQ_RELEASE" in names: hk = False
            continue
        c2s = ev["c2s"]
        if len(c2s) > maxhex:
            c2s = c2s[:maxhex] + f"...({len(ev['c2s'])//2} bytes)"
        ms = [(n_, {k: v for k, v in f_.items() if k != "allrows"}) for n_, f_ in msgs]
        if len(ms) > 14:
            ms = ms[:8] + [("...", {"omitted": len(ms) - 12})] + ms[-4:]
        summary = {}
        for n in names:
            summary[n] = summary.get(n, 0) + 1
        lines.append(f"C>S {c2s}\n    = [+{ev['t']-t_open:.2f}s] {len(ev['c2s'])//2}B {summary}\n    {ms}\nS>C {ev['s2c']}  ({ev['what']})")
    txt = "\n".join(lines) + "\n"
    os.makedirs(OUT, exist_ok=True)
    open(os.path.join(OUT, name + ".txt"), "w").write(txt)
    return txt


if __name__ == "__main__":
    args = sys.argv[1:]
    for n, e in EXPS.items():
        if args and not any(n.startswith(a) for a in args): continue
        print(run(n, e))
