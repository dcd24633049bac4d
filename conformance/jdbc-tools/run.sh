#!/usr/bin/env bash
# Build (first time online, later `mvn -o` works) and run the Java tools suite:
# DatabaseMetaData and generated keys through IBM JDBC, Flyway with
# flyway-database-informix, Liquibase, Hibernate ORM with its community
# Informix dialect. Versions are pinned in pom.xml.
# usage: conformance/jdbc-tools/run.sh [--host H] [--port P] [--server S] [--database D] [--user U] [--password W] [--only NAME]
# env:   IFX_HOST IFX_PORT IFX_SERVER IFX_DATABASE IFX_USER IFX_PASSWORD IFX_ONLY, MVN_OFFLINE=1 to force -o
set -euo pipefail
cd "$(dirname "$0")"
MVN_FLAGS=(-q -B -Dstyle.color=never)
if [[ "${MVN_OFFLINE:-}" == 1 ]]; then MVN_FLAGS+=(-o); fi
stale=0
[[ -d target/dependency && -f target/classes/ifxtools/Suite.class ]] || stale=1
for f in src/main/java/ifxtools/*.java pom.xml; do
  [[ "$f" -nt target/classes/ifxtools/Suite.class ]] && stale=1
done
if [[ $stale == 1 ]]; then
  LOG="$(mktemp "${TMPDIR:-/tmp}/ifxtools-mvn.XXXXXX")"
  if ! mvn "${MVN_FLAGS[@]}" compile >"$LOG" 2>&1; then
    if ! mvn -q -B -Dstyle.color=never compile >"$LOG" 2>&1; then
      cat "$LOG" >&2; rm -f "$LOG"
      echo "jdbc-tools suite: maven build failed" >&2
      exit 2
    fi
  fi
  rm -f "$LOG"
fi
# Liquibase would send anonymous usage data; the tools' own logs go to stderr.
exec java -Dliquibase.analytics.enabled=false -Dliquibase.showBanner=false \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.logFile=System.err \
  -cp "target/classes:target/dependency/*" ifxtools.Suite "$@"
