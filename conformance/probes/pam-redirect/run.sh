#!/usr/bin/env bash
# IBM JDBC 15.0.0.1.1 (from ~/.m2) against ifxtestd -pam and -redirect:
# the evidence for docs/PROTOCOL.md "Clusters: sqlhosts, PAM, redirects".
# Exits non-zero when JDBC does not behave as recorded there.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(git rev-parse --show-toplevel)
M2=${M2:-$HOME/.m2/repository}
CP="$M2/com/ibm/informix/jdbc/15.0.0.1.1/jdbc-15.0.0.1.1.jar:$M2/org/mongodb/bson/3.8.0/bson-3.8.0.jar"
WORK=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT
(cd "$ROOT" && go build -o "$WORK/ifxtestd" ./cmd/ifxtestd)
javac -d "$WORK" -cp "$CP" PamRedirectProbe.java
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start() { "$WORK/ifxtestd" -strict "$@" >>"$WORK/servers.log" 2>&1 & pids+=($!); }
P1=$(free_port); P2=$(free_port); P3=$(free_port)
start -listen 127.0.0.1:$P1 -pam password -pam '4:Welcome to PAM' -pam '2:One-time code: :424242'
start -listen 127.0.0.1:$P2 -server srv_b
start -listen 127.0.0.1:$P3 -server cm_sla -redirect "srv_b|127.0.0.1|$P2"
sleep 1
probe() { java -cp "$WORK:$CP" "$@"; }
url() { echo "jdbc:informix-sqli://127.0.0.1:$1/sysmaster:INFORMIXSERVER=$2;user=informix;password=in4mix$3"; }
fail=0
check() { # name, expected last line, output
  if [[ "$(tail -n1 <<<"$3")" == "$2" ]]; then echo "ok   $1"; else echo "FAIL $1"; echo "$3"; fail=1; fi
}
out=$(probe -Dans1=in4mix -Dans3=424242 PamRedirectProbe "$(url $P1 informix ';IFX_PAM_CLASS=PamRedirectProbe')")
check "PAM login (password, message, code)" "OK systables" "$out"
grep -q 'challenge 2 style=4 text=\[Welcome to PAM\]' <<<"$out" || { echo "FAIL challenge texts"; echo "$out"; fail=1; }
out=$(probe -Dans1=in4mix -Dans3=999999 PamRedirectProbe "$(url $P1 informix ';IFX_PAM_CLASS=PamRedirectProbe')")
check "PAM wrong answer" "ERR -79885 PAM authorization has failed." "$out"
out=$(probe PamRedirectProbe "$(url $P3 cm_sla '')")
check "redirect followed" "OK systables" "$out"
if grep -q "VIOLATION" "$WORK/servers.log"; then echo "FAIL strict-mode violations:"; grep VIOLATION "$WORK/servers.log"; fail=1; fi
exit $fail
