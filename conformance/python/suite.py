#!/usr/bin/env python3
"""informix-driver (informix_db) conformance suite for ifxtest (and real Informix).

Prints "PASS name" / "FAIL name: reason" per scenario and finally exactly
"N passed, M failed"; exit status 0 iff M == 0.

Options (or env): --host (IFX_HOST, 127.0.0.1) --port (IFX_PORT, 9088)
--server (IFX_SERVER, informix) --database (IFX_DATABASE, testdb)
--user (IFX_USER, informix) --password (IFX_PASSWORD, in4mix)
--only SUBSTRING, --timeout SECONDS per scenario (IFX_SCENARIO_TIMEOUT, 180)
"""
from __future__ import annotations

import argparse
import datetime as dt
import decimal
import os
import sys
import threading
import traceback

import informix_db

CFG: argparse.Namespace


def connect(**kw):
    args = dict(host=CFG.host, port=CFG.port, user=CFG.user, password=CFG.password,
                database=CFG.database, server=CFG.server, connect_timeout=20, read_timeout=120)
    args.update(kw)
    return informix_db.connect(**args)


class Fail(AssertionError):
    pass


def check(cond, what):
    if not cond:
        raise Fail(what)


def eq(expected, actual, what):
    if expected != actual:
        raise Fail(f"{what}: expected {expected!r} got {actual!r}")


def exec_(conn, sql, params=None):
    cur = conn.cursor()
    try:
        cur.execute(sql, params or ())
        return cur.rowcount
    finally:
        cur.close()


def scalar(conn, sql, params=None):
    cur = conn.cursor()
    try:
        cur.execute(sql, params or ())
        row = cur.fetchone()
        check(row is not None, f"no row from {sql}")
        return row[0]
    finally:
        cur.close()


def drop_if_exists(conn, table):
    try:
        exec_(conn, f"DROP TABLE IF EXISTS {table}")
    except informix_db.Error as e:
        if getattr(e, "sqlcode", None) not in (-206, -201):
            raise
        try:
            exec_(conn, f"DROP TABLE {table}")
        except informix_db.Error as e2:
            if getattr(e2, "sqlcode", None) != -206:
                raise
    conn.commit()


def assert_usable(conn):
    eq(1, scalar(conn, "SELECT 1 FROM systables WHERE tabid = 1"), "connection usable afterwards")


def expect_error(what, fn):
    try:
        fn()
    except informix_db.Error as e:
        return e
    raise Fail(f"{what}: expected an informix_db.Error, none was raised")


def expect_code(e, what, *codes):
    code = getattr(e, "sqlcode", None)
    if code not in codes:
        raise Fail(f"{what}: expected sqlcode {codes} got {code} ({type(e).__name__}: {e})")


SCENARIOS = {}


def scenario(fn):
    SCENARIOS[fn.__name__] = fn
    return fn


# ------------------------------------------------------------------- scenarios
@scenario
def connect_disconnect():
    conn = connect()
    check(not conn.closed, "connection open after connect")
    assert_usable(conn)
    conn.close()
    check(conn.closed, "closed after close()")
    conn.close()  # idempotent


@scenario
def wrong_password_951():
    e = expect_error("wrong password", lambda: connect(password=CFG.password + "_wrong"))
    check(isinstance(e, informix_db.OperationalError), f"expected OperationalError got {type(e).__name__}")
    # informix_db does not decode svcError from a CONREJ (connections._raise_from_rejection):
    # it surfaces the longest printable text of the rejection packet. Accept -951 as sqlcode
    # (future versions) or the server's -951 text inside the message.
    msg = str(e).lower()
    check(getattr(e, "sqlcode", None) == -951 or "951" in msg or "password" in msg,
          f"rejection does not identify -951 / bad password: {e}")


@scenario
def unknown_database_329():
    e = expect_error("unknown database", lambda: connect(database="cp_no_such_database"))
    expect_code(e, "unknown database", -329)


@scenario
def select_literals():
    conn = connect()
    try:
        cur = conn.cursor()
        cur.execute("SELECT 1, 'abc', -7, 2.5, 'x' || 'y' FROM systables WHERE tabid = 1")
        rows = cur.fetchall()
        eq(1, len(rows), "row count")
        r = rows[0]
        eq(1, r[0], "literal 1")
        eq("abc", r[1], "literal 'abc'")
        eq(-7, r[2], "literal -7")
        eq(decimal.Decimal("2.5"), r[3], "literal 2.5")
        eq("xy", r[4], "'x' || 'y'")
        cur.close()
    finally:
        conn.close()


@scenario
def select_systables_first5():
    conn = connect()
    try:
        cur = conn.cursor()
        cur.execute("SELECT FIRST 5 tabname, tabid FROM systables ORDER BY tabid")
        eq(["tabname", "tabid"], [d[0].lower() for d in cur.description], "column names")
        rows = [(str(a).strip(), b) for a, b in cur.fetchall()]
        eq([("systables", 1), ("syscolumns", 2), ("sysindices", 3), ("systabauth", 4), ("syscolauth", 5)],
           rows, "rows")
        cur.close()
    finally:
        conn.close()


TYPES_DDL = ("CREATE TABLE cp_types (id SERIAL, c_smallint SMALLINT, c_int INTEGER, c_bigint BIGINT, "
             "c_int8 INT8, c_smallfloat SMALLFLOAT, c_float FLOAT, c_dec DECIMAL(12,4), c_money MONEY(10,2), "
             "c_char CHAR(10), c_nchar NCHAR(10), c_varchar VARCHAR(40), c_nvarchar NVARCHAR(40), "
             "c_lvarchar LVARCHAR(600), c_bool BOOLEAN, c_date DATE, c_dtf DATETIME YEAR TO FRACTION(5), "
             "c_dts DATETIME YEAR TO SECOND, c_ids INTERVAL DAY TO SECOND, c_iym INTERVAL YEAR TO MONTH)")
TYPES_COLS = ("c_smallint, c_int, c_bigint, c_int8, c_smallfloat, c_float, c_dec, c_money, c_char, c_nchar, "
              "c_varchar, c_nvarchar, c_lvarchar, c_bool, c_date, c_dtf, c_dts, c_ids, c_iym")
D = decimal.Decimal
TYPICAL = (123, 123456, 1234567890123, -987654321012, 1.5, 3.141592653589793, D("12345678.1234"), D("1234.56"),
           "abc", "nch", "hello varchar", "nvarchar", "lvarchar text", True, dt.date(2026, 5, 4),
           dt.datetime(2026, 5, 4, 12, 34, 56, 789010), dt.datetime(2026, 5, 4, 12, 34, 56),
           dt.timedelta(days=5, hours=1, minutes=2, seconds=3), informix_db.IntervalYM(months=30))
EXTREME = (-32767, -2147483647, -9223372036854775807, 9223372036854775807, -0.25, -1.7976931348623157e308,
           D("-99999999.9999"), D("-99999999.99"), "", "z", "", "x", "L" * 300 + "-end", False,
           dt.date(9999, 12, 31), dt.datetime(9999, 12, 31, 23, 59, 59, 999990), dt.datetime(1900, 1, 1, 0, 0, 0),
           -dt.timedelta(days=99, hours=23, minutes=59, seconds=59), informix_db.IntervalYM(months=-(9999 * 12 + 11)))
# NB: informix_db strips the blank padding of CHAR/NCHAR (converters._decode_char), so CHAR(10)
# 'abc' comes back as 'abc' (JDBC returns 'abc       ').


@scenario
def types_roundtrip():
    conn = connect()
    try:
        drop_if_exists(conn, "cp_types")
        exec_(conn, TYPES_DDL)
        conn.commit()
        ins = f"INSERT INTO cp_types (id, {TYPES_COLS}) VALUES (0{', ?' * 19})"
        cur = conn.cursor()
        cur.execute(ins, TYPICAL)
        eq(1, cur.rowcount, "insert typical rowcount")
        cur.execute(ins, EXTREME)
        eq(1, cur.rowcount, "insert extreme rowcount")
        cur.execute(ins, (None,) * 19)
        eq(1, cur.rowcount, "insert NULL rowcount")
        conn.commit()
        cur.execute(f"SELECT {TYPES_COLS}, id FROM cp_types ORDER BY id")
        rows = cur.fetchall()
        eq(3, len(rows), "row count")
        names = [c.strip().split()[0] for c in TYPES_COLS.split(",")]
        for label, want, got in (("typical", TYPICAL, rows[0]), ("extreme", EXTREME, rows[1])):
            for i, (w, g) in enumerate(zip(want, got)):
                if i in (4,):  # SMALLFLOAT: compare as binary32
                    import struct
                    w = struct.unpack("!f", struct.pack("!f", w))[0]
                if w != g:
                    raise Fail(f"{label} {names[i]}: expected {w!r} got {g!r}")
        for i, g in enumerate(rows[2][:19]):
            if g is not None:
                raise Fail(f"NULL row {names[i]} came back as {g!r}")
        eq([1, 2, 3], [r[19] for r in rows], "SERIAL values")
        # literal path, read back with a parameterised SELECT
        cur.execute("INSERT INTO cp_types (id, c_dec, c_varchar, c_date, c_bool) "
                    "VALUES (0, -0.0001, 'lit', '2026-05-04', 't')")
        conn.commit()
        cur.execute("SELECT c_dec, c_varchar, c_date, c_bool FROM cp_types WHERE id = ?", (4,))
        eq([(D("-0.0001"), "lit", dt.date(2026, 5, 4), True)], cur.fetchall(), "literal row")
        cur.close()
        drop_if_exists(conn, "cp_types")
    finally:
        conn.close()


@scenario
def types_utf8_text():
    text = "héllo wörld ✓ 日本語 €"
    conn = connect(client_locale="en_US.utf8", env={"DB_LOCALE": "en_US.utf8"})
    try:
        eq("utf-8", conn.encoding, "connection encoding")
        drop_if_exists(conn, "cp_utf8")
        exec_(conn, "CREATE TABLE cp_utf8 (id INTEGER, c_nchar NCHAR(60), c_varchar VARCHAR(100), "
                    "c_nvarchar NVARCHAR(100), c_lvarchar LVARCHAR(400))")
        cur = conn.cursor()
        cur.execute("INSERT INTO cp_utf8 VALUES (?, ?, ?, ?, ?)", (1, text, text, text, text))
        # (informix_db encodes SQL text as ISO-8859-1 — cursors._build_prepare_pdu — so multibyte
        # text can only travel as parameters with this client)
        cur.execute("INSERT INTO cp_utf8 VALUES (?, ?, ?, ?, ?)", (2, text, text, text, text))
        conn.commit()
        cur.execute("SELECT id, c_nchar, c_varchar, c_nvarchar, c_lvarchar FROM cp_utf8 ORDER BY id")
        eq([(1, text, text, text, text), (2, text, text, text, text)], cur.fetchall(), "multibyte rows")
        cur.execute("SELECT COUNT(*) FROM cp_utf8 WHERE c_varchar = ?", (text,))
        eq(2, cur.fetchone()[0], "rows matching the multibyte parameter")
        cur.close()
        drop_if_exists(conn, "cp_utf8")
    finally:
        conn.close()


@scenario
def large_result_12000_rows():
    conn = connect()
    try:
        drop_if_exists(conn, "cp_big")
        exec_(conn, "CREATE TABLE cp_big (id INTEGER, name VARCHAR(30))")
        cur = conn.cursor()
        # chunks of 2,000: informix_db writes every group of an executemany before reading any
        # reply, so one huge batch can fill both socket buffers against a server that answers
        # synchronously (cursors.executemany docstring recommends chunking too)
        for lo in range(1, 12001, 2000):
            cur.executemany("INSERT INTO cp_big VALUES (?, ?)", [(i, f"name-{i}") for i in range(lo, lo + 2000)])
        conn.commit()
        cur.execute("SELECT id, name FROM cp_big ORDER BY id")
        n = 0
        for row in cur:
            n += 1
            if row != (n, f"name-{n}"):
                raise Fail(f"row {n}: got {row!r}")
        eq(12000, n, "rows returned")
        cur.close()
        drop_if_exists(conn, "cp_big")
    finally:
        conn.close()


@scenario
def transactions_rollback_commit():
    conn = connect()  # autocommit=False (driver default)
    try:
        drop_if_exists(conn, "cp_txn")
        exec_(conn, "CREATE TABLE cp_txn (id INTEGER)")
        conn.commit()
        exec_(conn, "INSERT INTO cp_txn VALUES (1)")
        eq(1, scalar(conn, "SELECT COUNT(*) FROM cp_txn"), "own uncommitted row visible")
        conn.rollback()
        eq(0, scalar(conn, "SELECT COUNT(*) FROM cp_txn"), "rows after rollback")
        exec_(conn, "INSERT INTO cp_txn VALUES (?)", (2,))
        conn.commit()
        conn2 = connect()
        try:
            eq(1, scalar(conn2, "SELECT COUNT(*) FROM cp_txn"), "committed rows seen by 2nd connection")
            eq(2, scalar(conn2, "SELECT id FROM cp_txn"), "committed value")
            conn2.commit()
        finally:
            conn2.close()
        drop_if_exists(conn, "cp_txn")
    finally:
        conn.close()


@scenario
def scroll_cursor():
    # cursor(scrollable=True): SQ_SCROLL at OPEN, one SQ_SFETCH per move
    # (NEXT as ABSOLUTE current+1, LAST for the count); past either end
    # None, no error.
    conn = connect(autocommit=True)
    try:
        drop_if_exists(conn, "cp_scroll")
        exec_(conn, "CREATE TABLE cp_scroll (id INTEGER, v VARCHAR(10))")
        for i in range(1, 8):
            exec_(conn, "INSERT INTO cp_scroll VALUES (?, ?)", (i, f"r{i}"))
        cur = conn.cursor(scrollable=True)
        try:
            cur.execute("SELECT id, v FROM cp_scroll ORDER BY id")
            eq((1, "r1"), tuple(cur.fetchone()), "fetchone")
            eq(2, cur.fetchone()[0], "fetchone again")
            eq(7, cur.fetch_last()[0], "fetch_last")
            eq(None, cur.fetchone(), "fetchone after the last row")
            eq(4, cur.fetch_absolute(3)[0], "fetch_absolute(3) (0-based)")
            eq(3, cur.fetch_prior()[0], "fetch_prior")
            eq(5, cur.fetch_relative(2)[0], "fetch_relative(2)")
            eq(6, cur.fetch_absolute(-2)[0], "fetch_absolute(-2)")
            eq(None, cur.fetch_absolute(99), "fetch_absolute past the end")
            eq(1, cur.fetch_first()[0], "fetch_first")
            eq(None, cur.fetch_prior(), "fetch_prior from the first row")
            cur.scroll(4, mode="absolute")
            eq(5, cur.fetchone()[0], "fetchone after scroll(4, absolute)")
            eq([6, 7], [r[0] for r in cur.fetchall()], "fetchall from there")
        finally:
            cur.close()
        assert_usable(conn)
        drop_if_exists(conn, "cp_scroll")
    finally:
        conn.close()


@scenario
def composite_reads():
    # informix-driver reads ROW/SET/MULTISET/LIST columns as RowValue /
    # CollectionValue holding the text IDS sends, with the type from the
    # DESCRIBE; a ROW's fields are reached with dot notation in SQL.
    conn = connect(autocommit=True)
    try:
        drop_if_exists(conn, "cp_comp")
        exec_(conn, "CREATE TABLE cp_comp (id INTEGER, r ROW(name VARCHAR(20), age INT), "
                    "s SET(INT NOT NULL), m MULTISET(VARCHAR(5) NOT NULL), l LIST(INT NOT NULL))")
        exec_(conn, "INSERT INTO cp_comp VALUES (1, ROW('Ann', 41)::ROW(name VARCHAR(20), age INT), "
                    "SET{3, 1}, MULTISET{'a', 'a'}, LIST{10, 20, 30})")
        exec_(conn, "INSERT INTO cp_comp VALUES (2, NULL, NULL, NULL, NULL)")
        cur = conn.cursor()
        try:
            cur.execute("SELECT r, s, m, l FROM cp_comp ORDER BY id")
            rows = cur.fetchall()
        finally:
            cur.close()
        eq(2, len(rows), "rows")
        r, s, m, l = rows[0]
        eq("RowValue", type(r).__name__, "ROW value type")
        eq(["set", "multiset", "list"], [v.kind for v in (s, m, l)], "collection kinds")
        check(l.raw.replace(b" ", b"") == b"LIST{10,20,30}", f"LIST text {l.raw!r}")
        check(s.raw.replace(b" ", b"") in (b"SET{3,1}", b"SET{1,3}"), f"SET text {s.raw!r}")
        check(b"Ann" in r.raw and b"41" in r.raw, f"ROW text {r.raw!r}")
        eq((None, None, None, None), tuple(rows[1]), "NULL composites")
        eq("Ann", scalar(conn, "SELECT r.name FROM cp_comp WHERE id = 1").strip(), "ROW field by dot notation")
        eq(3, scalar(conn, "SELECT CARDINALITY(l) FROM cp_comp WHERE id = 1"), "CARDINALITY")
        drop_if_exists(conn, "cp_comp")
    finally:
        conn.close()


@scenario
def error_syntax_201():
    conn = connect()
    try:
        e = expect_error("syntax error", lambda: exec_(conn, "SELEC 1 FROM systables"))
        expect_code(e, "syntax error", -201)
        check(isinstance(e, informix_db.ProgrammingError), f"-201 class {type(e).__name__}")
        assert_usable(conn)
    finally:
        conn.close()


@scenario
def error_missing_table_206():
    conn = connect()
    try:
        drop_if_exists(conn, "cp_no_such_table")
        e = expect_error("missing table", lambda: exec_(conn, "SELECT * FROM cp_no_such_table"))
        expect_code(e, "missing table", -206)
        eq("cp_no_such_table", (getattr(e, "near", "") or "").lower(), "near token of -206")
        assert_usable(conn)
    finally:
        conn.close()


@scenario
def error_unique_violation():
    conn = connect()
    try:
        drop_if_exists(conn, "cp_uniq")
        exec_(conn, "CREATE TABLE cp_uniq (id INTEGER PRIMARY KEY, v VARCHAR(10))")
        exec_(conn, "INSERT INTO cp_uniq VALUES (1, 'a')")
        conn.commit()
        e = expect_error("duplicate key", lambda: exec_(conn, "INSERT INTO cp_uniq VALUES (?, ?)", (1, "b")))
        expect_code(e, "duplicate key", -268, -239)
        check(isinstance(e, informix_db.IntegrityError), f"duplicate class {type(e).__name__}")
        conn.rollback()
        assert_usable(conn)
        eq(1, scalar(conn, "SELECT COUNT(*) FROM cp_uniq"), "rows after failed insert")
        drop_if_exists(conn, "cp_uniq")
    finally:
        conn.close()


@scenario
def executemany_1000_serial():
    conn = connect()
    try:
        drop_if_exists(conn, "cp_batch")
        exec_(conn, "CREATE TABLE cp_batch (id SERIAL, n INTEGER, s VARCHAR(20))")
        cur = conn.cursor()
        cur.executemany("INSERT INTO cp_batch (n, s) VALUES (?, ?)", [(k, f"s{k}") for k in range(1, 1001)])
        eq(1000, cur.rowcount, "executemany rowcount")
        conn.commit()
        eq(1000, scalar(conn, "SELECT COUNT(*) FROM cp_batch"), "row count")
        eq(1, scalar(conn, "SELECT MIN(id) FROM cp_batch"), "min serial")
        eq(1000, scalar(conn, "SELECT MAX(id) FROM cp_batch"), "max serial")
        eq(1000, scalar(conn, "SELECT COUNT(DISTINCT id) FROM cp_batch"), "distinct serials")
        eq(500, scalar(conn, "SELECT n FROM cp_batch WHERE id = 500"), "serial follows insert order")
        cur.close()
        drop_if_exists(conn, "cp_batch")
    finally:
        conn.close()


@scenario
def prepared_statement_reuse():
    names = ["systables", "syscolumns", "sysindices", "systabauth", "syscolauth"]
    conn = connect()
    try:
        cur = conn.cursor()
        for _ in range(2):
            for i in (5, 4, 3, 2, 1):
                cur.execute("SELECT tabname, tabid FROM systables WHERE tabid = ?", (i,))
                rows = [(str(a).strip(), b) for a, b in cur.fetchall()]
                eq([(names[i - 1], i)], rows, f"tabid {i}")
        drop_if_exists(conn, "cp_prep")
        exec_(conn, "CREATE TABLE cp_prep (id INTEGER, v VARCHAR(10))")
        for i in (1, 2, 3):
            cur.execute("INSERT INTO cp_prep VALUES (?, ?)", (i, f"v{i}"))
            eq(1, cur.rowcount, f"insert {i}")
        conn.commit()
        eq(6, scalar(conn, "SELECT SUM(id) FROM cp_prep"), "sum of inserted ids")
        eq(1, scalar(conn, "SELECT COUNT(*) FROM cp_prep WHERE v = ? AND id = ?", ("v3", 3)), "last row")
        cur.close()
        drop_if_exists(conn, "cp_prep")
    finally:
        conn.close()


@scenario
def byte_text_roundtrip():
    # informix_db binds bytes as BYTE (SQ_BBIND + SQ_BLOB) and reads BYTE/TEXT
    # descriptors back with SQ_FETCHBLOB before CLOSE.
    small = bytes([0, 1, 2, 255, 4])
    big = bytes((i * 7) & 0xFF for i in range(70000))
    conn = connect()
    try:
        drop_if_exists(conn, "cp_blob")
        exec_(conn, "CREATE TABLE cp_blob (id INTEGER, b BYTE, t TEXT)")
        cur = conn.cursor()
        cur.execute("INSERT INTO cp_blob (id, b) VALUES (?, ?)", (1, small))
        cur.execute("INSERT INTO cp_blob (id, b) VALUES (?, ?)", (2, big))
        cur.execute("INSERT INTO cp_blob (id, b, t) VALUES (?, ?, ?)", (3, None, None))
        cur.execute("INSERT INTO cp_blob (id, t) VALUES (?, ?)", (4, b"text as bytes"))
        conn.commit()
        cur.execute("SELECT id, b, t FROM cp_blob ORDER BY id")
        rows = cur.fetchall()
        eq(4, len(rows), "rows")
        eq(small, bytes(rows[0][1]), "row 1 BYTE")
        check(bytes(rows[1][1]) == big, "row 2 BYTE of 70000 bytes")
        eq(None, rows[2][1], "row 3 BYTE NULL")
        eq(None, rows[2][2], "row 3 TEXT NULL")
        t = rows[3][2]
        eq("text as bytes", t.decode() if isinstance(t, (bytes, bytearray)) else t, "row 4 TEXT")
        cur.close()
        assert_usable(conn)
        drop_if_exists(conn, "cp_blob")
    finally:
        conn.close()


@scenario
def fast_path_call_builtin():
    # informix_db.fast_path_call: SQ_GETROUTINE then SQ_EXFPROUTINE; the handle
    # is cached per connection. No smart large object is open, so ifx_lo_close
    # of any descriptor is IDS's -9810; an unknown signature fails in
    # SQ_GETROUTINE; by SQL text the routine does not resolve (-674).
    sig = "function informix.ifx_lo_close(integer)"
    conn = connect()
    try:
        e = expect_error("ifx_lo_close(-1)", lambda: conn.fast_path_call(sig, -1))
        expect_code(e, "ifx_lo_close(-1)", -9810)
        handle = conn._fp_handle_cache.get(sig)
        check(handle is not None and handle[0] == CFG.database, f"cached handle {handle!r}")
        e = expect_error("ifx_lo_close(-2)", lambda: conn.fast_path_call(sig, -2))
        expect_code(e, "ifx_lo_close(-2)", -9810)
        eq(handle, conn._fp_handle_cache.get(sig), "the same cached handle")
        e = expect_error("unknown routine",
                         lambda: conn.fast_path_call("function informix.no_such_routine_xyz(integer)", 1))
        check(isinstance(e, informix_db.Error), "unknown routine raises")
        e = expect_error("EXECUTE FUNCTION ifx_lo_close", lambda: exec_(conn, "EXECUTE FUNCTION ifx_lo_close(1)"))
        expect_code(e, "EXECUTE FUNCTION ifx_lo_close", -674)
        assert_usable(conn)
    finally:
        conn.close()


@scenario
def spl_routines():
    # SPL (issue 15): a procedure run with execute(); a function whose
    # RETURN ... WITH RESUME rows come back as a result set (statement type
    # 56 with columns opens a cursor); RAISE EXCEPTION -746 as the error.
    conn = connect()
    try:
        drop_if_exists(conn, "cp_spl")
        for q in ("DROP PROCEDURE IF EXISTS cp_spl_add", "DROP FUNCTION IF EXISTS cp_spl_gen",
                  "DROP PROCEDURE IF EXISTS cp_spl_raise"):
            exec_(conn, q)
        exec_(conn, "CREATE TABLE cp_spl (n INTEGER)")
        exec_(conn, "CREATE PROCEDURE cp_spl_add(v INT) INSERT INTO cp_spl VALUES (v); END PROCEDURE")
        exec_(conn, "EXECUTE PROCEDURE cp_spl_add(?)", (5,))
        eq(5, scalar(conn, "SELECT SUM(n) FROM cp_spl"), "procedure inserted")
        exec_(conn, "CREATE FUNCTION cp_spl_gen(n INT) RETURNING INT, VARCHAR(10); DEFINE i INT; "
                    "FOR i = 1 TO n RETURN i, 'r' || i WITH RESUME; END FOR; END FUNCTION")
        cur = conn.cursor()
        cur.execute("EXECUTE FUNCTION cp_spl_gen(?)", (3,))
        rows = [(r[0], r[1].strip()) for r in cur.fetchall()]
        cur.close()
        eq([(1, "r1"), (2, "r2"), (3, "r3")], rows, "WITH RESUME rows")
        exec_(conn, "CREATE PROCEDURE cp_spl_raise() RAISE EXCEPTION -746, 0, 'cp custom text'; END PROCEDURE")
        e = expect_error("RAISE EXCEPTION", lambda: exec_(conn, "EXECUTE PROCEDURE cp_spl_raise()"))
        expect_code(e, "RAISE EXCEPTION -746", -746)
        check("cp custom text" in str(e), f"the error carries the routine's text: {e}")
        assert_usable(conn)
        for q in ("DROP PROCEDURE cp_spl_add", "DROP FUNCTION cp_spl_gen", "DROP PROCEDURE cp_spl_raise"):
            exec_(conn, q)
        drop_if_exists(conn, "cp_spl")
    finally:
        conn.close()



@scenario
def trigger_audit_row():
    # Triggers (issue 15): a FOR EACH ROW trigger writes an audit row for each
    # updated row; an exception raised by the trigger's procedure is the
    # UPDATE's error, and the UPDATE's own change is rolled back with it.
    conn = connect()
    try:
        for t in ("cp_trg_acct", "cp_trg_audit"):
            drop_if_exists(conn, t)
        exec_(conn, "DROP PROCEDURE IF EXISTS cp_trg_check")
        exec_(conn, "CREATE TABLE cp_trg_acct (id INTEGER, bal INTEGER)")
        exec_(conn, "CREATE TABLE cp_trg_audit (id INTEGER, old_bal INTEGER, new_bal INTEGER)")
        exec_(conn, "CREATE PROCEDURE cp_trg_check(b INT) IF b < 0 THEN "
                    "RAISE EXCEPTION -746, 0, 'cp negative balance'; END IF; END PROCEDURE")
        exec_(conn, "CREATE TRIGGER cp_trg_upd UPDATE OF bal ON cp_trg_acct REFERENCING OLD AS o NEW AS n "
                    "FOR EACH ROW (INSERT INTO cp_trg_audit VALUES (o.id, o.bal, n.bal), "
                    "EXECUTE PROCEDURE cp_trg_check(n.bal))")
        exec_(conn, "INSERT INTO cp_trg_acct VALUES (1, 10)")
        exec_(conn, "INSERT INTO cp_trg_acct VALUES (2, 20)")
        exec_(conn, "UPDATE cp_trg_acct SET bal = bal - ?", (5,))
        cur = conn.cursor()
        cur.execute("SELECT id, old_bal, new_bal FROM cp_trg_audit ORDER BY id")
        eq([(1, 10, 5), (2, 20, 15)], [tuple(r) for r in cur.fetchall()], "one audit row per updated row")
        cur.close()
        e = expect_error("trigger RAISE EXCEPTION", lambda: exec_(conn, "UPDATE cp_trg_acct SET bal = bal - 10"))
        expect_code(e, "trigger RAISE EXCEPTION -746", -746)
        check("cp negative balance" in str(e), f"the error carries the routine's text: {e}")
        eq(20, scalar(conn, "SELECT SUM(bal) FROM cp_trg_acct"), "the failed UPDATE is rolled back")
        eq(2, scalar(conn, "SELECT COUNT(*) FROM cp_trg_audit"), "and so are its trigger's audit rows")
        assert_usable(conn)
        exec_(conn, "DROP TRIGGER cp_trg_upd")
        exec_(conn, "DROP PROCEDURE cp_trg_check")
        for t in ("cp_trg_acct", "cp_trg_audit"):
            drop_if_exists(conn, t)
    finally:
        conn.close()



@scenario
def spl_function_per_row_and_overloads():
    # A user SPL function whose argument is a column is called per row in
    # the select list and WHERE; overloads of one name are picked by the
    # arguments' types; DROP of an overloaded name needs its parameter types.
    conn = connect()
    try:
        drop_if_exists(conn, "cp_ovl")
        for q in ("DROP FUNCTION IF EXISTS cp_ovl_f(INT)", "DROP FUNCTION IF EXISTS cp_ovl_f(VARCHAR(10))"):
            exec_(conn, q)
        exec_(conn, "CREATE TABLE cp_ovl (n INTEGER, s VARCHAR(10))")
        for n in (1, 2, 3):
            exec_(conn, "INSERT INTO cp_ovl VALUES (?, ?)", (n, f"s{n}"))
        exec_(conn, "CREATE FUNCTION cp_ovl_f(n INT) RETURNING VARCHAR(20); RETURN 'int ' || (n * n); END FUNCTION")
        exec_(conn, "CREATE FUNCTION cp_ovl_f(s VARCHAR(10)) RETURNING VARCHAR(20); RETURN 'text ' || s; END FUNCTION")
        cur = conn.cursor()
        cur.execute("SELECT n, cp_ovl_f(n), cp_ovl_f(s) FROM cp_ovl WHERE cp_ovl_f(n) <> 'int 4' ORDER BY n")
        rows = [(r[0], r[1].strip(), r[2].strip()) for r in cur.fetchall()]
        cur.close()
        eq([(1, "int 1", "text s1"), (3, "int 9", "text s3")], rows, "per-row calls, overloads by type")
        e = expect_error("DROP of an overloaded name", lambda: exec_(conn, "DROP FUNCTION cp_ovl_f"))
        expect_code(e, "DROP of an overloaded name", -674)
        assert_usable(conn)
        exec_(conn, "DROP FUNCTION cp_ovl_f(INT)")
        exec_(conn, "DROP FUNCTION cp_ovl_f(VARCHAR(10))")
        drop_if_exists(conn, "cp_ovl")
    finally:
        conn.close()


# ------------------------------------------------------------------------ main
def main():
    global CFG
    ap = argparse.ArgumentParser()
    env = os.environ.get
    ap.add_argument("--host", default=env("IFX_HOST") or "127.0.0.1")
    ap.add_argument("--port", type=int, default=int(env("IFX_PORT") or 9088))
    ap.add_argument("--server", default=env("IFX_SERVER") or "informix")
    ap.add_argument("--database", default=env("IFX_DATABASE") or "testdb")
    ap.add_argument("--user", default=env("IFX_USER") or "informix")
    ap.add_argument("--password", default=env("IFX_PASSWORD") or "in4mix")
    ap.add_argument("--only", default=env("IFX_ONLY") or "")
    ap.add_argument("--timeout", type=float, default=float(env("IFX_SCENARIO_TIMEOUT") or 180))
    ap.add_argument("-v", "--verbose", action="store_true")
    CFG = ap.parse_args()
    passed = failed = 0
    for name, fn in SCENARIOS.items():
        if CFG.only and CFG.only not in name:
            continue
        result = {}

        def body():
            try:
                fn()
            except BaseException as e:  # noqa: BLE001 - report everything
                result["e"] = e
                result["tb"] = traceback.format_exc()

        t = threading.Thread(target=body, name=name, daemon=True)
        t.start()
        t.join(CFG.timeout)
        if t.is_alive():
            reason = f"timed out after {CFG.timeout:g} s"
        elif "e" in result:
            e = result["e"]
            code = getattr(e, "sqlcode", None)
            reason = f"{type(e).__name__}{f' sqlcode {code}' if code is not None else ''}: {e}"
            if CFG.verbose:
                print(result["tb"], file=sys.stderr)
        else:
            reason = None
        if reason is None:
            passed += 1
            print(f"PASS {name}", flush=True)
        else:
            failed += 1
            print(f"FAIL {name}: " + " ".join(str(reason).split()), flush=True)
    print(f"{passed} passed, {failed} failed", flush=True)
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()

