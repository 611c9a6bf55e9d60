#!/usr/bin/env bash
# Giving benchmark: starts Pathlight (embedded PostgreSQL, test processor, fresh data directory),
# then drives checkout creation and webhook ingestion, each beside the same driver against a
# trivial endpoint of the same server. Usage: docs/benchmarks/giving.sh [requests] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/../.."
REQUESTS=${1:-2000}
CONCURRENCY=${2:-16}
PORT=${BENCH_PORT:-18080}
DATA=$(mktemp -d /tmp/pathlight-bench.XXXXXX)
export BENCH_WEBHOOK_SECRET=whsec_bench_secret

[ -f target/pathlight.jar ] || ./mvnw -q -DskipTests package
PATHLIGHT_DATA_DIR="$DATA" PATHLIGHT_HTTP_PORT=$PORT \
PATHLIGHT_STRIPE_WEBHOOK_SECRET=$BENCH_WEBHOOK_SECRET \
PATHLIGHT_GIVING_LIMIT_PER_ADDRESS=100000000 \
PATHLIGHT_ADMIN_PASSWORD=bench-admin-password \
  java -jar target/pathlight.jar > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 240); do
  grep -q "Pathlight is ready" "$DATA/server.log" && break
  kill -0 $SERVER 2>/dev/null || { cat "$DATA/server.log"; exit 1; }
  sleep 0.5
done
BASE=http://localhost:$PORT
for scenario in health checkout health webhook; do
  java docs/benchmarks/LoadDriver.java "$BASE" "$scenario" "$REQUESTS" "$CONCURRENCY"
done
