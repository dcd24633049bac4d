#!/usr/bin/env bash
# nmap's Informix NSE scripts (informix-query, informix-tables, informix-brute; nselib/informix.lua,
# written against IDS 11.50) as a third black-box client of ifxtestd. Installs nmap with apt-get
# when it is missing. Prints `PASS name` / `FAIL name: reason` per scenario and `N passed, M failed`.
#
# Settings (environment): IFX_HOST IFX_PORT IFX_DATABASE IFX_USER IFX_PASSWORD IFX_ONLY, and
# IFX_VERSION_TEXT (what DBINFO('version','full') must contain; default "Dynamic Server Version").
#
# The scripts' portrule takes ports 1526, 9088, 9090, 9092 or a port whose service is "informix":
# on any other port the suite maps it to "informix" with a private nmap-services (--datadir), so the
# scripts run unmodified. The instance name is never passed: the scripts log in as "nmap_probe"
# (or "on_nmap_dummy"), get -761 and retry with the name the server sent back.
set -uo pipefail
HOST="${IFX_HOST:-127.0.0.1}"
PORT="${IFX_PORT:-9088}"
DB="${IFX_DATABASE:-testdb}"
USER_="${IFX_USER:-informix}"
PASS_="${IFX_PASSWORD:-in4mix}"
ONLY="${IFX_ONLY:-}"
VERSION_TEXT="${IFX_VERSION_TEXT:-Dynamic Server Version}"

if ! command -v nmap >/dev/null 2>&1; then
  echo "nmap suite: installing nmap" >&2
  (apt-get update -qq && apt-get install -y -qq nmap) >&2 || true
fi
if ! command -v nmap >/dev/null 2>&1; then
  echo "FAIL setup: nmap is not installed and apt-get could not install it"
  echo "0 passed, 1 failed"
  exit 1
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/ifxnmap.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
NMAP_ARGS=(-n -Pn -sT -p "$PORT")
case "$PORT" in
  1526|9088|9090|9092) ;;
  *) printf 'informix\t%s/tcp\t0.5\n' "$PORT" >"$TMP/nmap-services"; NMAP_ARGS+=(--datadir "$TMP") ;;
esac

PASSED=0; FAILED=0
# run NAME SCRIPT ARGS: runs one script with -d (so that its errors are shown) and keeps the
# script's output block (lines starting with "|") in $OUT.
run() {
  local script="$1" args="$2"
  OUT="$(timeout 120 nmap "${NMAP_ARGS[@]}" -d --script "$script" --script-args "$args" "$HOST" 2>&1 | grep '^|')"
}
pass() { echo "PASS $1"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL $1: $2"; printf '%s\n' "$OUT" | sed 's/^/    /' >&2; FAILED=$((FAILED + 1)); }
want() { [[ -z "$ONLY" || "$1" == *"$ONLY"* ]]; }
# has TEXT...: every TEXT occurs in $OUT (as fixed strings).
has() { local s; for s in "$@"; do grep -qF -- "$s" <<<"$OUT" || return 1; done; }
creds="informix-query.username=$USER_,informix-query.password=$PASS_"

if want query_default_dbinfo; then
  run informix-query "$creds"
  if has "informix-query:" "Database: sysmaster" "hostname" "$VERSION_TEXT" && ! has "ERROR"; then
    pass query_default_dbinfo
  else fail query_default_dbinfo "no DBINFO hostname/version row"; fi
fi

if want query_first3_systables; then
  run informix-query "$creds,informix-query.query='SELECT FIRST 3 tabname FROM systables ORDER BY tabid'"
  rows="$(sed -n '/Results/,$p' <<<"$OUT" | grep -oE 'sys[a-z]+' | tr '\n' ' ')"
  if [[ "$rows" == "systables syscolumns sysindices " ]] && ! has "ERROR"; then
    pass query_first3_systables
  else fail query_first3_systables "rows: $rows"; fi
fi

if want wrong_password; then
  run informix-query "informix-query.username=$USER_,informix-query.password=${PASS_}x"
  if has "Incorrect password"; then pass wrong_password; else fail wrong_password "no \"Incorrect password\""; fi
fi

TABLE="nmap_t$$"
if want tables; then
  # SQ_COMMAND through informix-query (non-SELECT text), then informix-tables lists it.
  run informix-query "$creds,informix-query.database=$DB,informix-query.query='CREATE TABLE $TABLE (id INT, name VARCHAR(20)); INSERT INTO $TABLE VALUES (1, \"one\")'"
  created="$OUT"
  run informix-tables "informix-tables.username=$USER_,informix-tables.password=$PASS_"
  if ! grep -q "No rows returned" <<<"$created" || grep -q "ERROR" <<<"$created"; then
    OUT="$created"; fail tables "CREATE TABLE/INSERT through SQ_COMMAND failed"
  elif has "Database: " "$TABLE" && grep -qE "$TABLE +id " <<<"$OUT" && grep -qE "$TABLE +name " <<<"$OUT"; then
    pass tables
  else fail tables "table $TABLE and its columns not listed"; fi
fi

if want brute; then
  printf 'admin\n%s\nguest\n' "$USER_" >"$TMP/users"
  printf 'secret\n%s\npassword\n' "$PASS_" >"$TMP/passwords"
  run informix-brute "userdb=$TMP/users,passdb=$TMP/passwords,brute.threads=2"
  if has "$USER_:$PASS_ - Valid credentials" && ! has "admin:" && ! has "guest:"; then
    pass brute
  else fail brute "the right pair not found (or a wrong one reported)"; fi
fi

echo "$PASSED passed, $FAILED failed"
[[ "$FAILED" == 0 ]]
