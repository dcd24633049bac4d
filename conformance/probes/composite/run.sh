#!/usr/bin/env bash
# Black-box probes of IBM JDBC 15.0.0.1.1 and collections (docs/PROTOCOL.md,
# "Composite types: the binary form"): CompBind binds collections with
# setObject and extract_binds.py prints the SQ_BIND values from ifxtestd's
# transcript; CompRead reads collection columns through getObject/getArray;
# RowProbe binds named ROW types through SQLData and reads them back as
# java.sql.Struct (its binds: out/rowbinds.txt, ifxtest/testdata/jdbc15-row-binds.txt);
# ElemBind binds SMALLFLOAT and INTERVAL elements (out/elembinds.txt); NestProbe
# binds nested collections and a ROW with a ROW field (out/nestbinds.txt);
# NestNull binds empty inner collections and a NULL ROW field
# (out/nestnullbinds.txt); NestRead reads nested values back.
#   bash conformance/probes/composite/run.sh
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
JAR="$HOME/.m2/repository/com/ibm/informix/jdbc/15.0.0.1.1/jdbc-15.0.0.1.1.jar"
OUT="$HERE/out"
rm -rf "$OUT" && mkdir -p "$OUT/build" "$OUT/rec"
(cd "$ROOT" && go build -o "$OUT/ifxtestd" ./cmd/ifxtestd)
javac -cp "$JAR" -d "$OUT/build" "$HERE"/*.java
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
"$OUT/ifxtestd" -listen "127.0.0.1:$PORT" -record "$OUT/rec" >"$OUT/ifxtestd.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
sleep 0.5
URL="jdbc:informix-sqli://127.0.0.1:$PORT/testdb:INFORMIXSERVER=informix;user=informix;password=in4mix"
java -cp "$OUT/build:$JAR" CompBind "$URL" | tee "$OUT/compbind.txt"
python3 "$HERE/extract_binds.py" "$OUT/rec/conn-0001.hex" x > "$OUT/binds.txt"
grep '^BIND' "$OUT/binds.txt"
java -cp "$OUT/build:$JAR" CompRead "$URL" \
  "si SET(INTEGER NOT NULL), lv LIST(VARCHAR(10) NOT NULL), mf MULTISET(FLOAT NOT NULL), so SET(BOOLEAN NOT NULL), ll LIST(LVARCHAR NOT NULL), lb LIST(BIGINT NOT NULL)" \
  "SET{1,2}, LIST{'a','it''s'}, MULTISET{1.5,1.5}, SET{'t'}, LIST{'x'}, LIST{7}" | tee "$OUT/compread.txt"
java -cp "$OUT/build:$JAR" RowProbe "$URL" | tee "$OUT/rowprobe.txt"
python3 "$HERE/extract_binds.py" "$(ls "$OUT"/rec/conn-*.hex | tail -1)" x > "$OUT/rowbinds.txt"
grep '^BIND' "$OUT/rowbinds.txt"
java -cp "$OUT/build:$JAR" ElemBind "$URL" | tee "$OUT/elembind.txt"
python3 "$HERE/extract_binds.py" "$(ls "$OUT"/rec/conn-*.hex | tail -1)" x > "$OUT/elembinds.txt"
grep '^BIND' "$OUT/elembinds.txt"
java -cp "$OUT/build:$JAR" NestProbe "$URL" | tee "$OUT/nestprobe.txt"
python3 "$HERE/extract_binds.py" "$(ls "$OUT"/rec/conn-*.hex | tail -1)" x > "$OUT/nestbinds.txt"
grep '^BIND' "$OUT/nestbinds.txt"
java -cp "$OUT/build:$JAR" NestNull "$URL" | tee "$OUT/nestnull.txt"
python3 "$HERE/extract_binds.py" "$(ls "$OUT"/rec/conn-*.hex | tail -1)" x > "$OUT/nestnullbinds.txt"
grep '^BIND' "$OUT/nestnullbinds.txt"
java -cp "$OUT/build:$JAR" NestRead "$URL" \
  "lm LIST(MULTISET(INTEGER NOT NULL) NOT NULL), r ROW(a INTEGER, s SET(INTEGER NOT NULL)), lr LIST(nr_in NOT NULL), o nr_out" \
  "1, LIST{MULTISET{1,2},MULTISET{}}, ROW(7, SET{1}), LIST{ROW(1,'a')::nr_in}, ROW(3, ROW(4,'xy'))::nr_out;;2, NULL, ROW(8, NULL), LIST{}, ROW(5, NULL)::nr_out" \
  "nr_in=x INTEGER, y VARCHAR(5)=is" "nr_out=k INTEGER, r nr_in=io" | tee "$OUT/nestread.txt"
