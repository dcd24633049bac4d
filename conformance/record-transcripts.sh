#!/usr/bin/env bash
# Record what IBM's JDBC driver sends in each conformance scenario, as
# fixtures under testdata/jdbc/: one file per scenario with every
# client-to-server chunk in hex (the server's replies are ifxtest's, not
# ground truth, so only their sizes are kept).
#
#   bash conformance/record-transcripts.sh
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="$ROOT/testdata/jdbc"
mkdir -p "$OUT"
scenarios=$(grep -oE 'SCENARIOS.put\("[a-z0-9_]+"' "$HERE/jdbc/src/main/java/ifxconf/Suite.java" | sed 's/.*("//; s/"//')
for s in $scenarios; do
  tmp=$(mktemp -d)
  RECORD_DIR="$tmp" SUITES=jdbc IFX_ONLY="$s" bash "$HERE/run.sh" >/dev/null 2>&1 || echo "record: scenario $s failed" >&2
  {
    echo "# IBM Informix JDBC 15.0.0.1.1 (com.ibm.informix:jdbc:15.0.0.1.1), conformance scenario: $s"
    echo "# made by conformance/record-transcripts.sh against ifxtestd; C>S chunks are JDBC's bytes,"
    echo "# S>C lines only give the size of ifxtest's reply."
    for f in "$tmp"/15.0/conn-*.hex; do  # run.sh keeps each persona's transcripts in its own directory
      echo "# ======== $(basename "$f" .hex)"
      awk '/^# S>C/ {print; skip=1; next} /^# C>S/ {print; skip=0; next} !skip {print}' "$f"
    done
  } > "$OUT/$s.hex"
  rm -rf "$tmp"
done
ls -la "$OUT"
