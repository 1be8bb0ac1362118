#!/usr/bin/env bash
# Fault run: three OnTrack nodes on one throwaway PostgreSQL, a stream of form submissions and bookings
# with Idempotency-Key headers across them, kill -9 of a random node KILLS times (each restarted), and
# one immediate stop and restart of PostgreSQL mid-load. Then every acknowledged write must be stored
# exactly once, nothing may be half-written and no email duplicated. See bench/README.md.
#   bench/faults/run.sh [SECONDS=240] [KILLS=20] [WORKERS=4]     (KEEP_WORK=1 keeps the logs and database after a pass)
# Not part of ./test.sh. Runs under nice -n 10 so that it shares the machine politely.
set -euo pipefail
cd "$(dirname "$0")/../.."
LOAD_SECONDS=${1:-240}
KILLS=${2:-20}
WORKERS=${3:-4}
PGBIN=/usr/lib/postgresql/15/bin
NICE=(nice -n 10)
WORK=$(mktemp -d /tmp/ontrack-faults.XXXXXX)
chmod 755 "$WORK"
echo "faults: working in $WORK; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- build (Release) ------------------------------------------------------------------------------
"${NICE[@]}" dotnet build src/OnTrack.Web -c Release -warnaserror -v q -nologo >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; exit 1; }
"${NICE[@]}" dotnet build bench/OnTrack.Faults -c Release -warnaserror -v q -nologo >>"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; exit 1; }
WEB_DLL=$PWD/src/OnTrack.Web/bin/Release/net10.0/OnTrack.Web.dll
DRIVER_DLL=$PWD/bench/OnTrack.Faults/bin/Release/net10.0/OnTrack.Faults.dll

# --- a throwaway PostgreSQL (as test.sh: as the postgres user when root; a random port) ----------
RUNAS=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres
  RUNAS=(runuser -u postgres --)
fi
mkdir -p "$WORK/pg" && { [ ${#RUNAS[@]} -eq 0 ] || chown postgres "$WORK/pg"; }
"${RUNAS[@]}" "$PGBIN/initdb" -D "$WORK/pg/data" -U ontrack -A trust -E UTF8 --locale=C.UTF-8 >"$WORK/pg/initdb.log" 2>&1
# Durable settings (fsync, synchronous_commit on): an acknowledged commit must survive the immediate stop.
PGPORT=$(( 20000 + RANDOM % 20000 ))
pg_start() {
  "${RUNAS[@]}" "${NICE[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/server.log" -w -t 120 \
    -o "-p $PGPORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
}
pg_start
PSQL=(psql -h 127.0.0.1 -p "$PGPORT" -U ontrack -v ON_ERROR_STOP=1 -qAt)
"${PSQL[@]}" -d postgres -c "CREATE DATABASE ontrack"
CONN="Host=127.0.0.1;Port=$PGPORT;Username=ontrack;Database=ontrack;Maximum Pool Size=40;Timeout=5;Command Timeout=15"

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  [ -f "$WORK/driver.pid" ] && kill "$(cat "$WORK/driver.pid")" 2>/dev/null || true
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m immediate stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

# --- three nodes ----------------------------------------------------------------------------------
BASE_PORT=$(( PGPORT + 1 ))
start_node() {
  local n=$1 first=false
  [ "$n" = 1 ] && first=true
  mkdir -p "$WORK/node$n"
  ASPNETCORE_ENVIRONMENT=Production \
  OnTrack__Database__Provider=Postgres OnTrack__Database__ConnectionString="$CONN" \
  OnTrack__Database__DataFolder="$WORK/node$n" OnTrack__Database__MigrateOnStart=$first OnTrack__SeedDemo=$first \
  OnTrack__Email__PickupFolder="$WORK/mail" OnTrack__Measures__InstrumentsFolder="$PWD/instruments" \
  OnTrack__PublicUrl="http://127.0.0.1:$(( BASE_PORT + n ))" \
    "${NICE[@]}" dotnet "$WEB_DLL" --urls "http://127.0.0.1:$(( BASE_PORT + n ))" >>"$WORK/node$n.log" 2>&1 &
  PIDS[$n]=$!
}
wait_ready() {
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "http://127.0.0.1:$(( BASE_PORT + $1 ))/api/clinic" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "faults: node $1 did not come up"; tail -20 "$WORK/node$1.log"; exit 1
}
start_node 1 && wait_ready 1
start_node 2 && start_node 3 && wait_ready 2 && wait_ready 3
# As a supervisor would: a node that exited on its own (e.g. it was starting while PostgreSQL was
# down, and start-up fails fast) is started again and counted.
EXITED=0
revive() {
  for n in 1 2 3; do
    if ! kill -0 "${PIDS[$n]}" 2>/dev/null; then
      wait "${PIDS[$n]}" 2>/dev/null || true
      EXITED=$(( EXITED + 1 ))
      echo "faults: $(date +%T) node $n had exited on its own; starting it again"
      start_node "$n"
    fi
  done
}
NODES="http://127.0.0.1:$(( BASE_PORT + 1 )),http://127.0.0.1:$(( BASE_PORT + 2 )),http://127.0.0.1:$(( BASE_PORT + 3 ))"
LOAD_START=$("${PSQL[@]}" -d ontrack -c "SELECT now()")
echo "faults: PostgreSQL on $PGPORT, nodes $NODES; load for ${LOAD_SECONDS}s with $WORKERS workers, $KILLS kills"

# --- load and faults ------------------------------------------------------------------------------
"${NICE[@]}" dotnet "$DRIVER_DLL" "$NODES" "$LOAD_SECONDS" "$WORK/acks.csv" "$WORKERS" >"$WORK/driver.out" 2>&1 &
echo $! >"$WORK/driver.pid"
DRIVER=$!
sleep 5
interval=$(( LOAD_SECONDS * 1000 / (KILLS + 2) ))
for k in $(seq 1 "$KILLS"); do
  sleep "$(awk -v ms=$(( interval / 2 + RANDOM % interval )) 'BEGIN { printf "%.2f", ms / 1000 }')"
  revive
  n=$(( RANDOM % 3 + 1 ))
  kill -9 "${PIDS[$n]}" 2>/dev/null || true
  wait "${PIDS[$n]}" 2>/dev/null || true
  echo "faults: $(date +%T) kill -9 node $n ($k/$KILLS)"
  start_node "$n"
  if [ "$k" = $(( KILLS / 2 )) ]; then
    echo "faults: $(date +%T) pg_ctl -m immediate stop"
    "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m immediate stop >/dev/null
    sleep 3
    pg_start
    echo "faults: $(date +%T) PostgreSQL back"
  fi
done
while kill -0 "$DRIVER" 2>/dev/null; do revive; sleep 2; done
wait "$DRIVER" || true
rm -f "$WORK/driver.pid"
sleep 3; revive
for n in 1 2 3; do wait_ready "$n"; done
sleep 20 # let the outbox workers send what the load queued

# --- verify ---------------------------------------------------------------------------------------
"${PSQL[@]}" -d ontrack <<SQL
CREATE TABLE acks(kind text, key text, attempts int, node int, status text, ids text);
\copy acks FROM '$WORK/acks.csv' WITH (FORMAT csv)
SQL
q() { "${PSQL[@]}" -d ontrack -c "$1"; }
ack_responses=$(q "SELECT count(*) FROM acks WHERE kind = 'response' AND status LIKE '2%'")
ack_paper=$(q "SELECT count(*) FROM acks WHERE kind = 'paper-response' AND status LIKE '2%'")
ack_bookings=$(q "SELECT count(*) FROM acks WHERE kind = 'booking' AND status LIKE '2%'")
rejected=$(q "SELECT count(*) FROM acks WHERE status LIKE '4%'")
gave_up=$(q "SELECT count(*) FROM acks WHERE status = 'gave-up'")
retried=$(q "SELECT count(*) FROM acks WHERE attempts > 1")
# Acknowledged: stored exactly once, under the key, with the id the client was given.
responses_not_once=$(q "SELECT count(*) FROM acks a WHERE kind LIKE '%response' AND status LIKE '2%' AND (SELECT count(*) FROM \"Responses\" r WHERE r.\"IdempotencyKey\" = a.key AND r.\"Id\"::text = a.ids) <> 1
  OR (kind LIKE '%response' AND status LIKE '2%' AND (SELECT count(*) FROM \"Responses\" r WHERE r.\"IdempotencyKey\" = a.key) <> 1)")
bookings_not_once=$(q "SELECT count(*) FROM acks a WHERE kind = 'booking' AND status LIKE '2%' AND ((SELECT count(*) FROM \"IdempotencyRecords\" i WHERE i.\"Key\" = a.key) <> 1
  OR (SELECT count(*) FROM \"Appointments\" p WHERE p.\"Id\"::text = ANY (string_to_array(a.ids, ';'))) <> cardinality(string_to_array(a.ids, ';')))")
# Any key (acknowledged or not) stored twice.
keys_twice=$(q "SELECT (SELECT count(*) FROM (SELECT 1 FROM \"Responses\" WHERE \"IdempotencyKey\" IS NOT NULL GROUP BY \"ClientId\", \"IdempotencyKey\" HAVING count(*) > 1) r)
  + (SELECT count(*) FROM (SELECT 1 FROM \"IdempotencyRecords\" GROUP BY \"Scope\", \"Key\" HAVING count(*) > 1) i)")
# Half-written rows from the run.
no_participants=$(q "SELECT count(*) FROM \"Appointments\" a WHERE a.\"CreatedAt\" >= '$LOAD_START' AND NOT EXISTS (SELECT 1 FROM \"Participants\" p WHERE p.\"AppointmentId\" = a.\"Id\")")
no_scores=$(q "SELECT count(*) FROM \"Responses\" WHERE \"RecordedAt\" >= '$LOAD_START' AND \"Valid\" AND \"Total\" IS NULL")
no_confirmation=$(q "SELECT count(*) FROM acks a WHERE kind = 'booking' AND status LIKE '2%' AND NOT EXISTS (SELECT 1 FROM \"Appointments\" p JOIN \"Participants\" x ON x.\"AppointmentId\" = p.\"Id\" JOIN \"Clients\" c ON c.\"Id\" = x.\"ClientId\"
  JOIN \"Outbox\" o ON o.\"To\" = c.\"Email\" AND o.\"Kind\" = 'booking-confirmation' AND o.\"CreatedAt\" BETWEEN p.\"CreatedAt\" - interval '1 second' AND p.\"CreatedAt\" + interval '1 second'
  WHERE p.\"Id\"::text = split_part(a.ids, ';', 1))")
stored_unacked=$(q "SELECT count(*) FROM acks a WHERE status NOT LIKE '2%' AND (EXISTS (SELECT 1 FROM \"Responses\" r WHERE r.\"IdempotencyKey\" = a.key) OR EXISTS (SELECT 1 FROM \"IdempotencyRecords\" i WHERE i.\"Key\" = a.key))")
# Email: no message queued twice, and none delivered twice (the pickup file is named by the message id).
outbox=$(q "SELECT count(*) FROM \"Outbox\" WHERE \"CreatedAt\" >= '$LOAD_START'")
outbox_twice=$(q "SELECT count(*) FROM (SELECT 1 FROM \"Outbox\" WHERE \"CreatedAt\" >= '$LOAD_START' GROUP BY \"Kind\", \"To\", \"Subject\", \"TextBody\", \"AppointmentId\", \"NotBefore\" HAVING count(*) > 1) d")
sent=$(q "SELECT count(*) FROM \"Outbox\" WHERE \"SentAt\" IS NOT NULL")
files=$(find "$WORK/mail" -maxdepth 1 -name '*.eml' 2>/dev/null | wc -l)

echo
echo "faults: figures"
echo "  driver:                             $(tr '\n' ';' <"$WORK/driver.out")"
echo "  acknowledged client / paper forms, bookings: $ack_responses / $ack_paper, $ack_bookings   (rejected 4xx: $rejected, gave up after 20 attempts: $gave_up, needed a retry: $retried)"
echo "  acknowledged but not stored once:   responses $responses_not_once, bookings $bookings_not_once"
echo "  any idempotency key stored twice:   $keys_twice"
echo "  appointments without participants: $no_participants"
echo "  valid responses without a score:    $no_scores"
echo "  bookings without a confirmation:    $no_confirmation"
echo "  unacknowledged but stored:          $stored_unacked   (allowed: the answer was lost, the write was not)"
echo "  outbox rows queued / duplicated:    $outbox / $outbox_twice"
echo "  outbox sent / pickup files:         $sent / $files"
echo "  nodes killed / exited on their own: $KILLS / $EXITED"
echo "  load average after:                 $(cut -d' ' -f1-3 /proc/loadavg)"
bad=$(( responses_not_once + bookings_not_once + keys_twice + no_participants + no_scores + no_confirmation + outbox_twice ))
if [ "$bad" != 0 ]; then
  echo "faults: FAIL ($bad); logs, the acknowledgements (acks.csv) and the database are kept in $WORK"
  exit 1
fi
echo "faults: PASS"
cleanup
trap - EXIT
[ -n "${KEEP_WORK:-}" ] && echo "faults: kept $WORK" || rm -rf "$WORK"
