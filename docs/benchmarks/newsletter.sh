#!/usr/bin/env bash
# Newsletter throughput: N personalised messages (first name, this year's giving, the impact
# block; DONORS of the people have a gift) sent by Pathlight's newsletter-sends job and outbox to a
# local SMTP sink the script starts, beside plain Jakarta Mail sending N pre-rendered messages of
# the same size to the same sink in the same run, over one connection and over as many at once as
# Pathlight uses (CONNECTIONS, Pathlight's pathlight.mail.connections). Prints the rates, the
# ratio to plain Jakarta Mail over the same number of connections, and Pathlight's peak heap;
# then kills Pathlight with kill -9 part-way through a second send, starts it again and checks
# that every message arrives and at most the one in each connection's SMTP hand-off twice.
# Usage: N=100000 DONORS=10000 KILL_N=20000 HEAP=-Xmx512m CONNECTIONS=1 docs/benchmarks/newsletter.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-100000}
DONORS=${DONORS:-10000}
KILL_N=${KILL_N:-20000}
HEAP=${HEAP:--Xmx512m}
CONNECTIONS=${CONNECTIONS:-1}
PORT=${BENCH_PORT:-18300}
PG_PORT=$((PORT + 10))
SINK_PORT=$((PORT + 20))
ADMIN=bench@example.org
ADMIN_PASSWORD=newsletter-bench-password-1
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
WORK=$(mktemp -d /tmp/pathlight-newsletter.XXXXXX)
chmod 755 "$WORK"
app=""
sink=""

cleanup() {
  set +e
  [ -n "$app" ] && kill -9 "$app" 2>/dev/null
  [ -n "$sink" ] && kill "$sink" 2>/dev/null
  wait 2>/dev/null
  [ -n "$PG_BIN" ] && [ -d "$WORK/pg" ] && su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $WORK/pg -m immediate stop" > /dev/null 2>&1
  [ -n "${KEEP:-}" ] && cp "$WORK/app.log" /tmp/newsletter-app.log
  rm -rf "$WORK" || true
}
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

if [ -z "$PG_BIN" ]; then
  echo "installing postgresql"; apt-get install -y -qq postgresql > /dev/null
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
[ -f target/pathlight.jar ] || ./mvnw -q -DskipTests package
. docs/benchmarks/lib.sh

mkdir "$WORK/pg" && chown postgres "$WORK/pg"
su postgres -s /bin/sh -c "$PG_BIN/initdb -D $WORK/pg -U pathlight --auth=trust -E UTF8" > /dev/null
su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $WORK/pg -l $WORK/pg/log -w -o '-p $PG_PORT -k $WORK/pg' start" > /dev/null
"$PG_BIN/createdb" -h localhost -p $PG_PORT -U pathlight pathlight
sql() { "$PG_BIN/psql" -h localhost -p $PG_PORT -U pathlight -d pathlight -qAt -c "$1"; }

start_sink() {
  [ -n "$sink" ] && kill "$sink" 2>/dev/null && wait "$sink" 2>/dev/null || true
  rm -f "$WORK/sink"
  java docs/benchmarks/SmtpSink.java $SINK_PORT "$WORK/sink" &
  sink=$!
  for _ in $(seq 1 100); do [ -f "$WORK/sink" ] && return; sleep 0.1; done
  fail "the SMTP sink did not start"
}
sunk() { cut -d' ' -f"$1" "$WORK/sink"; } # 1 messages, 2 distinct Message-IDs, 3 duplicates

# --- the baseline: plain Jakarta Mail --------------------------------------------------------------
start_sink
CP=$(./mvnw -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
java -cp "$CP" docs/benchmarks/PlainMail.java localhost $SINK_PORT "$N" 1
plain=$(java -cp "$CP" docs/benchmarks/PlainMail.java localhost $SINK_PORT "$N" "$CONNECTIONS")
echo "$plain"
plain_rate=$(echo "$plain" | awk '{print $(NF-1)}')

# --- Pathlight -------------------------------------------------------------------------------------
start_pathlight() {
  local started
  started=$(now_ms)
  env PATHLIGHT_DATA_DIR="$WORK/app" PATHLIGHT_HTTP_PORT=$PORT \
    PATHLIGHT_DB_URL="jdbc:postgresql://localhost:$PG_PORT/pathlight" PATHLIGHT_DB_USER=pathlight \
    PATHLIGHT_DB_PASSWORD=unused PATHLIGHT_BASE_URL="http://localhost:$PORT" \
    PATHLIGHT_ADMIN_EMAIL=$ADMIN PATHLIGHT_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    PATHLIGHT_SMTP_HOST=localhost PATHLIGHT_SMTP_PORT=$SINK_PORT PATHLIGHT_SMTP_STARTTLS=false \
    PATHLIGHT_MAIL_FROM=hello@pathlight.bench PATHLIGHT_MAIL_POLL_SECONDS=1 PATHLIGHT_MAIL_LEASE_SECONDS=5 \
    PATHLIGHT_MAIL_CONNECTIONS=$CONNECTIONS \
    PATHLIGHT_NEWSLETTERS_RATE_PER_MINUTE=100000000 PATHLIGHT_NEWSLETTERS_BATCH=500 \
    PATHLIGHT_NEWSLETTERS_TICK_SECONDS=1 \
    java $HEAP -jar target/pathlight.jar >> "$WORK/app.log" 2>&1 &
  app=$!
  echo "Pathlight ready in $(wait_ready "http://localhost:$PORT/health/ready" $app "$started" '"database"') s"
}
start_pathlight
TOKENS=$(curl -fsS -c "$WORK/cookies" -H 'Content-Type: application/json' \
  -d "{\"email\": \"$ADMIN\", \"password\": \"$ADMIN_PASSWORD\"}" "http://localhost:$PORT/api/staff/session" \
  | sed -E 's/.*"csrfToken":"([^"]+)".*/\1/')
api() { curl -fsS -b "$WORK/cookies" -H "X-CSRF-Token: $TOKENS" -H 'Content-Type: application/json' -X "$1" -d "$3" "http://localhost:$PORT$2"; }

# people: N for the timed send and KILL_N for the one killed part-way, each on a topic of its own;
# DONORS of the first N gave this year
people() { # TOPIC COUNT PREFIX
  api POST /api/topics "{\"code\": \"$1\", \"name\": \"Bench $1\"}" > /dev/null
  sql "insert into supporter (email, email_key, first_name, created_at, updated_at)
       select '$3' || g || '@bench.test', '$3' || g || '@bench.test', 'Reader' || g, now(), now()
       from generate_series(1, $2) g"
  sql "insert into topic_subscription (supporter_id, topic_code, subscribed, source, wording, changed_at)
       select id, '$1', true, 'benchmark', 'benchmark', now() from supporter where email like '$3%@bench.test'"
}
people bench-news "$N" r
people bench-kill "$KILL_N" k
sql "insert into gift (public_id, supporter_id, fund_code, source, currency, amount, amount_charged,
       status, paid_at, received_on, created_at, updated_at, created_by)
     select gen_random_uuid(), id, 'legal-aid', 'check', 'usd', 5000, 5000, 'succeeded', now(), current_date,
       now(), now(), 'benchmark' from supporter where email like 'r%@bench.test' order by id limit $DONORS"
sql "analyze"
BODY='Dear {{firstName}},\n\nThis year you gave **{{givingTotal}}**. {{impact}}\n\n[See your gifts]({{manageLink}}) · [Your email choices]({{preferencesLink}})\n\nThank you for standing with survivors.'
newsletter() { # TOPIC SUBJECT -> id
  api POST /api/newsletters "{\"subject\": \"$2\", \"topic\": \"$1\", \"body\": \"$BODY\"}" | sed -E 's/.*"id":([0-9]+).*/\1/'
}

heap_peak=0
sample_heap() {
  local used
  used=$(jcmd "$app" GC.heap_info 2>/dev/null | awk '/garbage-first heap|heap total/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}' | tr -d 'K,')
  [ -n "$used" ] && [ "$used" -gt "$heap_peak" ] && heap_peak=$used
  return 0
}

start_sink
id=$(newsletter bench-news "What your support made possible")
t0=$(now_ms)
api POST "/api/newsletters/$id/send" '{}' > /dev/null
while [ "$(sunk 1)" -lt "$N" ]; do
  sample_heap
  kill -0 $app || fail "Pathlight exited"
  [ $(( $(now_ms) - t0 )) -lt 3600000 ] || fail "not sent within an hour"
  sleep 1
done
t1=$(now_ms)
seconds=$(echo "scale=1; ($t1 - $t0) / 1000" | bc)
rate=$(echo "scale=0; $N * 1000 / ($t1 - $t0)" | bc)
[ "$(sunk 3)" = 0 ] || fail "$(sunk 3) messages arrived twice"
echo "Pathlight: $N personalised messages in $seconds s, $rate msgs/s (from the send to the last one at the sink)"
echo "ratio to plain Jakarta Mail over $CONNECTIONS connection(s): $(echo "scale=3; $rate / $plain_rate" | bc)"
echo "peak heap used (sampled each second): $((heap_peak / 1024)) MiB"

# --- kill -9 part-way, start again: nothing lost, at most the one in the hand-off twice ------------
start_sink
id=$(newsletter bench-kill "Resumed after a crash")
api POST "/api/newsletters/$id/send" '{}' > /dev/null
while [ "$(sunk 1)" -lt $((KILL_N / 3)) ]; do sleep 0.2; done
kill -9 $app
wait $app 2>/dev/null || true
echo "killed Pathlight (kill -9) after $(sunk 1) of $KILL_N messages"
start_pathlight
t0=$(now_ms)
while [ "$(sunk 2)" -lt "$KILL_N" ]; do
  kill -0 $app || fail "Pathlight exited"
  [ $(( $(now_ms) - t0 )) -lt 900000 ] || fail "only $(sunk 2) of $KILL_N arrived after the restart"
  sleep 1
done
sleep 3
[ "$(sunk 2)" = "$KILL_N" ] || fail "$(sunk 2) distinct messages for $KILL_N people"
[ "$(sunk 3)" -le "$CONNECTIONS" ] || fail "$(sunk 3) messages arrived twice"
echo "ok: after kill -9 and a restart, all $KILL_N arrived, $(sunk 3) twice (at most the one in each connection's SMTP hand-off, same Message-ID)"
