import os, sys, time, threading
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bb_run as BR
P = BR.P
sys.path.insert(0, os.environ.get("IFXPY_DIR", "/tmp/ifxpy"))  # the unpacked informix-driver wheel
import informix_db

cfg = dict(params=BR.params, grouprest_reply=BR.exec_done,
           rows=BR.mkrows(11, [BR.dW(56, 0, 4, 5, 4), BR.dW(56, 0, 0, 0, 1)]),
           unknown_reply=BR.blob_reply([BR.pat(5)]))
srv = P.Server(cfg, os.path.join(os.path.dirname(os.path.abspath(__file__)), "out", "logs", "py"))
try:
    conn = informix_db.connect(host="127.0.0.1", port=srv.port, user="informix", password="in4mix",
                               database="testdb", server="informix", autocommit=True)
    cur = conn.cursor()
    try:
        cur.execute("INSERT INTO bb_t VALUES (?)", (bytes(range(5)),))
        print("insert ok", cur.rowcount)
    except Exception as e:
        print("insert EXC", repr(e))
    try:
        cur.execute("INSERT INTO bb_t VALUES (?)", (None,))
        print("insert null ok")
    except Exception as e:
        print("insert null EXC", repr(e))
    try:
        cur.execute("SELECT b, i FROM bb_t")
        print("rows", cur.fetchall())
    except Exception as e:
        print("select EXC", repr(e))
    conn.close()
except Exception as e:
    print("EXC", repr(e))
time.sleep(0.3)
srv.close()
after = False
for ev in srv.events:
    msgs = ev.get("msgs") or []
    names = [m[0] for m in msgs]
    if "SQ_DBOPEN" in names: after = True
    if not after: continue
    print("C>S", ev["c2s"]); print("   =", msgs); print("S>C", ev["s2c"])
