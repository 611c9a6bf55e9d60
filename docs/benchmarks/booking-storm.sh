#!/usr/bin/env bash
# Booking storm: starts Pathlight (embedded PostgreSQL, mail as .eml files, fresh data directory)
# and fires N simultaneous bookings at one 25-seat shift. Usage: docs/benchmarks/booking-storm.sh [N] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000}
CONCURRENCY=${2:-50}
PORT=${BENCH_PORT:-18081}
DATA=$(mktemp -d /tmp/pathlight-storm.XXXXXX)
[ -f target/pathlight.jar ] || ./mvnw -q -DskipTests package
PATHLIGHT_DATA_DIR="$DATA" PATHLIGHT_HTTP_PORT=$PORT \
PATHLIGHT_ADMIN_EMAIL=bench@example.org PATHLIGHT_ADMIN_PASSWORD=bench-admin-password \
PATHLIGHT_VOLUNTEERS_LIMIT_PER_ADDRESS=100000000 PATHLIGHT_MAIL_POLL_SECONDS=1 \
  java -jar target/pathlight.jar > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 240); do
  grep -q "Pathlight is ready" "$DATA/server.log" && break
  kill -0 $SERVER 2>/dev/null || { cat "$DATA/server.log"; exit 1; }
  sleep 0.5
done
java docs/benchmarks/BookingStorm.java "http://localhost:$PORT" "$DATA/mail" bench@example.org bench-admin-password "$N" "$CONCURRENCY"
