#!/usr/bin/env bash
# Indriva end-to-end benchmark for a tenant on Promentor (files over SFTP): the fake Procountor
# (bench/src/FakeUpstreams.java, limits lifted), the sandbox Promentor as its own process (the jar's
# eu.indriva.sandbox.PromentorStandIn: a MINA SSHD server and the desk that answers NC files with KV
# receipts), and the real app jar with a fresh data directory (H2 file + persistent Artemis journal).
# One tenant, COUNT eligible overdue invoices, each with its invoice copy. Measures from the tenant's
# creation until every claim is REGISTERED (NC files written and sent, copies uploaded, receipts
# read): invoices/s, the files, and the app's heap. Appends a line to bench/promentor-results.md.
#
#   bench/promentor-run.sh [COUNT] [--batch-size N] [--poll-interval PT10S] [--rebuild] [--timeout S]
#
# Environment: APP_XMX (default 512m), KEEP_DATA=1 (keep the data dir), IDLE_WAIT (default 300).
# Ports: app 19080, management 19081, fake Procountor 19090 (+ its Kravia 19091), SFTP 19022.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"

COUNT=2000
BATCH=500
POLL_INTERVAL=PT10S
REBUILD=0
TIMEOUT=
while [ $# -gt 0 ]; do
    case "$1" in
        --batch-size) BATCH="$2"; shift ;;
        --poll-interval) POLL_INTERVAL="$2"; shift ;;
        --rebuild) REBUILD=1 ;;
        --timeout) TIMEOUT="$2"; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        [0-9]*) COUNT="$1" ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
: "${TIMEOUT:=$(( 300 + COUNT / 5 ))}"
APP_XMX="${APP_XMX:-512m}"
APP_PORT=19080; MGMT_PORT=19081; PROCOUNTOR_PORT=19090; KRAVIA_PORT=19091; SFTP_PORT=19022
CREDITOR=4799
TOKEN="bench-admin-token-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SECRETS_KEY="$(head -c 32 /dev/urandom | base64)"

STAMP="$(date +%Y%m%d-%H%M%S)"
RUN="$BENCH/runs/$STAMP-$COUNT-promentor"
mkdir -p "$RUN"
DATA="$(mktemp -d /tmp/indriva-bench.XXXXXX)"
APP_PID=; FAKE_PID=; DESK_PID=

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
now_ms() { date +%s%3N; }
stop_pid() {
    local pid="$1"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
    set +e
    stop_pid "$APP_PID"; stop_pid "$DESK_PID"; stop_pid "$FAKE_PID"
    if [ "${KEEP_DATA:-0}" = 1 ]; then echo "data directory kept: $DATA"; else rm -rf "$DATA"; fi
}
trap cleanup EXIT
trap 'echo "interrupted: stopping what the benchmark started" >&2; exit 130' INT TERM

# one benchmark at a time on this machine (the same lock as bench/run.sh)
exec 9> /tmp/indriva-bench.lock
if ! flock -n 9; then
    log "another benchmark holds /tmp/indriva-bench.lock; waiting (up to ${IDLE_WAIT:-300} s)"
    flock -w "${IDLE_WAIT:-300}" 9 || log "WARNING: still locked; running anyway"
fi
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in $APP_PORT $MGMT_PORT $PROCOUNTOR_PORT $KRAVIA_PORT $SFTP_PORT; do
    if port_busy "$p"; then echo "port $p is in use: stop whatever listens there first" >&2; exit 1; fi
done
machine_busy() { # percent of the machine busy over 3 s
    local b0 t0 b1 t1
    read -r b0 t0 < <(awk '/^cpu / { b = $2 + $3 + $4 + $7 + $8; print b, b + $5 + $6 }' /proc/stat); sleep 3
    read -r b1 t1 < <(awk '/^cpu / { b = $2 + $3 + $4 + $7 + $8; print b, b + $5 + $6 }' /proc/stat)
    echo $(( 100 * (b1 - b0) / (t1 - t0 > 0 ? t1 - t0 : 1) ))
}
DEADLINE=$(( $(date +%s) + ${IDLE_WAIT:-300} ))
until [ "$(machine_busy)" -le 20 ] || [ "$(date +%s)" -ge "$DEADLINE" ]; do log "waiting for an idle machine"; done

# ---------------------------------------------------------------- the jar (a private copy: edits during the run change nothing)
SNAP="$DATA/app"; mkdir -p "$SNAP"
if [ "$REBUILD" = 1 ] || [ ! -f "$ROOT/target/indriva.jar" ]; then
    log "building the jar (./mvnw -q -DskipTests package)"
    (cd "$ROOT" && ./mvnw -q -DskipTests package > "$RUN/build.log" 2>&1) || { tail -30 "$RUN/build.log"; exit 1; }
fi
cp "$ROOT/target/indriva.jar" "$SNAP/indriva.jar"; cp -r "$ROOT/routes" "$SNAP/routes"
NEWER=$(find "$ROOT/src/main" "$ROOT/routes" "$ROOT/pom.xml" -newer "$ROOT/target/indriva.jar" -type f 2>/dev/null | head -3)
[ -z "$NEWER" ] || log "WARNING: sources changed after target/indriva.jar was built; rerun with --rebuild to measure them"
GIT_REV="$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
DIRTY=$(cd "$ROOT" && git status --porcelain 2>/dev/null | grep -vc "^?? bench/" || true); [ "$DIRTY" = 0 ] || GIT_REV="$GIT_REV+$DIRTY"

# ---------------------------------------------------------------- the fake Procountor and the sandbox Promentor
log "run directory: $RUN"
nice -n -10 java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "$BENCH/src/FakeUpstreams.java" "$COUNT" \
    --procountor-port $PROCOUNTOR_PORT --kravia-port $KRAVIA_PORT --threads 4 > "$RUN/fake.log" 2>&1 &
FAKE_PID=$!
java -Xmx512m -Dloader.main=eu.indriva.sandbox.PromentorStandIn -cp "$SNAP/indriva.jar" \
    org.springframework.boot.loader.launch.PropertiesLauncher --dir "$DATA/promentor" --port $SFTP_PORT \
    --creditor-no $CREDITOR --tick PT1S > "$RUN/promentor.log" 2>&1 &
DESK_PID=$!
for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$PROCOUNTOR_PORT/__stats" > /dev/null 2>&1 && grep -q '^listening' "$RUN/promentor.log" && break
    kill -0 "$FAKE_PID" && kill -0 "$DESK_PID" || { cat "$RUN/fake.log" "$RUN/promentor.log"; echo "a stand-in did not start" >&2; exit 1; }
    sleep 0.5
done
FINGERPRINT=$(sed -n 's/^fingerprint=//p' "$RUN/promentor.log")
KEY_FILE=$(sed -n 's/^private-key=//p' "$RUN/promentor.log")

# ---------------------------------------------------------------- the app
log "starting the app (-Xmx$APP_XMX, Procountor limits lifted, promentor batch-size $BATCH, poll-interval $POLL_INTERVAL)"
(cd "$SNAP" && exec java -Xmx"$APP_XMX" -Xlog:gc:file="$RUN/gc.log":time,uptime,level,tags -jar "$SNAP/indriva.jar" \
    --indriva.data-dir="$DATA/app-data" --indriva.admin.token="$TOKEN" --indriva.secrets.key="$SECRETS_KEY" \
    --indriva.security.allow-insecure-urls=true --server.port=$APP_PORT --management.server.port=$MGMT_PORT \
    --indriva.poll.tick=PT1S --indriva.procountor.requests-per-second=100000 \
    --indriva.promentor.batch-size="$BATCH" --indriva.promentor.poll-interval="$POLL_INTERVAL" > "$RUN/app.log" 2>&1) &
APP_PID=$!
until curl -sf "http://127.0.0.1:$MGMT_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 "$APP_PID" 2>/dev/null || { tail -50 "$RUN/app.log"; echo "the app exited during start-up" >&2; exit 1; }
    sleep 1
done
sleep 6   # claim-recovery's first run passes on the empty database
jcmd "$APP_PID" GC.run > /dev/null; sleep 1
GC_LINES0=$(wc -l < "$RUN/gc.log")

claims_total() {
    curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$APP_PORT/api/v1/tenants/bench/claims?status=$1&size=1" \
        | sed -n 's/.*"total":\([0-9]*\).*/\1/p' || true
}

# ---------------------------------------------------------------- load
python3 - "$PROCOUNTOR_PORT" "$SFTP_PORT" "$FINGERPRINT" "$CREDITOR" "$KEY_FILE" "$POLL_INTERVAL" > "$DATA/tenant.json" <<'EOF'
import json, sys
port, sftp, fp, creditor, key, interval = sys.argv[1:]
print(json.dumps({"name": "Bench (Promentor)", "enabled": True,
    "accounting": {"system": "procountor", "baseUrl": "http://127.0.0.1:" + port, "clientId": "bench", "clientSecret": "s", "apiKey": "k"},
    "agency": {"system": "promentor", "host": "127.0.0.1", "port": int(sftp), "user": "creditor-" + creditor,
               "hostKeyFingerprint": fp, "creditorNo": creditor, "privateKey": open(key).read()},
    "policy": {"graceDays": 0, "minimumAmount": 0, "pollInterval": "PT1H", "service": "COLLECTION"}}))
EOF
T0=$(now_ms)
code=$(curl -s -o "$RUN/tenant.json" -w '%{http_code}' -X PUT "http://127.0.0.1:$APP_PORT/api/v1/tenants/bench" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary @"$DATA/tenant.json")
if [ "$code" != 201 ]; then cat "$RUN/tenant.json"; echo "tenant creation answered $code" >&2; exit 1; fi
log "tenant created; waiting for $COUNT claims REGISTERED (timeout $TIMEOUT s)"
REGISTERED=0; HEAP_MID=n/a; SUBMITTED_AT=
while :; do
    sleep 2
    kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$RUN/app.log"; echo "the app died" >&2; exit 1; }
    REGISTERED=$(claims_total REGISTERED); REGISTERED=${REGISTERED:-0}
    PENDING=$(claims_total PENDING); PENDING=${PENDING:-0}
    SENT=$(grep -c 'NC_.* sent to Promentor' "$RUN/app.log" || true)
    ELAPSED=$(( ($(now_ms) - T0) / 1000 ))
    log "t=${ELAPSED}s pending=$PENDING registered=$REGISTERED NC files sent=$SENT"
    [ -z "$SUBMITTED_AT" ] && [ $(( PENDING + REGISTERED )) -ge "$COUNT" ] && SUBMITTED_AT=$ELAPSED
    if [ "$HEAP_MID" = n/a ] && [ "$REGISTERED" -ge $(( COUNT / 2 )) ]; then
        HEAP_MID=$(jcmd "$APP_PID" GC.run > /dev/null; sleep 1; tail -1 "$RUN/gc.log" | sed -n 's/.*->\([0-9]*[KMG]\).*/\1/p')
    fi
    [ "$REGISTERED" -ge "$COUNT" ] && break
    [ "$ELAPSED" -ge "$TIMEOUT" ] && { echo "timeout: $REGISTERED of $COUNT registered after $ELAPSED s" >&2; break; }
done
T1=$(now_ms)
jcmd "$APP_PID" GC.run > /dev/null; sleep 1
HEAP_END=$(tail -1 "$RUN/gc.log" | sed -n 's/.*->\([0-9]*[KMG]\).*/\1/p')
# the largest heap in use before any GC during the load, and the largest committed
read -r PEAK_USED PEAK_COMMITTED < <(awk -v from="$GC_LINES0" 'NR > from && match($0, /[0-9]+M->[0-9]+M\([0-9]+M\)/) {
    s = substr($0, RSTART, RLENGTH); split(s, p, /M->|M\(|M\)/); if (p[1] + 0 > u) u = p[1] + 0; if (p[3] + 0 > c) c = p[3] + 0 }
    END { print u + 0, c + 0 }' "$RUN/gc.log")
SECS=$(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.1f", (b - a) / 1000 }')
RATE=$(awk -v n="$REGISTERED" -v a="$T0" -v b="$T1" 'BEGIN { printf "%.1f", n * 1000 / (b - a) }')
NC_FILES=$(grep -c 'NC_.* sent to Promentor' "$RUN/app.log" || true)
NC_LINES=$(grep -o 'NC_.* sent to Promentor with [0-9]*' "$RUN/app.log" | awk '{ s += $NF } END { print s + 0 }')
KV_FILES=$(grep -c 'KV_.* from Promentor applied' "$RUN/app.log" || true)
CASES=$(python3 -c "
import json, sys
refs = set()
for line in open(sys.argv[1]):
    e = json.loads(line)
    if 'kase' in e: refs.add(e['kase']['claimRef'])
print(len(refs))" "$DATA/promentor/promentor-state.jsonl" 2>/dev/null || echo '?')
ATT_LEFT=$(find "$DATA/promentor/sftp/in" -name 'ATT_*' | wc -l)
CPUS=$(nproc); MODEL=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "== Promentor benchmark: $COUNT invoices, batch-size $BATCH, poll-interval $POLL_INTERVAL (commit $GIT_REV)"
echo "registered:           $REGISTERED of $COUNT in $SECS s from the tenant's creation: $RATE invoices/s"
echo "all handed over at:   ${SUBMITTED_AT:-n/a} s (PENDING + REGISTERED = $COUNT)"
echo "NC files sent:        $NC_FILES with $NC_LINES lines; KV files read: $KV_FILES; cases at Promentor: $CASES; copies left unread in /in: $ATT_LEFT"
echo "app heap (MB):        peak in use $PEAK_USED, peak committed $PEAK_COMMITTED (-Xmx$APP_XMX); live after full GC: mid-run $HEAP_MID, end $HEAP_END"
echo "machine:              $CPUS cores, $MODEL"
echo "logs:                 $RUN"
printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s / %s | %s |\n' "$(date '+%Y-%m-%d %H:%M')" "$GIT_REV" "$COUNT" "$BATCH" \
    "$REGISTERED" "$SECS" "$RATE" "$NC_FILES" "$PEAK_USED" "$PEAK_COMMITTED" "$HEAP_MID" "$HEAP_END" "$CASES" >> "$BENCH/promentor-results.md"
[ "$REGISTERED" -ge "$COUNT" ]
