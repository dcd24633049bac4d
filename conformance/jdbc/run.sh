#!/usr/bin/env bash
# Build (first time online, later `mvn -o` works) and run the JDBC conformance suite.
# usage: conformance/jdbc/run.sh [--host H] [--port P] [--server S] [--database D] [--user U] [--password W] [--only NAME]
# env:   IFX_HOST IFX_PORT IFX_SERVER IFX_DATABASE IFX_USER IFX_PASSWORD, MVN_OFFLINE=1 to force -o
set -euo pipefail
cd "$(dirname "$0")"
MVN_FLAGS=(-q -B -Dstyle.color=never)
if [[ "${MVN_OFFLINE:-}" == 1 ]]; then MVN_FLAGS+=(-o); fi
if [[ ! -f target/classes/ifxconf/Suite.class || src/main/java/ifxconf/Suite.java -nt target/classes/ifxconf/Suite.class || ! -d target/dependency ]]; then
  LOG="$(mktemp "${TMPDIR:-/tmp}/ifxconf-mvn.XXXXXX")"
  if ! mvn "${MVN_FLAGS[@]}" compile >"$LOG" 2>&1; then
    # offline build failed (fresh machine?) -> retry online
    if ! mvn -q -B -Dstyle.color=never compile >"$LOG" 2>&1; then
      cat "$LOG" >&2; rm -f "$LOG"
      echo "jdbc suite: maven build failed" >&2
      exit 2
    fi
  fi
  rm -f "$LOG"
fi
exec java -cp "target/classes:target/dependency/*" ifxconf.Suite "$@"
