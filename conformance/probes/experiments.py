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
