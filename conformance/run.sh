#!/usr/bin/env bash
# Build ifxtestd; for each IDS persona (PERSONAS, default "15.0 14.10 12.10") start it with
# -version PERSONA -strict on a free port, run the JDBC, Java tools (jdbc-tools), informix_db, nmap and
# informix-driver (peer) suites
# against it, stop it. Exit status is non-zero if any suite reports a failure (or
# cannot run).
#
#   conformance/run.sh                 # everything
#   IFX_ONLY=types conformance/run.sh  # only scenarios whose name contains "types"
#   IFXTEST_ADDR=127.0.0.1:9088 conformance/run.sh   # use an already running server
#   SUITES="python" conformance/run.sh               # one suite only (jdbc, python, nmap)
#   SUITES="peer" conformance/run.sh                 # informix-driver's own integration suite
#   SUITES="jdbc-tools" conformance/run.sh           # Flyway, Liquibase, Hibernate, DatabaseMetaData
#   PERSONAS="14.10" conformance/run.sh              # one persona only (15.0, 14.10, 12.10)
#   RECORD_DIR=/tmp/transcripts conformance/run.sh   # keep ifxtestd -record transcripts there
#
# Connection settings for the suites: IFX_SERVER IFX_DATABASE IFX_USER IFX_PASSWORD
# (defaults informix / testdb / informix / in4mix).
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SUITES="${SUITES:-jdbc jdbc-tools python nmap peer}"
# IDS releases ifxtestd presents (-version), one server each, every suite against each.
PERSONAS="${PERSONAS:-15.0 14.10 12.10}"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/ifxconf.XXXXXX")"
RECORD_DIR="${RECORD_DIR:-$TMP/transcripts}"
mkdir -p "$RECORD_DIR"
SERVER_PID=""

cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT INT TERM

need() { command -v "$1" >/dev/null 2>&1; }
ensure_tools() {
  local missing=()
  [[ "$SUITES" == *jdbc* ]] && { need java || missing+=(default-jdk-headless); need mvn || missing+=(maven); }
  [[ "$SUITES" == *python* || "$SUITES" == *peer* ]] && { need python3 || missing+=(python3); python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv); }
  [[ "$SUITES" == *nmap* ]] && { need nmap || missing+=(nmap); }
  if ((${#missing[@]})); then
    echo "conformance: installing ${missing[*]}" >&2
    if need apt-get; then (apt-get update -qq && apt-get install -y -qq "${missing[@]}") >&2 || true; fi
  fi
}

wait_port() {  # host port seconds
  python3 - "$1" "$2" "$3" <<'PY'
import socket, sys, time
host, port, limit = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
end = time.time() + limit
while time.time() < end:
    try:
        socket.create_connection((host, port), 0.5).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
}

ensure_tools

TOTAL_P=0; TOTAL_F=0; RC=0

# start_server PERSONA: build once, start ifxtestd -version PERSONA on a free
# port (preferring the ports nmap's scripts take: 1526, 9088, 9090, 9092;
# on any other the nmap suite maps the port to the "informix" service).
start_server() {
  local persona="$1"
  HOST=127.0.0.1
  PORT="$(python3 - <<'PY'
import socket
for p in (9088, 9090, 9092, 1526, 0):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p))
    except OSError:
        continue
    print(s.getsockname()[1])
    break
PY
)"
  if [[ ! -x "$TMP/ifxtestd" ]]; then
    echo "conformance: building ifxtestd" >&2
    if ! (cd "$ROOT" && go build -o "$TMP/ifxtestd" ./cmd/ifxtestd) >&2; then
      echo "conformance: go build ./cmd/ifxtestd failed" >&2
      return 1
    fi
  fi
  # blobspace1: informix-driver's suite creates BYTE/TEXT columns IN it.
  LOG="$TMP/ifxtestd-$persona.log"
  mkdir -p "$RECORD_DIR/$persona"
  "$TMP/ifxtestd" -listen "$HOST:$PORT" -version "$persona" -record "$RECORD_DIR/$persona" -strict -blobspace blobspace1 >"$LOG" 2>&1 &
  SERVER_PID=$!
  if ! wait_port "$HOST" "$PORT" 30; then
    echo "conformance: ifxtestd did not accept on $HOST:$PORT within 30 s; its log:" >&2
    cat "$LOG" >&2
    return 1
  fi
  echo "conformance: ifxtestd $persona pid $SERVER_PID on $HOST:$PORT, transcripts in $RECORD_DIR/$persona" >&2
}

# run_suites LABEL: every suite of $SUITES against $HOST:$PORT.
run_suites() {
  local label="$1"
  export IFX_HOST="$HOST" IFX_PORT="$PORT"
  for suite in $SUITES; do
    echo "== $suite suite ($label)" >&2
    OUT="$TMP/$suite-$label.out"
    "$HERE/$suite/run.sh" | tee "$OUT"
    src=${PIPESTATUS[0]}
    line="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$OUT" | tail -1)"
    if [[ -z "$line" ]]; then
      echo "conformance: $suite suite ($label) did not finish (exit $src)" >&2
      TOTAL_F=$((TOTAL_F + 1)); RC=1; continue
    fi
    p="${line%% passed*}"; f="${line#*, }"; f="${f%% failed}"
    echo "$label $suite: $line"
    TOTAL_P=$((TOTAL_P + p)); TOTAL_F=$((TOTAL_F + f))
    if [[ "$f" != 0 || "$src" != 0 ]]; then RC=1; fi
  done
}

if [[ -n "${IFXTEST_ADDR:-}" ]]; then
  HOST="${IFXTEST_ADDR%:*}"; PORT="${IFXTEST_ADDR##*:}"
  echo "conformance: using running server at $HOST:$PORT" >&2
  run_suites running
else
  for persona in $PERSONAS; do
    if ! start_server "$persona"; then
      echo "$persona: 0 passed, 1 failed"
      TOTAL_F=$((TOTAL_F + 1)); RC=1; cleanup; continue
    fi
    export IFX_VERSION_TEXT="Version ${persona%.0}."  # what DBINFO('version','full') shows (nmap suite)
    run_suites "$persona"
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "conformance: ifxtestd $persona exited during the run; its log tail:" >&2
      tail -20 "$LOG" >&2
    fi
    cleanup
    SERVER_PID=""
    # Strict mode: any malformed or unexpected client message is a failure, so
    # a reference client doing something ifxtest does not understand shows.
    violations=$(grep -c "PROTOCOL VIOLATION" "$LOG" 2>/dev/null || true)
    echo "$persona: ifxtestd -strict logged ${violations:-0} protocol violations"
    if [[ "${violations:-0}" != 0 ]]; then
      grep "PROTOCOL VIOLATION" "$LOG" | head -20 >&2
      TOTAL_F=$((TOTAL_F + 1)); RC=1
    fi
    echo "conformance: server log $LOG" >&2
  done
fi
echo "total: $TOTAL_P passed, $TOTAL_F failed"
exit $RC
