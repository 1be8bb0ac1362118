#!/usr/bin/env bash
# OnTrack under load on a large clinic, side by side with PostgreSQL's own limit on the same machine.
#   1. installs what it needs when missing (postgresql-15, wrk) from Debian packages, or fails saying so;
#   2. starts a throwaway PostgreSQL 15 (as test.sh does: initdb in a temp dir, random port, fsync off —
#      the same server for pgbench and for OnTrack, so the ratios compare like with like);
#   3. builds OnTrack and bench/OnTrack.WebBench in Release; the generator creates clinic "bench" through
#      the app's own code (60 therapists, 6,000 clients, two years of weekly sessions, ≈300k responses
#      scored by the real scorer, the alerts the real rules raise, the expected courses fitted);
#   4. pgbench scale 10, -N (simple writes) and -S (selects), 32 clients, on that server: the limit;
#   5. starts OnTrack (Release, one node) on it, signs in over HTTP (POST /api/auth/login) as the admin and
#      every therapist, and drives each scenario with wrk at 32 connections (warm-up, then measured);
#   6. the same on SQLite (one node, a file of its own, same generator);
#   7. prints the table and removes everything (KEEP=1 keeps the work folder).
# Usage: bench/web/run.sh [SCALE=1] [SECONDS=15] [DATABASES="postgres sqlite"]
#   SCALE 0.1 makes 6 therapists and 600 clients for a quick try.
set -euo pipefail
cd "$(dirname "$0")/../.."
SCALE=${1:-1}
SECONDS_EACH=${2:-15}
DATABASES=${3:-postgres sqlite}
WARMUP=${WARMUP:-10}
CONNECTIONS=32
THREADS=2
PGBIN=/usr/lib/postgresql/15/bin
SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo"
say() { echo "web bench: $*"; }
load() { echo "[uptime: $(uptime | sed 's/^ *//')]"; }

missing=()
[ -x "$PGBIN/initdb" ] && [ -x "$PGBIN/pgbench" ] || missing+=(postgresql-15)
command -v wrk >/dev/null || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
    echo "web bench: FAILED to install ${missing[*]} from Debian packages; the benchmark cannot run without them." >&2
    exit 1
  fi
fi
for tool in "$PGBIN/initdb" "$PGBIN/pg_ctl" "$PGBIN/pgbench" "$PGBIN/psql" "$(command -v wrk)"; do
  [ -x "$tool" ] || { echo "web bench: $tool is missing after installation" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/ontrack-web-bench.XXXXXX)
RUNAS=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres
  chown postgres "$WORK"
  RUNAS=(runuser -u postgres --)
fi
APP_PID=""
stop_app() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null; APP_PID=""; }
cleanup() {
  stop_app || true
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  if [ "${KEEP:-0}" = 1 ]; then echo "web bench: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
say "building (Release)"
dotnet build src/OnTrack.Web -c Release -warnaserror -v q -nologo >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; exit 1; }
dotnet build bench/OnTrack.WebBench -c Release -warnaserror -v q -nologo >>"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; exit 1; }
WEB_DLL=$PWD/src/OnTrack.Web/bin/Release/net10.0/OnTrack.Web.dll
GEN_DLL=$PWD/bench/OnTrack.WebBench/bin/Release/net10.0/OnTrack.WebBench.dll
nproc; load

# The app's settings for the generator (WebApplicationFactory reads the environment too) and the node.
export ASPNETCORE_ENVIRONMENT=Production OnTrack__SeedDemo=false OnTrack__DefaultClinic=bench \
  OnTrack__Measures__InstrumentsFolder="$PWD/instruments" OnTrack__Email__PickupFolder="$WORK/mail" \
  Logging__LogLevel__Default=Warning
# One address sends every sign-in and request here: lift the per-address limits (as the tests do).
for limit in SignInPerAddress SignInPerAccount AccountEmailsPerAddress AccountEmailsPerAccount BookingPerAddress AnonymousPerAddress; do
  export "OnTrack__RateLimits__${limit}__PermitLimit=100000000"
done

start_app() { # PROVIDER CONNECTION
  APP_PORT=$(( 40000 + RANDOM % 20000 ))
  URL="http://127.0.0.1:$APP_PORT"
  OnTrack__Database__Provider=$1 OnTrack__Database__ConnectionString="$2" OnTrack__Database__DataFolder="$WORK/data-$1" \
  OnTrack__PublicUrl="$URL" dotnet "$WEB_DLL" --urls "$URL" >"$WORK/app-$1.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 120); do
    curl -fsS -o /dev/null "$URL/api/clinic" 2>/dev/null && return 0
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.5
  done
  tail -30 "$WORK/app-$1.log"; echo "web bench: OnTrack did not start" >&2; exit 1
}

# SCENARIO FILE MODE: warm-up (reads only), then SECONDS_EACH measured; appends to results.
declare -A RESULT
drive() {
  local db=$1 name=$2 mode=$3 file="$WORK/req-$1/$2.tsv" warm="$WORK/req-$1/$2-warm.tsv"
  if [ "$mode" = once ]; then
    # Bookings: the first 200 slots warm up, the rest are measured; each slot is booked once.
    head -n 200 "$file" >"$warm"; tail -n +201 "$file" >"$file.rest"; mv "$file.rest" "$file"
  else
    cp "$file" "$warm"
  fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --latency -s bench/web/replay.lua "$URL" -- "$warm" "$THREADS" "$mode" >/dev/null 2>&1 || true
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 10s -s bench/web/replay.lua "$URL" -- "$file" "$THREADS" "$mode" 2>&1) || true
  echo "$out" >"$WORK/wrk-$db-$name.txt"
  RESULT[$db/$name]=$(grep '^RESULT' <<<"$out" | head -1)
  say "$db $name: $(awk '{printf "%.0f req/s, p50 %.1f ms, p99 %.1f ms, %d errors", $2/$3, $4/1000, $5/1000, $6}' <<<"${RESULT[$db/$name]}")"
}

SCENARIOS=(caseload:cycle chart:cycle alerts:cycle schedule:cycle booking-page:cycle booking:once submit:cycle)
run_scenarios() {
  for s in "${SCENARIOS[@]}"; do drive "$1" "${s%%:*}" "${s##*:}"; done
}

PG_TPS_N=""; PG_TPS_S=""
if [[ " $DATABASES " == *" postgres "* ]]; then
  "${RUNAS[@]}" "$PGBIN/initdb" -D "$WORK/pg" -U ontrack -A trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log"; echo "web bench: initdb failed" >&2; exit 1; }
  started=""
  for attempt in 1 2 3 4 5; do
    PGPORT=$(( 20000 + RANDOM % 20000 ))
    if "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w -t 60 \
        -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" start >/dev/null; then
      started=yes; break
    fi
  done
  [ -n "$started" ] || { cat "$WORK/pg.log"; echo "web bench: PostgreSQL did not start" >&2; exit 1; }
  "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PGPORT" -U ontrack -d postgres -c "CREATE DATABASE ontrack" -c "CREATE DATABASE pgbench"
  say "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PGPORT (fsync off, removed after)"
  CONN="Host=127.0.0.1;Port=$PGPORT;Username=ontrack;Database=ontrack;Maximum Pool Size=100"

  say "generating the clinic on PostgreSQL (scale $SCALE)"; load
  dotnet "$GEN_DLL" generate Postgres "$CONN" "$WORK/manifest-postgres.json" "$SCALE"
  "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PGPORT" -U ontrack -d ontrack -c "VACUUM ANALYZE" 
  say "database size: $("$PGBIN/psql" -X -At -h 127.0.0.1 -p "$PGPORT" -U ontrack -d ontrack -c "SELECT pg_size_pretty(pg_database_size('ontrack'))")"

  say "pgbench: scale 10, $CONNECTIONS clients, ${SECONDS_EACH} s each"; load
  "$PGBIN/pgbench" -h 127.0.0.1 -p "$PGPORT" -U ontrack -i -s 10 -q pgbench >"$WORK/pgbench-init.log" 2>&1
  for mode in N S; do
    "$PGBIN/pgbench" -h 127.0.0.1 -p "$PGPORT" -U ontrack -$mode -c "$CONNECTIONS" -j "$THREADS" -T "$SECONDS_EACH" pgbench >"$WORK/pgbench-$mode.log" 2>&1
    tps=$(grep -Eo 'tps = [0-9.]+' "$WORK/pgbench-$mode.log" | head -1 | awk '{print $3}')
    lat=$(grep -Eo 'latency average = [0-9.]+ ms' "$WORK/pgbench-$mode.log" | awk '{print $4}')
    say "pgbench -$mode: $tps TPS, latency average $lat ms"
    if [ "$mode" = N ]; then PG_TPS_N=$tps; else PG_TPS_S=$tps; fi
  done

  start_app Postgres "$CONN"
  dotnet "$GEN_DLL" requests "$URL" "$WORK/manifest-postgres.json" "$WORK/req-postgres" 20000
  load; run_scenarios postgres; load
  stop_app
fi

if [[ " $DATABASES " == *" sqlite "* ]]; then
  mkdir -p "$WORK/sqlite"
  SQLITE="Data Source=$WORK/sqlite/ontrack.db"
  say "generating the clinic on SQLite (scale $SCALE)"; load
  dotnet "$GEN_DLL" generate Sqlite "$SQLITE" "$WORK/manifest-sqlite.json" "$SCALE"
  start_app Sqlite "$SQLITE"
  dotnet "$GEN_DLL" requests "$URL" "$WORK/manifest-sqlite.json" "$WORK/req-sqlite" 20000
  load; run_scenarios sqlite; load
  stop_app
fi

echo
echo "OnTrack at $CONNECTIONS connections, ${SECONDS_EACH} s each (scale $SCALE); pgbench -N ${PG_TPS_N:-n/a} TPS, -S ${PG_TPS_S:-n/a} TPS"
printf '| %-8s | %-13s | %9s | %8s | %8s | %6s | %-22s |\n' database scenario "req/s" "p50 ms" "p99 ms" errors "vs pgbench (same server)"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' ---------- --------------- ----------- ---------- ---------- -------- ------------------------
for db in $DATABASES; do
  for s in "${SCENARIOS[@]}"; do
    name=${s%%:*}
    r=${RESULT[$db/$name]:-}
    [ -n "$r" ] || { printf '| %-8s | %-13s | %9s |\n' "$db" "$name" "no result"; continue; }
    case $name in booking|submit) base=$PG_TPS_N; what="-N";; *) base=$PG_TPS_S; what="-S";; esac
    awk -v db="$db" -v name="$name" -v base="$base" -v what="$what" '{
      rps = $2 / $3; ratio = (base == "" ? "n/a" : sprintf("%.1f %% of %s", 100 * rps / base, what));
      # wrk counts no error for a request still unanswered when the run ends: say so.
      if ($2 == 0) { printf "| %-8s | %-13s | %9s | none finished within the run (timeout 10 s) |\n", db, name, 0; next }
      printf "| %-8s | %-13s | %9.0f | %8.1f | %8.1f | %6d | %-22s |\n", db, name, rps, $4 / 1000, $5 / 1000, $6, ratio }' <<<"$r"
  done
done
load
