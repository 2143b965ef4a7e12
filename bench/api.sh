#!/usr/bin/env bash
# API benchmark: GET /api/data, /api/risk and /api/assets/export with N assets on SQLite and PostgreSQL, measured
# with wrk on loopback, next to the same bytes served as a static file by the same server (the ceiling), plus the
# server's peak RSS under that load with JVM flags that fit a 512 MB container. Prints numbers; asserts nothing.
#
#   bench/api.sh [SIZES...]        default: 10000 100000      (needs: wrk, python3, a local PostgreSQL for PG)
#   DBS="sqlite postgres" DURATION=15s CONNECTIONS=4 JAVA_BENCH_OPTS="..." bench/api.sh 10000
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-10000 100000}"); SIZES=(${SIZES[@]})
DBS=${DBS:-"sqlite postgres"}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-4}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=${PORT:-$(free_port)}; ADMIN_PORT=${ADMIN_PORT:-$(free_port)}
# By default the server runs with the JVM options production runs with (render.yaml's JAVA_TOOL_OPTIONS and
# MALLOC_ARENA_MAX), so the numbers are the deployed ones.
RENDER_OPTS=$(sed -n 's/^ *value: "\(-Xmx[^"]*\)".*/\1/p' render.yaml | head -1)
JVM_BENCH=${JAVA_BENCH_OPTS:-${RENDER_OPTS:?no JAVA_OPTS found in render.yaml}}
JVM_SEED="-Xmx2g -XX:+UseSerialGC"
PG_ADMIN=${PG_ADMIN:-"psql -h 127.0.0.1 -U postgres -d test -qAt"}
LOGS=${BENCH_LOGS:-/tmp/bigr-bench-logs}   # each run's server log is kept here
KEEP_DB=${KEEP_DB:-}                      # set to keep the seeded SQLite file / PostgreSQL database for profiling
TOKEN=bench-token
TOKEN_SHA=$(printf %s "$TOKEN" | sha256sum | cut -d' ' -f1)
WORK=$(mktemp -d /tmp/bigr-bench.XXXXXX)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; [ -n "$KEEP_DB" ] || rm -rf "$WORK"; }
trap cleanup EXIT

[ -f target/bigr.jar ] || mvn -q -o package -DskipTests
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)"; exit 1; }

start_server() { # $1 = jvm flags, $2 = config, rest = env assignments
  local flags=$1 config=$2; shift 2
  env "$@" MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} PORT=$PORT ADMIN_PORT=$ADMIN_PORT BIGR_API_TOKEN_SHA256=$TOKEN_SHA BIGR_AUTH_REQUIRED=false \
      BIGR_MIGRATE_ON_START=true BIGR_BENCH_STATIC_DIR="$WORK/static" java $flags -jar target/bigr.jar \
      server "$config" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$WORK/server.log"; return 1; }
    sleep 0.5
  done
  echo "server did not start"; tail -20 "$WORK/server.log"; return 1
}
stop_server() { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

peak_rss_kb=0
sample_rss() { # background sampler of the server's VmRSS (kB) into $WORK/rss
  while kill -0 "$SERVER_PID" 2>/dev/null; do
    awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null >> "$WORK/rss" || true
    sleep 0.25
  done
}

measure() { # $1 label, $2 url -> prints one row
  local out p50 p99 rps
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 60s --latency "$2" 2>&1)
  p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  printf '%-10s %-8s %7s  %-36s %10s %10s %10s\n' "$DB" "$N" "$3" "$1" "$p50" "$p99" "$rps"
  echo "$rps" > "$WORK/last_rps"
}

printf '%-10s %-8s %7s  %-36s %10s %10s %10s\n' db assets bytes route p50 p99 req/s
for DB in $DBS; do
  for N in "${SIZES[@]}"; do
    rm -rf "$WORK/static"; mkdir -p "$WORK/static"
    if [ "$DB" = sqlite ]; then
      CONFIG=config-local.yml; DBENV=(BIGR_DB="sqlite:///$WORK/bench-$N.db")  # four slashes: absolute path
    else
      NAME=bigr_bench_$N; $PG_ADMIN -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" -c "CREATE DATABASE $NAME"
      CONFIG=config.yml; DBENV=(DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$NAME")
    fi
    # Seed with a big heap (parsing a 100k-asset body is not what is measured), then restart with bench flags.
    python3 bench/gen_scan.py "$N" > "$WORK/scan.json"
    start_server "$JVM_SEED" "$CONFIG" "${DBENV[@]}"
    curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        --data-binary @"$WORK/scan.json" "http://127.0.0.1:$PORT/api/scans"
    for route in data risk "assets/export?format=jsonl"; do
      f=$(echo "$route" | tr '/?=' '___')
      curl -fs -o "$WORK/static/$f.json" "http://127.0.0.1:$PORT/api/$route" || echo '{}' > "$WORK/static/$f.json"
    done
    stop_server
    start_server "$JVM_BENCH" "$CONFIG" "${DBENV[@]}"
    : > "$WORK/rss"; sample_rss & SAMPLER=$!
    for route in data risk "assets/export?format=jsonl"; do
      f=$(echo "$route" | tr '/?=' '___'); bytes=$(stat -c %s "$WORK/static/$f.json")
      served=$(curl -fs "http://127.0.0.1:$PORT/bench/$f.json" | wc -c)
      [ "$served" = "$bytes" ] || { echo "static ceiling served $served bytes of $bytes for $f.json"; exit 1; }
      wrk -t1 -c1 -d"${WARMUP:-8s}" --timeout 60s "http://127.0.0.1:$PORT/api/$route" >/dev/null 2>&1 || true  # JIT warm-up
      measure "/api/$route" "http://127.0.0.1:$PORT/api/$route" "$bytes"; api=$(cat "$WORK/last_rps")
      measure "static /bench/$f.json" "http://127.0.0.1:$PORT/bench/$f.json" "$bytes"; st=$(cat "$WORK/last_rps")
      awk -v a="$api" -v s="$st" 'BEGIN { if (s > 0) printf "%-10s %-8s %7s  %-36s %32s\n", "", "", "", "  api/static ratio", sprintf("%.2f", a / s) }'
    done
    kill "$SAMPLER" 2>/dev/null || true
    printf '%-10s %-8s peak RSS under load: %s MB (flags: %s)\n' "$DB" "$N" \
        "$(sort -n "$WORK/rss" | tail -1 | awk '{printf "%.0f", $1/1024}')" "$JVM_BENCH"
    { grep -c "OutOfMemoryError" "$WORK/server.log" || true; } | awk '{ if ($1 > 0) print "   !! OutOfMemoryError seen in the server log" }'
    mkdir -p "$LOGS"; cp "$WORK/server.log" "$LOGS/server-$DB-$N.log"
    stop_server
    [ "$DB" = postgres ] && [ -z "$KEEP_DB" ] && $PG_ADMIN -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)"
  done
done
