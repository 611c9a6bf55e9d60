#!/usr/bin/env bash
# Impact benchmark: starts Pathlight (embedded PostgreSQL, mail as .eml files, fresh data
# directory), seeds 1,000,000 gifts over 3 years and 100,008 service months (impact-seed.sql),
# releases the whole history once, then times the public report, one donor's impact and a
# re-release of last month, each beside a hand-written SQL aggregate of the same numbers in the
# same run (ImpactBench.java). Usage: docs/benchmarks/impact.sh   (WARM=10 RUN=15 seconds)
set -euo pipefail
cd "$(dirname "$0")/../.."
EMAIL=bench@example.org
PASSWORD=bench-admin-password
PORT=${BENCH_PORT:-18084}
DATA=$(mktemp -d /tmp/pathlight-impact.XXXXXX)
[ -f target/pathlight.jar ] || ./mvnw -q -DskipTests package
PATHLIGHT_DATA_DIR="$DATA" PATHLIGHT_HTTP_PORT=$PORT \
PATHLIGHT_ADMIN_EMAIL="$EMAIL" PATHLIGHT_ADMIN_PASSWORD="$PASSWORD" PATHLIGHT_MAIL_POLL_SECONDS=1 \
  java -jar target/pathlight.jar > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 240); do
  grep -q "Pathlight is ready" "$DATA/server.log" && break
  kill -0 $SERVER 2>/dev/null || { cat "$DATA/server.log"; exit 1; }
  sleep 0.5
done
export PGHOST=localhost PGUSER=pathlight PGDATABASE=pathlight
PGPORT=$(sed -n 4p "$DATA/postgres/postmaster.pid")
PGPASSWORD=$(grep '^pathlight=' "$DATA/postgres.credentials" | cut -d= -f2)
export PGPORT PGPASSWORD
echo "seeding (psql)..."
psql -q -f docs/benchmarks/impact-seed.sql
JDBC=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -1)
java -Dwarm="${WARM:-10}" -Drun="${RUN:-15}" -cp "$JDBC" docs/benchmarks/ImpactBench.java \
  "http://localhost:$PORT" "$DATA/mail" "$EMAIL" "$PASSWORD" \
  "jdbc:postgresql://localhost:$PGPORT/pathlight" pathlight "$PGPASSWORD"
