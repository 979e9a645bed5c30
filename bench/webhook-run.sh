#!/usr/bin/env bash
# Indriva webhook-ingest benchmark (bench/WEBHOOKS.md). One run, one app process, one data dir:
#
#   setup      fake Procountor + Kravia (bench/src/WebhookFake.java), the app jar on a fresh data dir
#              (H2 file + persistent Artemis journal), a tenant whose LOAD + KILL claims are registered
#              through the real outbound flow (they must be REGISTERED for a webhook to be accepted)
#   warm-up    ping and webhook under full load (the JIT), then the queue is drained
#   max        wrk -t2 -cC -dD --latency against POST /webhooks/ping (trivial endpoint, baseline),
#              then against POST /webhooks/kravia/bench (distinct accepted events): req/s, p50, p99, ratio
#   paced      a fixed rate (default 500 events/s) for D seconds: p50, p99
#   kill       events for the KILL claims (each once) under full load; kill -9 after a few seconds,
#              restart on the same data dir, wait for the queue to drain; every claim answered
#              "accepted" must have had its details read at the fake (= processed): lost must be 0
#
#   bench/webhook-run.sh [--claims N] [--kill-claims N] [--warmup S] [--duration S] [--rate R]
#                        [--connections C] [--kill-after S] [--profile] [--jstack] [--rebuild]
#
#   --claims N        claims the load phases cycle over (default 2000)
#   --kill-claims N   further claims for the kill test, one event each (default 15000; must exceed
#                     what the app accepts before the kill)
#   --warmup S        seconds of webhook load before measuring (default 45; plus 10 s of ping)
#   --duration S      seconds of each measured phase (default 30)
#   --rate R          events/s of the paced phase (default 500)
#   --connections C   connections of the max phases (default 32, over 2 wrk threads)
#   --kill-after S    seconds of kill-test load before kill -9 (default 5)
#   --profile         JFR recordings of the webhook max and paced phases; CPU, lock and fsync summary
#   --jstack          3 thread dumps during the webhook max phase; what the request threads do
#   --rebuild         build the jar from a snapshot of the sources even if target/indriva.jar is current
#
# Environment: APP_XMX (default 512m), APP_JAVA_OPTS, APP_ARGS (extra --property=value for the app),
#   WEBHOOK_LIMIT / WEBHOOK_BURST (the per-tenant intake limit; default: lifted, as the bench floods one
#   tenant to measure the ingest path itself; set e.g. WEBHOOK_LIMIT=20 WEBHOOK_BURST=200 to measure the 429s),
#   IDLE_WAIT (seconds to wait for an idle machine, default 300), KEEP_DATA=1, INDRIVA_JAR (measure
#   this jar instead; routes from a routes/ beside it, else the work tree's).
# Ports: app 19180, management 19181, fake Procountor 19190, fake Kravia 19191.
# Output: bench/webhook-runs/<stamp>/ (logs, wrk output, summary.txt); one line appended to
#   bench/webhook-results.md.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"

LOAD_CLAIMS=2000
KILL_CLAIMS=15000
WARMUP=45
DURATION=30
RATE=500
CONNS=32
KILL_AFTER=5
PROFILE=0
JSTACK=0
REBUILD=0
while [ $# -gt 0 ]; do
    case "$1" in
        --claims) LOAD_CLAIMS="$2"; shift ;;
        --kill-claims) KILL_CLAIMS="$2"; shift ;;
        --warmup) WARMUP="$2"; shift ;;
        --duration) DURATION="$2"; shift ;;
        --rate) RATE="$2"; shift ;;
        --connections) CONNS="$2"; shift ;;
        --kill-after) KILL_AFTER="$2"; shift ;;
        --profile) PROFILE=1 ;;
        --jstack) JSTACK=1 ;;
        --rebuild) REBUILD=1 ;;
        -h|--help) sed -n '2,35p' "$0"; exit 0 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

APP_XMX="${APP_XMX:-512m}"
APP_PORT=19180
MGMT_PORT=19181
PROCOUNTOR_PORT=19190
KRAVIA_PORT=19191
APP_URL="http://127.0.0.1:$APP_PORT"
TENANT=bench
CLAIM_BASE=500000                                   # the fake's Kravia claim id = 500000 + invoice id
TOTAL_CLAIMS=$(( LOAD_CLAIMS + KILL_CLAIMS ))
LOAD_FIRST=$(( CLAIM_BASE + 1 ))                    # load phases: 500001 .. 500000+LOAD
KILL_FIRST=$(( CLAIM_BASE + LOAD_CLAIMS + 1 ))      # kill test: the next KILL claims
KILL_LAST=$(( CLAIM_BASE + TOTAL_CLAIMS ))
MAX_THREADS=2
PACED_CONNS=20                                      # 10 per thread: a slow answer rarely delays the schedule
KILL_THREADS=16                                     # one connection each (see webhook-kill.lua)
TOKEN="webhook-bench-token-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SECRETS_KEY="$(head -c 32 /dev/urandom | base64)"
TICK=$(getconf CLK_TCK)

STAMP="$(date +%Y%m%d-%H%M%S)"
RUN="$BENCH/webhook-runs/$STAMP"
mkdir -p "$RUN"
DATA="$(mktemp -d /tmp/indriva-webhook-bench.XXXXXX)"
APP_PID=
FAKE_PID=
WRK_PID=

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$RUN/run.log"; }
now_ms() { date +%s%3N; }
calc() { awk "BEGIN { $1 }"; }

stop_pid() { # stop_pid PID SECONDS: TERM, then KILL after SECONDS
    local pid="$1" n=$(( $2 * 4 ))
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 "$n"); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
    set +e
    stop_pid "$WRK_PID" 2
    stop_pid "$APP_PID" 30
    stop_pid "$FAKE_PID" 5
    if [ "${KEEP_DATA:-0}" = 1 ]; then echo "data directory kept: $DATA"; else rm -rf "$DATA"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in $APP_PORT $MGMT_PORT $PROCOUNTOR_PORT $KRAVIA_PORT; do
    if port_busy "$p"; then echo "port $p is in use: stop whatever listens there first" >&2; exit 1; fi
done
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
machine_ticks() { # busy total softirq+irq (clock ticks, all cores)
    awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; total = busy + $5 + $6; print busy, total, $7 + $8 }' /proc/stat; }
kv() { printf '%s\n' "$2" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k { v = $2; found = 1; exit } END { print (found ? v : 0) }'; }  # kv KEY "k=v k=v ..." (0 when absent)
fake_stats() { curl -sf "http://127.0.0.1:$KRAVIA_PORT/__webhook/stats" | tr '\n' ' ' || true; }
details_calls() { local c; c=$(kv details_calls "$(fake_stats)"); echo "${c:-0}"; }
prom() { curl -sf "http://127.0.0.1:$MGMT_PORT/actuator/prometheus" 2>/dev/null || true; }
prom_sum() { # prom_sum METRIC_PREFIX LABEL_MATCH "$prometheus_text"
    printf '%s\n' "$3" | awk -v m="$1" -v l="$2" 'index($0, m "{") == 1 && index($0, l) { n += $NF } END { printf "%d", n }'
}
claims_total() {
    curl -sf -H "Authorization: Bearer $TOKEN" "$APP_URL/api/v1/tenants/$TENANT/claims?status=$1&size=1" \
        | sed -n 's/.*"total":\([0-9]*\).*/\1/p' || true
}
us_ms() { calc "printf \"%.1f\", $1 / 1000"; }

# ---------------------------------------------------------------- the app jar (a private copy)
SNAP="$DATA/app"
mkdir -p "$SNAP"
jar_current() { # the jar has the webhook controller and no main source is newer than it
    unzip -l "$1" 2>/dev/null | grep -q 'eu/indriva/inbound/AgencyWebhookController.class' || return 1
    [ -z "$(find "$ROOT/src/main" "$ROOT/routes" "$ROOT/pom.xml" -newer "$1" -type f 2>/dev/null | head -1)" ]
}
if [ -n "${INDRIVA_JAR:-}" ]; then
    cp "$INDRIVA_JAR" "$SNAP/indriva.jar"
    ROUTES_FROM="$(dirname "$INDRIVA_JAR")/routes"; [ -d "$ROUTES_FROM" ] || ROUTES_FROM="$ROOT/routes"
    cp -r "$ROUTES_FROM" "$SNAP/routes"
    JAR_ORIGIN="$INDRIVA_JAR"
elif [ "$REBUILD" = 0 ] && [ -f "$ROOT/target/indriva.jar" ] && jar_current "$ROOT/target/indriva.jar"; then
    cp "$ROOT/target/indriva.jar" "$SNAP/indriva.jar"
    cp -r "$ROOT/routes" "$SNAP/routes"
    JAR_ORIGIN="target/indriva.jar of $(date -r "$ROOT/target/indriva.jar" '+%Y-%m-%d %H:%M')"
else
    if [ -f "$ROOT/target/indriva.jar" ] && [ "$REBUILD" = 0 ]; then
        log "target/indriva.jar is older than the sources (or has no webhook endpoint): building from a snapshot of the sources"
    else
        log "building the jar from a snapshot of the sources (./mvnw -q -DskipTests package)"
    fi
    SRC="$DATA/src"; mkdir -p "$SRC"
    tar -C "$ROOT" --exclude=./target --exclude=./bench --exclude=./data --exclude=./.git -cf - . | tar -C "$SRC" -xf -
    (cd "$SRC" && ./mvnw -q -DskipTests package > "$RUN/build.log" 2>&1) || { tail -30 "$RUN/build.log"; echo "the build failed (see $RUN/build.log)" >&2; exit 1; }
    cp "$SRC/target/indriva.jar" "$SNAP/indriva.jar"
    cp -r "$SRC/routes" "$SNAP/routes"
    rm -rf "$SRC"
    JAR_ORIGIN="built from the sources at $(date '+%Y-%m-%d %H:%M')"
fi
GIT_REV="$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
GIT_DIRTY="$(cd "$ROOT" && git status --porcelain 2>/dev/null | grep -vc '^?? bench/' || true)"

# ---------------------------------------------------------------- idle machine?
# other work on the machine (the outbound benchmark bench/run.sh, a Maven build or test run) skews
# every figure: wait for it, and note it in the summary when it shows up during the run anyway
others() { pgrep -f -a 'bench/run.sh|FakeUpstreams|surefire|plexus-classworlds' 2>/dev/null | cut -c1-80 || true; }
OTHERS_SEEN=
IDLE_DEADLINE=$(( $(date +%s) + ${IDLE_WAIT:-300} )); IDLE_WARNED=0
while :; do
    read -r B0 T0_ _ < <(machine_ticks); sleep 3; read -r B1 T1_ _ < <(machine_ticks)
    IDLE_BUSY=$(( 100 * (B1 - B0) / (T1_ - T0_ > 0 ? T1_ - T0_ : 1) ))
    { [ "$IDLE_BUSY" -le 20 ] && [ -z "$(others)" ]; } || [ "$(date +%s)" -ge "$IDLE_DEADLINE" ] && break
    [ "$IDLE_WARNED" = 1 ] || log "the machine is ${IDLE_BUSY} % busy$([ -z "$(others)" ] || echo ", other work: $(others | head -1)"); waiting up to ${IDLE_WAIT:-300} s for it to be idle"
    IDLE_WARNED=1
done
if [ "$IDLE_BUSY" -gt 20 ]; then
    log "WARNING: the machine is ${IDLE_BUSY} % busy before the benchmark starts:"
    ps -eo pcpu,args --sort=-pcpu | head -4 | cut -c1-150 | tee -a "$RUN/run.log"
fi

# the disk under the data dir: how long one synced 4 KiB write takes (a durable enqueue waits for
# the broker journal's fsync, batched over the events arriving meanwhile)
DSYNC_S=$( { dd if=/dev/zero of="$DATA/dsync-probe" bs=4k count=500 oflag=dsync 2>&1 >/dev/null || true; } | awk '/copied/ { for (i = 1; i <= NF; i++) if ($i == "s,") print $(i - 1) }')
rm -f "$DATA/dsync-probe"
DSYNC_MS=$(calc "printf \"%.2f\", ${DSYNC_S:-0} * 1000 / 500")

# ---------------------------------------------------------------- fake upstreams + app
log "run directory: $RUN; data: $DATA; jar: $JAR_ORIGIN; one synced 4 KiB write on the data disk: $DSYNC_MS ms"
log "starting the fake Procountor + Kravia ($TOTAL_CLAIMS invoices)"
java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "$BENCH/src/WebhookFake.java" "$TOTAL_CLAIMS" \
    --procountor-port $PROCOUNTOR_PORT --kravia-port $KRAVIA_PORT --threads 4 > "$RUN/fake.log" 2>&1 &
FAKE_PID=$!
for _ in $(seq 1 80); do
    [ -n "$(fake_stats)" ] && break
    kill -0 "$FAKE_PID" 2>/dev/null || { cat "$RUN/fake.log"; echo "the fake did not start" >&2; exit 1; }
    sleep 0.5
done

APP_ARGS="${APP_ARGS:-}"
APP_RUNS=0
start_app() { # start_app: the app on $DATA; sets APP_PID, APP_UP_S
    APP_RUNS=$(( APP_RUNS + 1 ))
    # shellcheck disable=SC2086
    (cd "$SNAP" && exec java -Xmx"$APP_XMX" -Xlog:gc:file="$RUN/gc-$APP_RUNS.log":uptime,level,tags ${APP_JAVA_OPTS:-} -jar "$SNAP/indriva.jar" \
        --indriva.data-dir="$DATA" \
        --indriva.admin.token="$TOKEN" --indriva.security.allow-insecure-urls=true \
        --indriva.secrets.key="$SECRETS_KEY" \
        --indriva.routes-location="file:$SNAP/routes/*.yaml" \
        --server.port=$APP_PORT \
        --management.server.port=$MGMT_PORT \
        --indriva.poll.tick=PT1S \
        --indriva.procountor.requests-per-second=100000 \
        --indriva.register.consumers=8 \
        --indriva.webhooks.per-tenant-per-second="${WEBHOOK_LIMIT:-1000000}" --indriva.webhooks.burst="${WEBHOOK_BURST:-1000000}" \
        ${APP_ARGS} \
        > "$RUN/app-$APP_RUNS.log" 2>&1) &
    APP_PID=$!
    local t0; t0=$(now_ms)
    until curl -sf "http://127.0.0.1:$MGMT_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
        kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$RUN/app-$APP_RUNS.log"; echo "the app exited during start-up" >&2; exit 1; }
        [ $(( $(now_ms) - t0 )) -lt 180000 ] || { echo "the app did not become healthy in 180 s" >&2; exit 1; }
        sleep 0.25
    done
    APP_UP_S=$(calc "printf \"%.1f\", ($(now_ms) - $t0) / 1000")
}
log "starting the app (-Xmx$APP_XMX${APP_ARGS:+, $APP_ARGS})"
start_app
log "app up after ${APP_UP_S} s (pid $APP_PID)"

# ---------------------------------------------------------------- setup: register the claims
T_SETUP=$(now_ms)
code=$(curl -s -o "$RUN/tenant.json" -w '%{http_code}' -X PUT "$APP_URL/api/v1/tenants/$TENANT" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Bench\",\"enabled\":true,
         \"accounting\":{\"system\":\"procountor\",\"baseUrl\":\"http://127.0.0.1:$PROCOUNTOR_PORT\",\"clientId\":\"b\",\"clientSecret\":\"s\",\"apiKey\":\"k\"},
         \"agency\":{\"system\":\"kravia\",\"baseUrl\":\"http://127.0.0.1:$KRAVIA_PORT\",\"token\":\"t\",\"creditorId\":1},
         \"policy\":{\"graceDays\":0,\"minimumAmount\":0,\"pollInterval\":\"PT1H\"}}")
if [ "$code" != 201 ] && [ "$code" != 200 ]; then cat "$RUN/tenant.json"; echo "tenant creation answered $code" >&2; exit 1; fi
log "tenant created; waiting for $TOTAL_CLAIMS claims to be REGISTERED and followed up (registration is the outbound flow's work, not measured here)"
SETUP_TIMEOUT=$(( 300 + TOTAL_CLAIMS / 10 )); LAST=0
while :; do
    sleep 2
    kill -0 "$APP_PID" 2>/dev/null || { echo "the app died during setup" >&2; exit 1; }
    S=$(fake_stats); REG=$(kv register_distinct "$S"); NOTES=$(kv note_distinct "$S")
    if [ "${REG:-0}" -ge "$TOTAL_CLAIMS" ] && [ "${NOTES:-0}" -ge "$TOTAL_CLAIMS" ]; then
        R=$(claims_total REGISTERED); [ "${R:-0}" -ge "$TOTAL_CLAIMS" ] && break
    fi
    if [ $(( $(now_ms) - LAST )) -ge 15000 ]; then log "  registered at the fake Kravia: ${REG:-0}/$TOTAL_CLAIMS, follow-ups done ${NOTES:-0}"; LAST=$(now_ms); fi
    [ $(( ($(now_ms) - T_SETUP) / 1000 )) -lt "$SETUP_TIMEOUT" ] || { echo "setup timed out: ${REG:-0} of $TOTAL_CLAIMS registered" >&2; exit 1; }
done
SETUP_S=$(( ($(now_ms) - T_SETUP) / 1000 ))
log "setup done in $SETUP_S s: $TOTAL_CLAIMS claims REGISTERED"
sleep 3   # let the last follow-ups' transactions settle

# ---------------------------------------------------------------- helpers for the phases
PHASE_NO=0
# run_wrk NAME SCRIPT THREADS CONNS SECONDS ARGS...: runs wrk, keeps its output in $RUN/wrk-NAME.txt,
# sets W_* (from the WRKSTATS line) and CPU figures of the window
run_wrk() {
    local name="$1" script="$2" threads="$3" conns="$4" secs="$5"; shift 5
    local a0 f0 b0 t0 a1 f1 b1 t1 q0 q1 top_pid
    local o; o=$(others | head -2 | tr '\n' ';'); [ -z "$o" ] || log "  (other work present at the start of $name: $o)"
    a0=$(cpu_ticks "$APP_PID"); f0=$(cpu_ticks "$FAKE_PID"); read -r b0 t0 q0 < <(machine_ticks)
    # what else runs, half-way through (top's second sample covers 2 s)
    ( sleep $(( secs / 2 )); top -b -n2 -d2 -w 200 -o %CPU | awk '/^top -/ { n++ } n == 2' | sed -n '1,5p;7,16p' > "$RUN/top-$name.txt" 2>&1 ) &
    top_pid=$!
    /usr/bin/time -f "%U %S" -o "$RUN/wrk-$name.time" \
        wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s --latency -s "$BENCH/$script" "$APP_URL" -- "$@" > "$RUN/wrk-$name.txt" 2>&1 || true
    a1=$(cpu_ticks "$APP_PID"); f1=$(cpu_ticks "$FAKE_PID"); read -r b1 t1 q1 < <(machine_ticks)
    wait "$top_pid" 2>/dev/null || true
    local wrk_s; wrk_s=$(awk 'NF == 2 && $1 ~ /^[0-9.]+$/ { print $1 + $2; exit }' "$RUN/wrk-$name.time" 2>/dev/null); wrk_s=${wrk_s:-0}
    W=$(grep '^WRKSTATS' "$RUN/wrk-$name.txt" || echo "WRKSTATS")
    W_RPS=$(kv rps "$W"); W_P50=$(us_ms "$(kv p50_us "$W")"); W_P90=$(us_ms "$(kv p90_us "$W")")
    W_P99=$(us_ms "$(kv p99_us "$W")"); W_P999=$(us_ms "$(kv p999_us "$W")"); W_MAX=$(us_ms "$(kv max_us "$W")")
    W_REQ=$(kv requests "$W"); W_ACC=$(kv accepted "$W"); W_DUR_S=$(calc "printf \"%.2f\", $(kv duration_us "$W") / 1e6")
    W_ERR="$(kv non200 "$W") non-200, $(( $(kv err_connect "$W") + $(kv err_read "$W") + $(kv err_write "$W") + $(kv err_timeout "$W") )) socket errors/timeouts"
    W_APP_CPU=$(calc "printf \"%.0f\", 100 * ($a1 - $a0) / $TICK / $secs")
    W_FAKE_CPU=$(calc "printf \"%.0f\", 100 * ($f1 - $f0) / $TICK / $secs")
    W_MACHINE=$(calc "printf \"%.0f\", 100 * ($b1 - $b0) / ($t1 - $t0)")
    W_WRK_CPU=$(calc "printf \"%.0f\", 100 * $wrk_s / $secs")
    W_IRQ_CPU=$(calc "printf \"%.0f\", 100 * ($q1 - $q0) / $TICK / $secs")
    W_OTHER_CPU=$(calc "o = 100 * ((($b1 - $b0) - ($q1 - $q0) - ($a1 - $a0) - ($f1 - $f0)) / $TICK - $wrk_s) / $secs; printf \"%.0f\", (o < 0 ? 0 : o)")
    W_CPU="app $W_APP_CPU %, wrk $W_WRK_CPU %, fake $W_FAKE_CPU %, kernel softirq $W_IRQ_CPU %, other processes $W_OTHER_CPU % (100 % = one core); machine $W_MACHINE % busy"
    # other work that took more than 15 % of a core: the phase's figures are skewed
    if [ "$W_OTHER_CPU" -ge 15 ]; then
        log "  WARNING: other processes took $W_OTHER_CPU % of a core during $name (see $RUN/top-$name.txt): $(others | head -1)"
        OTHERS_SEEN="$OTHERS_SEEN $name"
    fi
}
# each wrk run gets its own range of event timestamps (set TS; not in a $(...) subshell, or the count
# would not advance and the broker would drop the repeats as duplicates)
next_ts() { PHASE_NO=$(( PHASE_NO + 1 )); TS=$(( 1700000000 + PHASE_NO * 1000000 )); }

# drain NAME TIMEOUT: wait until every accepted event was processed (the app's counters) or nothing
# was processed for 10 s; sets D_S (seconds), D_EVENTS (details reads meanwhile), D_RATE (/s)
drain() {
    local name="$1" timeout="$2" t0 c0 c last_c last_change p acc proc backlog
    t0=$(now_ms); c0=$(details_calls); last_c=$c0; last_change=$t0
    while :; do
        p=$(prom)
        acc=$(prom_sum indriva_webhooks_total 'outcome="accepted"' "$p")
        proc=$(prom_sum indriva_agency_events_total 'outcome="processed"' "$p")
        backlog=$(( acc - proc ))
        c=$(details_calls)
        [ "$c" != "$last_c" ] && { last_c=$c; last_change=$(now_ms); }
        [ "$backlog" -le 0 ] && break
        [ $(( $(now_ms) - last_change )) -ge 10000 ] && { log "  $name: no progress for 10 s with $backlog events unprocessed by the app's count"; break; }
        [ $(( $(now_ms) - t0 )) -lt $(( timeout * 1000 )) ] || { log "  $name: drain timed out after $timeout s, $backlog left"; break; }
        sleep 1
    done
    D_S=$(calc "printf \"%.1f\", ($(now_ms) - $t0) / 1000"); D_EVENTS=$(( c - c0 ))
    D_RATE=$(calc "printf \"%.0f\", ($D_S > 0 ? $D_EVENTS / $D_S : 0)")
}
backlog_now() { local p; p=$(prom); echo $(( $(prom_sum indriva_webhooks_total 'outcome="accepted"' "$p") - $(prom_sum indriva_agency_events_total 'outcome="processed"' "$p") )); }

# ---------------------------------------------------------------- warm-up
log "warm-up: 10 s ping, ${WARMUP} s webhook (-t$MAX_THREADS -c$CONNS)"
next_ts; run_wrk warmup-ping webhook-post.lua $MAX_THREADS "$CONNS" 10 ping 0 1 "$TS" $MAX_THREADS
next_ts; run_wrk warmup-webhook webhook-post.lua $MAX_THREADS "$CONNS" "$WARMUP" $TENANT $LOAD_FIRST "$LOAD_CLAIMS" "$TS" $MAX_THREADS
log "  warm-up webhook: $W_RPS req/s, accepted $W_ACC of $W_REQ, p50 $W_P50 ms, p99 $W_P99 ms ($W_ERR); backlog $(backlog_now)"
WARM_ACC=$W_ACC; WARM_REQ=$W_REQ
drain warmup 900
log "  drained the warm-up backlog in $D_S s ($D_EVENTS events processed, $D_RATE/s with no load)"
DRAIN_WARM_S=$D_S; DRAIN_WARM_RATE=$D_RATE
sleep 2

# ---------------------------------------------------------------- max throughput: ping, then webhook
log "max throughput: POST /webhooks/ping, ${DURATION} s (-t$MAX_THREADS -c$CONNS)"
next_ts; run_wrk ping webhook-post.lua $MAX_THREADS "$CONNS" "$DURATION" ping 0 1 "$TS" $MAX_THREADS
P_RPS=$W_RPS; P_P50=$W_P50; P_P90=$W_P90; P_P99=$W_P99; P_P999=$W_P999; P_MAX=$W_MAX; P_ERR=$W_ERR
P_CPU=$W_CPU
log "  ping: $P_RPS req/s, p50 $P_P50 ms, p99 $P_P99 ms ($P_ERR); $P_CPU"

log "max throughput: POST /webhooks/kravia/$TENANT, ${DURATION} s (-t$MAX_THREADS -c$CONNS)"
if [ "$PROFILE" = 1 ]; then jcmd "$APP_PID" JFR.start name=webhook settings=profile filename="$RUN/profile.jfr" > /dev/null; fi
# (with --profile: a second recording, profile-paced.jfr, covers the paced phase)
JSTACK_PID=
if [ "$JSTACK" = 1 ]; then
    ( sleep $(( DURATION / 2 )); for i in 1 2 3; do jstack "$APP_PID" > "$RUN/jstack-$i.txt" 2>&1 || true; sleep 2; done ) &
    JSTACK_PID=$!
fi
P0=$(prom); D0=$(details_calls)
next_ts; run_wrk webhook webhook-post.lua $MAX_THREADS "$CONNS" "$DURATION" $TENANT $LOAD_FIRST "$LOAD_CLAIMS" "$TS" $MAX_THREADS
P1=$(prom); D1=$(details_calls)
if [ "$PROFILE" = 1 ]; then jcmd "$APP_PID" JFR.stop name=webhook > /dev/null || true; fi
[ -z "$JSTACK_PID" ] || wait "$JSTACK_PID" 2>/dev/null || true
H_RPS=$W_RPS; H_P50=$W_P50; H_P90=$W_P90; H_P99=$W_P99; H_P999=$W_P999; H_MAX=$W_MAX; H_ERR=$W_ERR; H_REQ=$W_REQ; H_ACC=$W_ACC
H_ACC_RATE=$(calc "printf \"%.0f\", $W_ACC / $W_DUR_S")
H_APP_ACC=$(( $(prom_sum indriva_webhooks_total 'outcome="accepted"' "$P1") - $(prom_sum indriva_webhooks_total 'outcome="accepted"' "$P0") ))
H_PROCESSED=$(( D1 - D0 ))
H_CPU=$W_CPU
H_BACKLOG=$(backlog_now)
RATIO_RPS=$(calc "printf \"%.2f\", $H_RPS / $P_RPS")
RATIO_P50=$(calc "printf \"%.1f\", ($P_P50 > 0 ? $H_P50 / $P_P50 : 0)")
RATIO_P99=$(calc "printf \"%.1f\", ($P_P99 > 0 ? $H_P99 / $P_P99 : 0)")
log "  webhook: $H_RPS req/s ($H_ACC_RATE accepted events/s; $H_ACC of $H_REQ answered accepted, the app counted $H_APP_ACC), p50 $H_P50 ms, p99 $H_P99 ms ($H_ERR); $H_CPU"
log "  processed meanwhile: $H_PROCESSED details reads; backlog at the end: $H_BACKLOG events"
log "  webhook / ping: throughput x$RATIO_RPS, p50 x$RATIO_P50, p99 x$RATIO_P99"
drain max 900
log "  drained in $D_S s ($D_EVENTS events, $D_RATE/s with no load)"
DRAIN_MAX_S=$D_S; DRAIN_MAX_RATE=$D_RATE
sleep 2

# ---------------------------------------------------------------- paced
log "paced: $RATE events/s for ${DURATION} s (-t$MAX_THREADS -c$PACED_CONNS)"
D0=$(details_calls)
if [ "$PROFILE" = 1 ]; then jcmd "$APP_PID" JFR.start name=paced settings=profile filename="$RUN/profile-paced.jfr" > /dev/null; fi
next_ts; run_wrk paced webhook-paced.lua $MAX_THREADS $PACED_CONNS "$DURATION" $TENANT $LOAD_FIRST "$LOAD_CLAIMS" "$TS" $MAX_THREADS "$RATE"
D1=$(details_calls)
if [ "$PROFILE" = 1 ]; then jcmd "$APP_PID" JFR.stop name=paced > /dev/null || true; fi
R_RPS=$W_RPS; R_P50=$W_P50; R_P90=$W_P90; R_P99=$W_P99; R_P999=$W_P999; R_MAX=$W_MAX; R_ERR=$W_ERR; R_REQ=$W_REQ; R_ACC=$W_ACC
R_PROCESSED=$(( D1 - D0 )); R_BACKLOG=$(backlog_now)
R_CPU=$W_CPU
log "  paced: $R_RPS req/s ($R_ACC of $R_REQ accepted), p50 $R_P50 ms, p90 $R_P90 ms, p99 $R_P99 ms, p99.9 $R_P999 ms, max $R_MAX ms ($R_ERR); processed meanwhile $R_PROCESSED, backlog at the end $R_BACKLOG; $R_CPU"
drain paced 900
sleep 2

# ---------------------------------------------------------------- kill test
KILL_DIR="$RUN/kill-accepted"; mkdir -p "$KILL_DIR"
log "kill test: events for claims $KILL_FIRST..$KILL_LAST (one each), $KILL_THREADS connections; kill -9 after $KILL_AFTER s"
WRK_ERR_FILE="$RUN/wrk-kill.txt"
next_ts
wrk -t$KILL_THREADS -c$KILL_THREADS -d120s --timeout 10s -s "$BENCH/webhook-kill.lua" "$APP_URL" -- \
    $TENANT $KILL_FIRST "$KILL_CLAIMS" "$TS" $KILL_THREADS "$KILL_DIR" > "$WRK_ERR_FILE" 2>&1 &
WRK_PID=$!
sleep "$KILL_AFTER"
KILLED_PID=$APP_PID
kill -9 "$APP_PID"
wait "$APP_PID" 2> /dev/null || true   # reap it here, quietly (else bash reports "Killed" on stderr)
T_KILL=$(now_ms)
ACC_AT_KILL=$(cat "$KILL_DIR"/accepted-*.txt 2>/dev/null | wc -l)
sleep 1
kill -INT "$WRK_PID" 2>/dev/null || true
for _ in $(seq 1 40); do kill -0 "$WRK_PID" 2>/dev/null || break; sleep 0.25; done
stop_pid "$WRK_PID" 2; wait "$WRK_PID" 2>/dev/null || true; WRK_PID=
K=$(grep '^WRKSTATS' "$WRK_ERR_FILE" || echo WRKSTATS)
sort -n "$KILL_DIR"/accepted-*.txt | uniq > "$RUN/kill-accepted.txt"
K_ACC=$(wc -l < "$RUN/kill-accepted.txt")
K_DUP_LINES=$(( $(cat "$KILL_DIR"/accepted-*.txt | wc -l) - K_ACC ))
K_RATE=$(calc "printf \"%.0f\", $ACC_AT_KILL / $KILL_AFTER")
EXHAUSTED=$([ "$(kv distinct_events_sent "$K")" = "$KILL_CLAIMS" ] && echo " (WARNING: all $KILL_CLAIMS kill-test claims were sent before the kill: raise --kill-claims)" || true)
log "  killed the app (pid $KILLED_PID) with $ACC_AT_KILL events answered accepted (about $K_RATE/s); wrk: $(kv distinct_events_sent "$K") distinct events sent, $(kv resent_after_no_answer "$K") attempts without an answer (mostly wrk reconnecting to the dead app)$EXHAUSTED"
log "restarting the app on the same data dir"
start_app
log "  app up after ${APP_UP_S} s (pid $APP_PID); waiting for the queue to drain (no new details read for 10 s)"
T_R=$(now_ms); LAST_C=$(details_calls); LAST_CHANGE=$T_R
while :; do
    sleep 1
    C=$(details_calls)
    [ "$C" != "$LAST_C" ] && { LAST_C=$C; LAST_CHANGE=$(now_ms); }
    [ $(( $(now_ms) - LAST_CHANGE )) -ge 10000 ] && break
    [ $(( $(now_ms) - T_R )) -lt 900000 ] || { log "  still reading after 900 s; comparing now"; break; }
done
RESTART_DRAIN_S=$(calc "printf \"%.1f\", ($LAST_CHANGE - $T_R) / 1000")
curl -sf "http://127.0.0.1:$KRAVIA_PORT/__webhook/read?from=$KILL_FIRST&to=$KILL_LAST" > "$RUN/kill-read.txt"
cut -d' ' -f1 "$RUN/kill-read.txt" | sort -n > "$RUN/kill-read-ids.txt"
K_READ=$(wc -l < "$RUN/kill-read-ids.txt")
comm -23 <(sort "$RUN/kill-accepted.txt") <(sort "$RUN/kill-read-ids.txt") | sort -n > "$RUN/kill-lost.txt"
K_LOST=$(wc -l < "$RUN/kill-lost.txt")
K_EXTRA=$(comm -13 <(sort "$RUN/kill-accepted.txt") <(sort "$RUN/kill-read-ids.txt") | wc -l)
K_TWICE=$(awk '$2 > 1' "$RUN/kill-read.txt" | wc -l)
APP_REDELIVERY=$(grep -c -i -E 'redeliver|rollback' "$RUN/app-$APP_RUNS.log" || true)
log "  accepted $K_ACC, processed (details read) $K_READ, LOST $K_LOST; read but not acknowledged (answer cut by the kill) $K_EXTRA; read more than once $K_TWICE; restart drain ${RESTART_DRAIN_S} s"

# ---------------------------------------------------------------- collect and report
prom > "$RUN/prometheus.txt"
JOURNAL=$(grep -h -o -E 'AMQ22101[0-9][^"]*Journal[^,]*' "$RUN"/app-1.log | head -1 || true)
[ -n "$JOURNAL" ] || JOURNAL=$(grep -h -o -E 'Using (AIO|NIO|MAPPED)[^ ]* Journal' "$RUN"/app-1.log | head -1 || true)
WARNS=$(cat "$RUN"/app-*.log | grep -c -E ' (WARN|ERROR) ' || true)
# every event the benchmark sends is distinct: a duplicate here means the broker dropped one (a bug in the benchmark)
DUPS=$(cat "$RUN"/app-*.log | grep -A1 'AMQ222059' | grep -c 'address=indriva.agency.events' || true)
stop_pid "$APP_PID" 30; APP_PID=
stop_pid "$FAKE_PID" 5; FAKE_PID=

CPU_MODEL=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
JAVA_VERSION=$(java -version 2>&1 | head -1)
FS=$(df -T "$DATA" | awk 'NR == 2 { print $2 " on " $1 }')
V_MAX=$(calc "print ($H_ACC_RATE >= 2000 ? \"PASS\" : \"FAIL\")")
V_P99=$(calc "print (($R_P99 < 50 && $R_RPS >= 0.95 * $RATE) ? \"PASS\" : \"FAIL\")")
V_LOST=$([ "$K_LOST" = 0 ] && [ "$K_ACC" -gt 0 ] && echo PASS || echo FAIL)
VERDICT="throughput $V_MAX, p99@$RATE $V_P99, no loss $V_LOST"

{
echo
echo "=== Indriva webhook-ingest benchmark ($STAMP) ==="
echo "machine       : $(nproc) cores, $CPU_MODEL, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $JAVA_VERSION; data dir on $FS, synced 4 KiB write $DSYNC_MS ms"
echo "app           : $JAR_ORIGIN, git $GIT_REV (+$GIT_DIRTY changed files outside bench/); -Xmx$APP_XMX${APP_JAVA_OPTS:+ $APP_JAVA_OPTS}${APP_ARGS:+; $APP_ARGS}; Artemis: ${JOURNAL:-journal type not logged}"
echo "setup         : $TOTAL_CLAIMS claims registered in $SETUP_S s ($LOAD_CLAIMS for the load phases, $KILL_CLAIMS for the kill test); idle check before start ${IDLE_BUSY} % busy"
echo "warm-up       : 10 s ping + ${WARMUP} s webhook ($WARM_ACC events accepted); backlog drained in ${DRAIN_WARM_S} s at ${DRAIN_WARM_RATE} events/s"
echo "max, ping     : $P_RPS req/s, p50 $P_P50 ms, p90 $P_P90 ms, p99 $P_P99 ms, max $P_MAX ms ($P_ERR); CPU $P_CPU"
echo "max, webhook  : $H_RPS req/s = $H_ACC_RATE accepted events/s ($H_ACC of $H_REQ answered accepted; the app counted $H_APP_ACC), p50 $H_P50 ms, p90 $H_P90 ms, p99 $H_P99 ms, max $H_MAX ms ($H_ERR); CPU $H_CPU"
echo "ratio         : webhook / ping throughput $RATIO_RPS; latency p50 x$RATIO_P50, p99 x$RATIO_P99  (-t$MAX_THREADS -c$CONNS, ${DURATION} s each)"
echo "processing    : $H_PROCESSED events processed during the webhook max phase (backlog $H_BACKLOG at its end, drained in ${DRAIN_MAX_S} s at ${DRAIN_MAX_RATE}/s with no load)"
echo "paced         : target $RATE/s -> $R_RPS req/s ($R_ACC of $R_REQ accepted), p50 $R_P50 ms, p90 $R_P90 ms, p99 $R_P99 ms, p99.9 $R_P999 ms, max $R_MAX ms ($R_ERR); processed meanwhile $R_PROCESSED, backlog at the end $R_BACKLOG; CPU $R_CPU"
echo "kill -9       : after $KILL_AFTER s of load ($KILL_THREADS connections, ~$K_RATE accepted/s): accepted $K_ACC, processed after restart $K_READ, LOST $K_LOST; processed without an acknowledgement $K_EXTRA; processed twice $K_TWICE; restart ${APP_UP_S} s + drain ${RESTART_DRAIN_S} s$EXHAUSTED"
echo "app log       : $WARNS WARN/ERROR lines over both runs; webhook events dropped by the broker as duplicates: $DUPS (must be 0)"
[ -z "$OTHERS_SEEN" ] || echo "WARNING       : other processes took >= 15 % of a core during:$(printf '%s\n' $OTHERS_SEEN | sort -u | tr '\n' ' ')- those figures are skewed"
echo "verdict       : $VERDICT (targets: >= 2000 accepted events/s; p99 < 50 ms at $RATE/s; 0 lost)"
echo "files         : $RUN"
} | tee "$RUN/summary.txt"

NOTES=
[ -z "$APP_ARGS" ] || NOTES="experiment: $APP_ARGS"
[ -z "${APP_JAVA_OPTS:-}" ] || NOTES="${NOTES:+$NOTES, }JVM options $APP_JAVA_OPTS"
[ "$PROFILE" = 0 ] || NOTES="${NOTES:+$NOTES, }with JFR profiling"
[ "$JSTACK" = 0 ] || NOTES="${NOTES:+$NOTES, }with jstack"
[ -z "$EXHAUSTED" ] || NOTES="${NOTES:+$NOTES, }kill-test claims ran out before the kill"
RESULTS="$BENCH/webhook-results.md"
if [ ! -f "$RESULTS" ]; then
    cat > "$RESULTS" <<'EOF'
# Webhook-ingest benchmark results (appended by bench/webhook-run.sh; see bench/WEBHOOKS.md)

| date | machine (busy before start) | webhook req/s (accepted/s) | webhook p50 / p99 ms | ping req/s | ping p50 / p99 ms | ratio | paced rate: req/s, p50 / p99 ms | processing /s (no load) | kill: accepted / processed / lost | verdict |
|---|---|---|---|---|---|---|---|---|---|---|
EOF
fi
echo "| $(date '+%Y-%m-%d %H:%M') | $(nproc) cores $CPU_MODEL, ${JAVA_VERSION#openjdk version } (${IDLE_BUSY} %) | $H_RPS ($H_ACC_RATE) | $H_P50 / $H_P99 | $P_RPS | $P_P50 / $P_P99 | $RATIO_RPS | $RATE: $R_RPS, $R_P50 / $R_P99 | $DRAIN_MAX_RATE | $K_ACC / $K_READ / $K_LOST | $VERDICT${NOTES:+; $NOTES}${OTHERS_SEEN:+ (other work during:$(printf '%s\n' $OTHERS_SEEN | sort -u | tr '\n' ' '))} |" >> "$RESULTS"

if [ "$PROFILE" = 1 ] && [ -f "$RUN/profile.jfr" ]; then
    jfr print --stack-depth 64 --events jdk.ExecutionSample "$RUN/profile.jfr" > "$RUN/profile-samples.txt" 2>/dev/null || true
    {
    echo "--- JFR CPU samples during the webhook max phase, by thread (numbers folded) ---"
    awk '/sampledThread = / { s = $0; sub(/.*sampledThread = "/, "", s); sub(/".*/, "", s); gsub(/[0-9]+/, "N", s); print s }' \
        "$RUN/profile-samples.txt" | sort | uniq -c | sort -rn | head -12
    echo "--- by package of the top frame ---"
    awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); n = split($1, p, "."); pkg = p[1]
                             for (i = 2; i <= 3 && i < n; i++) pkg = pkg "." p[i]; print pkg }' \
        "$RUN/profile-samples.txt" | sort | uniq -c | sort -rn | head -15
    echo "--- request threads (http-nio): share of samples whose stack contains ... ---"
    awk '/sampledThread = / { t = ($0 ~ /http-nio/) }
         /stackTrace = \[/ { inside = 1; s = ""; next }
         inside && /^[ \t]*\]/ { inside = 0; if (t) { n++
             if (s ~ /AgencyWebhookController\.caseUpdate/) wh++
             if (s ~ /TenantRepository\.find|TenantRepository\.secrets/) ten++
             if (s ~ /SecretCipher/) ciph++
             if (s ~ /ClaimRepository\.byAgencyClaim/) cl++
             if (s ~ /ProducerTemplate|DefaultProducerTemplate/) cam++
             if (s ~ /JmsTemplate|activemq/) jms++
             if (s ~ /org\.h2\./) h2++ } next }
         inside { s = s " " $0 }
         END { if (n) { printf "  samples %d: webhook handler %d%%, tenant lookup %d%%, secrets decrypt %d%%, claim lookup %d%%, camel send %d%%, JMS/Artemis %d%%, H2 %d%%\n",
               n, 100*wh/n, 100*ten/n, 100*ciph/n, 100*cl/n, 100*cam/n, 100*jms/n, 100*h2/n } }' "$RUN/profile-samples.txt"
    echo "--- threads blocked on a monitor for 10 ms or more (JFR jdk.JavaMonitorEnter), by monitor class and frame ---"
    jfr print --events jdk.JavaMonitorEnter "$RUN/profile.jfr" 2>/dev/null | awk '
        /duration =/ { d = $3; if ($4 == "s") d *= 1000; else if ($4 == "us") d /= 1000 }
        /monitorClass =/ { c = $3 }
        /stackTrace = \[/ { getline; f = $1; sub(/\(.*/, "", f); k = c " " f; t[k] += d; n[k]++ }
        END { for (k in t) printf "  %8.0f ms in %5d waits  %s\n", t[k], n[k], k }' | sort -rn | head -6
    for rec in profile.jfr profile-paced.jfr; do
        [ -f "$RUN/$rec" ] || continue
        echo "--- journal fsyncs of 10 ms or more (JFR jdk.FileForce) in $rec ---"
        jfr print --events jdk.FileForce "$RUN/$rec" 2>/dev/null | awk '/duration =/ { d = $3; if ($4 == "s") d *= 1000; print d }' | sort -n \
            | awk '{ a[NR] = $1; s += $1 } END { if (NR) printf "  %d, median %.1f ms, max %.1f ms, %.0f ms in all\n", NR, a[int((NR + 1) / 2)], a[NR], s; else print "  none" }'
    done
    } | tee "$RUN/profile-summary.txt"
fi
if [ "$JSTACK" = 1 ] && ls "$RUN"/jstack-*.txt > /dev/null 2>&1; then
    {
    echo "--- jstack (3 dumps in the webhook max phase): what the request threads (http-nio-$APP_PORT-exec) were doing ---"
    for f in "$RUN"/jstack-*.txt; do
        echo "$(basename "$f"):"
        awk -v port="$APP_PORT" '
            index($0, "\"http-nio-" port "-exec") == 1 { inreq = 1; state = ""; what = ""; next }
            /^"/ { inreq = 0 }
            inreq && /Thread.State/ { state = $2 }
            inreq && what == "" && /TaskQueue.poll|TaskQueue.take/ { what = "idle (no request)" }
            inreq && what == "" && /ActiveMQSession.close|sessionClose/ { what = "closing a JMS session" }
            inreq && what == "" && /createSession/ { what = "creating a JMS session" }
            inreq && what == "" && /queueQuery|lookupQueue/ { what = "looking the queue up (new producer)" }
            inreq && what == "" && /sendFullMessage|ClientProducerImpl/ { what = "durable send: waiting for the broker (journal sync)" }
            inreq && /^$/ { if (what == "") what = "other (app, Tomcat, Camel code)"; print state " | " what; inreq = 0 }' "$f" \
            | sort | uniq -c | sort -rn | sed 's/^/  /'
    done
    } | tee "$RUN/jstack-summary.txt"
fi
