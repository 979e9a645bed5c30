#!/usr/bin/env bash
# Many tenants configured: COUNT enabled tenants (default 5000), each polled every 15 minutes, whose
# Procountor companies have nothing overdue (bench/src/TenantsFake.java, 20-40 ms per request).
# Measures, for the real app jar on a fresh H2 + Artemis data directory:
#   - how the polls are spread: polls finished per 10-second tick over WATCH seconds (default 180);
#   - the schedulers' own CPU: the timer threads of outbound-poll-schedule, agency-sync-schedule
#     and claim-recovery (by thread, from /proc), per minute;
#   - the whole app's CPU per minute meanwhile (the polls and agency syncs themselves);
#   - start-up time with COUNT tenants in the database (the app restarted on the same data).
#
#   bench/tenants-idle.sh [COUNT] [--watch S] [--rebuild]
# Ports: app 19080, management 19081, fake Procountor 19090, fake Kravia 19091.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
COUNT=5000; WATCH=180; REBUILD=0
while [ $# -gt 0 ]; do
    case "$1" in
        --watch) WATCH="$2"; shift ;;
        --rebuild) REBUILD=1 ;;
        [0-9]*) COUNT="$1" ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
APP_PORT=19080; MGMT_PORT=19081; P_PORT=19090; K_PORT=19091
TOKEN="bench-admin-token-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SECRETS_KEY="$(head -c 32 /dev/urandom | base64)"
TICK=$(getconf CLK_TCK)
RUN="$BENCH/runs/$(date +%Y%m%d-%H%M%S)-tenants-idle-$COUNT"; mkdir -p "$RUN"
DATA="$(mktemp -d /tmp/indriva-idle.XXXXXX)"
APP_PID=; FAKE_PID=
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
now_ms() { date +%s%3N; }
stop() { [ -n "$1" ] || return 0; kill "$1" 2>/dev/null || true; for _ in $(seq 1 60); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.5; done; kill -9 "$1" 2>/dev/null || true; }
cleanup() { set +e; stop "$APP_PID"; stop "$FAKE_PID"; rm -rf "$DATA"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
exec 9> /tmp/indriva-bench.lock
flock -w 600 9 || log "WARNING: another benchmark holds /tmp/indriva-bench.lock; running anyway"

mkdir -p "$DATA/app"
if [ "$REBUILD" = 1 ] || [ ! -f "$ROOT/target/indriva.jar" ]; then
    (cd "$ROOT" && ./mvnw -q -DskipTests package > "$RUN/build.log" 2>&1) || { tail -20 "$RUN/build.log"; exit 1; }
fi
cp "$ROOT/target/indriva.jar" "$DATA/app/"; cp -r "$ROOT/routes" "$DATA/app/"
REV="$(cd "$ROOT" && git rev-parse --short HEAD) + $(cd "$ROOT" && git status --porcelain | grep -vc '^?? bench/' || true) changed files"

java -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "$BENCH/src/TenantsFake.java" --tenants "${COUNT}x0" \
    --procountor-port $P_PORT --kravia-port $K_PORT > "$RUN/fake.log" 2>&1 &
FAKE_PID=$!
until curl -sf "http://127.0.0.1:$P_PORT/__stats" > /dev/null; do kill -0 "$FAKE_PID" || exit 1; sleep 0.5; done

start_app() { # start_app LOGFILE: starts the app and waits for health UP; sets APP_PID and UP (seconds it took)
    local t0=$(now_ms)
    (cd "$DATA/app" && exec java -Xmx512m -jar indriva.jar --indriva.data-dir="$DATA" --indriva.admin.token="$TOKEN" --indriva.security.allow-insecure-urls=true \
        --indriva.secrets.key="$SECRETS_KEY" --server.port=$APP_PORT --management.server.port=$MGMT_PORT > "$1" 2>&1) &
    APP_PID=$!
    until curl -sf "http://127.0.0.1:$MGMT_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
        kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$1" >&2; exit 1; }; sleep 0.2
    done
    UP=$(awk -v a="$t0" -v b="$(now_ms)" 'BEGIN { printf "%.1f", (b - a) / 1000 }')
}
start_app "$RUN/app.log"
log "app up after $UP s; creating $COUNT tenants (15-minute poll interval)"
create() {
    curl -sf -o /dev/null -X PUT "http://127.0.0.1:$APP_PORT/api/v1/tenants/t$1" -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' -d "{\"name\":\"Bench $1\",\"enabled\":true,
        \"accounting\":{\"system\":\"procountor\",\"baseUrl\":\"http://127.0.0.1:$P_PORT/t$1\",\"clientId\":\"c$1\",\"clientSecret\":\"s\",\"apiKey\":\"k\"},
        \"agency\":{\"system\":\"kravia\",\"baseUrl\":\"http://127.0.0.1:$K_PORT/k$1\",\"token\":\"t\",\"creditorId\":$1},
        \"policy\":{\"graceDays\":0,\"minimumAmount\":0,\"pollInterval\":\"PT15M\"}}"
}
export -f create; export APP_PORT P_PORT K_PORT TOKEN
T_CREATE=$(now_ms)
seq 1 "$COUNT" | xargs -P 4 -I{} bash -c 'create {}'
log "$COUNT tenants created in $(( ($(now_ms) - T_CREATE) / 1000 )) s"

timer_ticks() { # CPU ticks of the scheduler threads (Camel's timer threads), by native thread id from jstack
    local sum=0 nid
    for nid in $(jstack "$APP_PID" 2>/dev/null | awk '/timer:\/\/(outbound-poll-schedule|agency-sync-schedule|claim-recovery)/ {
            if (match($0, /nid=0x[0-9a-f]+/)) print strtonum(substr($0, RSTART + 4, RLENGTH - 4)) }'); do
        sum=$(( sum + $(awk '{ print $14 + $15 }' "/proc/$APP_PID/task/$nid/stat" 2>/dev/null || echo 0) ))
    done
    echo "$sum"
}
LINES0=$(wc -l < "$RUN/app.log")
A0=$(awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"); S0=$(timer_ticks); W0=$(now_ms)
sleep "$WATCH"
A1=$(awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"); S1=$(timer_ticks); W1=$(now_ms)
MIN=$(awk -v a="$W0" -v b="$W1" 'BEGIN { print (b - a) / 60000 }')
# polls finished per 10-second tick
tail -n +"$((LINES0 + 1))" "$RUN/app.log" | grep 'poll finished' | cut -c12-18 | sort | uniq -c | awk '{ print $1 }' > "$RUN/polls-per-10s.txt" || true
POLLS=$(awk '{ n += $1 } END { print n + 0 }' "$RUN/polls-per-10s.txt")
MAXTICK=$(sort -n "$RUN/polls-per-10s.txt" | tail -1); MAXTICK=${MAXTICK:-0}
SCHED=$(awk -v a="$S0" -v b="$S1" -v t="$TICK" -v m="$MIN" 'BEGIN { printf "%.0f", (b - a) * 1000 / t / m }')
APPCPU=$(awk -v a="$A0" -v b="$A1" -v t="$TICK" -v m="$MIN" 'BEGIN { printf "%.1f", (b - a) / t / m }')
WARNS=$(tail -n +"$((LINES0 + 1))" "$RUN/app.log" | grep -c -E ' (WARN|ERROR) ' || true)

log "restarting the app on the same data ($COUNT tenants)"
stop "$APP_PID"
start_app "$RUN/app-restart.log"; UP2=$UP
STARTED=$(grep -o 'Started IndrivaApplication in [0-9.]* seconds' "$RUN/app-restart.log" | grep -o '[0-9.]*' | head -1)

MACHINE="$(nproc) cores $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(free -g | awk '/Mem:/ { print $2 }') GiB, $(java -version 2>&1 | head -1)"
SUMMARY="idle: $COUNT tenants every 15 min; over $WATCH s: $POLLS polls finished, at most $MAXTICK in any 10 s (all at once would be $COUNT); scheduler threads ${SCHED} CPU-ms per minute; whole app ${APPCPU} CPU-s per minute (the polls and syncs themselves); restart with $COUNT tenants: health UP after ${UP2} s (Spring: ${STARTED} s); WARN/ERROR lines $WARNS"
log "$SUMMARY"
echo "- $(date '+%Y-%m-%d %H:%M') [$REV] $SUMMARY. Machine: $MACHINE. Run dir: ${RUN#$ROOT/}" >> "$BENCH/tenants-results.md"
