#!/usr/bin/env bash
# Create conformance/python/.venv with the pinned informix-driver (first run needs PyPI),
# then run the suite. Arguments are passed to suite.py (--host --port --server --database
# --user --password --only --timeout; env IFX_* works too).
set -euo pipefail
cd "$(dirname "$0")"
PINNED="informix-driver==2026.9.3"
PY="${PYTHON:-python3}"
if [[ ! -x .venv/bin/python ]]; then
  "$PY" -m venv .venv >&2
fi
if ! .venv/bin/python -c 'import importlib.metadata as m, sys; sys.exit(m.version("informix-driver") != "2026.9.3")' 2>/dev/null; then
  .venv/bin/python -m pip install -q --disable-pip-version-check "$PINNED" >&2
fi
exec .venv/bin/python suite.py "$@"
