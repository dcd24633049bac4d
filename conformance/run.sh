#!/usr/bin/env bash
# Build ifxtestd, start it on a free port, run the JDBC and informix_db conformance suites
# against it, stop it. Exit status is non-zero if either suite reports a failure (or
# cannot run).
#
#   conformance/run.sh                 # everything
#   IFX_ONLY=types conformance/run.sh  # only scenarios whose name contains "types"
#   IFXTEST_ADDR=127.0.0.1:9088 conformance/run.sh   # use an already running server
#   SUITES="python" conformance/run.sh               # one suite only (jdbc, python)
#   SUITES="peer" conformance/run.sh                 # informix-driver's own integration
#                                                    # suite (not in the default list yet)
#   RECORD_DIR=/tmp/transcripts conformance/run.sh   # keep ifxtestd -record transcripts there
#
# Connection settings for the suites: IFX_SERVER IFX_DATABASE IFX_USER IFX_PASSWORD
# (defaults informix / testdb / informix / in4mix).
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SUITES="${SUITES:-jdbc python}"
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

if [[ -n "${IFXTEST_ADDR:-}" ]]; then
  HOST="${IFXTEST_ADDR%:*}"; PORT="${IFXTEST_ADDR##*:}"
  echo "conformance: using running server at $HOST:$PORT" >&2
else
  HOST=127.0.0.1
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  echo "conformance: building ifxtestd" >&2
  if ! (cd "$ROOT" && go build -o "$TMP/ifxtestd" ./cmd/ifxtestd) >&2; then
    echo "conformance: go build ./cmd/ifxtestd failed" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  # blobspace1: informix-driver's suite creates BYTE/TEXT columns IN it.
  "$TMP/ifxtestd" -listen "$HOST:$PORT" -record "$RECORD_DIR" -strict -blobspace blobspace1 >"$TMP/ifxtestd.log" 2>&1 &
  SERVER_PID=$!
  if ! wait_port "$HOST" "$PORT" 30; then
    echo "conformance: ifxtestd did not accept on $HOST:$PORT within 30 s; its log:" >&2
    cat "$TMP/ifxtestd.log" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  echo "conformance: ifxtestd pid $SERVER_PID on $HOST:$PORT, transcripts in $RECORD_DIR" >&2
fi

export IFX_HOST="$HOST" IFX_PORT="$PORT"
TOTAL_P=0; TOTAL_F=0; RC=0
for suite in $SUITES; do
  echo "== $suite suite" >&2
  OUT="$TMP/$suite.out"
  "$HERE/$suite/run.sh" | tee "$OUT"
  src=${PIPESTATUS[0]}
  line="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$OUT" | tail -1)"
  if [[ -z "$line" ]]; then
    echo "conformance: $suite suite did not finish (exit $src)" >&2
    TOTAL_F=$((TOTAL_F + 1)); RC=1; continue
  fi
  p="${line%% passed*}"; f="${line#*, }"; f="${f%% failed}"
  TOTAL_P=$((TOTAL_P + p)); TOTAL_F=$((TOTAL_F + f))
  if [[ "$f" != 0 || "$src" != 0 ]]; then RC=1; fi
done
if [[ -n "$SERVER_PID" ]] && ! kill -0 "$SERVER_PID" 2>/dev/null; then
  echo "conformance: ifxtestd exited during the run; its log tail:" >&2
  tail -20 "$TMP/ifxtestd.log" >&2
fi
# Strict mode: any malformed or unexpected client message is a failure, so
# a reference client doing something ifxtest does not understand shows.
violations=$(grep -c "PROTOCOL VIOLATION" "$TMP/ifxtestd.log" 2>/dev/null || true)
if [[ "${violations:-0}" != 0 ]]; then
  echo "conformance: ifxtestd saw $violations protocol violations:" >&2
  grep "PROTOCOL VIOLATION" "$TMP/ifxtestd.log" | head -20 >&2
  TOTAL_F=$((TOTAL_F + 1)); RC=1
fi
echo "conformance: server log $TMP/ifxtestd.log" >&2
echo "total: $TOTAL_P passed, $TOTAL_F failed"
exit $RC
