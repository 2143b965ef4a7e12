#!/usr/bin/env bash
# API benchmark: GET /api/data, /api/risk, /api/assets/export and two /api/assets pages (the first, and a later one
# by keyset cursor) with N assets on SQLite and PostgreSQL, measured with wrk on loopback, next to the same bytes
# served as a static file by the same server (the ceiling); the same with Accept-Encoding: gzip (GZIP= turns it off);
# the first read after a change (a tag edit through the API, then one timed read; median and worst of 5); and the
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

JAR=${JAR:-target/bigr.jar}   # a copy keeps a run going while target/ is rebuilt
[ -f "$JAR" ] || mvn -q -o package -DskipTests
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)"; exit 1; }

start_server() { # $1 = jvm flags, $2 = config, rest = env assignments
  local flags=$1 config=$2; shift 2
  env "$@" MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} PORT=$PORT ADMIN_PORT=$ADMIN_PORT BIGR_API_TOKEN_SHA256=$TOKEN_SHA BIGR_AUTH_REQUIRED=false \
      BIGR_MIGRATE_ON_START=true BIGR_BENCH_STATIC_DIR="$WORK/static" java $flags -jar "$JAR" \
      server "$config" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$WORK/server.log"; return 1; }
    sleep 0.5
  done
  echo "server did not start"; tail -20 "$WORK/server.log"; return 1
}
stop_server() { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

peak_rss_kb=0
sample_rss() { # background sampler of the server's VmRSS (kB) into $WORK/rss
  while kill -0 "$SERVER_PID" 2>/dev/null; do
    awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null >> "$WORK/rss" || true
    sleep 0.25
  done
}

measure() { # $1 label, $2 url, $3 bytes, rest: extra wrk options -> prints one row
  local out p50 p99 rps label=$1 url=$2 size=$3; shift 3
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 60s --latency "$@" "$url" 2>&1)
  p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  printf '%-10s %-8s %7s  %-36s %10s %10s %10s\n' "$DB" "$N" "$size" "$label" "$p50" "$p99" "$rps"
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
    # the routes: the whole scan, the risk report, the export, the inventory's first page and a later one (keyset)
    CURSOR=$(curl -fs "http://127.0.0.1:$PORT/api/assets?limit=100&sort=ip" | python3 -c \
        'import json, sys, urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)["next_cursor"] or "", safe=""))')
    ROUTES=(data risk "assets/export?format=jsonl" "assets?limit=100" "assets?limit=100&sort=ip&cursor=$CURSOR")
    for i in "${!ROUTES[@]}"; do
      curl -fs -o "$WORK/static/route$i.json" "http://127.0.0.1:$PORT/api/${ROUTES[$i]}" || echo '{}' > "$WORK/static/route$i.json"
    done
    stop_server
    start_server "$JVM_BENCH" "$CONFIG" "${DBENV[@]}"
    : > "$WORK/rss"; sample_rss & SAMPLER=$!
    for i in "${!ROUTES[@]}"; do
      route=${ROUTES[$i]}; label="/api/$route"; [ ${#label} -gt 36 ] && label="${label:0:33}..."
      f=route$i; bytes=$(stat -c %s "$WORK/static/$f.json")
      served=$(curl -fs "http://127.0.0.1:$PORT/bench/$f.json" | wc -c)
      [ "$served" = "$bytes" ] || { echo "static ceiling served $served bytes of $bytes for $f.json"; exit 1; }
      wrk -t1 -c1 -d"${WARMUP:-8s}" --timeout 60s "http://127.0.0.1:$PORT/api/$route" >/dev/null 2>&1 || true  # JIT warm-up
      measure "$label" "http://127.0.0.1:$PORT/api/$route" "$bytes"; api=$(cat "$WORK/last_rps")
      measure "static /bench/$f.json" "http://127.0.0.1:$PORT/bench/$f.json" "$bytes"; st=$(cat "$WORK/last_rps")
      awk -v a="$api" -v s="$st" 'BEGIN { if (s > 0) printf "%-10s %-8s %7s  %-36s %32s\n", "", "", "", "  api/static ratio", sprintf("%.2f", a / s) }'
      if [ -n "${GZIP:-1}" ]; then # what a browser gets: the cached body's gzip form (no static counterpart)
        zbytes=$(curl -fs -H 'Accept-Encoding: gzip' "http://127.0.0.1:$PORT/api/$route" | wc -c)
        measure "  same, Accept-Encoding: gzip" "http://127.0.0.1:$PORT/api/$route" "$zbytes" -H 'Accept-Encoding: gzip'
      fi
      # The first read after a change: a tag edit through this server (the data version moves), then one read.
      times=()
      for k in 1 2 3 4 5; do
        cat=$([ $((k % 2)) = 0 ] && echo iot || echo uygulamalar)
        curl -fs -o /dev/null -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
            --data "{\"category\": \"$cat\"}" "http://127.0.0.1:$PORT/api/assets/10.0.0.1/tag"
        times+=("$(curl -fs -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT/api/$route")")
      done
      printf '%s\n' "${times[@]}" | sort -n | awk -v db="$DB" -v n="$N" '{ t[NR] = $1 * 1000 }
          END { printf "%-10s %-8s %7s  %-36s %10s %10s\n", db, n, "", "  first read after a change (5x)",
                sprintf("%.0fms", t[3]), sprintf("%.0fms", t[NR]) }'
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
