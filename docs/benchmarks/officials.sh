#!/usr/bin/env bash
# Officials directory benchmark: starts Pathlight (embedded PostgreSQL, fresh data directory),
# times the import of the five published datasets from ../shared/data/officials (and a re-import,
# which must change nothing), then measures ZIP lookups per second with distinct real ZIP codes,
# from one client address and from a different address per request (X-Forwarded-For).
# Usage: docs/benchmarks/officials.sh [lookups] [concurrency]
# Set BENCH_BASE=http://host:port (with BENCH_EMAIL / BENCH_PASSWORD) to use a running server.
set -euo pipefail
cd "$(dirname "$0")/../.."
LOOKUPS=${1:-5000}
CONCURRENCY=${2:-16}
OFFICIALS=${BENCH_OFFICIALS_DIR:-../shared/data/officials}
EMAIL=${BENCH_EMAIL:-bench@example.org}
PASSWORD=${BENCH_PASSWORD:-bench-admin-password}
[ -d "$OFFICIALS" ] || { echo "no datasets at $OFFICIALS (set BENCH_OFFICIALS_DIR)"; exit 1; }

if [ -z "${BENCH_BASE:-}" ]; then
  PORT=${BENCH_PORT:-18082}
  DATA=$(mktemp -d /tmp/pathlight-officials.XXXXXX)
  [ -f target/pathlight.jar ] || ./mvnw -q -DskipTests package
  PATHLIGHT_DATA_DIR="$DATA" PATHLIGHT_HTTP_PORT=$PORT \
  PATHLIGHT_ADMIN_EMAIL="$EMAIL" PATHLIGHT_ADMIN_PASSWORD="$PASSWORD" \
  PATHLIGHT_OFFICIALS_LOOKUP_LIMIT_PER_ADDRESS=100000000 PATHLIGHT_HTTP_TRUST_FORWARDED=true \
    java -jar target/pathlight.jar > "$DATA/server.log" 2>&1 &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
  for _ in $(seq 1 240); do
    grep -q "Pathlight is ready" "$DATA/server.log" && break
    kill -0 $SERVER 2>/dev/null || { cat "$DATA/server.log"; exit 1; }
    sleep 0.5
  done
  BENCH_BASE=http://localhost:$PORT
fi
java docs/benchmarks/OfficialsBench.java "$BENCH_BASE" "$OFFICIALS" "$EMAIL" "$PASSWORD" "$LOOKUPS" "$CONCURRENCY"
