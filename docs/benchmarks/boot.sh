#!/usr/bin/env bash
# Boot benchmark: time from `java -jar` to ready, for Pathlight (target/pathlight.jar, a restart
# on an initialised data directory: embedded PostgreSQL, schema current) and for a bare Payara
# Micro with the same flags (--nohazelcast) and a one-class JAX-RS WAR, alternately, N times
# each (default 5). Prints every run, the medians and the ratio.
# Usage: docs/benchmarks/boot.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
PORT=${BENCH_PORT:-18090}
WORK=$(mktemp -d /tmp/pathlight-boot.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK" || true' EXIT

[ -f target/pathlight.jar ] && [ -f target/payara-micro.jar ] || ./mvnw -q -DskipTests package

# shared: hello_war (the baseline, one JAX-RS resource), now_ms, wait_ready
. docs/benchmarks/lib.sh
hello_war "$WORK"

stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

bare() {
  local started pid
  started=$(now_ms)
  java -jar target/payara-micro.jar --nohazelcast --port "$PORT" \
    --deploy "$WORK/hello.war" --contextroot hello > "$WORK/bare.log" 2>&1 &
  pid=$!
  wait_ready "http://localhost:$PORT/hello/api/ping" $pid "$started" pong
  stop $pid
}

pathlight() {
  local started pid
  started=$(now_ms)
  PATHLIGHT_DATA_DIR="$WORK/data" PATHLIGHT_HTTP_PORT=$PORT \
    PATHLIGHT_ADMIN_PASSWORD=boot-bench-password-1 \
    java -jar target/pathlight.jar > "$WORK/pathlight.log" 2>&1 &
  pid=$!
  wait_ready "http://localhost:$PORT/health/ready" $pid "$started" '"database"'
  stop $pid
}

echo "preparing: a first Pathlight start initialises the data directory (not counted)"
pathlight > /dev/null
bare > /dev/null # and warms the file cache for the baseline

b=()
p=()
for i in $(seq 1 "$RUNS"); do
  b+=("$(bare)")
  p+=("$(pathlight)")
  echo "run $i: bare Payara + hello ${b[-1]} s, Pathlight ${p[-1]} s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mb=$(median "${b[@]}")
mp=$(median "${p[@]}")
echo "median: bare Payara + hello ${mb} s, Pathlight ${mp} s, ratio $(echo "scale=2; $mp / $mb" | bc)"
grep -E "ready in|Deployed [0-9]+ archive|deployed in" "$WORK/pathlight.log" | tail -3 || true
