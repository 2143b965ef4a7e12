#!/usr/bin/env bash
# Scale run (issue 15): N assets with S scans of history (default 100,000 x 30: 3 million snapshot rows) on SQLite and
# PostgreSQL, seeded by bulk SQL / COPY (bench/seed_scale.py: realistic kinds, vendors, ports, banners, changes,
# certificates, switches, subnets; the built-in CVEs by `bigr vuln seed`), then the server with render.yaml's JVM
# options and p50/p99 of every GET route of the API, rendered afresh (Cache-Control: no-cache), rendered afresh for a
# client that takes gzip (a browser), and repeated (the read cache may answer), one request at a time (bench/latency.py), plus the server's peak RSS. Prints a table per
# database; asserts nothing.
#
#   bench/scale.sh [N] [S]          default: 100000 30     (needs: python3, psql and a local PostgreSQL for PG)
#   DBS="sqlite postgres" KEEP_DB=1 COUNT_COMPUTED=10 COUNT_CACHED=50 SECONDS=15 TIMEOUT=120 ROUTES=/path/to/list \
#       JAR=/tmp/copy-of-bigr.jar bench/scale.sh
#   REUSE=1 bench/scale.sh          measure again on the databases a KEEP_DB=1 run left (no seeding)
#   AFTER_CHANGE=1 WAIT=20 ...      then the first read of four whole-inventory routes WAIT s after a CLI tag
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}; S=${2:-30}
DBS=${DBS:-"sqlite postgres"}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=${PORT:-$(free_port)}; ADMIN_PORT=${ADMIN_PORT:-$(free_port)}
RENDER_OPTS=$(sed -n 's/^ *value: "\(-Xmx[^"]*\)".*/\1/p' render.yaml | head -1)
JVM_BENCH=${JAVA_BENCH_OPTS:-${RENDER_OPTS:?no JAVA_OPTS found in render.yaml}}
PG_ADMIN=${PG_ADMIN:-"psql -h 127.0.0.1 -U postgres -d test -qAt"}
DATA=${SCALE_DATA:-/tmp/bigr-scale}       # the seeded SQLite file lives here (kept with KEEP_DB=1)
LOGS=${BENCH_LOGS:-/tmp/bigr-bench-logs}
TOKEN=bench-token
TOKEN_SHA=$(printf %s "$TOKEN" | sha256sum | cut -d' ' -f1)
export TOKEN
mkdir -p "$DATA" "$LOGS"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT
JAR=${JAR:-target/bigr.jar}   # a copy keeps a run going while target/ is rebuilt
[ -f "$JAR" ] || mvn -q -o package -DskipTests

start_server() { # $1 = config, rest = env assignments
  local config=$1; shift
  env "$@" MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} PORT=$PORT ADMIN_PORT=$ADMIN_PORT BIGR_API_TOKEN_SHA256=$TOKEN_SHA \
      BIGR_AUTH_REQUIRED=false java $JVM_BENCH -jar "$JAR" server "$config" >"$DATA/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$DATA/server.log"; return 1; }
    sleep 0.5
  done
  echo "server did not start"; tail -20 "$DATA/server.log"; return 1
}
stop_server() { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }
sample_rss() { while kill -0 "$SERVER_PID" 2>/dev/null; do
  awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null >> "$DATA/rss" || true; sleep 0.25; done; }
api() { curl -fs -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/$1"; }
json() { python3 -c "import json, sys, urllib.parse; d = json.load(sys.stdin); print($1)"; }

for DB in $DBS; do
  if [ "$DB" = sqlite ]; then
    CONFIG=config-local.yml; FILE="$DATA/scale-$N-$S.db"; DBENV=(BIGR_DB="sqlite:///$FILE")
    TARGET=$FILE
  else
    NAME=bigr_scale_${N}_$S; CONFIG=config.yml; DBENV=(DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$NAME")
    TARGET=$NAME
  fi
  if [ -z "${REUSE:-}" ]; then
    if [ "$DB" = sqlite ]; then rm -f "$FILE" "$FILE-wal" "$FILE-shm"
    else $PG_ADMIN -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" -c "CREATE DATABASE $NAME"; fi
    t0=$(date +%s)
    env "${DBENV[@]}" java -Xmx512m -jar "$JAR" db migrate "$CONFIG" >"$DATA/migrate.log" 2>&1 \
        || { tail -5 "$DATA/migrate.log"; exit 1; }
    python3 bench/seed_scale.py "$DB" "$TARGET" "$N" "$S"
    env "${DBENV[@]}" java -Xmx512m -jar "$JAR" vuln seed "$CONFIG" 2>&1 | tail -1
    echo "$DB: migrated and seeded in $(( $(date +%s) - t0 )) s"
  else # a database a KEEP_DB=1 run left: brought to this jar's schema (the time a release's upgrade takes)
    t0=$(date +%s)
    env "${DBENV[@]}" java -Xmx512m -jar "$JAR" db migrate "$CONFIG" >"$DATA/migrate.log" 2>&1 \
        || { tail -5 "$DATA/migrate.log"; exit 1; }
    echo "$DB: db migrate took $(( $(date +%s) - t0 )) s"
  fi
  # the retention job ran just now (as on a server that has been up): it does not start inside the measurement
  if [ "$DB" = sqlite ]; then
    python3 -c "import sqlite3, sys, time; d = sqlite3.connect(sys.argv[1]); t = int(time.time() * 1000); d.execute(\"INSERT OR REPLACE INTO schedule_runs (job_key, status, owner, last_started, last_finished) VALUES ('prune', 'completed', 'bench', ?, ?)\", (t, t)); d.commit()" "$FILE"
  else
    psql -h 127.0.0.1 -U postgres -d "$NAME" -qAt -c "INSERT INTO schedule_runs (job_key, status, owner, last_started, last_finished) VALUES ('prune', 'completed', 'bench', now(), now()) ON CONFLICT (job_key) DO UPDATE SET last_started = now(), last_finished = now()"
  fi
  start_server "$CONFIG" "${DBENV[@]}"
  : > "$DATA/rss"; sample_rss & SAMPLER=$!
  # identifiers the routes need, read from the data
  LATEST=$(api "scans?limit=2" | json 'd["scans"][0]["id"]')
  BASE=$(api "scans?limit=2" | json 'd["scans"][1]["id"]')
  IP=$(api "assets?limit=1&sort=ip" | json 'd["assets"][0]["ip"]')
  CURSOR=$(api "assets?limit=100&sort=ip" | json 'urllib.parse.quote(d["next_cursor"], safe="")')
  CURSOR_SEEN=$(api "assets?limit=100" | json 'urllib.parse.quote(d["next_cursor"], safe="")')
  SWITCH=$(api "switches?limit=1" | json 'd["switches"][0]["host"]')
  SINCE=$(date -u -d '7 days ago' +%Y-%m-%dT%H:%M:%SZ)
  LIST=${ROUTES:-$DATA/routes.txt}
  if [ -z "${ROUTES:-}" ]; then
    tab=$'\t'
    cat > "$LIST" <<EOF
/api/health${tab}/api/health
/api/data${tab}/api/data
/api/data?scope=inventory${tab}/api/data?scope=inventory
/api/data?limit=100&offset=50000${tab}/api/data?limit=100&offset=50000
/api/data?subnet=10.1.0.0/16${tab}/api/data?subnet=10.1.0.0/16
/api/assets (first page, -last_seen)${tab}/api/assets
/api/assets?limit=100&cursor= (2nd page)${tab}/api/assets?limit=100&cursor=$CURSOR_SEEN
/api/assets?sort=ip&cursor= (2nd page)${tab}/api/assets?limit=100&sort=ip&cursor=$CURSOR
/api/assets?sort=-ip&limit=1000${tab}/api/assets?sort=-ip&limit=1000
/api/assets?sort=vendor${tab}/api/assets?sort=vendor
/api/assets?sort=hostname${tab}/api/assets?sort=hostname
/api/assets?sort=bigr_category${tab}/api/assets?sort=bigr_category
/api/assets?sort=first_seen${tab}/api/assets?sort=first_seen
/api/assets?q=ws-0004${tab}/api/assets?q=ws-0004
/api/assets?q=10.1.2.${tab}/api/assets?q=10.1.2.
/api/assets?category=iot${tab}/api/assets?category=iot
/api/assets?vendor=cisco${tab}/api/assets?vendor=cisco
/api/assets?device_type=camera${tab}/api/assets?device_type=camera
/api/assets?subnet=10.1.0.0/16${tab}/api/assets?subnet=10.1.0.0/16
/api/assets?status=missed${tab}/api/assets?status=missed
/api/assets?status=gone${tab}/api/assets?status=gone
/api/assets?seen_since=7d${tab}/api/assets?seen_since=$SINCE
/api/assets?port=443${tab}/api/assets?port=443
/api/assets?category=iot&vendor=hikvision&sort=ip${tab}/api/assets?category=iot&vendor=hikvision&sort=ip
/api/assets/summary${tab}/api/assets/summary
/api/assets/{ip}${tab}/api/assets/$IP
/api/assets/export (csv, the default)${tab}/api/assets/export
/api/assets/export?format=csv${tab}/api/assets/export?format=csv
/api/assets/export?format=jsonl${tab}/api/assets/export?format=jsonl
/api/assets/export?format=xml${tab}/api/assets/export?format=xml
/api/assets/export?format=csv&category=iot${tab}/api/assets/export?format=csv&category=iot
/api/changes${tab}/api/changes
/api/changes?offset=100000${tab}/api/changes?offset=100000
/api/changes?type=port_opened${tab}/api/changes?type=port_opened
/api/changes?ip={ip}${tab}/api/changes?ip=$IP
/api/changes?since=7d${tab}/api/changes?since=$SINCE
/api/scans${tab}/api/scans
/api/scans/{id}${tab}/api/scans/$LATEST
/api/scans/{id}/diff?base={previous}${tab}/api/scans/$LATEST/diff?base=$BASE
/api/subnets${tab}/api/subnets
/api/switches${tab}/api/switches
/api/switches/{host}/ports${tab}/api/switches/$SWITCH/ports
/api/certificates${tab}/api/certificates
/api/certificates?sort=expiry&expiring_within=30${tab}/api/certificates?sort=expiry&expiring_within=30
/api/topology${tab}/api/topology
/api/topology/subnet/10.1.2.0/24${tab}/api/topology/subnet/10.1.2.0/24
/api/compliance${tab}/api/compliance
/api/analytics${tab}/api/analytics
/api/analytics?days=90${tab}/api/analytics?days=90
/api/risk${tab}/api/risk
/api/vulnerabilities${tab}/api/vulnerabilities
/api/metrics${tab}/api/metrics
/api/openapi.json${tab}/api/openapi.json
EOF
  fi
  echo "== $DB: $N assets x $S scans ($(uptime | sed 's/.*load/load/'))"
  python3 bench/latency.py "http://127.0.0.1:$PORT" "$DB" < "$LIST"
  if [ -n "${AFTER_CHANGE:-}" ]; then
    # The first read after another process's change (a CLI tag), WAIT seconds after it, of the routes a dashboard
    # reads whole (topology, risk, vulnerabilities) and the whole inventory: with refresh-ahead the server has
    # rendered them again by then (bench/after_change.py).
    printf '/api/data\t/api/data\n/api/topology\t/api/topology\n/api/risk\t/api/risk\n/api/vulnerabilities\t/api/vulnerabilities\n' \
        | python3 bench/after_change.py "http://127.0.0.1:$PORT" "$DB" \
            "env $(printf '%q ' "${DBENV[@]}")java -Xmx256m -jar $JAR tag $IP iot $CONFIG"
  fi
  kill "$SAMPLER" 2>/dev/null || true
  printf '%-8s peak RSS: %s MB (flags: %s); %s\n' "$DB" \
      "$(sort -n "$DATA/rss" | tail -1 | awk '{printf "%.0f", $1/1024}')" "$JVM_BENCH" "$(uptime | sed 's/.*load/load/')"
  { grep -c "OutOfMemoryError" "$DATA/server.log" || true; } | awk '{ if ($1 > 0) print "   !! OutOfMemoryError seen in the server log" }'
  cp "$DATA/server.log" "$LOGS/scale-server-$DB-$N-$S.log"
  stop_server
  if [ -z "${KEEP_DB:-}" ]; then
    if [ "$DB" = sqlite ]; then rm -f "$FILE" "$FILE-wal" "$FILE-shm"
    else $PG_ADMIN -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)"; fi
  fi
done
