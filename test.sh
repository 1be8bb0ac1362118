#!/usr/bin/env bash
# Runs every OnTrack test on a fresh machine with the .NET SDK:
#  1. installs what the tests need when it is missing (PostgreSQL 15, Chromium) from Debian packages;
#  2. starts a throwaway PostgreSQL server (as the postgres user when run as root: its server refuses root);
#  3. checks formatting, builds with warnings as errors, runs unit, integration (SQLite and PostgreSQL)
#     and browser tests;
#  4. stops the server and removes its files, whatever happened.
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
PGBIN=/usr/lib/postgresql/15/bin

missing=()
[ -x "$PGBIN/initdb" ] || missing+=(postgresql-15)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/truetype/liberation ] || missing+=(fonts-liberation)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
    echo "test.sh: FAILED to install ${missing[*]} from Debian packages; the tests cannot run without them." >&2
    exit 1
  fi
fi
for tool in "$PGBIN/initdb" "$PGBIN/pg_ctl" /usr/bin/chromium; do
  [ -x "$tool" ] || { echo "test.sh: $tool is missing after installation" >&2; exit 1; }
done

# --- a throwaway PostgreSQL server -------------------------------------------------------------
PGDIR=$(mktemp -d /tmp/ontrack-pg.XXXXXX)
RUNAS=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres
  chown postgres "$PGDIR"
  RUNAS=(runuser -u postgres --)
fi
cleanup() {
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
trap cleanup EXIT

"${RUNAS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U ontrack -A trust -E UTF8 --locale=C.UTF-8 >"$PGDIR/initdb.log" 2>&1 \
  || { cat "$PGDIR/initdb.log"; echo "test.sh: initdb failed" >&2; exit 1; }
started=""
for attempt in 1 2 3 4 5; do
  PGPORT=$(( 20000 + RANDOM % 20000 ))
  if "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
      -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" start >/dev/null; then
    started=yes; break
  fi
done
[ -n "$started" ] || { cat "$PGDIR/server.log"; echo "test.sh: PostgreSQL did not start" >&2; exit 1; }
export ONTRACK_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=ontrack;Include Error Detail=true;Maximum Pool Size=200"
echo "test.sh: PostgreSQL 15 running on port $PGPORT (removed after the run)"

# --- format, build, test ---------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
dotnet format OnTrack.slnx --verify-no-changes
dotnet build OnTrack.slnx -c Release -warnaserror
set +e
# One test project at a time (-m:1): the browser tests time real page loads, and on a two-core
# machine they would otherwise share it with the integration tests' two databases.
dotnet test OnTrack.slnx -c Release --no-build -m:1 2>&1 | tee "$PGDIR/test.log"
status=${PIPESTATUS[0]}
set -e
passed=$(grep -Eo 'Passed: +[0-9]+' "$PGDIR/test.log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$PGDIR/test.log" | awk '{s+=$2} END {print s+0}')
echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
