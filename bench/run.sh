#!/usr/bin/env bash
# Benchmarks: IBM JDBC, informix-driver (Python), ifx native, ifx database/sql
# (and database/sql alone over a no-cost driver, ifx-sql-floor, which needs no
# server) and the sqli-only raw reader against one ifxtestd -stats; writes
# docs/BENCHMARKS.md. See bench/README.md.
#
#   bash bench/run.sh                          # everything (~6-8 minutes on 2 cores)
#   IFX_BENCH_SCALE=0.1 bash bench/run.sh      # smoke test: every run count x 0.1
#   CLIENTS="jdbc python" bash bench/run.sh    # a subset (jdbc python ifx ifx-sql ifx-sql-copyin ifx-sql-floor rawreader rawreader-32k)
#   IFX_BENCH_WORKLOADS=select1,lookup bash bench/run.sh
#   REPORT=/tmp/b.md bash bench/run.sh         # write the report elsewhere
#   GO_BENCH=0 bash bench/run.sh               # skip the Go benchmarks (go test -bench)
#   GO_BENCH_TOOLCHAIN=local bash bench/run.sh # Go clients built by the go on PATH, not go1.27.3
#
# The first run needs Maven Central and PyPI (bench/jdbc/target, bench/python/.venv);
# later runs work offline.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
# The Go toolchain that builds the Go clients ("local" for the go on PATH).
GO_BENCH_TOOLCHAIN="${GO_BENCH_TOOLCHAIN:-go1.27.3}"
CLIENTS="${CLIENTS:-jdbc python ifx ifx-sql ifx-sql-copyin ifx-sql-floor rawreader rawreader-32k}"
REPORT="${REPORT:-$ROOT/docs/BENCHMARKS.md}"
RESULTS_DIR="${RESULTS_DIR:-$HERE/results}"
PINNED_PY="informix-driver==2026.9.3"
mkdir -p "$RESULTS_DIR"
BIN="$(mktemp -d "${TMPDIR:-/tmp}/ifxbench.XXXXXX")"
LOGS="$RESULTS_DIR/logs"
rm -rf "$LOGS"
mkdir -p "$LOGS"
trap 'rm -rf "$BIN"' EXIT
say() { echo "bench: $*" >&2; }
has() { [[ " $CLIENTS " == *" $1 "* ]]; }
T0=$SECONDS
ARGS=()
NOTES=()

# Go 1.27's database/sql lets a driver scan into the caller's destinations
# (driver.RowsColumnScanner), which package stdlib does; built by an older
# Go, ifx-sql takes database/sql's driver.Value path instead. Every Go
# build and run below uses GO_BENCH_TOOLCHAIN, which the go command fetches
# from the module proxy once (go.mod keeps asking for less).
if [[ "$GO_BENCH_TOOLCHAIN" != local ]] && ! GOTOOLCHAIN="$GO_BENCH_TOOLCHAIN" go version >"$LOGS/go-toolchain.log" 2>&1; then
  say "$GO_BENCH_TOOLCHAIN unavailable (see $LOGS/go-toolchain.log): using $(go version)"
  NOTES+=(--note "The Go clients were built by the local $(go version | cut -d' ' -f3): $GO_BENCH_TOOLCHAIN could not be fetched, so ifx-sql took database/sql's driver.Value path.")
  GO_BENCH_TOOLCHAIN=local
fi
export GOTOOLCHAIN="$GO_BENCH_TOOLCHAIN"


say "building ifxtestd"
if ! (cd "$ROOT" && go build -o "$BIN/ifxtestd" ./cmd/ifxtestd) >"$LOGS/build-ifxtestd.log" 2>&1; then
  cat "$LOGS/build-ifxtestd.log" >&2
  say "go build ./cmd/ifxtestd failed"
  exit 1
fi

# --- Java: the IBM JDBC driver pinned in bench/jdbc/pom.xml
if has jdbc; then
  say "building the JDBC client (Maven)"
  if (cd "$HERE/jdbc" && { mvn -q -o -B -Dstyle.color=never compile || mvn -q -B -Dstyle.color=never compile; }) >"$LOGS/build-jdbc.log" 2>&1; then
    ARGS+=(--client "jdbc=java -cp $HERE/jdbc/target/classes:$HERE/jdbc/target/dependency/* ifxbench.JdbcBench")
  else
    ARGS+=(--client "jdbc=unavailable: maven build failed: $(tail -c 400 "$LOGS/build-jdbc.log" | tr '\n' ' ')")
  fi
fi

# --- Python: informix-driver pinned, in bench/python/.venv
PY="python3"
if has python; then
  say "preparing the Python venv"
  (
    cd "$HERE/python"
    [[ -x .venv/bin/python ]] || python3 -m venv .venv
    .venv/bin/python -c 'import importlib.metadata as m, sys; sys.exit(m.version("informix-driver") != "2026.9.3")' 2>/dev/null \
      || .venv/bin/python -m pip install -q --disable-pip-version-check "$PINNED_PY"
  ) >"$LOGS/build-python.log" 2>&1
  if "$HERE/python/.venv/bin/python" -c 'import informix_db' 2>/dev/null; then
    PY="$HERE/python/.venv/bin/python"
    ARGS+=(--client "python=$PY $HERE/python/bench.py")
  else
    ARGS+=(--client "python=unavailable: venv with $PINNED_PY failed: $(tail -c 400 "$LOGS/build-python.log" | tr '\n' ' ')")
  fi
fi

# --- Go: bench/goclient (ifx native, database/sql, database/sql's floor) and bench/rawreader
if has ifx || has ifx-sql || has ifx-sql-copyin || has ifx-sql-floor; then
  say "building bench/goclient"
  GOCLIENT=""
  if (cd "$ROOT" && go build -o "$BIN/goclient" ./bench/goclient) >"$LOGS/build-goclient.log" 2>&1; then
    GOCLIENT="$BIN/goclient"
  fi
  for c in ifx ifx-sql ifx-sql-copyin ifx-sql-floor; do
    has "$c" || continue
    case $c in ifx) mode=native ;; ifx-sql) mode=sql ;; ifx-sql-copyin) mode=sqlcopyin ;; ifx-sql-floor) mode=sqlfloor ;; esac
    if [[ -n "$GOCLIENT" ]]; then
      ARGS+=(--client "$c=$GOCLIENT -mode $mode")
    else
      ARGS+=(--client "$c=unavailable: go build ./bench/goclient failed: $(grep -m3 -v '^#' "$LOGS/build-goclient.log" | tr '\n' ' ' | cut -c1-400)")
    fi
  done
fi
if has rawreader || has rawreader-32k; then
  if (cd "$ROOT" && go build -o "$BIN/rawreader" ./bench/rawreader) >"$LOGS/build-rawreader.log" 2>&1; then
    has rawreader && ARGS+=(--client "rawreader=$BIN/rawreader -bufsize 4096 -name rawreader")
    has rawreader-32k && ARGS+=(--client "rawreader-32k=$BIN/rawreader -bufsize 32767 -lob=false -name rawreader-32k")
  else
    ARGS+=(--client "rawreader=unavailable: go build ./bench/rawreader failed: $(head -c 400 "$LOGS/build-rawreader.log" | tr '\n' ' ')")
  fi
fi
say "builds done in $((SECONDS - T0)) s"

python3 "$HERE/harness.py" --ifxtestd "$BIN/ifxtestd" --results "$RESULTS_DIR/latest.json" \
  --log-dir "$LOGS" --python "$PY" "${ARGS[@]}" "${NOTES[@]}"
rc=$?
if [[ ! -f "$RESULTS_DIR/latest.json" ]]; then
  say "no results"
  exit 1
fi
# --- Go benchmarks of the client's hot paths (decode per type, Scan, bind
# encoding, the 1,000,000-row stream with its peak heap), against a fake
# server in the test process: allocations per row and MB per op.
GOBENCH="$RESULTS_DIR/gobench.txt"
rm -f "$GOBENCH"
if [[ "${GO_BENCH:-1}" != 0 ]]; then
  say "go test -bench (client hot paths)"
  (cd "$ROOT" && go test -run '^$' -bench 'BenchmarkFetch100k$|BenchmarkFetch1M$|BenchmarkDecode|BenchmarkEncodeBind|BenchmarkEncodeBatch$' \
    -benchmem -benchtime "${GO_BENCH_TIME:-0.3s}" -count 1 .) >"$GOBENCH" 2>&1 || say "go test -bench failed (see $GOBENCH)"
fi
mkdir -p "$(dirname "$REPORT")"
python3 "$HERE/report.py" "$RESULTS_DIR/latest.json" "$REPORT" "$GOBENCH" || exit 1
say "wrote $REPORT in $((SECONDS - T0)) s (raw results: $RESULTS_DIR/latest.json, logs: $LOGS)"
exit $rc
