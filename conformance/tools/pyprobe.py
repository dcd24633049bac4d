#!/usr/bin/env python3
"""informix_db probe used with fakeserver.py.  usage: pyprobe.py PORT [steps...]"""
import sys
import informix_db

TYPES_DDL = ("CREATE TABLE probe_types (c_smallint SMALLINT, c_int INTEGER, c_bigint BIGINT, "
             "c_int8 INT8, c_serial SERIAL, c_smallfloat SMALLFLOAT, c_float FLOAT, c_dec DECIMAL(10,2), "
             "c_money MONEY(8,2), c_char CHAR(10), c_nchar NCHAR(10), c_varchar VARCHAR(20), c_nvarchar NVARCHAR(20), "
             "c_lvarchar LVARCHAR(100), c_bool BOOLEAN, c_date DATE, c_dt DATETIME YEAR TO FRACTION(5), "
             "c_dts DATETIME YEAR TO SECOND, c_ids INTERVAL DAY TO SECOND, c_iym INTERVAL YEAR TO MONTH)")
TYPES_INSERT = "INSERT INTO probe_types VALUES (" + ", ".join(["?"] * 20) + ")"
port = int(sys.argv[1])
steps = sys.argv[2:] or ["select1", "create"]


def report(what, e):
    print(f"ERROR {what}: class={type(e).__module__}.{type(e).__name__} "
          f"sqlcode={getattr(e, 'sqlcode', None)} isam={getattr(e, 'isamcode', None)} msg={e}")


try:
    conn = informix_db.connect(host="127.0.0.1", port=port, user="informix",
                               password="in4mix", database="testdb",
                               server="informix", connect_timeout=10, read_timeout=10)
except Exception as e:
    report("connect", e)
    sys.exit(0)
print("CONNECTED", informix_db.__version__ if hasattr(informix_db, "__version__") else "")
for s in steps:
    try:
        cur = conn.cursor()
        if s == "select1":
            cur.execute("SELECT 1 FROM systables WHERE tabid = 1")
            print("ROWS", cur.fetchall())
        elif s == "create":
            cur.execute("CREATE TABLE probe_t (id INTEGER, name VARCHAR(20))")
            print("CREATE rowcount", cur.rowcount)
        elif s == "insert":
            cur.execute("INSERT INTO probe_t VALUES (?, ?)", (42, "hello"))
            print("INSERT rowcount", cur.rowcount)
            conn.commit()
        elif s == "systables":
            cur.execute("SELECT FIRST 5 tabname, tabid FROM systables ORDER BY tabid")
            print("ROWS", cur.fetchall())
        elif s == "types":
            import datetime, decimal
            cur.execute(TYPES_DDL)
            vals = (-12345, -2147483647, 9223372036854775807, -9223372036854775807, 0, 1.5, -2.25,
                    decimal.Decimal("-12345678.91"), decimal.Decimal("123456.78"), "abc", "nch",
                    "varchar", "nvc", "lvarchar", True, datetime.date(2026, 5, 4),
                    datetime.datetime(2026, 5, 4, 12, 34, 56, 789010),
                    datetime.datetime(2026, 5, 4, 12, 34, 56),
                    datetime.timedelta(days=5, hours=1, minutes=2, seconds=3),
                    informix_db.IntervalYM(months=30))
            cur.execute(TYPES_INSERT, vals)
            print("INSERT values rowcount", cur.rowcount)
            nulls = tuple(0 if i == 4 else None for i in range(20))
            cur.execute(TYPES_INSERT, nulls)
            print("INSERT nulls rowcount", cur.rowcount)
            conn.commit()
        elif s == "batch":
            cur.executemany("INSERT INTO probe_t VALUES (?, ?)", [(k, f"row{k}") for k in (1, 2, 3)])
            print("BATCH rowcount", cur.rowcount)
            conn.commit()
        elif s == "txn":
            cur.execute("INSERT INTO probe_t VALUES (7, 'x')")
            conn.rollback()
            cur.execute("INSERT INTO probe_t VALUES (8, 'y')")
            conn.commit()
        cur.close()
        print("OK", s)
    except Exception as e:
        report(s, e)
conn.close()
print("CLOSED")
