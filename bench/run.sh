#!/usr/bin/env bash
# Indriva end-to-end benchmark: fake Procountor + Kravia (bench/src/FakeUpstreams.java), the real
# app jar with a fresh data directory (H2 file + persistent Artemis journal), one tenant, COUNT
# eligible overdue invoices. Prints throughput, Procountor request rate, duplicates and heap.
#
#   bench/run.sh [COUNT] [--rate-limited [--rps N]] [--consumers N] [--rebuild] [--profile] [--jstack] [--timeout S]
#
#   COUNT           invoices served by the fake (default 2000)
#   --rate-limited  run the app with Procountor's 20 requests/s (else 100000: lifted)
#   --rps N         with --rate-limited: configure the app with N requests/s instead (the check stays 20)
#   --consumers N   indriva.register.consumers (default 8)
#   --rebuild       build the jar from the current sources (else target/indriva.jar, built if missing)
#   --profile       record a JFR CPU profile of the load window and print the hottest frames
#   --jstack        take 3 thread dumps at ~50 % progress and summarize what the consumers do
#   --timeout S     give up after S seconds of load (default depends on COUNT and mode)
#
# Environment: APP_XMX (default 512m), APP_JAVA_OPTS (extra JVM options for the app),
#   APP_ARGS (extra --property=value arguments for the app, for experiments; {DATA} = the data dir),
#   BENCH_NICE (e.g. -5: the app and the fake get the CPU before other work on the machine),
#   FAKE_NICE (default -10), FAKE_THREADS (default 4), FAKE_LATENCY_MS (default 0),
#   KEEP_DATA=1 (keep the data dir),
#   IDLE_WAIT (seconds to wait for an idle machine before starting, default 300),
#   INDRIVA_JAR (a jar to measure instead; its routes come from a routes/ beside it, else the work
#   tree's), BENCH_SAVE_APP=DIR (keep the measured jar + routes in DIR, to rerun them via INDRIVA_JAR).
# Ports: app 19080, management 19081, fake Procountor 19090, fake Kravia 19091.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"

COUNT=2000
MODE=lifted
CONSUMERS=8
PROFILE=0
JSTACK=0
REBUILD=0
RPS_SET=
PROCOUNTOR_LIMIT=20  # what Procountor allows per API client in any sliding second
TIMEOUT=
while [ $# -gt 0 ]; do
    case "$1" in
        --rate-limited) MODE=rate-limited ;;
        --consumers) CONSUMERS="$2"; shift ;;
        --profile) PROFILE=1 ;;
        --jstack) JSTACK=1 ;;
        --rebuild) REBUILD=1 ;;
        --rps) RPS_SET="$2"; shift ;;
        --timeout) TIMEOUT="$2"; shift ;;
        -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
        [0-9]*) COUNT="$1" ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
if [ "$MODE" = rate-limited ]; then
    RPS=${RPS_SET:-$PROCOUNTOR_LIMIT}
    # 5 Procountor requests per invoice at 20/s, plus 30 %, plus start-up
    : "${TIMEOUT:=$(( 120 + COUNT * 5 * 13 / 200 ))}"
else
    RPS=100000
    : "${TIMEOUT:=$(( 300 + COUNT / 20 ))}"
fi
APP_XMX="${APP_XMX:-512m}"
FAKE_THREADS="${FAKE_THREADS:-4}"
FAKE_LATENCY_MS="${FAKE_LATENCY_MS:-0}"
APP_PORT=19080
MGMT_PORT=19081
PROCOUNTOR_PORT=19090
KRAVIA_PORT=19091
TOKEN="bench-admin-token-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SECRETS_KEY="$(head -c 32 /dev/urandom | base64)"
TICK=$(getconf CLK_TCK)
# BENCH_NICE=-5 (root) lets the app and the fake win the CPU from other work on the machine (a build,
# tests); it changes nothing on an idle machine
NICE=; [ -n "${BENCH_NICE:-}" ] && NICE="nice -n $BENCH_NICE"

STAMP="$(date +%Y%m%d-%H%M%S)"
RUN="$BENCH/runs/$STAMP-$COUNT-$MODE"
mkdir -p "$RUN"
DATA="$(mktemp -d /tmp/indriva-bench.XXXXXX)"
APP_PID=
FAKE_PID=

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
now_ms() { date +%s%3N; }

cleanup() {
    set +e
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID"
        for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$APP_PID" 2>/dev/null && kill -9 "$APP_PID"
    fi
    if [ -n "$FAKE_PID" ] && kill -0 "$FAKE_PID" 2>/dev/null; then
        kill "$FAKE_PID"
        for _ in $(seq 1 20); do kill -0 "$FAKE_PID" 2>/dev/null || break; sleep 0.25; done
        kill -0 "$FAKE_PID" 2>/dev/null && kill -9 "$FAKE_PID"
    fi
    if [ "${KEEP_DATA:-0}" = 1 ]; then
        echo "data directory kept: $DATA"
    else
        rm -rf "$DATA"
    fi
}
trap cleanup EXIT
trap 'echo "$(date +%H:%M:%S) interrupted by a signal: stopping the app and the fake" >&2; exit 130' INT TERM

# one benchmark at a time on this machine: runs that share the 2 cores measure each other
# (a benchmark script of this project may take the same lock: flock /tmp/indriva-bench.lock)
exec 9> /tmp/indriva-bench.lock
if ! flock -n 9; then
    log "another benchmark holds /tmp/indriva-bench.lock; waiting for it (up to ${IDLE_WAIT:-300} s)"
    flock -w "${IDLE_WAIT:-300}" 9 || log "WARNING: still locked; running anyway"
fi

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in $APP_PORT $MGMT_PORT $PROCOUNTOR_PORT $KRAVIA_PORT; do
    if port_busy "$p"; then echo "port $p is in use: stop whatever listens there first" >&2; exit 1; fi
done

cpu_ticks() { # utime+stime of a process, in clock ticks
    awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}
thread_ticks() { # thread_ticks PID REGEX: utime+stime of the threads whose name matches REGEX
    local t name sum=0
    for t in /proc/"$1"/task/*; do
        name=$(cat "$t/comm" 2>/dev/null) || continue
        [[ $name =~ $2 ]] || continue
        sum=$(( sum + $(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{ print $12 + $13 }') ))
    done
    echo "$sum"
}
JIT_THREADS='^C[12] CompilerThre'
GC_THREADS='^(GC Thread|G1 |VM Thread)'
machine_ticks() { # busy and total ticks of the whole machine
    awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; total = busy + $5 + $6; print busy, total }' /proc/stat
}
fake_stats() { curl -sf "http://127.0.0.1:$PROCOUNTOR_PORT/__stats" || true; }
stat_of() { # stat_of KEY "$stats"
    printf '%s\n' "$2" | awk -F= -v k="$1" '$1 == k { print $2; exit }'
}
claims_total() { # claims_total STATUS
    curl -sf -H "Authorization: Bearer $TOKEN" \
        "http://127.0.0.1:$APP_PORT/api/v1/tenants/bench/claims?status=$1&size=1" \
        | sed -n 's/.*"total":\([0-9]*\).*/\1/p' || true
}

# ---------------------------------------------------------------- build
# The app runs from a private snapshot ($DATA/app: the jar and routes/), so that edits and builds in
# the work tree during the run cannot change what is measured. With --rebuild (or without a jar),
# the jar is built from a snapshot of the current sources, outside the work tree's target/.
SNAP="$DATA/app"
mkdir -p "$SNAP"
if [ -n "${INDRIVA_JAR:-}" ]; then
    cp "$INDRIVA_JAR" "$SNAP/indriva.jar"
    ROUTES_FROM="$(dirname "$INDRIVA_JAR")/routes"
    [ -d "$ROUTES_FROM" ] || ROUTES_FROM="$ROOT/routes"
    cp -r "$ROUTES_FROM" "$SNAP/routes"
    JAR_ORIGIN="$INDRIVA_JAR (routes from $ROUTES_FROM)"
    [ -f "$(dirname "$INDRIVA_JAR")/BUILD-INFO" ] && JAR_ORIGIN="$JAR_ORIGIN, $(cat "$(dirname "$INDRIVA_JAR")/BUILD-INFO")"
elif [ "$REBUILD" = 1 ] || [ ! -f "$ROOT/target/indriva.jar" ]; then
    log "building the jar from a snapshot of the sources (./mvnw -q -DskipTests package)"
    SRC="$DATA/src"
    mkdir -p "$SRC"
    tar -C "$ROOT" --exclude=./target --exclude=./bench --exclude=./data --exclude=./.git -cf - . | tar -C "$SRC" -xf -
    (cd "$SRC" && ./mvnw -q -DskipTests package > "$RUN/build.log" 2>&1) || { tail -30 "$RUN/build.log"; echo "the build failed (see $RUN/build.log)" >&2; exit 1; }
    cp "$SRC/target/indriva.jar" "$SNAP/indriva.jar"
    cp -r "$SRC/routes" "$SNAP/routes"
    rm -rf "$SRC"
    JAR_ORIGIN="built from the sources at $(date '+%Y-%m-%d %H:%M') ($(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null) + $(cd "$ROOT" && git status --porcelain 2>/dev/null | grep -vc '^?? bench/' || true) changed files)"
else
    cp "$ROOT/target/indriva.jar" "$SNAP/indriva.jar"
    cp -r "$ROOT/routes" "$SNAP/routes"
    JAR_ORIGIN="target/indriva.jar of $(date -r "$ROOT/target/indriva.jar" '+%Y-%m-%d %H:%M')"
    NEWER=$(find "$ROOT/src/main" "$ROOT/routes" "$ROOT/pom.xml" -newer "$ROOT/target/indriva.jar" -type f 2>/dev/null | head -3)
    if [ -n "$NEWER" ]; then
        log "WARNING: sources changed after target/indriva.jar was built (e.g. ${NEWER//$'\n'/, }); rerun with --rebuild to measure them"
    fi
fi
APP_JAR="$SNAP/indriva.jar"
if [ -n "${BENCH_SAVE_APP:-}" ]; then
    mkdir -p "$BENCH_SAVE_APP" && rm -rf "$BENCH_SAVE_APP/routes" && cp -r "$SNAP/indriva.jar" "$SNAP/routes" "$BENCH_SAVE_APP/"
    echo "$JAR_ORIGIN" > "$BENCH_SAVE_APP/BUILD-INFO"
fi

GIT_REV="$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
GIT_DIRTY="$(cd "$ROOT" && git status --porcelain 2>/dev/null | grep -vc '^?? bench/' || true)"

# is the machine idle? Other load (a build, tests) skews every figure below
# (waits up to IDLE_WAIT seconds, default 300, for 3 s under 20 % busy)
IDLE_DEADLINE=$(( $(date +%s) + ${IDLE_WAIT:-300} )); IDLE_WARNED=0
while :; do
    read -r B0 T0_ < <(machine_ticks); sleep 3; read -r B1 T1_ < <(machine_ticks)
    IDLE_BUSY=$(( 100 * (B1 - B0) / (T1_ - T0_ > 0 ? T1_ - T0_ : 1) ))
    [ "$IDLE_BUSY" -le 20 ] || [ "$(date +%s)" -ge "$IDLE_DEADLINE" ] && break
    [ "$IDLE_WARNED" = 1 ] || log "the machine is ${IDLE_BUSY} % busy; waiting up to ${IDLE_WAIT:-300} s for it to be idle"
    IDLE_WARNED=1
done
if [ "$IDLE_BUSY" -gt 20 ]; then
    log "WARNING: the machine is already ${IDLE_BUSY} % busy before the benchmark starts:"
    ps -eo pcpu,args --sort=-pcpu | head -4 | cut -c1-150
fi

# ---------------------------------------------------------------- fake upstreams
log "run directory: $RUN"
log "starting fake upstreams ($COUNT invoices, $FAKE_THREADS threads, latency ${FAKE_LATENCY_MS} ms)"
# The fake stands in for servers that do not share our CPU: it gets the CPU first (FAKE_NICE, default
# -10 as root), so that it answers and timestamps requests when they arrive, not when it is scheduled.
nice -n "${FAKE_NICE:--10}" java -Xmx256m -XX:+UseSerialGC -Xlog:gc:file="$RUN/fake-gc.log":time,uptime -XX:TieredStopAtLevel=1 "$BENCH/src/FakeUpstreams.java" "$COUNT" \
    --procountor-port $PROCOUNTOR_PORT --kravia-port $KRAVIA_PORT \
    --threads "$FAKE_THREADS" --latency-ms "$FAKE_LATENCY_MS" > "$RUN/fake.log" 2>&1 &
FAKE_PID=$!
for _ in $(seq 1 60); do
    [ -n "$(fake_stats)" ] && break
    kill -0 "$FAKE_PID" 2>/dev/null || { cat "$RUN/fake.log"; echo "the fake upstreams did not start" >&2; exit 1; }
    sleep 0.5
done

# ---------------------------------------------------------------- app
log "starting the app (-Xmx$APP_XMX, requests-per-second=$RPS, consumers=$CONSUMERS, data $DATA)"
APP_ARGS="${APP_ARGS:-}"; APP_ARGS_LABEL="$APP_ARGS"; APP_ARGS="${APP_ARGS//\{DATA\}/$DATA}"
# shellcheck disable=SC2086
(cd "$SNAP" && exec $NICE java -Xmx"$APP_XMX" -Xlog:gc:file="$RUN/gc.log":time,uptime,level,tags -Xlog:safepoint:file="$RUN/safepoint.log":time,uptime ${APP_JAVA_OPTS:-} -jar "$APP_JAR" \
    --indriva.data-dir="$DATA" \
    --indriva.admin.token="$TOKEN" --indriva.security.allow-insecure-urls=true \
    --indriva.secrets.key="$SECRETS_KEY" \
    --server.port=$APP_PORT \
    --management.server.port=$MGMT_PORT \
    --indriva.poll.tick=PT1S \
    --indriva.procountor.requests-per-second=$RPS \
    --indriva.register.consumers="$CONSUMERS" \
    ${APP_ARGS:-} \
    > "$RUN/app.log" 2>&1) &
APP_PID=$!
START_WAIT=$(now_ms)
until curl -sf "http://127.0.0.1:$MGMT_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 "$APP_PID" 2>/dev/null || { tail -50 "$RUN/app.log"; echo "the app exited during start-up (see $RUN/app.log)" >&2; exit 1; }
    if [ $(( $(now_ms) - START_WAIT )) -gt 180000 ]; then echo "the app did not become healthy in 180 s" >&2; exit 1; fi
    sleep 1
done
log "app up after $(( ($(now_ms) - START_WAIT) / 1000 )) s (pid $APP_PID)"

# claim-recovery's first run comes 5 s after start-up and re-sends every PENDING claim: let it pass
# on the empty database, or it re-sends the first page of the benchmark's claims (duplicates the
# broker drops, but durable sends and WARN lines all the same)
sleep 6
# baseline live set: a full GC before the load (outside the timed window)
jcmd "$APP_PID" GC.run > /dev/null
sleep 1
GC_LINES_BEFORE=$(wc -l < "$RUN/gc.log")

if [ "$PROFILE" = 1 ]; then
    jcmd "$APP_PID" JFR.start name=bench settings=profile filename="$RUN/profile.jfr" > /dev/null
fi

# GC log: "... GC(12) Pause Young (Normal) (G1 Evacuation Pause) 120M->45M(256M) 3.456ms"
gc_scan() { # gc_scan FROM_LINE TO_LINE -> "events max_before max_after max_committed pause_ms_total last_full_after"
    awk -v from="$1" -v to="$2" '
        function mb(v,  u, n) { u = substr(v, length(v)); n = substr(v, 1, length(v) - 1) + 0
            return u == "G" ? n * 1024 : u == "K" ? n / 1024 : u == "B" ? n / 1048576 : n }
        NR > from && NR <= to && match($0, /[0-9]+[BKMG]->[0-9]+[BKMG]\([0-9]+[BKMG]\)/) {
            s = substr($0, RSTART, RLENGTH); split(s, p, /->|\(|\)/)
            b = mb(p[1]); a = mb(p[2]); c = mb(p[3])
            if ($0 ~ /Pause Full/) full = a
            if ($0 ~ /Diagnostic Command/) next   # the benchmark'"'"'s own full GCs: not part of the load
            ev++
            if (b > maxb) maxb = b; if (a > maxa) maxa = a; if (c > maxc) maxc = c
            if (match($0, /[0-9.]+ms$/)) pause += substr($0, RSTART, RLENGTH - 2)
        }
        END { printf "%d %.0f %.0f %.0f %.0f %.0f\n", ev, maxb, maxa, maxc, pause, full }' "$RUN/gc.log"
}

# ---------------------------------------------------------------- load
JIT_CPU0=$(thread_ticks "$APP_PID" "$JIT_THREADS"); GC_CPU0=$(thread_ticks "$APP_PID" "$GC_THREADS")
APP_CPU0=$(cpu_ticks "$APP_PID"); FAKE_CPU0=$(cpu_ticks "$FAKE_PID"); read -r M_BUSY0 M_TOTAL0 < <(machine_ticks)
APP_LOG_LINES0=$(wc -l < "$RUN/app.log")
T0=$(now_ms)
code=$(curl -s -o "$RUN/tenant.json" -w '%{http_code}' -X PUT "http://127.0.0.1:$APP_PORT/api/v1/tenants/bench" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Bench\",\"enabled\":true,
         \"accounting\":{\"system\":\"procountor\",\"baseUrl\":\"http://127.0.0.1:$PROCOUNTOR_PORT\",\"clientId\":\"bench\",\"clientSecret\":\"s\",\"apiKey\":\"k\"},
         \"agency\":{\"system\":\"kravia\",\"baseUrl\":\"http://127.0.0.1:$KRAVIA_PORT\",\"token\":\"t\",\"creditorId\":1},
         \"policy\":{\"graceDays\":0,\"minimumAmount\":0,\"pollInterval\":\"PT1H\"}}")
if [ "$code" != 201 ] && [ "$code" != 200 ]; then cat "$RUN/tenant.json"; echo "tenant creation answered $code" >&2; exit 1; fi
log "tenant created; the poll starts on the next tick (1 s). Waiting for $COUNT registrations (timeout ${TIMEOUT} s)"

# Progress comes from the fake (a separate process) every second; the app's claims API is asked only
# every 5 s and at the end, because its COUNT over the claims costs the app CPU as the table grows.
REGISTERED=0; LAST_PRINT=$T0; LAST_AT_KRAVIA=0; MID_DONE=0; LIVE_MID=n/a; QUEUED_MID=n/a
while :; do
    sleep 1
    kill -0 "$APP_PID" 2>/dev/null || { echo "the app died (see $RUN/app.log)" >&2; break; }
    NOW=$(now_ms)
    STATS=$(fake_stats)
    AT_KRAVIA=$(stat_of register_distinct "$STATS"); AT_KRAVIA=${AT_KRAVIA:-0}
    NOTES=$(stat_of note_distinct "$STATS"); NOTES=${NOTES:-0}
    if [ -z "${APP_CPU_MID:-}" ] && [ "$AT_KRAVIA" -ge $(( COUNT / 2 )) ]; then
        # the app's CPU from here to the end is the warm second half's
        APP_CPU_MID=$(cpu_ticks "$APP_PID"); AT_KRAVIA_MID=$AT_KRAVIA
    fi
    # (not with --rate-limited: the pause of a full GC would bunch the app's next requests and
    # distort the rate seen by Procountor, which is what that mode measures)
    if [ "$MID_DONE" = 0 ] && [ "$AT_KRAVIA" -ge $(( COUNT / 2 )) ] && { [ "$MODE" = lifted ] || [ "$JSTACK" = 1 ]; }; then
        # half-way: the live set under load (one full GC, ~0.1-0.3 s pause), and thread dumps if asked
        if [ "$MODE" = lifted ]; then
            GC_LINES_MID0=$(wc -l < "$RUN/gc.log")
            jcmd "$APP_PID" GC.run > /dev/null 2>&1 || true
            sleep 0.5
            read -r _ _ _ _ _ LIVE_MID < <(gc_scan "$GC_LINES_MID0" 999999999)
        fi
        QUEUED_MID=$(( $(curl -sf "http://127.0.0.1:$MGMT_PORT/actuator/prometheus" 2>/dev/null \
            | awk '/^indriva_claims_total\{/ && /outcome="selected"/ { n += $NF } END { printf "%d", n }' || echo 0) - AT_KRAVIA ))
        log "half-way: live set after a full GC ${LIVE_MID} MB, about $QUEUED_MID tickets selected but not yet registered"
        if [ "$JSTACK" = 1 ]; then
            for i in 1 2 3; do jstack "$APP_PID" > "$RUN/jstack-$i.txt" 2>&1 || true; sleep 1; done
        fi
        MID_DONE=1
    fi
    ALL_DONE=0
    if [ "$AT_KRAVIA" -ge "$COUNT" ] && [ "$NOTES" -ge "$COUNT" ]; then
        REGISTERED=$(claims_total REGISTERED); REGISTERED=${REGISTERED:-0}
        [ "$REGISTERED" -ge "$COUNT" ] && ALL_DONE=1
    fi
    if [ $(( NOW - LAST_PRINT )) -ge 5000 ] || [ "$ALL_DONE" = 1 ]; then
        # during the load the app's counters, not the claims API: its sorted page over all
        # REGISTERED claims took ~3 % of the app's CPU samples when asked every 5 s
        PROM=$(curl -sf "http://127.0.0.1:$MGMT_PORT/actuator/prometheus" 2>/dev/null || true)
        SELECTED=$(printf '%s\n' "$PROM" | awk '/^indriva_claims_total\{/ && /outcome="selected"/ { n += $NF } END { printf "%d", n }')
        [ "$ALL_DONE" = 1 ] || REGISTERED=$(printf '%s\n' "$PROM" \
            | awk '/^indriva_claims_total\{/ && /outcome="(registered|adopted)"/ { n += $NF } END { printf "%d", n }')
        rate=$(awk -v a="$AT_KRAVIA" -v b="$LAST_AT_KRAVIA" -v t=$(( NOW - LAST_PRINT )) 'BEGIN { printf "%.0f", (a - b) * 1000 / t }')
        log "$(( (NOW - T0) / 1000 )) s: REGISTERED (app) $REGISTERED/$COUNT, at Kravia $AT_KRAVIA ($rate/s since last line)," \
            "selected by the poll ${SELECTED:-?}, follow-ups done $NOTES, Procountor requests $(stat_of procountor_requests "$STATS")"
        LAST_PRINT=$NOW; LAST_AT_KRAVIA=$AT_KRAVIA
    fi
    [ "$ALL_DONE" = 1 ] && break
    if [ $(( (NOW - T0) / 1000 )) -ge "$TIMEOUT" ]; then echo "TIMEOUT after $TIMEOUT s: $AT_KRAVIA of $COUNT registered at Kravia" >&2; break; fi
done
JIT_CPU1=$(thread_ticks "$APP_PID" "$JIT_THREADS"); GC_CPU1=$(thread_ticks "$APP_PID" "$GC_THREADS")
APP_CPU1=$(cpu_ticks "$APP_PID"); FAKE_CPU1=$(cpu_ticks "$FAKE_PID"); read -r M_BUSY1 M_TOTAL1 < <(machine_ticks)
T_END=$(now_ms)

# ---------------------------------------------------------------- collect
STATS=$(fake_stats)
printf '%s\n' "$STATS" > "$RUN/fake-stats.txt"
curl -sf "http://127.0.0.1:$PROCOUNTOR_PORT/__stats?format=json" > "$RUN/fake-stats.json" || true
curl -sf "http://127.0.0.1:$MGMT_PORT/actuator/prometheus" > "$RUN/prometheus.txt" || true
curl -sf "http://127.0.0.1:$PROCOUNTOR_PORT/__stats/times" > "$RUN/procountor-arrivals-us.txt" || true
PENDING=$(claims_total PENDING); REJECTED=$(claims_total REJECTED); FAILED=$(claims_total FAILED)
if [ "$PROFILE" = 1 ] && kill -0 "$APP_PID" 2>/dev/null; then
    jcmd "$APP_PID" JFR.stop name=bench > /dev/null || true
fi
GC_LINES_LOAD=$(wc -l < "$RUN/gc.log")
# live set after the load: a full GC, then what is left
if kill -0 "$APP_PID" 2>/dev/null; then
    jcmd "$APP_PID" GC.run > /dev/null
    sleep 1
    jcmd "$APP_PID" GC.heap_info > "$RUN/heap-info-after.txt" 2>&1 || true
    jcmd "$APP_PID" GC.class_histogram 2>/dev/null | head -80 > "$RUN/class-histogram-after.txt" || true
    RSS_PEAK_MB=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$APP_PID/status")
fi

read -r _ _ _ _ _ LIVE_BEFORE < <(gc_scan 0 "$GC_LINES_BEFORE")
read -r GC_EVENTS PEAK_USED PEAK_POST_GC PEAK_COMMITTED GC_PAUSE_MS _ < <(gc_scan "$GC_LINES_BEFORE" "$GC_LINES_LOAD")
read -r _ _ _ _ _ LIVE_AFTER < <(gc_scan "$GC_LINES_LOAD" 999999999)

cleanup
trap - EXIT

# ---------------------------------------------------------------- report
S() { stat_of "$1" "$STATS"; }
REG_LAST=$(S register_last_ms); REG_P10=$(S register_p10_ms); REG_P90=$(S register_p90_ms); REG_P50=$(S register_p50_ms)
REG_DISTINCT=$(S register_distinct); REG_CALLS=$(S register_calls)
NOTE_LAST=$(S note_last_ms)
calc() { awk "BEGIN { $1 }"; }
if [ "${REG_LAST:-0}" -gt 0 ]; then
    ELAPSED_REG=$(calc "printf \"%.1f\", ($REG_LAST - $T0) / 1000")
    RATE_REG=$(calc "printf \"%.0f\", $REG_DISTINCT / (($REG_LAST - $T0) / 1000)")
else
    ELAPSED_REG=n/a; RATE_REG=0
fi
if [ "${NOTE_LAST:-0}" -gt 0 ]; then
    ELAPSED_ALL=$(calc "printf \"%.1f\", ($NOTE_LAST - $T0) / 1000")
    RATE_ALL=$(calc "printf \"%.0f\", $(S note_distinct) / (($NOTE_LAST - $T0) / 1000)")
else
    ELAPSED_ALL=n/a; RATE_ALL=0
fi
if [ "${REG_P90:-0}" -gt "${REG_P10:-0}" ]; then
    RATE_STEADY=$(calc "printf \"%.0f\", ($REG_DISTINCT * 0.8) / (($REG_P90 - $REG_P10) / 1000)")
    RATE_HALF=$(calc "printf \"%.0f\", ($REG_DISTINCT * 0.5) / (($REG_LAST - $REG_P50) / 1000)")
else
    RATE_STEADY=n/a
    RATE_HALF=n/a
fi
FIRST_REQ_S=$(calc "printf \"%.1f\", ($(S procountor_first_ms) - $T0) / 1000")
WINDOW_S=$(calc "printf \"%.1f\", ($T_END - $T0) / 1000")
APP_CPU_S=$(calc "printf \"%.1f\", ($APP_CPU1 - $APP_CPU0) / $TICK")
JIT_CPU_S=$(calc "printf \"%.1f\", ($JIT_CPU1 - $JIT_CPU0) / $TICK")
GC_CPU_S=$(calc "printf \"%.1f\", ($GC_CPU1 - $GC_CPU0) / $TICK")
FAKE_CPU_S=$(calc "printf \"%.1f\", ($FAKE_CPU1 - $FAKE_CPU0) / $TICK")
MACHINE_BUSY=$(calc "printf \"%.0f\", 100 * ($M_BUSY1 - $M_BUSY0) / ($M_TOTAL1 - $M_TOTAL0)")
CPU_MODEL=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
JAVA_VERSION=$(java -version 2>&1 | head -1)
APP_WARN=$(tail -n +$(( APP_LOG_LINES0 + 1 )) "$RUN/app.log" | grep -c -E ' (WARN|ERROR) ' || true)
OTHER_CPU_S=$(calc "o = ($M_BUSY1 - $M_BUSY0 - ($APP_CPU1 - $APP_CPU0) - ($FAKE_CPU1 - $FAKE_CPU0)) / $TICK; printf \"%.1f\", (o < 0 ? 0 : o)")

# mean upstream latency per operation, from the app's own timer
LATENCY=$(awk '
    /^indriva_upstream_requests_seconds_(count|sum)\{/ {
        match($0, /operation="[^"]*"/); op = substr($0, RSTART + 11, RLENGTH - 12)
        match($0, /upstream="[^"]*"/); up = substr($0, RSTART + 10, RLENGTH - 11)
        k = up "/" op
        if ($0 ~ /_count\{/) cnt[k] += $NF; else sum[k] += $NF
    }
    END { for (k in cnt) if (cnt[k] > 0) printf "%s %.1f ms (n=%d); ", k, 1000 * sum[k] / cnt[k], cnt[k] }' "$RUN/prometheus.txt" 2>/dev/null)

# requests that arrived with RPS or more others in the second before them (each one is over the limit)
OVER_LIMIT=$(awk -v limit="$PROCOUNTOR_LIMIT" '{ t[NR] = $1 } END {
        l = 1; over = 0
        for (r = 1; r <= NR; r++) { while (t[r] - t[l] >= 1000000) l++; if (r - l + 1 > limit) over++ }
        print over + 0 }' "$RUN/procountor-arrivals-us.txt" 2>/dev/null || echo "?")
OVER_NOTE=""
[ "$MODE" = rate-limited ] && OVER_NOTE="; requests that had $PROCOUNTOR_LIMIT or more others in the second before them: $OVER_LIMIT"
VERDICT=""
if [ "$MODE" = lifted ]; then
    VERDICT=$(calc "print ($RATE_REG >= 300 ? \"PASS\" : \"FAIL\") \" (target >= 300 invoices/s registered)\"")
else
    AVG=$(S procountor_avg_rps); MAXW=$(S procountor_max_in_1s)
    VERDICT=$(calc "print (($AVG >= 0.9 * $PROCOUNTOR_LIMIT && $MAXW <= $PROCOUNTOR_LIMIT) ? \"PASS\" : \"FAIL\") \" (target: average within 10 % under $PROCOUNTOR_LIMIT req/s, never more than $PROCOUNTOR_LIMIT in any sliding 1 s window)\"")
fi

{
echo
echo "=== Indriva benchmark: $COUNT invoices, $MODE (requests-per-second=$RPS), consumers=$CONSUMERS, -Xmx$APP_XMX ==="
echo "machine             : $(nproc) cores, $CPU_MODEL, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $JAVA_VERSION"
echo "load window         : ${WINDOW_S} s from tenant creation; first Procountor request after ${FIRST_REQ_S} s"
echo "registered          : $REG_DISTINCT / $COUNT at Kravia after ${ELAPSED_REG} s -> ${RATE_REG} invoices/s end-to-end (steady 10-90 %: ${RATE_STEADY}/s; second half: ${RATE_HALF}/s)"
echo "fully done          : $(S note_distinct) with attachment + transfer note after ${ELAPSED_ALL} s -> ${RATE_ALL} invoices/s"
echo "app says            : REGISTERED ${REGISTERED}, PENDING ${PENDING:-?}, REJECTED ${REJECTED:-?}, FAILED ${FAILED:-?}; WARN/ERROR log lines during load: $APP_WARN"
echo "Kravia register     : $REG_CALLS calls for $REG_DISTINCT distinct invoices; 409 (repeats) $(S register_409), 400 $(S register_400), invoices registered more than once $(S register_duplicated_invoices)"
echo "Kravia attachments  : $(S attach_calls) calls, $(S attach_distinct) distinct; transfer notes: $(S note_puts) PUTs, $(S note_distinct) distinct"
echo "Procountor requests : $(S procountor_requests) (token $(S procountor_token), search $(S procountor_search), invoice $(S procountor_invoice), payment events $(S procountor_paymentevents), image $(S procountor_image), notes $(S procountor_notes), other $(S procountor_other), non-2xx $(S procountor_non2xx))"
echo "Procountor rate     : average $(S procountor_avg_rps) req/s over $(S procountor_span_s) s; max in any sliding 1 s window $(S procountor_max_in_1s) (at +$(S procountor_max_in_1s_at_s) s); median per whole second $(S procountor_median_per_whole_s), max $(S procountor_max_per_whole_s)${OVER_NOTE}"
echo "heap (G1, -Xmx$APP_XMX): live set (after a full GC) before load ${LIVE_BEFORE} MB, half-way ${LIVE_MID} MB (${QUEUED_MID} claims queued), after load ${LIVE_AFTER} MB; during load: peak post-GC ${PEAK_POST_GC} MB, peak used (pre-GC) ${PEAK_USED} MB, peak committed ${PEAK_COMMITTED} MB; ${GC_EVENTS} GCs, ${GC_PAUSE_MS} ms total pause; RSS peak ${RSS_PEAK_MB:-?} MB"
[ -n "${APP_CPU_MID:-}" ] && echo "second half (warm)  : app CPU $(calc "printf \"%.2f\", ($APP_CPU1 - $APP_CPU_MID) * 1000 / $TICK / ($REG_DISTINCT - $AT_KRAVIA_MID)") ms per registered invoice (its half-way full GC included); Procountor requests per invoice $(calc "printf \"%.2f\", $(S procountor_requests) / $REG_DISTINCT")"
echo "CPU during load     : app ${APP_CPU_S} s (JIT compiler threads ${JIT_CPU_S} s, GC and VM threads ${GC_CPU_S} s), fake ${FAKE_CPU_S} s, other processes ${OTHER_CPU_S} s; machine busy ${MACHINE_BUSY} % of $(nproc) cores over ${WINDOW_S} s (idle check before start: ${IDLE_BUSY} % busy)${NICE:+; app and fake run with $NICE}"
echo "app build           : $JAR_ORIGIN; work tree now at git $GIT_REV (+$GIT_DIRTY changed files outside bench/)${APP_ARGS:+; extra arguments: $APP_ARGS}${APP_JAVA_OPTS:+; extra JVM options: $APP_JAVA_OPTS}"
echo "upstream latency    : ${LATENCY:-n/a}"
echo "verdict             : $VERDICT"
echo "files               : $RUN"
} | tee "$RUN/summary.txt"

if [ "$PROFILE" = 1 ] && [ -f "$RUN/profile.jfr" ]; then
    jfr print --stack-depth 96 --events jdk.ExecutionSample "$RUN/profile.jfr" > "$RUN/profile-samples.txt" 2>/dev/null || true
    {
    echo "--- JFR CPU samples by thread (numbers folded) ---"
    awk '/sampledThread = / { s = $0; sub(/.*sampledThread = "/, "", s); sub(/".*/, "", s); gsub(/[0-9]+/, "N", s); print s }' \
        "$RUN/profile-samples.txt" | sort | uniq -c | sort -rn | head -12
    echo "--- JFR CPU samples by the innermost eu.indriva frame (what the app was doing) ---"
    awk '/stackTrace = \[/ { inside = 1; f = ""; next }
         inside && /^[ \t]*\]/ { inside = 0; print (f == "" ? "(no eu.indriva frame: framework, broker, HTTP client, JIT...)" : f); next }
         inside && f == "" && /eu\.indriva/ { f = $0; sub(/^[ \t]+/, "", f); sub(/\(.*/, "", f) }' \
        "$RUN/profile-samples.txt" | sort | uniq -c | sort -rn | head -20
    echo "--- JFR CPU samples by package of the top frame ---"
    awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); n = split($1, p, "."); pkg = p[1]
                             for (i = 2; i <= 3 && i < n; i++) pkg = pkg "." p[i]; print pkg }' \
        "$RUN/profile-samples.txt" | sort | uniq -c | sort -rn | head -15
    } | tee "$RUN/profile-summary.txt"
    gzip -f "$RUN/profile-samples.txt"  # large; profile.jfr has it all (jfr print, JDK Mission Control)
fi
if [ "$JSTACK" = 1 ] && ls "$RUN"/jstack-*.txt > /dev/null 2>&1; then
    {
    echo "--- jstack: first interesting frame of the registration consumers and the poll thread (3 dumps) ---"
    awk '/^"/ { consumer = ($0 ~ /JmsConsumer\[indriva|seda:\/\/outbound-poll/); frame = 0
                t = ($0 ~ /seda/) ? "poll    " : "consumer"; next }
         consumer && /^[ \t]+at / && (/eu\.indriva/ || /org\.h2\./ || /activemq/ || /java\.net\.http/ || /SlidingWindow/) && !frame {
             sub(/^[ \t]+at /, ""); sub(/\(.*/, ""); print t " " $0; frame = 1 }' "$RUN"/jstack-*.txt \
        | sort | uniq -c | sort -rn | head -20
    } | tee "$RUN/jstack-summary.txt"
fi

# ---------------------------------------------------------------- results.md
RESULTS="$BENCH/results.md"
if [ ! -f "$RESULTS" ]; then
    cat > "$RESULTS" <<'EOF'
# Benchmark results (appended by bench/run.sh)

| date | count | mode | consumers | registered/s (to last) | steady 10-90 % /s | done/s (incl. copy + note) | Procountor req/s avg | max in 1 s | register calls / distinct | live set before / half-way / after (MB) | peak post-GC (MB) | peak used (MB) | peak committed (MB) | CPU s app / fake / other | verdict |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
EOF
fi
MODE_LABEL=$MODE; [ "$MODE" = rate-limited ] && MODE_LABEL="rate-limited, app set to $RPS/s"
echo "| $(date '+%Y-%m-%d %H:%M') | $COUNT | $MODE_LABEL${APP_ARGS_LABEL:+ (experiment: $APP_ARGS_LABEL)}${APP_JAVA_OPTS:+ (JVM: $APP_JAVA_OPTS)} | $CONSUMERS | $RATE_REG | $RATE_STEADY (2nd half $RATE_HALF) | $RATE_ALL | $(S procountor_avg_rps) | $(S procountor_max_in_1s) | $REG_CALLS / $REG_DISTINCT | $LIVE_BEFORE / $LIVE_MID / $LIVE_AFTER | $PEAK_POST_GC | $PEAK_USED | $PEAK_COMMITTED | $APP_CPU_S / $FAKE_CPU_S / $OTHER_CPU_S | ${VERDICT%% *} |" >> "$RESULTS"
echo "result appended to $RESULTS"
