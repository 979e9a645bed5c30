#!/usr/bin/env bash
# Indriva multi-tenant benchmark: many Procountor companies, each its own API client with its own
# limit, and one Kravia (bench/src/TenantsFake.java), against the real app jar with a fresh data
# directory (H2 file + persistent Artemis journal). Not a test: it prints figures and appends a
# line to bench/tenants-results.md.
#
#   bench/tenants-run.sh fair  [--small N] [--big N]   one big tenant, then N small tenants of 10 polled 10 s later
#   bench/tenants-run.sh scale [--tenants N] [--each N] [--lifted]
#                                                      N tenants x M invoices, all polled at once
#   bench/tenants-run.sh single [--each N]             one tenant alone (the per-tenant rate for "scale")
#   common: [--rebuild] [--consumers N] [--xmx 512m] [--timeout S]
#
# fair:   each small tenant's time from its poll to its last claim registered at Kravia (p50, p99,
#         max; aim max <= 15 s), and how far the big tenant got meanwhile.
# scale:  invoices registered per second over all tenants, from the polls to the last registration;
#         --lifted runs with the limits lifted (the CPU-bound ceiling of this machine).
# Every mode: the most Procountor requests any one company saw in a sliding second (limit 20),
# duplicates at Kravia, app CPU, peak heap used, and the registration queue's size in the broker.
# Latencies: Procountor 20-40 ms per request, Kravia 30 ms (FAKE_PROCOUNTOR_MS, FAKE_KRAVIA_MS).
# Ports: app 19080, management 19081, fake Procountor 19090, fake Kravia 19091.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
MODE="${1:-}"; shift || true
case "$MODE" in fair|scale|single) ;; *) sed -n '2,20p' "$0"; exit 2 ;; esac

SMALL=50; BIG=5000; TENANTS=200; EACH=50; LIFTED=0; REBUILD=0; CONSUMERS=64; XMX=512m; TIMEOUT=
while [ $# -gt 0 ]; do
    case "$1" in
        --small) SMALL="$2"; shift ;;
        --big) BIG="$2"; shift ;;
        --tenants) TENANTS="$2"; shift ;;
        --each) EACH="$2"; shift ;;
        --lifted) LIFTED=1 ;;
        --rebuild) REBUILD=1 ;;
        --consumers) CONSUMERS="$2"; shift ;;
        --xmx) XMX="$2"; shift ;;
        --timeout) TIMEOUT="$2"; shift ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
case "$MODE" in
    fair) SPEC="1x$BIG,${SMALL}x10"; N=$(( SMALL + 1 )); : "${TIMEOUT:=300}" ;;
    scale) SPEC="${TENANTS}x$EACH"; N=$TENANTS; : "${TIMEOUT:=900}" ;;
    single) TENANTS=1; SPEC="1x$EACH"; N=1; : "${TIMEOUT:=600}" ;;
esac
RPS=20; LIFTED_LABEL=; if [ "$LIFTED" = 1 ]; then RPS=100000; LIFTED_LABEL=", limits lifted"; fi
APP_PORT=19080; MGMT_PORT=19081; P_PORT=19090; K_PORT=19091
TOKEN="bench-admin-token-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SECRETS_KEY="$(head -c 32 /dev/urandom | base64)"
TICK=$(getconf CLK_TCK)
STAMP="$(date +%Y%m%d-%H%M%S)"
RUN="$BENCH/runs/$STAMP-tenants-$MODE"; mkdir -p "$RUN"
DATA="$(mktemp -d /tmp/indriva-tenants.XXXXXX)"
APP_PID=; FAKE_PID=
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
now_ms() { date +%s%3N; }
cleanup() {
    set +e
    for p in $APP_PID $FAKE_PID; do
        kill "$p" 2>/dev/null
        for _ in $(seq 1 40); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$p" 2>/dev/null
    done
    rm -rf "$DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

exec 9> /tmp/indriva-bench.lock
flock -w 600 9 || log "WARNING: another benchmark holds /tmp/indriva-bench.lock; running anyway"
for p in $APP_PORT $MGMT_PORT $P_PORT $K_PORT; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use" >&2; exit 1; fi
done

# the app runs from a snapshot (jar + routes), so edits during the run change nothing
mkdir -p "$DATA/app"
if [ "$REBUILD" = 1 ] || [ ! -f "$ROOT/target/indriva.jar" ]; then
    log "building the jar (./mvnw -q -DskipTests package)"
    (cd "$ROOT" && ./mvnw -q -DskipTests package > "$RUN/build.log" 2>&1) || { tail -20 "$RUN/build.log"; exit 1; }
fi
cp "$ROOT/target/indriva.jar" "$DATA/app/"; cp -r "$ROOT/routes" "$DATA/app/"
REV="$(cd "$ROOT" && git rev-parse --short HEAD) + $(cd "$ROOT" && git status --porcelain | grep -vc '^?? bench/' || true) changed files"

log "fake: $SPEC (Procountor ${FAKE_PROCOUNTOR_MS:-20-40} ms, Kravia ${FAKE_KRAVIA_MS:-30} ms)"
java -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "$BENCH/src/TenantsFake.java" --tenants "$SPEC" \
    --procountor-port $P_PORT --kravia-port $K_PORT --procountor-latency-ms "${FAKE_PROCOUNTOR_MS:-20-40}" \
    --kravia-latency-ms "${FAKE_KRAVIA_MS:-30}" > "$RUN/fake.log" 2>&1 &
FAKE_PID=$!
until curl -sf "http://127.0.0.1:$P_PORT/__stats" > /dev/null; do
    kill -0 "$FAKE_PID" 2>/dev/null || { cat "$RUN/fake.log"; exit 1; }; sleep 0.5
done

log "app: -Xmx$XMX, requests-per-second=$RPS, consumers=$CONSUMERS"
T_START=$(now_ms)
(cd "$DATA/app" && exec java -Xmx"$XMX" -Xlog:gc:file="$RUN/gc.log":time,uptime ${APP_JAVA_OPTS:-} -jar indriva.jar \
    --indriva.data-dir="$DATA" --indriva.admin.token="$TOKEN" --indriva.security.allow-insecure-urls=true --indriva.secrets.key="$SECRETS_KEY" \
    --server.port=$APP_PORT --management.server.port=$MGMT_PORT \
    --indriva.poll.tick=PT1H --indriva.procountor.requests-per-second=$RPS --indriva.register.consumers="$CONSUMERS" \
    ${APP_ARGS:-} > "$RUN/app.log" 2>&1) &
APP_PID=$!
until curl -sf "http://127.0.0.1:$MGMT_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$RUN/app.log"; exit 1; }; sleep 0.5
done
log "app up after $(( ($(now_ms) - T_START) / 1000 )) s"
sleep 6  # past claim-recovery's start-up run (5 s), which re-sends the tickets of PENDING claims

api() { curl -sf -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
create() { # create K
    local code
    code=$(api -X PUT "http://127.0.0.1:$APP_PORT/api/v1/tenants/t$1" -d "{\"name\":\"Bench $1\",\"enabled\":true,
        \"accounting\":{\"system\":\"procountor\",\"baseUrl\":\"http://127.0.0.1:$P_PORT/t$1\",\"clientId\":\"c$1\",\"clientSecret\":\"s\",\"apiKey\":\"k\"},
        \"agency\":{\"system\":\"kravia\",\"baseUrl\":\"http://127.0.0.1:$K_PORT/k$1\",\"token\":\"t\",\"creditorId\":$1},
        \"policy\":{\"graceDays\":0,\"minimumAmount\":0,\"pollInterval\":\"PT1H\"}}") || true
    [ "$code" = 201 ] || [ "$code" = 200 ] || { echo "creating tenant t$1 answered $code" >&2; exit 1; }
}
poll() { api -X POST "http://127.0.0.1:$APP_PORT/api/v1/tenants/t$1/poll" > /dev/null; }
stats() { curl -sf "http://127.0.0.1:$P_PORT/__stats"; }
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p"; }  # field KEY < line
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
PEAK_HEAP=0; PEAK_QUEUE_BYTES=0; PEAK_QUEUE_MSGS=0
JOLOKIA="http://127.0.0.1:$MGMT_PORT/actuator/jolokia/read/org.apache.activemq.artemis:broker=*,component=addresses,address=%22indriva.claims.register%22"
sample() { # peak heap used (jstat) and the registration address's memory and messages in the broker
    local used q
    used=$(jstat -gc "$APP_PID" 2>/dev/null | awk 'NR == 2 { printf "%.0f", ($3 + $4 + $6 + $8) / 1024 }') || true
    [ -n "$used" ] && [ "$used" -gt "$PEAK_HEAP" ] && PEAK_HEAP=$used
    q=$(curl -sf "$JOLOKIA/AddressSize,MessageCount" 2>/dev/null) || true
    local bytes msgs
    bytes=$(printf '%s' "$q" | sed -n 's/.*"AddressSize":\([0-9]*\).*/\1/p'); msgs=$(printf '%s' "$q" | sed -n 's/.*"MessageCount":\([0-9]*\).*/\1/p')
    [ -n "$bytes" ] && [ "$bytes" -gt "$PEAK_QUEUE_BYTES" ] && PEAK_QUEUE_BYTES=$bytes
    [ -n "$msgs" ] && [ "$msgs" -gt "$PEAK_QUEUE_MSGS" ] && PEAK_QUEUE_MSGS=$msgs
    true
}

declare -A POLLED
for k in $(seq 1 "$N"); do create "$k"; done
log "$N tenants created"
CPU0=$(cpu "$APP_PID"); FAKE0=$(cpu "$FAKE_PID"); APP_LINES0=$(( $(wc -l < "$RUN/app.log") + 1 ))
T0=$(now_ms)
if [ "$MODE" = fair ]; then
    POLLED[1]=$(now_ms); poll 1
    log "big tenant t1 ($BIG invoices) polled; the $SMALL small tenants are polled in 10 s"
    sleep 10
    for k in $(seq 2 "$N"); do POLLED[$k]=$(now_ms); poll "$k"; done
    log "small tenants polled"
else
    for k in $(seq 1 "$N"); do POLLED[$k]=$(now_ms); poll "$k"; done
fi

TARGET=$(( N * EACH )); [ "$MODE" = fair ] && TARGET=$(( SMALL * 10 ))
while :; do
    sleep 2
    sample
    S=$(stats)
    if [ "$MODE" = fair ]; then
        DONE=$(printf '%s\n' "$S" | awk '/^tenant=t/ && $1 != "tenant=t1" { split($3, a, "="); n += a[2] } END { print n + 0 }')
        BIGNOW=$(printf '%s\n' "$S" | grep '^tenant=t1 ' | field registered)
        log "$(( ($(now_ms) - T0) / 1000 )) s: small tenants' claims registered $DONE/$TARGET; big tenant $BIGNOW/$BIG"
    else
        DONE=$(printf '%s\n' "$S" | grep '^total' | field registered)
        log "$(( ($(now_ms) - T0) / 1000 )) s: registered $DONE/$TARGET"
    fi
    [ "$DONE" -ge "$TARGET" ] && break
    kill -0 "$APP_PID" 2>/dev/null || { echo "the app died" >&2; break; }
    [ $(( ($(now_ms) - T0) / 1000 )) -ge "$TIMEOUT" ] && { echo "TIMEOUT after $TIMEOUT s" >&2; break; }
done
T1=$(now_ms)
CPU1=$(cpu "$APP_PID"); FAKE1=$(cpu "$FAKE_PID")
sleep 1; sample
S=$(stats); printf '%s\n' "$S" > "$RUN/fake-stats.txt"
curl -sf "http://127.0.0.1:$MGMT_PORT/actuator/prometheus" > "$RUN/prometheus.txt" || true
WARNS=$(tail -n +"$APP_LINES0" "$RUN/app.log" | grep -c -E " (WARN|ERROR) " || true)
DUPS=$(printf '%s\n' "$S" | grep '^total' | field duplicates)
MAX1S=$(printf '%s\n' "$S" | awk '/^tenant=t/ { split($NF, a, "="); if (a[2] > m) m = a[2] } END { print m + 0 }')
APP_CPU=$(awk -v a="$CPU0" -v b="$CPU1" -v t="$TICK" 'BEGIN { printf "%.1f", (b - a) / t }')
FAKE_CPU=$(awk -v a="$FAKE0" -v b="$FAKE1" -v t="$TICK" 'BEGIN { printf "%.1f", (b - a) / t }')
MACHINE="$(nproc) cores $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(free -g | awk '/Mem:/ { print $2 }') GiB, $(java -version 2>&1 | head -1)"

if [ "$MODE" = fair ]; then
    # per small tenant: poll -> its last registration at Kravia
    for k in $(seq 2 "$N"); do
        last=$(printf '%s\n' "$S" | grep "^tenant=t$k " | field last_register_ms)
        reg=$(printf '%s\n' "$S" | grep "^tenant=t$k " | field registered)
        [ "$reg" -ge 10 ] && echo $(( last - POLLED[$k] )) || echo 999999
    done | sort -n > "$RUN/small-tenant-ms.txt"
    read -r P50 P99 MAX < <(awk '{ v[NR] = $1 } END { i50 = int((NR + 1) / 2); i99 = int(NR * 0.99 + 0.99); if (i99 < 1) i99 = 1
        printf "%.1f %.1f %.1f\n", v[i50] / 1000, v[i99] / 1000, v[NR] / 1000 }' "$RUN/small-tenant-ms.txt")
    BIGNOW=$(printf '%s\n' "$S" | grep '^tenant=t1 ' | field registered)
    VERDICT=$(awk -v m="$MAX" 'BEGIN { print (m <= 15 ? "PASS" : "FAIL") " (aim: max <= 15 s)" }')
    SUMMARY="fair: 1 x $BIG + $SMALL x 10; small tenants poll -> last registered p50 ${P50} s, p99 ${P99} s, max ${MAX} s: $VERDICT; big tenant meanwhile $BIGNOW registered"
else
    FIRST=$(printf '%s\n' "$S" | awk '/^tenant=t/ { split($5, a, "="); if (a[2] > 0 && (m == 0 || a[2] < m)) m = a[2] } END { print m + 0 }')
    LAST=$(printf '%s\n' "$S" | awk '/^tenant=t/ { split($6, a, "="); if (a[2] > m) m = a[2] } END { print m + 0 }')
    RATE=$(awk -v n="$DONE" -v a="$T0" -v b="$LAST" 'BEGIN { printf "%.1f", n * 1000 / (b - a) }')
    PER=$(awk -v n="$DONE" -v c="$APP_CPU" 'BEGIN { printf "%.1f", c * 1000 / n }')
    SUMMARY="$MODE: $N x $EACH$LIFTED_LABEL; $DONE registered in $(( (LAST - T0) / 1000 )) s from the polls = $RATE invoices/s; app CPU $PER ms per invoice"
fi
SUMMARY="$SUMMARY; max Procountor requests in any second for one company $MAX1S (limit $RPS); duplicates $DUPS; app CPU ${APP_CPU} s, fake ${FAKE_CPU} s over $(( (T1 - T0) / 1000 )) s; peak heap used ${PEAK_HEAP} MB (-Xmx$XMX); registration queue peak ${PEAK_QUEUE_MSGS} messages, $(( PEAK_QUEUE_BYTES / 1024 )) KiB in the broker; WARN/ERROR lines $WARNS"
log "$SUMMARY"
log "machine: $MACHINE"
[ -f "$BENCH/tenants-results.md" ] || printf '# Multi-tenant benchmark runs (bench/tenants-run.sh, bench/tenants-idle.sh)\n\nOne line per run, newest last.\n\n' > "$BENCH/tenants-results.md"
{
    echo "- $(date '+%Y-%m-%d %H:%M') [$REV, consumers $CONSUMERS] $SUMMARY. Machine: $MACHINE. Run dir: ${RUN#$ROOT/}"
} >> "$BENCH/tenants-results.md"
