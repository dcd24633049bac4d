"""Experiment table for run_probes.py (one config per black-box question)."""
from __future__ import annotations

import re

import probeserver as P
from probeserver import i16, i32, i64, EOT

B = P.B

# ------------------------------------------------------------------ params
PM_TYPES = {
    "integer": "integer", "bigint": "bigint", "varchar": "varchar(20)",
    "decimal": "decimal(12,2)", "datetime": "datetime year to fraction(5)",
    "date": "date", "boolean": "boolean", "float": "float",
    "smallint": "smallint", "int8": "int8", "char": "char(10)", "lvarchar": "lvarchar(100)",
    "money": "money(8,2)", "smallfloat": "smallfloat", "dtsec": "datetime year to second",
    "nvarchar": "nvarchar(20)", "nchar": "nchar(10)",
    "intervalds": "interval day(3) to second", "intervalym": "interval year to month",
}


def params(sql: str):
    s = " ".join(sql.lower().split())
    m = re.search(r"pm_([a-z0-9]+)_", s)
    if m:
        return [PM_TYPES[m.group(1)]]
    if s.startswith("insert into probe_t "):
        return ["integer", "varchar(20)"]
    if s.startswith("update probe_t set name = ? where id = ?"):
        return ["varchar(20)", "integer"]
    if s.startswith("delete from probe_t where id = ?"):
        return ["integer"]
    if "from systables where tabid = ?" in s:
        return ["integer"]
    if s.startswith("insert into probe_serial"):
        return ["varchar(20)"]
    return None


def rows(sql: str):
    s = " ".join(sql.lower().split())
    if "from systables where tabid = ?" in s:
        return 2, [B.c_varchar("tabname", 128)], [["systables"]]
    m = re.match(r"select (?:id|id, name) from probe_rows(\d+)", s)
    if m:
        n = int(m.group(1))
        if s.startswith("select id, name"):
            return 2, [B.c_int("id"), B.c_varchar("name", 20)], [[k, f"r{k}"] for k in range(1, n + 1)]
        return 2, [B.c_int("id")], [[k] for k in range(1, n + 1)]
    if "from probe_slow" in s:
        return 2, [B.c_decimal("(count(*))", 15, 0)], [[1]]
    return None


BASE = {"params": params, "rows": rows}


def cfg(**kw):
    d = dict(BASE)
    d.update(kw)
    return d


# ------------------------------------------------------- CIDESCRIBE replies
def blocks(stm, names=False):
    return b"".join(P.idescribe_block(c, names) for c in stm["params"])


def cid_a(conn, stm):            # 00 7d n 0 blocks
    return i16(125) + i16(len(stm["params"])) + i16(0) + blocks(stm)


def cid_a_swapped(conn, stm):    # 00 7d 0 n blocks
    return i16(125) + i16(0) + i16(len(stm["params"])) + blocks(stm)


def cid_a_nn(conn, stm):         # 00 7d n n blocks
    n = len(stm["params"])
    return i16(125) + i16(n) + i16(n) + blocks(stm)


def cid_b_describe(conn, stm):   # SQ_DESCRIBE (tag 8) with the params as columns
    return conn.describe(stm["st"], 0, stm["params"])


def cid_b_describe_done(conn, stm):
    return conn.describe(stm["st"], 0, stm["params"]) + conn.done() + conn.cost()


def cid_c_idesc_describe_body(conn, stm):  # 00 7d + DESCRIBE body
    return i16(125) + conn.describe(stm["st"], 0, stm["params"])[2:]


def cid_d_err(conn, stm):
    return conn.err(-201, 0, 0)


def cid_bare(conn, stm):
    return b""


def cid_a_done(conn, stm):       # IDESCRIBE + DONE + COST
    return cid_a(conn, stm) + conn.done() + conn.cost()


def cid_a_wrongtypes(conn, stm):  # claims every parameter is CHAR(10)
    n = len(stm["params"])
    c = P.coltype("char(10)")
    return i16(125) + i16(n) + i16(0) + b"".join(P.idescribe_block(c) for _ in range(n))


def cid_a_fewer(conn, stm):      # describes one parameter less than there are ?s
    ps = stm["params"][:-1]
    return i16(125) + i16(len(ps)) + i16(0) + b"".join(P.idescribe_block(c) for c in ps)


def cid_notnull(conn, stm):      # type | 0x100 (NOT NULL flag)
    out = i16(125) + i16(len(stm["params"])) + i16(0)
    for c in stm["params"]:
        c2 = B.Col(c.name, c.ctype | 0x100, c.enclen, c.encode, c.xid, c.xname)
        out += P.idescribe_block(c2)
    return out


def describe_insert_cols_and_bare(conn, stm):
    return b""


EXPERIMENTS = {}


def E(name, desc, steps, c=None, **kw):
    EXPERIMENTS[name] = dict(desc=desc, steps=steps, cfg=c if c is not None else cfg(), **kw)


# ---------------------------------------------------------------- Q1 reply forms
E("q1_a_n0", "CIDESCRIBE -> 00 7d n 0 + per-param blocks (FINDINGS §6)", ["ins2"], cfg(cidescribe=cid_a))
E("q1_a_swapped", "CIDESCRIBE -> 00 7d 0 n + blocks", ["ins2"], cfg(cidescribe=cid_a_swapped))
E("q1_a_nn", "CIDESCRIBE -> 00 7d n n + blocks", ["ins2"], cfg(cidescribe=cid_a_nn))
E("q1_b_describe", "CIDESCRIBE -> SQ_DESCRIBE (tag 8) with params as columns", ["ins2"],
  cfg(cidescribe=cid_b_describe), timeout=30)
E("q1_b_describe_done", "CIDESCRIBE -> SQ_DESCRIBE + DONE + COST", ["ins2"],
  cfg(cidescribe=cid_b_describe_done), timeout=30)
E("q1_c_idesc_describe_body", "CIDESCRIBE -> 00 7d + DESCRIBE body", ["ins2"],
  cfg(cidescribe=cid_c_idesc_describe_body), timeout=30)
E("q1_d_err", "CIDESCRIBE -> SQ_ERR -201", ["ins2"], cfg(cidescribe=cid_d_err))
E("q1_e_bare", "CIDESCRIBE -> bare 00 0c", ["ins2"], cfg(cidescribe=cid_bare))
E("q1_e_bare_describecols", "PREPARE DESCRIBE lists the params as columns; CIDESCRIBE -> bare 00 0c",
  ["ins2"], cfg(cidescribe=cid_bare, describe_params=True))
E("q1_a_describecols", "PREPARE DESCRIBE lists the params as columns; CIDESCRIBE -> 00 7d n 0",
  ["ins2"], cfg(cidescribe=cid_a, describe_params=True))
E("q1_a_done", "CIDESCRIBE -> IDESCRIBE + DONE + COST", ["ins2"], cfg(cidescribe=cid_a_done))
E("q1_a_wrongtypes", "CIDESCRIBE claims CHAR(10) for both params", ["ins2"], cfg(cidescribe=cid_a_wrongtypes))
E("q1_a_fewer", "CIDESCRIBE describes 1 of 2 params", ["ins2"], cfg(cidescribe=cid_a_fewer))
E("q1_a_notnull", "CIDESCRIBE types with 0x100 (NOT NULL) flag", ["ins2"], cfg(cidescribe=cid_notnull))
E("q1_flows", "SELECT/UPDATE/DELETE with ? (default IDESCRIBE)", ["selparam", "upd", "del"], cfg(cidescribe=cid_a))
E("q1_noparams_ps", "prepareStatement without ?: INSERT literal and SELECT", [
    "prep:INSERT INTO probe_t VALUES (1, 'a')", "selectps:SELECT id FROM probe_rows3"], cfg(cidescribe=cid_a))
for t in ["integer", "bigint", "varchar", "decimal", "datetime", "date", "boolean", "float",
          "smallint", "int8", "char", "lvarchar", "money", "smallfloat", "dtsec", "nvarchar", "nchar",
          "intervalds", "intervalym"]:
    E(f"q1_matrix_{t}", f"BIND per setter for a {PM_TYPES[t]} parameter", [f"matrix:{t}"], cfg(cidescribe=cid_a))


# ------------------------------------------------------- zero-parameter statements
def cid_zero_short(conn, stm):   # 00 7d 00 00 (no second word)
    if stm["params"] and "?" in stm["sql"]:
        return cid_a(conn, stm)
    return i16(125) + i16(0)


def cid_zero_long(conn, stm):    # 00 7d 00 00 00 00
    if stm["params"] and "?" in stm["sql"]:
        return cid_a(conn, stm)
    return i16(125) + i16(0) + i16(0)


def cid_zero_bare(conn, stm):
    if stm["params"] and "?" in stm["sql"]:
        return cid_a(conn, stm)
    return b""


def noparams(sql):
    return params(sql) if "?" in sql else []


for nm, fn in [("short", cid_zero_short), ("long", cid_zero_long), ("bare", cid_zero_bare)]:
    E(f"q1_zero_{nm}", f"prepared statements without ?: CIDESCRIBE reply {nm}", [
        "prep:INSERT INTO probe_t VALUES (1, 'a')", "selectps:SELECT id FROM probe_rows3",
        "selparam"], cfg(cidescribe=fn, params=noparams))


# ---------------------------------------------------------------- Q2 end of data
for eod in ["done_with_last", "split_done", "err100", "close", "err100_with_last", "close_with_last", "never"]:
    E(f"q2_{eod}", f"10 rows, 4 tuples per NFETCH reply, end signalled by {eod}",
      ["select:SELECT id FROM probe_rows10", "select:SELECT id, name FROM probe_rows10"],
      cfg(per_group=4, eod=eod), timeout=30)
E("q2_done_rows0", "10 rows, 4 per reply, last reply TUPLE* DONE(rows=0) COST", ["select:SELECT id FROM probe_rows10"],
  cfg(per_group=4, eod="done_with_last", done_rows=0))
E("q2_oversize", "3000 rows (int) in ONE reply (36 KB > NFETCH 4096) + DONE", ["select:SELECT id FROM probe_rows3000"],
  cfg(eod="done_with_last"))
E("q2_oversize_split", "3000 rows in ONE reply, DONE on the next NFETCH", ["select:SELECT id FROM probe_rows3000"],
  cfg(eod="split_done"))
E("q2_zero_rows", "0 rows: first reply DONE COST", ["select:SELECT id FROM probe_rows0", "select:SELECT id, name FROM probe_rows0"],
  cfg(eod="done_with_last"))
E("q2_zero_rows_err100", "0 rows: first reply SQ_ERR 100", ["select:SELECT id FROM probe_rows0", "select:SELECT id, name FROM probe_rows0"],
  cfg(eod="err100"))
E("q2_prepared", "PreparedStatement SELECT 10 rows 4 per reply, split_done", ["selectps:SELECT id FROM probe_rows10"],
  cfg(per_group=4, eod="split_done", params=noparams, cidescribe=cid_zero_short))


# ---------------------------------------------------------------- Q3 transactions
TXN_STEPS = ["autocommit:false", "update:INSERT INTO probe_t VALUES (7, 'x')", "update:INSERT INTO probe_t VALUES (8, 'y')",
             "commit", "update:INSERT INTO probe_t VALUES (9, 'z')", "rollback", "commit", "rollback",
             "update:INSERT INTO probe_t VALUES (10, 'w')", "autocommit:true", "update:INSERT INTO probe_t VALUES (11, 'v')",
             "commit"]


def xs(ev, new, old):
    return i16(99) + i16(ev) + i16(new) + i16(old)


E("q3_logged_plain", "DBOPEN warn 5 (logged); BEGIN/COMMIT/ROLLBACK answered 00 0c", TXN_STEPS, cfg())
E("q3_nolog", "DBOPEN warn 0 (not logged)", TXN_STEPS, cfg(dbopen_warn=0))
E("q3_ansi", "DBOPEN warn 7 (logged + ANSI bit?)", TXN_STEPS, cfg(dbopen_warn=7))
E("q3_warn1", "DBOPEN warn 1", TXN_STEPS, cfg(dbopen_warn=1))
E("q3_warn4", "DBOPEN warn 4", TXN_STEPS, cfg(dbopen_warn=4))
E("q3_xact_begin", "XACTSTAT(1,1,0) after BEGIN, (2,0,1) after COMMIT, (3,0,1) after ROLLBACK",
  TXN_STEPS, cfg(xactstat={"SQ_BEGIN": xs(1, 1, 0), "SQ_CMMTWORK": xs(2, 0, 1), "SQ_RBWORK": xs(3, 0, 1)}))
E("q3_xact_zero", "XACTSTAT(0,0,0) in every txn reply", TXN_STEPS,
  cfg(xactstat={"SQ_BEGIN": xs(0, 0, 0), "SQ_CMMTWORK": xs(0, 0, 0), "SQ_RBWORK": xs(0, 0, 0)}))
E("q3_xact_exec", "XACTSTAT(1,1,0) in every DML/EXECUTE reply and prepare reply", TXN_STEPS,
  cfg(xactstat={"exec": xs(1, 1, 0), "prepare": xs(1, 1, 0)}))
E("q3_xact_dbopen", "XACTSTAT(0,0,0) in the DBOPEN reply", TXN_STEPS, cfg(xactstat={"dbopen": xs(0, 0, 0)}))
E("q3_xact_weird", "XACTSTAT(-1,7,9) after BEGIN", TXN_STEPS, cfg(xactstat={"SQ_BEGIN": xs(-1, 7, 9)}))


def txn_err_begin(conn, t):
    return conn.err(-201) if t == "SQ_BEGIN" else b""


def txn_err_commit(conn, t):
    return conn.err(-255) if t != "SQ_BEGIN" else b""


E("q3_begin_err201", "BEGIN answered SQ_ERR -201", TXN_STEPS, cfg(txn=txn_err_begin))
E("q3_commit_err255", "COMMIT/ROLLBACK answered SQ_ERR -255", TXN_STEPS, cfg(txn=txn_err_commit))
E("q3_ps_txn", "autocommit false then PreparedStatement insert, commit",
  ["autocommit:false", "ins2", "commit", "select:SELECT id FROM probe_rows3", "commit", "autocommit:true"], cfg())


# ---------------------------------------------------------------- Q5 cancel
E("q5_cancel", "Statement.cancel() 1.5 s into a held SELECT; reply SQ_ERR -213/-157 after the interrupt",
  ["cancel", "select:SELECT id FROM probe_rows3"], cfg(), timeout=60)
E("q5_timeout", "setQueryTimeout(2) on a held SELECT", ["timeout:2", "select:SELECT id FROM probe_rows3"], cfg(), timeout=60)
E("q5_cancel_idle", "cancel() with nothing running", ["cancelidle", "select:SELECT id FROM probe_rows3"], cfg(), timeout=30)


# ---------------------------------------------------------------- Q4 rows affected / serial
def int8_bytes(v):
    """INT8 10-byte form: i16 sign, u32 low, u32 high (FINDINGS §7)."""
    import struct
    if v == 0:
        return struct.pack("!hII", 0, 0, 0)
    s = 1 if v > 0 else -1
    a = abs(v)
    return struct.pack("!hII", s, a & 0xFFFFFFFF, a >> 32)


def exec_serial(rows=1, rowid=0x101, serial=77, insertdone=None, after=False):
    def hook(conn, stm):
        if not stm["sql"].lower().startswith("insert into probe_serial"):
            return None
        d = conn.done(rows=rows, rowid=rowid, serial=serial) + conn.cost()
        if insertdone is None:
            return d
        return (d + insertdone) if after else (insertdone + d)
    return hook


SERIAL_STEPS = ["serial:INSERT INTO probe_serial VALUES (0, 'x')",
                "serialgk:INSERT INTO probe_serial VALUES (0, 'x')",
                "serialps:INSERT INTO probe_serial VALUES (0, ?)"]
E("q4_serial", "INSERT: DONE rows=3 rowid=0x101 serial=77", SERIAL_STEPS, cfg(exec=exec_serial(rows=3)))
ID_S8 = i16(94) + int8_bytes(4294967301) + i64(123456789012)
E("q4_insertdone", "INSERT: SQ_INSERTDONE(int8 4294967301, bigint 123456789012) before DONE(rows 1, serial 77)",
  SERIAL_STEPS, cfg(exec=exec_serial(insertdone=ID_S8)))
E("q4_insertdone_after", "INSERT: DONE then SQ_INSERTDONE", SERIAL_STEPS,
  cfg(exec=exec_serial(insertdone=ID_S8, after=True)))
E("q4_insertdone10", "INSERT: SQ_INSERTDONE with only the 10-byte INT8 (no bigint)", SERIAL_STEPS[:1],
  cfg(exec=exec_serial(insertdone=i16(94) + int8_bytes(4294967301))), timeout=20)


# ---------------------------------------------------------------- Q6 errors
ERRS = {
    "selec 1": (-201, 0, 7, b""),
    "select * from no_such_table": (-206, -111, 14, b"no_such_table"),
    "select * from no_near_table": (-206, -111, 14, b""),
    "select * from x201near": (-201, 0, 7, b"SELEC"),
    "select * from unknown_code": (-9999, 0, 0, b"foo"),
    "select * from isam_only": (-244, -154, 0, b"probe_t"),
    "select nosuchcol from probe_t": (-217, 0, 7, b"nosuchcol"),
    "select * from big_unknown": (-31999, 0, 0, b"foo"),
}
EXEC_ERRS = {
    "insert into dup_t": (-239, -100, 0, b""),
    "insert into dup_near_t": (-239, -100, 0, b"dup_near_t"),
    "insert into u_t": (-268, -100, 0, b"informix.u123_45"),
    "insert into u_nonear_t": (-268, -100, 0, b""),
    "insert into nn_t": (-391, 0, 0, b"nn_t.name"),
}


def prep_err(conn, sql):
    s = " ".join(sql.lower().split())
    for k, v in ERRS.items():
        if s.startswith(k):
            return conn.err(*v)
    return None


def exec_err(conn, stm):
    s = " ".join(stm["sql"].lower().split())
    for k, v in EXEC_ERRS.items():
        if s.startswith(k):
            return conn.err(*v)
    return None


E("q6_sqlcode0", "SQ_ERR with sqlcode 0 (isam -111) at PREPARE", ["select:select * from positive_code"],
  cfg(prepare_err=lambda conn, sql: conn.err(0, -111, 0, b"foo")), timeout=15)
E("q6_errors", "SQ_ERR variants at PREPARE (executeQuery) and at EXECUTE (executeUpdate)",
  [f"select:{k.upper() if k.startswith('selec ') else k}" for k in ERRS] +
  [f"update:{k} VALUES (1)" for k in EXEC_ERRS] + ["select:SELECT id FROM probe_rows3"],
  cfg(prepare_err=prep_err, exec=exec_err))


# ---------------------------------------------------------------- Q5 extras
def slow_ignore(wait_after):
    """Hold the reply; after the OOB byte keep watching wait_after seconds, then answer normally."""
    def hook(conn, stm, names):
        import time as _t
        got = conn.wait_for_interrupt(30.0)
        conn.ev["interrupt"] = got
        t0 = _t.time()
        more = []
        while _t.time() - t0 < wait_after:
            r = conn.wait_for_interrupt(wait_after - (_t.time() - t0))
            if r == "timeout":
                break
            more.append(f"{r}@+{_t.time() - t0:.1f}s")
            if r == "client closed":
                conn.ev["after_interrupt"] = more
                return
        conn.ev["interrupt"] = got + " then " + (", ".join(more) or f"nothing for {wait_after}s")
        out = conn.tuple_(stm["cols"], [1]) + conn.done(rows=1) + conn.cost() + EOT
        conn.send(out, "normal result despite interrupt")
    return hook


E("q5_cancel_ignored", "cancel(); server ignores the OOB byte for 10 s, then sends the normal result",
  ["cancel", "select:SELECT id FROM probe_rows3"], cfg(slow=slow_ignore(10.0)), timeout=60)
E("q5_cancel_ignored_now", "cancel(); server answers the normal result right after the OOB byte",
  ["cancel", "select:SELECT id FROM probe_rows3"], cfg(slow=slow_ignore(0.0)), timeout=60)


# ---------------------------------------------------------------- Q6 extras: -201 message text
def prep_err201(conn, sql):
    m = re.search(r"off(\d+)", sql)
    near = re.search(r"near_(\w+)", sql)
    if m:
        return conn.err(-201, 0, int(m.group(1)), near.group(1).encode() if near else b"")
    return None


E("q6_201", "-201 with different offsets / near texts",
  ["select:select * from off0", "select:select * from off1", "select:select * from off14 x",
   "select:select * from off20 near_abc", "update:create table off3 (a int)"],
  cfg(prepare_err=prep_err201))

# ---------------------------------------------------------------- Q4 extra: INSERT describes a SERIAL column
def rows_serial(sql):
    s = " ".join(sql.lower().split())
    if s.startswith("insert into probe_serial"):
        return 6, [B.c_serial("id"), B.c_varchar("name", 20)], []
    return rows(sql)


E("q4_serial_described", "INSERT's DESCRIBE lists (id SERIAL, name VARCHAR(20)); DONE serial 77",
  SERIAL_STEPS, cfg(exec=exec_serial(rows=1), rows=rows_serial, describe_params=False))


def exec_err_all_inserts(conn, stm):
    if stm["sql"].lower().startswith("insert"):
        return conn.err(-239, -100, 0, b"")
    return None


E("q6_commit_after_error", "autocommit, logged DB: EXECUTE errors -239; COMMIT answered -255",
  ["update:INSERT INTO probe_t VALUES (1, 'a')", "ins2", "select:SELECT id FROM probe_rows3"],
  cfg(exec=exec_err_all_inserts, txn=lambda conn, t: conn.err(-255) if t == "SQ_CMMTWORK" else b""))
E("q6_commit_after_error_ok", "autocommit, logged DB: EXECUTE errors -239; COMMIT answered 00 0c",
  ["update:INSERT INTO probe_t VALUES (1, 'a')", "ins2", "select:SELECT id FROM probe_rows3"],
  cfg(exec=exec_err_all_inserts))
E("q6_commit_after_error_nolog", "autocommit, NON-logged DB (warn 0): EXECUTE errors -239",
  ["update:INSERT INTO probe_t VALUES (1, 'a')", "ins2"], cfg(exec=exec_err_all_inserts, dbopen_warn=0))


E("q2_close_timing", "when are CLOSE and RELEASE sent: rows read at 0 s, rs.close() at +1 s, st.close() at +2 s",
  ["selecttimed:SELECT id FROM probe_rows10", "selecttimed:SELECT id, name FROM probe_rows10"],
  cfg(per_group=4, eod="done_with_last"))
E("q2_close_timing_close", "as q2_close_timing, server ends with SQ_CLOSE after the last tuples",
  ["selecttimed:SELECT id FROM probe_rows10"], cfg(per_group=4, eod="close_with_last"))
E("q2_close_timing_ps", "PreparedStatement: rows read at 0 s, rs.close() +1 s, re-execute +2 s, ps.close() +3 s",
  ["selectpstimed:SELECT id FROM probe_rows10"],
  cfg(per_group=4, eod="done_with_last", params=noparams, cidescribe=cid_zero_short))


# ---------------------------------------------------------------- Q1 extra: flag word bit 0
def cid_flag1_names(conn, stm):
    ps = stm["params"]
    return i16(125) + i16(len(ps)) + i16(1) + i16(0) + b"".join(P.idescribe_block(c, names=True) for c in ps)


def cid_flag1_names_x(conn, stm):   # names + one extra byte between params
    ps = stm["params"]
    body = i16(125) + i16(len(ps)) + i16(1) + i16(0)
    for k, c in enumerate(ps):
        body += P.idescribe_block(c, names=True)
        if k < len(ps) - 1:
            body += b"\0"
    return body + b"\0"


E("q1_flag1_names", "00 7d n 0001 0000 + per param CHAR name + block", ["ins2"], cfg(cidescribe=cid_flag1_names), timeout=15)
E("q1_flag1_names_x", "00 7d n 0001 0000 + per param CHAR name + block, 1 byte between params", ["ins2"],
  cfg(cidescribe=cid_flag1_names_x), timeout=15)

# ---------------------------------------------------------------- Q3 extra: close with open transaction
E("q3_close_open_txn", "setAutoCommit(false), INSERT, then Connection.close()",
  ["autocommit:false", "update:INSERT INTO probe_t VALUES (7, 'x')"], cfg())
E("q3_close_open_txn_xact", "as q3_close_open_txn, SQ_EXIT answered XACTSTAT + 00 38",
  ["autocommit:false", "update:INSERT INTO probe_t VALUES (7, 'x')"], cfg(exit_reply=xs(2, 0, 1) + i16(56)))


# ---------------------------------------------------------------- Q7 generated keys: message 134
# prepareStatement(sql, RETURN_GENERATED_KEYS) adds `00 86 00 01` to the PREPARE group. Vary what the
# server answers and watch what JDBC does: a tag JDBC does not know fails with -408, a known one is parsed.
GK_STEPS = ["serialpsgk:INSERT INTO probe_serial (name) VALUES (?)"]


def exec_with(prefix=b"", suffix=b"", rows=1, serial=77):
    def hook(conn, stm):
        if not stm["sql"].lower().startswith("insert into probe_serial"):
            return None
        p = prefix(conn, stm) if callable(prefix) else prefix
        return p + conn.done(rows=rows, rowid=0x101, serial=serial) + conn.cost() + suffix
    return hook


def prep_with(extra_fn, where="end"):
    def hook(conn, stm, names, out):
        if "tag134" not in names:
            return out
        x = extra_fn(conn, stm)
        return x + out if where == "start" else out + x
    return hook


E("q7_gk_plain", "RETURN_GENERATED_KEYS PreparedStatement; 134 ignored, DONE serial 77", GK_STEPS,
  cfg(exec=exec_with()))
E("q7_gk_exec134", "EXECUTE reply starts with a bare `00 86`", GK_STEPS, cfg(exec=exec_with(i16(134))), timeout=20)
E("q7_gk_exec134_1", "EXECUTE reply starts with `00 86 00 01`", GK_STEPS, cfg(exec=exec_with(i16(134) + i16(1))), timeout=20)
E("q7_gk_prep134", "PREPARE reply ends with a bare `00 86`", GK_STEPS,
  cfg(exec=exec_with(), prepare_hook=prep_with(lambda c, s: i16(134))), timeout=20)
E("q7_gk_prep134_start", "PREPARE reply starts with a bare `00 86`", GK_STEPS,
  cfg(exec=exec_with(), prepare_hook=prep_with(lambda c, s: i16(134), "start")), timeout=20)
E("q7_gk_insertdone", "EXECUTE reply: INSERTDONE(5, 6) + DONE serial 77", GK_STEPS,
  cfg(exec=exec_with(i16(94) + int8_bytes(5) + i64(6))))
E("q7_gk_exec_desc_tuple_after", "EXECUTE reply: DONE COST then DESCRIBE(id SERIAL) TUPLE(77)", GK_STEPS,
  cfg(exec=exec_with(suffix=b"", prefix=b"") if False else
      (lambda conn, stm: None if not stm["sql"].lower().startswith("insert into probe_serial") else
       conn.done(rows=1, rowid=0x101, serial=77) + conn.cost() +
       conn.describe(2, 0, [B.c_serial("id")]) + conn.tuple_([B.c_serial("id")], [77]))), timeout=20)

GKC_STEPS = ["serialgk:INSERT INTO probe_serial (name) VALUES ('x')"]


def rows_keydesc(sql):
    s = " ".join(sql.lower().split())
    if s.startswith("insert into probe_serial"):
        return 6, [B.c_serial("id")], []
    return rows(sql)


def tup77(conn, stm):
    return conn.tuple_([B.c_serial("id")], [77])


E("q7_gkc_plain", "executeUpdate(sql, RETURN_GENERATED_KEYS), 134 ignored", GKC_STEPS, cfg(exec=exec_with()))
E("q7_gkc_desc6_tuple", "INSERT DESCRIBE(type 6) lists id SERIAL; EXECUTE reply TUPLE(77) DONE COST", GKC_STEPS,
  cfg(exec=exec_with(tup77), rows=rows_keydesc, describe_params=False), timeout=20)
E("q7_gkc_desc2_tuple", "EXECUTE reply: DESCRIBE(type 2, id SERIAL) TUPLE(77) DONE COST", GKC_STEPS,
  cfg(exec=exec_with(lambda c, s: c.describe(2, 0, [B.c_serial("id")]) + tup77(c, s))), timeout=20)
E("q7_gkc_desc6_tuple_after", "INSERT DESCRIBE lists id SERIAL; EXECUTE reply DONE COST TUPLE(77)", GKC_STEPS,
  cfg(exec=exec_with(suffix=b"", prefix=b"") if False else
      (lambda conn, stm: None if not stm["sql"].lower().startswith("insert into probe_serial") else
       conn.done(rows=1, rowid=0x101, serial=77) + conn.cost() + tup77(conn, stm)),
      rows=rows_keydesc, describe_params=False), timeout=20)


def rows_keydesc2(sql):
    s = " ".join(sql.lower().split())
    if s.startswith("insert into probe_serial"):
        return 2, [B.c_serial("id")], []
    return rows(sql)


E("q7_gkc_desc2p_tuple", "COMMAND reply: DESCRIBE(type 2, id SERIAL) TUPLE(77) DONE COST", GKC_STEPS,
  cfg(exec=exec_with(tup77), rows=rows_keydesc2, describe_params=False), timeout=20)
E("q7_gk_desc2p_tuple", "PREPARE reply DESCRIBE(type 2, id SERIAL); EXECUTE reply TUPLE(77) DONE COST", GK_STEPS,
  cfg(exec=exec_with(tup77), rows=rows_keydesc2, describe_params=False), timeout=20)
E("q7_gk_insertdone_desc", "INSERT DESCRIBE lists id SERIAL; EXECUTE reply INSERTDONE(5, 6) DONE serial 77", GK_STEPS,
  cfg(exec=exec_with(i16(94) + int8_bytes(5) + i64(6)), rows=rows_keydesc, describe_params=False), timeout=20)
E("q7_gkc_insertdone", "COMMAND: INSERTDONE(5, 6) DONE serial 77", GKC_STEPS,
  cfg(exec=exec_with(i16(94) + int8_bytes(5) + i64(6))), timeout=20)


def tag_sweep(tags):
    it = iter(tags)

    def hook(conn, stm):
        if not stm["sql"].lower().startswith("insert into probe_serial"):
            return None
        t = next(it, None)
        if t is None:
            return conn.done(rows=1, rowid=0x101, serial=77) + conn.cost()
        conn.log(f"## sweep tag {t}")
        return i16(t) + conn.done(rows=1, rowid=0x101, serial=77) + conn.cost()
    return hook


import os as _os
SWEEP = [t for t in range(int(_os.environ.get("SWEEP_FROM", "57")), 256) if t not in (94, 99)]
E("q7_sweep", "each INSERT (RETURN_GENERATED_KEYS) answered with `00 <tag>` + DONE COST, tags 57..255",
  ["serialgk:INSERT INTO probe_serial (name) VALUES ('x')"] * len(SWEEP), cfg(exec=tag_sweep(SWEEP)), timeout=300)
E("q7_gkc_tag86", "COMMAND reply: `00 56` then DONE COST (tag 86 is parsed by JDBC in executeCommand)", GKC_STEPS,
  cfg(exec=exec_with(i16(86))), timeout=20)


# Tags 135 and 136 are parsed by JDBC in executeCommand; its trace names them SQ_SGKDESCRIBE and SQ_SGKTUPLE.
def sgk_desc(conn, st=6):
    return i16(135) + conn.describe(st, 0, [B.c_serial("id")])[2:]


def sgk_tuple(conn, v=77):
    return i16(136) + conn.tuple_([B.c_serial("id")], [v])[2:]


E("q7_gkc_sgk_exec", "COMMAND reply: DESCRIBE(6) then SGKDESCRIBE(id SERIAL, body as DESCRIBE) SGKTUPLE(77, body as TUPLE) DONE COST",
  GKC_STEPS, cfg(exec=exec_with(lambda c, s: sgk_desc(c) + sgk_tuple(c))), timeout=20)
E("q7_gk_sgk_exec", "PREPARE; EXECUTE reply: SGKDESCRIBE(id SERIAL) SGKTUPLE(77) DONE COST",
  GK_STEPS, cfg(exec=exec_with(lambda c, s: sgk_desc(c) + sgk_tuple(c))), timeout=20)
E("q7_gk_sgk_prep", "PREPARE reply + SGKDESCRIBE(id SERIAL); EXECUTE reply: SGKTUPLE(77) DONE COST",
  GK_STEPS, cfg(exec=exec_with(lambda c, s: sgk_tuple(c)), prepare_hook=prep_with(lambda c, s: sgk_desc(c))), timeout=20)


# ---------------------------------------------------------------- scroll fetch on a sequential cursor
# Which SQLCODE means "a scroll fetch on a non-scroll cursor"? JDBC's message catalog (IBM's
# message texts) names each code it prints; the server sends the bare code and JDBC formats it.
# A scan of -200..-999 found one text for it: -482 "Invalid operation on a non-SCROLL cursor."
# (-25 is "Not a typewriter", errno ENOTTY).
def prep_err_codes(conn, sql):
    m = re.match(r"select \* from code_(\d+)", " ".join(sql.lower().split()))
    if m:
        return conn.err(-int(m.group(1)), 0, 0, b"c1")
    return None


E("q7_error_texts", "JDBC's catalog text for candidate cursor error codes",
  [f"select:select * from code_{c}" for c in (25, 259, 262, 400, 423, 482, 488, 526, 611)],
  cfg(prepare_err=prep_err_codes), timeout=30)
