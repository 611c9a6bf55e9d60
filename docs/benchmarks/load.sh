#!/usr/bin/env bash
# Throughput and latency beside their ceiling. Starts Pathlight (target/pathlight.jar, a fresh data
# directory, embedded PostgreSQL) and, at the same time, a bare Payara Micro with the same JVM flags
# and a one-class JAX-RS WAR. Warms every path, the baseline included, in 5-second slices until two
# slices in a row agree within 5% (at least WARM, at most WARM_MAX seconds: the JIT takes tens of
# seconds on a path this deep), then measures each scenario for DUR seconds between two baseline
# runs of DUR seconds, with wrk (16 connections, 2 threads, on
# the same machine as the servers). Prints req/s, p50/p99/p99.9 and errors per scenario, the share
# of the bare hello's req/s (the mean of the two runs around it), then Pathlight's live heap after a
# full GC and its RSS. Last, the booking storm: STORM volunteers book one 25-seat shift at once
# (exactly 25 must be confirmed). Fixtures (a signed-in volunteer, a campaign, signed Stripe
# events) come from LoadFixtures.java.
# Usage: WARM=10 WARM_MAX=120 DUR=15 CONN=16 HEAP=-Xmx512m STORM=1000 docs/benchmarks/load.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
WARM=${WARM:-10}
WARM_MAX=${WARM_MAX:-120}
DUR=${DUR:-15}
CONN=${CONN:-16}
THREADS=${THREADS:-2}
HEAP=${HEAP:--Xmx512m}
STORM=${STORM:-1000}
SECRET=whsec_load_bench
ADMIN=bench@example.org
ADMIN_PASSWORD=load-bench-password-1
PORT=${BENCH_PORT:-18091}
BARE_PORT=$((PORT + 1))
OFFICIALS=${PATHLIGHT_OFFICIALS_DIR:-../shared/data/officials}
WORK=$(mktemp -d /tmp/pathlight-load.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT

command -v wrk > /dev/null || { echo "installing wrk (Debian's package)"; apt-get install -y -qq wrk > /dev/null; }
[ -f target/pathlight.jar ] && [ -f target/payara-micro.jar ] || ./mvnw -q -DskipTests package
. docs/benchmarks/lib.sh
hello_war "$WORK"

started=$(now_ms)
java $HEAP -jar target/payara-micro.jar --nohazelcast --port "$BARE_PORT" \
  --deploy "$WORK/hello.war" --contextroot hello > "$WORK/bare.log" 2>&1 &
bare_pid=$!
env_officials=()
[ -d "$OFFICIALS" ] && env_officials=(PATHLIGHT_OFFICIALS_DIR="$(cd "$OFFICIALS" && pwd)")
# every request comes from this one address: the per-address limits would answer 429 instead
# (the surge scenario sends a new X-Forwarded-For each time, and is counted per address)
env PATHLIGHT_DATA_DIR="$WORK/data" PATHLIGHT_HTTP_PORT=$PORT \
  PATHLIGHT_ADMIN_EMAIL=$ADMIN PATHLIGHT_ADMIN_PASSWORD=$ADMIN_PASSWORD \
  PATHLIGHT_HTTP_TRUST_FORWARDED=true PATHLIGHT_STRIPE_WEBHOOK_SECRET=$SECRET \
  PATHLIGHT_GIVING_LIMIT_PER_ADDRESS=1000000000 \
  PATHLIGHT_OFFICIALS_LOOKUP_LIMIT_PER_ADDRESS=1000000000 \
  PATHLIGHT_CAMPAIGNS_LIMIT_PER_ADDRESS=1000000000 \
  PATHLIGHT_VOLUNTEERS_LIMIT_PER_ADDRESS=1000000000 PATHLIGHT_MAIL_POLL_SECONDS=1 \
  "${env_officials[@]}" \
  java $HEAP -jar target/pathlight.jar > "$WORK/pathlight.log" 2>&1 &
pl_pid=$!
echo "bare Payara + hello ready in $(wait_ready "http://localhost:$BARE_PORT/hello/api/ping" $bare_pid "$started" pong) s"
echo "Pathlight ready in $(wait_ready "http://localhost:$PORT/health/ready" $pl_pid "$started" '"database"') s (both starting at once)"

BASE="http://localhost:$BARE_PORT/hello/api/ping"
PL="http://localhost:$PORT"
fixture() { java docs/benchmarks/LoadFixtures.java "$@"; }
export TOKEN SLUG THREADS EVENTS="$WORK/events.txt"
TOKEN=$(fixture volunteer "$PL" "$WORK/data/mail" $ADMIN $ADMIN_PASSWORD)
scenarios=("trivial resource|$PL/api/giving|" "donation page|$PL/give|" "home page|$PL/|"
  "funds|$PL/api/funds|" "volunteer's shift list (signed in)|$PL/api/shifts|bearer")
if [ -d "$OFFICIALS" ]; then
  # wait for the officials import, then look up a ZIP it holds
  for _ in $(seq 1 600); do
    curl -fsS "$PL/api/officials?zip=10001" 2>/dev/null | grep -q '"officials"' && break
    sleep 1
  done
  SLUG=$(fixture campaign "$PL" $ADMIN $ADMIN_PASSWORD)
  scenarios+=("ZIP lookup|$PL/api/officials?zip=10001|" "letter action (3 letters)|$PL|letter")
fi
scenarios+=("checkout, test processor, one address|$PL/api/donations|checkout"
  "checkout, a new address each|$PL/api/donations|checkout-surge"
  "Stripe webhook, new event|$PL/api/stripe/webhook|signed"
  "Stripe webhook, duplicate|$PL/api/stripe/webhook|signed-repeat")

# run SECONDS URL KIND: prints "rps p50 p99 p999 errors requests"
run() {
  local events=$EVENTS
  if [ "$3" = signed ]; then
    # new signed events for each run, more than the server can take in the time
    fixture webhooks $SECRET $(($1 * 4000)) "$events"
  elif [ "$3" = signed-repeat ]; then
    events=$EVENTS.repeat
    [ -s "$events" ] || fixture webhooks $SECRET 1 "$events"
  fi
  EVENTS=$events BODY_KIND=$3 wrk -t"$THREADS" -c"$CONN" -d"$1"s --timeout 10s -s docs/benchmarks/report.lua "$2" \
    | awk '/^RESULT/ {print $2, $3, $4, $5, $6, $7}'
}

# warm URL KIND: 5-second slices until two agree within 5%; prints the seconds it took
warm() {
  local prev=0 total=0 r
  while ((total < WARM_MAX)); do
    r=$(run 5 "$1" "$2" | awk '{printf "%d", $1}')
    total=$((total + 5))
    if ((total >= WARM && prev > 0)) && (( (r > prev ? r - prev : prev - r) * 20 < prev )); then
      break
    fi
    prev=$r
  done
  echo $total
}

echo "baseline warmed in $(warm "$BASE" "") s"
rows=()
for s in "${scenarios[@]}"; do
  IFS='|' read -r name url kind <<< "$s"
  echo "$name warmed in $(warm "$url" "$kind") s"
  read -r b1 _ <<< "$(run "$DUR" "$BASE" "")"
  read -r rps p50 p99 p999 errors requests <<< "$(run "$DUR" "$url" "$kind")"
  read -r b2 _ <<< "$(run "$DUR" "$BASE" "")"
  bare=$(echo "scale=1; ($b1 + $b2) / 2" | bc)
  share=$(echo "scale=1; 100 * $rps / $bare" | bc)
  rows+=("$(printf '| %s | %s | %s | %s | %s | %s of %s | %s | %s%% |' "$name" "$rps" "$p50" "$p99" \
    "$p999" "$errors" "$requests" "$bare" "$share")")
done
printf '\n| scenario | req/s | p50 ms | p99 ms | p99.9 ms | errors | bare hello req/s | share |\n'
printf '|---|---|---|---|---|---|---|---|\n'
printf '%s\n' "${rows[@]}"

jcmd $pl_pid GC.run > /dev/null
heap=$(jcmd $pl_pid GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+')
rss=$(awk '/VmRSS/ {print $2}' /proc/$pl_pid/status)
echo
echo "Pathlight ($HEAP): live heap after a full GC $((heap / 1024)) MiB, RSS $((rss / 1024)) MiB"
if ((STORM > 0)); then
  fixture storm "$PL" "$WORK/data/mail" $ADMIN $ADMIN_PASSWORD "$STORM" 50
fi
