#!/usr/bin/env bash
# Scale-out: one PostgreSQL (Debian's), one, two and then three Pathlight instances on it, and
# HAProxy in front (round-robin, health check on /health/ready). Measures req/s through the
# balancer for each count, with the CPU each instance spent per 1,000 requests, then checks what
# must hold across instances, failing loudly when it does not:
#   - a staff session made on one instance works on the others;
#   - a booking storm through the balancer confirms exactly the shift's 25 seats;
#   - one test checkout paid on every instance at once is one paid gift and one receipt;
#   - one Stripe event delivered to every instance at once is recorded once;
#   - every email the instances queued was sent exactly once (one file, one Message-ID);
#   - killing one instance (kill -9) mid-load loses no acknowledged gift, and the balancer routes
#     around it;
#   - three instances started at the same moment send each due shift reminder once and run the
#     day's volunteer digest once.
# Usage: WARM=20 DUR=10 HEAP=-Xmx512m STORM=300 docs/benchmarks/scale-out.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
WARM=${WARM:-20}
DUR=${DUR:-10}
CONN=${CONN:-16}
HEAP=${HEAP:--Xmx512m}
STORM=${STORM:-300}
LB_PORT=${BENCH_PORT:-18100}
PG_PORT=$((LB_PORT + 10))
SECRET=whsec_scale_bench
ADMIN=bench@example.org
ADMIN_PASSWORD=scale-bench-password-1
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
WORK=$(mktemp -d /tmp/pathlight-scale.XXXXXX)
chmod 755 "$WORK"
declare -A pids

cleanup() {
  set +e
  [ -f "$WORK/haproxy.pid" ] && kill "$(cat "$WORK/haproxy.pid")" 2>/dev/null
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  [ -n "$PG_BIN" ] && [ -d "$WORK/pg" ] && su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $WORK/pg -m immediate stop" > /dev/null 2>&1
  rm -rf "$WORK" || true
}
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

for tool in wrk haproxy; do
  command -v $tool > /dev/null || { echo "installing $tool"; apt-get install -y -qq $tool > /dev/null; }
done
if [ -z "$PG_BIN" ]; then
  echo "installing postgresql"; apt-get install -y -qq postgresql > /dev/null
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
[ -f target/pathlight.jar ] || ./mvnw -q -DskipTests package
. docs/benchmarks/lib.sh

# --- one PostgreSQL ------------------------------------------------------------------------------
mkdir "$WORK/pg" && chown postgres "$WORK/pg"
su postgres -s /bin/sh -c "$PG_BIN/initdb -D $WORK/pg -U pathlight --auth=trust -E UTF8" > /dev/null
su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $WORK/pg -l $WORK/pg/log -w -o '-p $PG_PORT -k $WORK/pg -c max_connections=200' start" > /dev/null
"$PG_BIN/createdb" -h localhost -p $PG_PORT -U pathlight pathlight
sql() { "$PG_BIN/psql" -h localhost -p $PG_PORT -U pathlight -d pathlight -qAt -c "$1"; }

TOKENS_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
declare -A started_at
# launch_instance I [NAME=VALUE...]: starts instance I in the background, with extra settings
launch_instance() {
  local i=$1
  shift
  started_at[$i]=$(now_ms)
  env "$@" PATHLIGHT_DATA_DIR="$WORK/app$i" PATHLIGHT_HTTP_PORT=$((LB_PORT + i)) \
    PATHLIGHT_DB_URL="jdbc:postgresql://localhost:$PG_PORT/pathlight" PATHLIGHT_DB_USER=pathlight \
    PATHLIGHT_DB_PASSWORD=unused PATHLIGHT_TOKENS_SECRET="$TOKENS_SECRET" \
    PATHLIGHT_BASE_URL="http://localhost:$LB_PORT" PATHLIGHT_HTTP_TRUST_FORWARDED=true \
    PATHLIGHT_ADMIN_EMAIL=$ADMIN PATHLIGHT_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    PATHLIGHT_STRIPE_WEBHOOK_SECRET=$SECRET PATHLIGHT_MAIL_POLL_SECONDS=1 \
    PATHLIGHT_GIVING_LIMIT_PER_ADDRESS=1000000000 PATHLIGHT_VOLUNTEERS_LIMIT_PER_ADDRESS=1000000000 \
    java $HEAP -jar target/pathlight.jar >> "$WORK/app$i.log" 2>&1 &
  pids[$i]=$!
}
await_instance() {
  local i=$1
  echo "instance $i ready in $(wait_ready "http://localhost:$((LB_PORT + i))/health/ready" ${pids[$i]} "${started_at[$i]}" '"database"') s"
}
start_instance() { launch_instance "$1" && await_instance "$1"; }

# balance N: HAProxy round-robin over instances 1..N, checking /health/ready every second
balance() {
  [ -f "$WORK/haproxy.pid" ] && kill "$(cat "$WORK/haproxy.pid")" 2>/dev/null && sleep 0.5
  {
    printf 'defaults\n  mode http\n  option redispatch\n  retries 2\n'
    printf '  timeout connect 2s\n  timeout client 60s\n  timeout server 60s\n'
    printf 'frontend http\n  bind 127.0.0.1:%s\n' $LB_PORT
    printf '  http-request set-header X-Forwarded-For %%[src]\n  default_backend pathlight\n'
    printf 'backend pathlight\n  balance roundrobin\n  option httpchk GET /health/ready\n'
    printf '  http-check expect string database\n  default-server check inter 1s fall 2 rise 1\n'
    for i in $(seq 1 "$1"); do printf '  server app%s 127.0.0.1:%s\n' "$i" $((LB_PORT + i)); done
  } > "$WORK/haproxy.cfg"
  haproxy -f "$WORK/haproxy.cfg" -D -p "$WORK/haproxy.pid"
  sleep 2
}

cpu_ticks() { # the summed user+system clock ticks of instances 1..N
  local total=0 i
  for i in $(seq 1 "$1"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/${pids[$i]}/stat")))
  done
  echo $total
}

run() { # SECONDS URL KIND: "rps p50 p99 p999 errors requests"
  BODY_KIND=$3 wrk -t2 -c"$CONN" -d"$1"s --timeout 10s -s docs/benchmarks/report.lua "$2" \
    | awk '/^RESULT/ {print $2, $3, $4, $5, $6, $7}'
}

LB="http://localhost:$LB_PORT"
HZ=$(getconf CLK_TCK)
rows=()
for n in 1 2 3; do
  start_instance $n
  # the new instance's JIT warms on it directly, so its compile time is not in the CPU figures
  for path in /api/giving /give; do run "$WARM" "http://localhost:$((LB_PORT + n))$path" "" > /dev/null; done
  run "$WARM" "http://localhost:$((LB_PORT + n))/api/donations" checkout > /dev/null
  balance $n
  for s in "trivial resource|$LB/api/giving|" "donation page|$LB/give|" \
    "checkout (test processor)|$LB/api/donations|checkout"; do
    IFS='|' read -r name url kind <<< "$s"
    run "$WARM" "$url" "$kind" > /dev/null
    before=$(cpu_ticks $n)
    read -r rps p50 p99 _ errors requests <<< "$(run "$DUR" "$url" "$kind")"
    ms=$(echo "scale=0; ($(cpu_ticks $n) - $before) * 1000 / $HZ * 1000 / $requests" | bc)
    rows+=("$(printf '| %s | %s | %s | %s | %s | %s of %s | %s |' "$n" "$name" "$rps" "$p50" "$p99" \
      "$errors" "$requests" "$ms")")
  done
done
printf '\n| instances | scenario | req/s | p50 ms | p99 ms | errors | CPU ms per 1,000 requests |\n'
printf '|---|---|---|---|---|---|---|\n'
printf '%s\n' "${rows[@]}"
echo

fixture() { java docs/benchmarks/LoadFixtures.java "$@"; }
INSTANCES=("http://localhost:$((LB_PORT + 1))" "http://localhost:$((LB_PORT + 2))" "http://localhost:$((LB_PORT + 3))")
MAIL="$WORK/app1/mail:$WORK/app2/mail:$WORK/app3/mail"

# a staff session made on instance 1 works on 2 and 3
curl -fsS -c "$WORK/cookies" -H 'Content-Type: application/json' \
  -d "{\"email\": \"$ADMIN\", \"password\": \"$ADMIN_PASSWORD\"}" "${INSTANCES[0]}/api/staff/session" > /dev/null
for i in 1 2; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$WORK/cookies" "${INSTANCES[$i]}/api/staff/session")
  [ "$code" = 200 ] || fail "the session from instance 1 answered $code on instance $((i + 1))"
done
echo "ok: a staff session made on instance 1 works on instances 2 and 3"

# a booking storm through the balancer: exactly 25 confirmed (LoadFixtures fails otherwise)
fixture storm "$LB" "$MAIL" $ADMIN $ADMIN_PASSWORD "$STORM" 50
storm_shift=$(sql "select max(id) from shift")

# one test checkout paid on all three instances at once: one paid gift, one receipt
read -r email gift <<< "$(fixture double-pay "$LB" "${INSTANCES[@]}")"
[ "$(sql "select status from gift where public_id = '$gift'")" = succeeded ] || fail "gift $gift is not paid"
sleep 3
receipts=$(sql "select count(*) from outbox_message where category = 'receipt' and to_address = '$email'")
[ "$receipts" = 1 ] || fail "$receipts receipts for one gift paid on three instances at once"
echo "ok: one checkout paid 15 times on three instances at once is one paid gift and one receipt"

# one Stripe event delivered to every instance at once: recorded once
event=$(fixture webhook-race $SECRET "${INSTANCES[@]}")
recorded=$(sql "select count(*) from payment_event where event_id = '$event'")
[ "$recorded" = 1 ] || fail "event $event recorded $recorded times"
echo "ok: one Stripe event delivered 15 times to three instances at once is recorded once"

# every queued email sent exactly once, by whichever instance claimed it
emails_once() {
  local sent files twice by
  for _ in $(seq 1 120); do
    [ "$(sql "select count(*) from outbox_message where status = 'pending'")" = 0 ] && break
    sleep 1
  done
  sent=$(sql "select count(*) from outbox_message where status = 'sent'")
  files=$(cat "$WORK"/app*/mail/*.eml | grep -c '^Message-ID:' || true)
  twice=$(cat "$WORK"/app*/mail/*.eml | grep '^Message-ID:' | sort | uniq -d | wc -l)
  by=$(for i in 1 2 3; do ls "$WORK/app$i/mail" 2>/dev/null | wc -l; done | paste -sd/)
  [ "$sent" = "$files" ] && [ "$twice" = 0 ] || fail "$sent emails sent, $files files, $twice Message-IDs twice"
  echo "ok: $sent emails sent once each (files written by instances 1/2/3: $by), no Message-ID twice"
}
emails_once

# kill instance 3 mid-load: every acknowledged gift is stored; the balancer routes around it
( sleep 8; kill -9 "${pids[3]}"; echo "killed instance 3 (kill -9) at 8 s" ) &
fixture acked "$LB" 20 16 "$WORK/acked.txt"
wait $!
unset 'pids[3]'
acked=$(wc -l < "$WORK/acked.txt")
stored=$({ echo "create temp table acked (id uuid); copy acked from stdin;"; cat "$WORK/acked.txt"
  printf '\\.\nselect count(*) from gift join acked on gift.public_id = acked.id;\n'; } \
  | "$PG_BIN/psql" -h localhost -p $PG_PORT -U pathlight -d pathlight -qAt)
[ "$acked" = "$stored" ] || fail "$acked gifts acknowledged, $stored stored"
echo "ok: all $acked acknowledged gifts are stored after instance 3 was killed mid-load"

# the scheduled jobs, started on three instances at the same moment, each do their work once: the
# storm's shift is moved to three hours from now (inside the 24-hour reminder window), today's
# volunteer digest is forgotten, and all three instances boot at once with every job's first run
# two seconds after start-up and the digest allowed at any hour
for i in "${!pids[@]}"; do kill "${pids[$i]}"; wait "${pids[$i]}" 2>/dev/null || true; unset "pids[$i]"; done
sql "update shift set starts_at = now() + interval '3 hours', ends_at = now() + interval '5 hours' where id = $storm_shift"
sql "delete from job_run where job = 'volunteer-digest'"
for i in 1 2 3; do
  launch_instance $i PATHLIGHT_JOBS_FIRST_DELAY_SECONDS=2 PATHLIGHT_VOLUNTEERS_DIGEST_HOUR=0
done
for i in 1 2 3; do await_instance $i; done
for i in 1 2 3; do
  for _ in $(seq 1 60); do
    health=$(curl -s "http://localhost:$((LB_PORT + i))/health/ready")
    grep -Eq '"shift-reminders": ?"ok at' <<< "$health" && grep -Eq '"volunteer-digest": ?"ok at' <<< "$health" && break
    sleep 1
  done
  grep -Eq '"shift-reminders": ?"ok at' <<< "$health" || fail "instance $i has not run its reminders: $health"
done
reminded=$(sql "select count(*) from booking where shift_id = $storm_shift and status = 'confirmed' and reminded_at is not null")
queued=$(sql "select count(*) from outbox_message m join booking b on m.dedupe_key = 'reminder:' || b.id where b.shift_id = $storm_shift")
digests=$(sql "select count(*) from job_run where job = 'volunteer-digest'")
[ "$reminded" = 25 ] && [ "$queued" = 25 ] || fail "$reminded of 25 bookings reminded, $queued reminders queued"
[ "$digests" = 1 ] || fail "the volunteer digest ran $digests times today"
echo "ok: three instances started at once sent the shift's 25 reminders once each and ran today's digest once"
emails_once
echo "all cross-instance checks passed"
