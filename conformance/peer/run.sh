#!/usr/bin/env bash
# informix-driver's own integration suite (its authors run it against IBM's Developer
# Edition) run against ifxtestd. The pinned sdist is fetched from PyPI on first use into
# conformance/peer/.cache (ignored by git; none of its code is committed), installed
# into conformance/peer/.venv with the pytest versions of its uv.lock, and run with
# -m "integration and not benchmark". Target from IFX_HOST IFX_PORT IFX_USER
# IFX_PASSWORD IFX_DATABASE IFX_SERVER (the suite's own variables; it defaults to
# sysmaster). Extra arguments go to pytest (e.g. -k scroll, -x).
#
# The last line printed is "N passed, M failed" (errors count as failed, skips as
# neither); the exit status is non-zero when M > 0 or pytest did not finish.
set -euo pipefail
cd "$(dirname "$0")"
HERE="$PWD"
VERSION="2026.9.3"
PINNED="informix-driver==$VERSION"
TEST_DEPS=(pytest==9.0.3 pytest-asyncio==1.3.0)
PY="${PYTHON:-python3}"
CACHE="$PWD/.cache"
SRC="$CACHE/informix_driver-$VERSION"

if [[ ! -x .venv/bin/python ]]; then
  "$PY" -m venv .venv >&2
fi
# The venv's pip, as a system Python may have none.
if [[ ! -f "$SRC/pyproject.toml" ]]; then
  mkdir -p "$CACHE/dl"
  .venv/bin/python -m pip download -q --disable-pip-version-check --no-binary :all: --no-deps \
    -d "$CACHE/dl" "$PINNED" >&2
  tar -xzf "$CACHE/dl/informix_driver-$VERSION.tar.gz" -C "$CACHE"
fi
if ! .venv/bin/python - "$VERSION" <<'PY' 2>/dev/null
import importlib.metadata as m, sys
ok = m.version("informix-driver") == sys.argv[1] and m.version("pytest") == "9.0.3" \
    and m.version("pytest-asyncio") == "1.3.0"
sys.exit(0 if ok else 1)
PY
then
  .venv/bin/python -m pip install -q --disable-pip-version-check "$PINNED" "${TEST_DEPS[@]}" >&2
fi

export IFX_HOST="${IFX_HOST:-127.0.0.1}" IFX_PORT="${IFX_PORT:-9088}"
export IFX_USER="${IFX_USER:-informix}" IFX_PASSWORD="${IFX_PASSWORD:-in4mix}"
export IFX_DATABASE="${IFX_DATABASE:-sysmaster}" IFX_SERVER="${IFX_SERVER:-informix}"

# test_unicode.py's UTF-8 round trip wants a database created under
# DB_LOCALE=en_US.utf8, named in IFX_UTF8_DATABASE: IDS (and ifxtest) give a
# new database the locale of the session that creates it.
if [[ -z "${IFX_UTF8_DATABASE:-}" ]]; then
  if .venv/bin/python - <<'PY' >&2
import os, informix_db
conn = informix_db.connect(host=os.environ["IFX_HOST"], port=int(os.environ["IFX_PORT"]),
    user=os.environ["IFX_USER"], password=os.environ["IFX_PASSWORD"], database="sysmaster",
    server=os.environ["IFX_SERVER"], autocommit=True, env={"DB_LOCALE": "en_US.utf8"})
conn.cursor().execute("CREATE DATABASE IF NOT EXISTS ifx_peer_utf8 WITH LOG")
conn.close()
PY
  then
    export IFX_UTF8_DATABASE=ifx_peer_utf8
  else
    echo "peer: could not create the UTF-8 database; test_utf8_multibyte_round_trip will skip" >&2
  fi
fi

# The tests left out on purpose, each with its reason in docs/DIALECT.md
# ("informix-driver's suite: tests skipped"). Deselected by node id, so the
# count shows in pytest's summary and nothing else is skipped silently.
DESELECT=(
  # CPython's ThreadPoolExecutor races (threadpool_race.py shows it with no server).
  tests/test_async_threads.py::test_closing_a_connection_stops_its_thread
)
deselect_args=()
for id in "${DESELECT[@]}"; do deselect_args+=(--deselect "$id"); done

OUT="$(mktemp "${TMPDIR:-/tmp}/ifxpeer.XXXXXX")"
trap 'rm -f "$OUT"' EXIT
# The suite's tests import "tests.…", so it runs from the unpacked tree; the driver
# comes from the venv (the installed wheel, not src/, which is not on the path).
set +e
(cd "$SRC" && "$HERE/.venv/bin/python" -m pytest -p no:cacheprovider -q \
  -m "integration and not benchmark" "${deselect_args[@]}" "$@" tests) | tee "$OUT" >&2
rc=${PIPESTATUS[0]}
set -e
# pytest's closing line, with or without its "=====" frame: "3 failed, 5 passed, 1 skipped in 2.0s".
summary="$(grep -E '^(=+ )?[0-9]+ (passed|failed|errors?|skipped|deselected|xfailed|xpassed)\b.* in [0-9.]+s' "$OUT" | tail -1 || true)"
count() { sed -nE "s/.*[^0-9]([0-9]+) $1.*/\1/p" <<<" $summary" | head -1; }
passed="$(count passed)"; failed="$(count failed)"; errors="$(count 'errors?')"
passed="${passed:-0}"; failed=$(( ${failed:-0} + ${errors:-0} ))
if [[ -z "$summary" ]]; then
  echo "peer: pytest did not finish (exit $rc)" >&2
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[[ "$failed" == 0 ]]
