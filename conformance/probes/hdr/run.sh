#!/usr/bin/env bash
# IBM JDBC 15.0.0.1.1 (from ~/.m2) against ifxtestd -role: the evidence
# for docs/PROTOCOL.md "Primary and secondaries". Exits non-zero when JDBC
# does not behave as recorded there.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(git rev-parse --show-toplevel)
M2=${M2:-$HOME/.m2/repository}
CP="$M2/com/ibm/informix/jdbc/15.0.0.1.1/jdbc-15.0.0.1.1.jar:$M2/org/mongodb/bson/3.8.0/bson-3.8.0.jar"
WORK=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT
(cd "$ROOT" && go build -o "$WORK/ifxtestd" ./cmd/ifxtestd)
javac -d "$WORK" -cp "$CP" HdrProbe.java
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start() { "$WORK/ifxtestd" -strict "$@" >>"$WORK/servers.log" 2>&1 & pids+=($!); }
P1=$(free_port); P2=$(free_port); DEAD=$(free_port)
mkdir "$WORK/db" "$WORK/rec"
start -listen 127.0.0.1:$P1 -server srv_a -role primary -db-dir "$WORK/db"
sleep 1
start -listen 127.0.0.1:$P2 -server srv_b -role secondary -db-dir "$WORK/db" -record "$WORK/rec"
sleep 1
probe() { java -cp "$WORK:$CP" HdrProbe "$@"; }
url() { echo "jdbc:informix-sqli://127.0.0.1:$1/testdb:INFORMIXSERVER=$2;user=informix;password=in4mix$3"; }
fail=0
check() { # name, expected last line, output
  if [[ "$(tail -n1 <<<"$3")" == "$2" ]]; then echo "ok   $1"; else echo "FAIL $1"; echo "$3"; fail=1; fi
}
check "primary: DDL" "OK 0" "$(probe "$(url $P1 srv_a '')" "create table hdr_t (i int)")"
check "primary: insert" "OK 1" "$(probe "$(url $P1 srv_a '')" "insert into hdr_t values (1)")"
out=$(probe "$(url $P2 srv_b '')" "insert into hdr_t values (2)")
check "secondary: insert" "ERR -271 isam=none Could not insert new row into the table." "$out"
grep -q '^readOnly=false$' <<<"$out" || { echo "FAIL Connection.isReadOnly on the secondary"; fail=1; }
grep -q '^getHDRType ERR -206 The specified table (sysdri)' <<<"$out" || { echo "FAIL getHDRType"; fail=1; }
check "secondary: update" "ERR -346 isam=none Could not update a row in the table." "$(probe "$(url $P2 srv_b '')" "update hdr_t set i = 3")"
check "secondary: delete" "ERR -240 isam=none Could not delete a row." "$(probe "$(url $P2 srv_b '')" "delete from hdr_t")"
check "secondary: DDL" "ERR -26097 isam=none Operation is not valid on a secondary server." "$(probe "$(url $P2 srv_b '')" "create table hdr_u (i int)")"
hdr=";ENABLE_HDRSWITCH=true;INFORMIXSERVER_SECONDARY=srv_b;IFXHOST_SECONDARY=127.0.0.1;PORTNO_SECONDARY=$P2"
before=$(ls "$WORK/rec" | wc -l)
out=$(probe "$(url $DEAD srv_a "$hdr")" "insert into hdr_t values (4)")
check "HDR switch with the primary down" "CONNECT ERR -908 Socket connection to server (srv_a@127.0.0.1:$DEAD) failed. Check your server is reachable from this client on the host:port specified." "$out"
[[ $(ls "$WORK/rec" | wc -l) == "$before" ]] || { echo "FAIL: JDBC connected to the secondary"; fail=1; }
check "HDR switch with the primary up" "OK 1" "$(probe "$(url $P1 srv_a "$hdr")" "insert into hdr_t values (5)")"
if grep -q "VIOLATION" "$WORK/servers.log"; then echo "FAIL strict-mode violations:"; grep VIOLATION "$WORK/servers.log"; fail=1; fi
exit $fail
