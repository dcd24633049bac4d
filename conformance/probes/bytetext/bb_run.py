#!/usr/bin/env python3
"""BYTE/TEXT black-box probes of IBM JDBC 15.0.0.1.1 (see README.md)."""
import os, sys, subprocess, time, struct
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # ../probeserver.py
import probeserver as P
B = P.B
i16, i32, i64, EOT = P.i16, P.i32, P.i64, P.EOT

_orig = B.parse_coltype
def parse_coltype(t):
    t2 = " ".join(t.lower().split())
    if t2 == "byte": return 11, 56, 0, b""
    if t2 == "text": return 12, 56, 0, b""
    return _orig(t)
B.parse_coltype = parse_coltype

M2 = os.path.expanduser("~/.m2/repository")
JAR = f"{M2}/com/ibm/informix/jdbc/15.0.0.1.1/jdbc-15.0.0.1.1.jar"
BSON = f"{M2}/org/mongodb/bson/3.8.0/bson-3.8.0.jar"
JDIR = HERE  # BB.java compiled here: javac -cp <the JDBC jar> BB.java
OUT = os.path.join(HERE, "out")

def desc56(size, flags=0x0004):
    d = bytearray(56)
    struct.pack_into(">hh", d, 0, 0x0102, 0x0304)        # tb_fd, tb_coloff
    struct.pack_into(">i", d, 4, 0x00100203)             # tb_tblspace
    struct.pack_into(">iii", d, 8, 0, 0, size)           # start, end, size
    struct.pack_into(">iii", d, 20, 0x11223344, 0x21, 0x31)  # addr family volume
    struct.pack_into(">hHhh", d, 32, 0, 0x5566, 0, flags)    # medium bstamp sockid flags
    struct.pack_into(">iiii", d, 40, 0x41, 0x42, 0x43, 0x44)
    return bytes(d)

def desc68(size, flags=0x0004, extra=b"\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb"):
    return desc56(size, flags) + extra

def params(sql):
    s = " ".join(sql.lower().split())
    if s.startswith("insert into bb_t "): return ["byte"]
    if s.startswith("insert into bbtext_t "): return ["text"]
    if s.startswith("insert into bb2_t "): return ["integer", "byte", "byte"]
    return None

def mkrows(blobcol, descs, enclen=56):
    def rows(sql):
        s = " ".join(sql.lower().split())
        if s.startswith("select b, i from bb_t") or s.startswith("select b, i from bbtext_t"):
            cols = [B.Col("b", blobcol, enclen, lambda v: v), B.c_int("i")]
            return 2, cols, [[d, 40 + k] for k, d in enumerate(descs)]
        return None
    return rows

def blob_reply(chunks, term=True, done=False, extra=b""):
    def f(conn, tag, rest):
        out = b""
        for ch in chunks:
            out += i16(39) + i16(len(ch)) + ch + (b"\0" if len(ch) & 1 else b"")
        if term:
            out += i16(39) + i16(0)
        if done:
            out += conn.done() + conn.cost()
        return out + extra + EOT
    return f

def exec_done(conn, msgs, rest):
    return conn.done(rows=1) + conn.cost() + EOT

def pat(n): return bytes(i % 251 for i in range(n))

EXPS = {}
def E(name, steps, cfg, protocols=None, desc=""):
    EXPS[name] = dict(steps=steps, cfg=cfg, protocols=protocols, desc=desc)

NARROW = "bdbe9ffe7fb7ffef00"   # byte 8 = 0: features 69/70 off
W = dict(params=params, grouprest_reply=exec_done)
E("w_small", ["wbytes:5"], dict(W), desc="setBytes 5 bytes into BYTE param, wide features")
E("w_3000", ["wbytes:3000"], dict(W), desc="setBytes 3000 bytes")
E("w_small_narrow", ["wbytes:5"], dict(W), NARROW, desc="setBytes 5 bytes, features 69/70 off")
E("w_null", ["wnull", "wobjnull"], dict(W), desc="setNull(LONGVARBINARY), setObject(null)")
E("w_empty", ["wempty"], dict(W), desc="setBytes empty array")
E("w_stream", ["wstream:1500"], dict(W), desc="setBinaryStream 1500")
E("w_text", ["wtext:5", "wtextbytes"], dict(W), desc="setString / setBytes into TEXT param")
E("w_two", ["wbytes2:1030"], dict(W), desc="INT + two BYTE params")
E("w_batch", ["wbatch"], dict(W), desc="addBatch x2 BYTE")

def R(blobcol, descs, reply, enclen=56, **kw):
    d = dict(rows=mkrows(blobcol, descs, enclen), unknown_reply=reply)
    d.update(kw)
    return d
E("r56_wide", ["rbytes"], R(11, [desc56(5)], blob_reply([pat(5)])), desc="tuple 56-byte desc, f70 on")
E("r68_wide", ["rbytes"], R(11, [desc68(5)], blob_reply([pat(5)]), enclen=56), desc="tuple 68-byte desc (enclen 56), f70 on")
E("r68e_wide", ["rbytes"], R(11, [desc68(5)], blob_reply([pat(5)]), enclen=68), desc="tuple 68-byte desc, enclen 68, f70 on")
E("r56_narrow", ["rbytes"], R(11, [desc56(5)], blob_reply([pat(5)])), NARROW, desc="tuple 56, f70 off")
E("r68_narrow", ["rbytes"], R(11, [desc68(5)], blob_reply([pat(5)])), NARROW, desc="tuple 68, f70 off")
E("r56_noterm", ["rbytes"], R(11, [desc56(5)], blob_reply([pat(5)], term=False)), desc="no zero-length terminator")
E("r56_done", ["rbytes"], R(11, [desc56(5)], blob_reply([pat(5)], done=True)), desc="terminator + DONE + COST")
E("r56_multi", ["rbytes"], R(11, [desc56(3000)], blob_reply([pat(3000)[:1024], pat(3000)[1024:2048], pat(3000)[2048:]])), desc="3 chunks")
E("r56_bigchunk", ["rbytes"], R(11, [desc56(3000)], blob_reply([pat(3000)])), desc="one 3000-byte chunk")
E("r56_short", ["rbytes"], R(11, [desc56(10)], blob_reply([pat(5)])), desc="descriptor says 10, 5 sent")
E("r56_null", ["rbytes"], R(11, [desc56(0, flags=0x0001)], blob_reply([])), desc="null flag")
E("r56_2rows", ["rbytes"], R(11, [desc56(5), desc56(7)], blob_reply([pat(5)])), desc="2 rows")
E("r56_noget", ["rbytesnoget"], R(11, [desc56(5), desc56(7)], blob_reply([pat(5)])), desc="2 rows, getInt only")
E("r_text", ["rtext:SELECT b, i FROM bbtext_t"], R(12, [desc56(5)], blob_reply([b"hello"])), desc="TEXT column")
E("r56_zero", ["rbytes"], R(11, [desc56(0)], blob_reply([])), desc="size 0, not null")

def run(name, exp):
    logdir = os.path.join(OUT, "logs", name)
    srv = P.Server(exp["cfg"], logdir, protocols=exp["protocols"] or B.IDS15_MASK.hex())
    url = (f"jdbc:informix-sqli://127.0.0.1:{srv.port}/testdb:INFORMIXSERVER=informix;"
           f"user=informix;password=in4mix")
    cmd = ["java", "-cp", f"{JAR}:{BSON}:{JDIR}", "BB", url] + exp["steps"]
    t0 = time.time()
    try:
        cp = subprocess.run(cmd, capture_output=True, text=True, timeout=40)
        cout, cerr, rc = cp.stdout, cp.stderr, cp.returncode
    except subprocess.TimeoutExpired as e:
        cout = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        cerr, rc = "TIMEOUT", "timeout"
    time.sleep(0.2)
    srv.close()
    lines = [f"# {name}: {exp['desc']}  steps={exp['steps']} rc={rc} {time.time()-t0:.1f}s"]
    lines += ["  | " + l for l in cout.splitlines()]
    if cerr.strip(): lines += ["  ! " + l for l in cerr.splitlines()[:20]]
    after, hk = False, False
    t_open = 0
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
        lines.append(f"C>S {ev['c2s']}\n    = [+{ev['t']-t_open:.2f}s] {msgs}\nS>C {ev['s2c']}")
    txt = "\n".join(lines) + "\n"
    os.makedirs(OUT, exist_ok=True)
    open(os.path.join(OUT, name + ".txt"), "w").write(txt)
    return txt


def descX(start, end, size, flags=0x0004, wide=False):
    d = bytearray(desc56(size, flags))
    struct.pack_into(">ii", d, 8, start, end)
    return bytes(d) + (b"\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb" if wide else b"")
for nm, (s_, e_, z_) in {"A": (0, 5, 5), "B": (5, 5, 5), "C": (5, 0, 5), "D": (5, 5, 0), "E": (0, 5, 0), "F": (5, 0, 0)}.items():
    E(f"x{nm}_narrow", ["rbytes"], R(11, [descX(s_, e_, z_)], blob_reply([pat(5)])), NARROW, desc=f"start={s_} end={e_} size={z_}")


for nm, (s_, e_, z_, n_) in {"G": (1, 5, 5, 5), "H": (0, 4, 99, 5), "I": (0, 4, 0, 5), "J": (0, 9, 10, 5), "K": (0, 4, 5, 5), "L": (3, 7, 5, 5), "M": (0, 2, 5, 3), "N": (0, -1, 0, 0), "O": (1, 0, 0, 0)}.items():
    E(f"y{nm}_narrow", ["rbytes"], R(11, [descX(s_, e_, z_)], blob_reply([pat(n_)])), NARROW, desc=f"start={s_} end={e_} size={z_} sent={n_}")


def scan32(k, v=4, n=68):
    d = bytearray(n); struct.pack_into(">i", d, k, v); return bytes(d)
def scan16(k, v=1, n=68):
    d = bytearray(n); struct.pack_into(">h", d, k, v); return bytes(d)
for k in range(0, 65, 4):
    E(f"s32w_{k:02d}", ["rbytes"], R(11, [scan32(k)], blob_reply([pat(5)])), desc=f"wide: i32 4 at offset {k}")
for k in range(0, 53, 4):
    E(f"s32n_{k:02d}", ["rbytes"], R(11, [scan32(k, n=56)], blob_reply([pat(5)])), NARROW, desc=f"narrow: i32 4 at offset {k}")
for k in range(0, 67, 2):
    E(f"s16w_{k:02d}", ["rbytes"], R(11, [scan16(k)], blob_reply([pat(1)])), desc=f"wide: i16 1 at offset {k}")
for k in range(0, 55, 2):
    E(f"s16n_{k:02d}", ["rbytes"], R(11, [scan16(k, n=56)], blob_reply([pat(1)])), NARROW, desc=f"narrow: i16 1 at offset {k}")


def dW(n, start, end, size, flags):
    d = bytearray(n); struct.pack_into(">iii", d, 8, start, end, size); struct.pack_into(">h", d, 38, flags); return bytes(d)
E("z68_nonnull_wide", ["rbytes"], R(11, [dW(68, 0, 4, 5, 4)], blob_reply([pat(5)])), desc="68 nonnull + int")
E("z56_nonnull_wide", ["rbytes"], R(11, [dW(56, 0, 4, 5, 4)], blob_reply([pat(5)])), desc="56 nonnull + int (wide)")
E("z68_null_wide", ["rbytes"], R(11, [dW(68, 0, 0, 0, 1)], blob_reply([])), desc="68 null + int")
E("z56_null_wide", ["rbytes"], R(11, [dW(56, 0, 0, 0, 1)], blob_reply([])), desc="56 null + int (wide)")
E("z56_nonnull_narrow", ["rbytes"], R(11, [dW(56, 0, 4, 5, 4)], blob_reply([pat(5)])), NARROW, desc="56 nonnull + int narrow")
E("z56_null_narrow", ["rbytes"], R(11, [dW(56, 0, 0, 0, 1)], blob_reply([])), NARROW, desc="56 null + int narrow")
E("z68_mixed_wide", ["rbytes"], R(11, [dW(68, 0, 4, 5, 4), dW(56, 0, 0, 0, 1), dW(68, 0, 2, 3, 4)], blob_reply([pat(5)])), desc="3 rows wide: nonnull68, null56, nonnull68")
E("z68_noterm", ["rbytes"], R(11, [dW(68, 0, 4, 5, 4)], blob_reply([pat(5)], term=False)), desc="no terminator")
E("z68_done", ["rbytes"], R(11, [dW(68, 0, 4, 5, 4)], blob_reply([pat(5)], done=True)), desc="terminator + DONE + COST")
E("z68_multi", ["rbytes"], R(11, [dW(68, 0, 2999, 3000, 4)], blob_reply([pat(3000)[:1024], pat(3000)[1024:2048], pat(3000)[2048:]])), desc="3 chunks")
E("z68_big", ["rbytes"], R(11, [dW(68, 0, 2999, 3000, 4)], blob_reply([pat(3000)])), desc="1 chunk of 3000")
E("z68_text", ["rtext:SELECT b, i FROM bbtext_t"], R(12, [dW(68, 0, 4, 5, 4)], blob_reply([b"hello"])), desc="TEXT")
E("z68_err", ["rbytes"], R(11, [dW(68, 0, 4, 5, 4)], lambda c, t, r: c.err(-602, 0) + EOT), desc="FETCHBLOB -> SQ_ERR -602")


E("e68_nonnull_wide", ["rbytes"], R(11, [dW(68, 0, 4, 5, 4)], blob_reply([pat(5)]), enclen=68), desc="enclen 68, 68 nonnull + int")
E("e68_null_wide", ["rbytes"], R(11, [dW(68, 0, 0, 0, 1)], blob_reply([]), enclen=68), desc="enclen 68, 68 null + int")
E("e68_nonnull_narrow", ["rbytes"], R(11, [dW(68, 0, 4, 5, 4)], blob_reply([pat(5)]), enclen=68), NARROW, desc="narrow, enclen 68, 68 nonnull + int")
E("e60_nonnull_wide", ["rbytes"], R(11, [dW(60, 0, 4, 5, 4)], blob_reply([pat(5)]), enclen=60), desc="enclen 60, 60 nonnull + int")
E("e56_bonly_wide", ["rbytes:SELECT b, i FROM bb_t"], R(11, [dW(56, 0, 4, 5, 4)], blob_reply([pat(5)]), enclen=56), desc="enclen 56 check FETCHBLOB bytes")


E("t_lens", ["wtext:1", "wtext:10", "wtext:100", "wtext:2000"], dict(W), desc="setString TEXT lengths")
E("t_lens_narrow", ["wtext:1", "wtext:10"], dict(W), NARROW, desc="setString TEXT lengths narrow")


E("o_pergroup1", ["rbytes"], R(11, [dW(68, 0, 4, 5, 4), dW(68, 0, 4, 5, 4), dW(68, 0, 4, 5, 4)], blob_reply([pat(5)]), enclen=68, per_group=1), desc="one tuple per NFETCH reply")


E("sid_nonzero", ["hold", "rbytes"], dict(R(11, [dW(68, 0, 4, 5, 4)], blob_reply([pat(5)]), enclen=68), params=params), desc="SELECT gets statement id 1")


def dL(n, k, v, wide64=False):
    d = bytearray(n); struct.pack_into(">ii", d, 8, 0, 4); struct.pack_into(">h", d, 38, 4)
    if wide64: struct.pack_into(">q", d, k, v)
    else: struct.pack_into(">i", d, k, v)
    return bytes(d)
E("len_w16", ["rlen"], R(11, [dL(68, 16, 7)], blob_reply([pat(5)]), enclen=68), desc="wide: 7 at i32@16")
E("len_w32", ["rlen"], R(11, [dL(68, 32, 9)], blob_reply([pat(5)]), enclen=68), desc="wide: 9 at i32@32")
E("len_w28", ["rlen"], R(11, [dL(68, 28, (1<<32) + 3, True)], blob_reply([pat(5)]), enclen=68), desc="wide: 2^32+3 at i64@28")
E("len_n16", ["rlen"], R(11, [dL(56, 16, 7)], blob_reply([pat(5)])), NARROW, desc="narrow: 7 at i32@16")


E("w_nullmix", ["wnullmix"], dict(W), NARROW, desc="INT, NULL BYTE, 3-byte BYTE (narrow)")

if __name__ == "__main__":
    args = sys.argv[1:]
    for n, e in EXPS.items():
        if args and not any(n.startswith(a) for a in args): continue
        print(run(n, e))
