#!/usr/bin/env bash
# Indriva reconciliation benchmark (issue 14): one tenant's three-way reconciliation over N claims
# (default 10,000) against the real app jar on PostgreSQL, with the fake Procountor and Kravia of
# bench/src/FakeUpstreams.java, at Procountor's real rate limit (20 requests/s per API client).
# Not a test: it prints figures and appends a section to bench/reconcile-results.md.
#
#   bench/reconcile-run.sh [--claims N] [--xmx 256m] [--rebuild]
#
# The claims are written by SQL after the app migrated the database: REGISTERED at Kravia, 1,250.00 SEK
# each, transferred over the last 40 days (so some open the period, some are transferred in it). The fake
# answers each claim's payment events (none) and its details (1,250.00 outstanding), so the run must end
# with no difference and its equation holding. Every 15 s the script forces a GC in the app (jcmd GC.run)
# and records the live heap beside the number of claims compared so far: a run whose memory is flat shows
# the same live heap at 10 % and at 90 %. Aim: within the rate limit's time (N / 20 s) plus a little, and flat.
# Ports: app 19380, management 19381, fake Procountor 19390, fake Kravia 19391.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
CLAIMS=10000; XMX=256m; REBUILD=0
while [ $# -gt 0 ]; do
    case "$1" in
        --claims) CLAIMS="$2"; shift ;;
        --xmx) XMX="$2"; shift ;;
        --rebuild) REBUILD=1 ;;
        *) sed -n '2,16p' "$0"; exit 2 ;;
    esac
    shift
done
APP_PORT=19380; MGMT_PORT=19381; P_PORT=19390; K_PORT=19391
DB=indriva_bench_recon
PSQL=(psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres)
TOKEN="bench-admin-token-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SECRETS_KEY="$(head -c 32 /dev/urandom | base64)"
STAMP="$(date +%Y%m%d-%H%M%S)"
RUN="$BENCH/runs/$STAMP-reconcile"; mkdir -p "$RUN"
DATA="$(mktemp -d /tmp/indriva-recon.XXXXXX)"
source "$BENCH/lib.sh"
bench_start $APP_PORT $MGMT_PORT $P_PORT $K_PORT
bench_database
bench_app_copy

java "$BENCH/src/FakeUpstreams.java" "$CLAIMS" --procountor-port $P_PORT --kravia-port $K_PORT > "$RUN/fake.log" 2>&1 &
FAKE_PID=$!; PIDS+=("$FAKE_PID")
until curl -sf "http://127.0.0.1:$P_PORT/__stats" > /dev/null 2>&1; do kill -0 "$FAKE_PID" || { cat "$RUN/fake.log"; exit 1; }; sleep 0.3; done

(cd "$DATA/app" && exec java -Xmx"$XMX" -jar indriva.jar \
    --indriva.data-dir="$DATA" --indriva.admin.token="$TOKEN" --indriva.security.allow-insecure-urls=true \
    --indriva.secrets.key="$SECRETS_KEY" --server.port=$APP_PORT --management.server.port=$MGMT_PORT \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" --spring.datasource.username=postgres \
    --indriva.poll.tick=PT1H --indriva.reconciliation.nightly=false >> "$RUN/app.log" 2>&1) &
APP_PID=$!; PIDS+=("$APP_PID")
until curl -sf "http://127.0.0.1:$MGMT_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$RUN/app.log"; exit 1; }; sleep 0.5
done
JPID=$(pgrep -f "indriva.jar --indriva.data-dir=$DATA" | head -1)
log "app: -Xmx$XMX on PostgreSQL $DB (pid $JPID)"

BASE="http://127.0.0.1:$APP_PORT/api/v1/tenants/recon"
api() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
api -X PUT "$BASE" -o /dev/null -d "{\"name\":\"Bench reconciliation\",\"enabled\":false,
    \"accounting\":{\"system\":\"procountor\",\"baseUrl\":\"http://127.0.0.1:$P_PORT\",\"clientId\":\"c\",\"clientSecret\":\"s\",\"apiKey\":\"k\"},
    \"agency\":{\"system\":\"kravia\",\"baseUrl\":\"http://127.0.0.1:$K_PORT\",\"token\":\"t\",\"creditorId\":1},
    \"policy\":{\"graceDays\":0,\"minimumAmount\":0}}"

log "seeding $CLAIMS claims"
"${PSQL[@]}" -d "$DB" <<SQL
INSERT INTO claim (tenant_id, invoice_id, invoice_number, customer_number, status, agency, agency_claim_id, agency_status, stage,
                   amount, currency, due_date, manual, dispatch_key, attempts, attachment_done, note_done, transferred_at,
                   created_at, updated_at, outstanding_capital, debtor_name, debtor_identifier, debtor_type, debtor_country)
SELECT 'recon', i::text, 'INV-' || i, 'C-' || (i % 5000), 'REGISTERED', 'kravia', (500000 + i)::text, 'DebtCollection', 'COLLECTION',
       1250.00, 'SEK', (now() - ((i % 40) || ' days')::interval)::date - 40, FALSE, md5(i::text), 1, TRUE, TRUE,
       now() - ((i % 40) || ' days')::interval, now() - ((i % 40) || ' days')::interval, now(), 1250.00,
       'Debtor ' || (i % 5000), '556036-0793', 'COMPANY', 'SE'
FROM generate_series(1, $CLAIMS) AS i;
ANALYZE;
SQL

HEAP="$RUN/heap.tsv"; echo -e "seconds\tclaims_compared\tlive_heap_mb" > "$HEAP"
live_heap() { jcmd "$JPID" GC.run > /dev/null 2>&1; sleep 1; jcmd "$JPID" GC.heap_info 2>/dev/null | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); print int(v / 1024); exit } }'; }
BEFORE=$(live_heap)
log "live heap before the run: ${BEFORE} MB"
T0=$(date +%s)
ID=$(api -X POST "$BASE/reconciliations" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
[ -n "$ID" ] || { echo "the reconciliation did not start" >&2; exit 1; }
STATUS=RUNNING
while [ "$STATUS" = RUNNING ]; do
    sleep 14
    R=$(api "$BASE/reconciliations" | head -c 2000)
    STATUS=$(printf '%s' "$R" | sed -n 's/^\[{[^]]*"status":"\([A-Z]*\)".*/\1/p')
    N=$(printf '%s' "$R" | sed -n 's/^\[{[^]]*"claims":\([0-9]*\).*/\1/p')
    echo -e "$(( $(date +%s) - T0 ))\t$N\t$(live_heap)" >> "$HEAP"
    log "$(tail -1 "$HEAP" | awk '{ printf "%4s s: %6s claims compared, live heap %s MB", $1, $2, $3 }')"
done
ELAPSED=$(( $(date +%s) - T0 ))
api "$BASE/reconciliations/$ID" > "$RUN/reconciliation.json"
DIFFS=$(sed -n 's/.*"differenceCount":\([0-9]*\).*/\1/p' "$RUN/reconciliation.json")
COMPARED=$(sed -n 's/.*"claims":\([0-9]*\),"differenceCount".*/\1/p' "$RUN/reconciliation.json")
HOLDS=$(grep -o '"holds":[a-z]*' "$RUN/reconciliation.json" | tr '\n' ' ')
curl -sf "http://127.0.0.1:$P_PORT/__stats" > "$RUN/procountor.stats"
curl -sf "http://127.0.0.1:$K_PORT/__stats" > "$RUN/kravia.stats"
stat() { sed -n "s/^$1=//p" "$RUN/$2.stats"; }
AVG=$(stat procountor_avg_rps procountor); MAX1=$(stat procountor_max_in_1s procountor); PEV=$(stat procountor_paymentevents procountor)
DET=$(stat kravia_details kravia)
HEAP_SERIES=$(awk 'NR > 1 { printf "%s%s claims: %s MB", (NR > 2 ? "; " : ""), $2, $3 }' "$HEAP")
MACHINE="$(nproc) cores $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ { print $2 }') GiB, $(java -version 2>&1 | head -1)"
log "status $STATUS in $ELAPSED s: $COMPARED claims compared, $DIFFS differences, $HOLDS"
log "Procountor: $PEV payment-event reads, $AVG requests/s on average, at most $MAX1 in any second; Kravia: $DET details reads"
{
    echo
    echo "## $STAMP: $CLAIMS claims, PostgreSQL, Procountor limit 20 requests/s (rev $REV)"
    echo
    echo "Machine: $MACHINE. App -Xmx$XMX."
    echo
    echo "- Run: $STATUS in **$ELAPSED s** (the rate limit's own time for $CLAIMS reads: $(( CLAIMS / 20 )) s); $COMPARED claims compared, $DIFFS differences, equation $HOLDS."
    echo "- Procountor: $PEV payment-event reads, $AVG requests/s on average, at most $MAX1 in any sliding second. Kravia: $DET details reads."
    echo "- Live heap after a forced GC: $BEFORE MB before the run; during it: $HEAP_SERIES."
} >> "$BENCH/reconcile-results.md"
log "appended to bench/reconcile-results.md; run directory $RUN"
