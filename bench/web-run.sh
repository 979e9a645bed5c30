#!/usr/bin/env bash
# Indriva client-web benchmark: the overview and the claims pages of one tenant with 100,000 claims
# (and a second, smaller tenant beside it), against the real app jar on PostgreSQL (the production
# database; a scratch database indriva_bench_web on 127.0.0.1:5432 is dropped and made again).
# Not a test: it prints figures and appends a line to bench/web-results.md.
#
#   bench/web-run.sh [--claims N] [--rounds N] [--rebuild] [--xmx 512m]
#
# The claims are written by SQL after the app migrated the database (generate_series): statuses,
# stages, currencies, transfers spread over 18 months, a third closed, 30 % of them paid out in
# booked settlements, debtor and history rows. Each page is read --rounds times (after 3 warm-up
# reads) by one signed-in session; the time is curl's time_total on 127.0.0.1 (server time plus a
# local round trip), reported as p50 / p95 / max. Aim: under 300 ms each.
# Ports: app 19280, management 19281.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
CLAIMS=100000; ROUNDS=30; REBUILD=0; XMX=512m
while [ $# -gt 0 ]; do
    case "$1" in
        --claims) CLAIMS="$2"; shift ;;
        --rounds) ROUNDS="$2"; shift ;;
        --rebuild) REBUILD=1 ;;
        --xmx) XMX="$2"; shift ;;
        *) sed -n '2,16p' "$0"; exit 2 ;;
    esac
    shift
done
APP_PORT=19280; MGMT_PORT=19281
DB=indriva_bench_web
PSQL=(psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres)
TOKEN="bench-admin-token-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SECRETS_KEY="$(head -c 32 /dev/urandom | base64)"
ADMIN_PASSWORD="bench-web-$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')"
STAMP="$(date +%Y%m%d-%H%M%S)"
RUN="$BENCH/runs/$STAMP-web"; mkdir -p "$RUN"
DATA="$(mktemp -d /tmp/indriva-web.XXXXXX)"
source "$BENCH/lib.sh"
bench_start $APP_PORT $MGMT_PORT
bench_database
bench_app_copy

start_app() {
    (cd "$DATA/app" && exec java -Xmx"$XMX" ${APP_JAVA_OPTS:-} -jar indriva.jar \
        --indriva.data-dir="$DATA" --indriva.admin.token="$TOKEN" --indriva.security.allow-insecure-urls=true \
        --indriva.secrets.key="$SECRETS_KEY" --server.port=$APP_PORT --management.server.port=$MGMT_PORT \
        --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" --spring.datasource.username=postgres \
        --indriva.ui.initial-admin.username=bench --indriva.ui.initial-admin.password="$ADMIN_PASSWORD" \
        --indriva.poll.tick=PT1H >> "$RUN/app.log" 2>&1) &
    APP_PID=$!; PIDS+=("$APP_PID")
    until curl -sf "http://127.0.0.1:$MGMT_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
        kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$RUN/app.log"; exit 1; }; sleep 0.5
    done
}

log "app: -Xmx$XMX on PostgreSQL $DB"
start_app
api() { curl -sf -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
for t in big small; do
    code=$(api -X PUT "http://127.0.0.1:$APP_PORT/api/v1/tenants/$t" -d "{\"name\":\"Bench $t\",\"enabled\":false,
        \"accounting\":{\"system\":\"procountor\",\"baseUrl\":\"http://127.0.0.1:9/$t\",\"clientId\":\"c-$t\",\"clientSecret\":\"s\",\"apiKey\":\"k\"},
        \"agency\":{\"system\":\"kravia\",\"baseUrl\":\"http://127.0.0.1:9/k-$t\",\"token\":\"t\",\"creditorId\":$([ $t = big ] && echo 1 || echo 2)},
        \"policy\":{\"graceDays\":0,\"minimumAmount\":0,\"currencies\":[\"SEK\",\"EUR\"]}}") || true
    [ "$code" = 201 ] || { echo "creating tenant $t answered $code" >&2; exit 1; }
done

log "seeding $CLAIMS claims for tenant big and $(( CLAIMS / 100 )) for tenant small"
T_SEED=$(date +%s)
seed() { # tenant count
    "${PSQL[@]}" -d "$DB" <<SQL
INSERT INTO claim (tenant_id, invoice_id, invoice_number, customer_number, status, reason, agency, agency_claim_id, agency_status,
                   stage, close_reason, amount, currency, due_date, manual, dispatch_key, attempts, attachment_done, note_done,
                   transferred_at, created_at, updated_at, closed_at, outstanding_capital, needs_attention,
                   debtor_name, debtor_identifier, debtor_type, debtor_country)
SELECT '$1', i::text, 'INV-' || i, 'C-' || (i % 5000), s,
       CASE s WHEN 'REJECTED' THEN 'Customer''s identifier: the check digit is wrong' WHEN 'FAILED' THEN 'Kravia answered 500' END,
       'kravia', CASE WHEN s IN ('REGISTERED', 'CLOSED') THEN (7000000 + i)::text END,
       CASE WHEN s IN ('REGISTERED', 'CLOSED') THEN 'DebtCollection' END,
       CASE WHEN s = 'CLOSED' THEN 'CLOSED' WHEN s = 'REGISTERED' THEN (ARRAY['REMINDER', 'COLLECTION', 'COLLECTION', 'LEGAL', 'SURVEILLANCE'])[1 + (i / 7) % 5] END,
       CASE WHEN s = 'CLOSED' THEN (ARRAY['PAID', 'PAID', 'PAID', 'CREDITED', 'WITHDRAWN', 'WRITTEN_OFF'])[1 + i % 6] END,
       round((50 + (i * 7919 % 20000))::numeric + (i % 100) / 100.0, 2), CASE WHEN i % 10 = 0 THEN 'EUR' ELSE 'SEK' END,
       DATE '2025-06-01' + (i % 540), FALSE, md5(i::text), 1, TRUE, TRUE,
       CASE WHEN s IN ('REGISTERED', 'CLOSED') THEN t END, t, t + interval '3 days',
       CASE WHEN s = 'CLOSED' THEN t + ((5 + i % 90) || ' days')::interval END,
       CASE WHEN s = 'REGISTERED' THEN round((50 + (i * 7919 % 20000))::numeric / 2, 2) END,
       CASE WHEN i % 997 = 0 THEN 'the agency reports a dispute' END,
       'Debtor ' || (i % 5000), '556036-0793', 'COMPANY', 'SE'
FROM (SELECT i, TIMESTAMPTZ '2025-06-15 09:00:00+00' + ((i % 540) || ' days')::interval + ((i % 1440) || ' minutes')::interval AS t,
             CASE WHEN i % 40 = 0 THEN 'REJECTED' WHEN i % 97 = 0 THEN 'FAILED' WHEN i % 211 = 0 THEN 'PENDING'
                  WHEN i % 3 = 0 THEN 'CLOSED' ELSE 'REGISTERED' END AS s
      FROM generate_series(1, $2) AS i) g;
INSERT INTO claim_history (tenant_id, invoice_id, at, event, detail)
SELECT '$1', invoice_id, created_at, 'SELECTED', 'selected by the overdue poll' FROM claim WHERE tenant_id = '$1';
INSERT INTO claim_history (tenant_id, invoice_id, at, event, detail)
SELECT '$1', invoice_id, transferred_at, 'REGISTERED', 'registered at Kravia' FROM claim WHERE tenant_id = '$1' AND transferred_at IS NOT NULL;
-- 30 % of the transferred claims paid out: settlements of 100 lines each, booked
INSERT INTO settlement (tenant_id, settlement_id, settlement_date, currency, payout, capital, commission, vat, status, receipt_name,
                        receipt_state, receipt_id, acknowledged, created_at, updated_at)
SELECT '$1', 'S' || n, DATE '2025-07-01' + (n % 500), 'SEK', 0, 0, 0, 0, 'BOOKED', 'Kravia settlement S' || n, 'APPROVED', 'R' || n, TRUE,
       now(), now()
FROM generate_series(0, ($2 * 3 / 10) / 100) AS n;
INSERT INTO settlement_line (tenant_id, settlement_id, line_no, invoice_id, agency_claim_id, capital, commission, vat, marker, state)
SELECT '$1', 'S' || (r / 100), 1 + r % 100, invoice_id, agency_claim_id, amount, round(amount * 0.05, 2), round(amount * 0.0125, 2),
       'm-' || invoice_id, 'PAID'
FROM (SELECT invoice_id, agency_claim_id, amount, (row_number() OVER (ORDER BY invoice_id)) - 1 AS r FROM claim
      WHERE tenant_id = '$1' AND transferred_at IS NOT NULL AND currency = 'SEK' AND invoice_id::bigint % 10 < 3) p;
UPDATE settlement s SET capital = l.c, commission = l.k, vat = l.v, payout = l.c - l.k - l.v
FROM (SELECT settlement_id, SUM(capital) c, SUM(commission) k, SUM(vat) v FROM settlement_line WHERE tenant_id = '$1' GROUP BY settlement_id) l
WHERE s.tenant_id = '$1' AND s.settlement_id = l.settlement_id;
SQL
}
seed big "$CLAIMS"
seed small $(( CLAIMS / 100 ))
"${PSQL[@]}" -d "$DB" -c "ANALYZE"
SEED_S=$(( $(date +%s) - T_SEED ))
COUNTS=$("${PSQL[@]}" -d "$DB" -At -c "SELECT (SELECT COUNT(*) FROM claim WHERE tenant_id = 'big') || ' claims, ' || (SELECT COUNT(*) FROM claim_history WHERE tenant_id = 'big') || ' history rows, ' || (SELECT COUNT(*) FROM settlement_line WHERE tenant_id = 'big') || ' settlement lines'")
log "seeded in $SEED_S s: tenant big has $COUNTS"

# a signed-in session: the login form's CSRF token, then the form
JAR="$RUN/cookies"
BASE="http://127.0.0.1:$APP_PORT"
CSRF=$(curl -sf -c "$JAR" -b "$JAR" "$BASE/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
SIGNED=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$JAR" -b "$JAR" --data-urlencode "username=bench" \
    --data-urlencode "password=$ADMIN_PASSWORD" --data-urlencode "_csrf=$CSRF" "$BASE/login")
case "$SIGNED" in 302*error*|302*login*) echo "sign-in refused: $SIGNED" >&2; exit 1 ;; esac
OVERVIEW=$(curl -s -o "$RUN/overview.html" -w '%{http_code}' -b "$JAR" "$BASE/tenants/big/overview?lang=en")
[ "$OVERVIEW" = 200 ] || { echo "the overview answered $OVERVIEW (sign-in: $SIGNED); see $RUN/overview.html and app.log" >&2; exit 1; }

# the second page of the unfiltered list (keyset): its link from the first
NEXT=$(curl -sf -b "$JAR" "$BASE/tenants/big/claims" | sed -n 's/.*id="next" href="\([^"]*\)".*/\1/p' | head -1 | sed 's/&amp;/\&/g')
declare -a NAMES=(overview claims claims-filtered claims-by-amount claims-search claims-next-page claims-csv-filtered)
declare -A URLS=(
    [overview]="/tenants/big/overview"
    [claims]="/tenants/big/claims"
    [claims-filtered]="/tenants/big/claims?status=REGISTERED&currency=SEK&stage=COLLECTION&transferredFrom=2026-01-01&transferredTo=2026-06-30"
    [claims-by-amount]="/tenants/big/claims?status=REGISTERED&sort=amount&dir=desc"
    [claims-search]="/tenants/big/claims?q=INV-4242"
    [claims-next-page]="$NEXT"
    [claims-csv-filtered]="/tenants/big/claims.csv?status=REGISTERED&currency=EUR"
)
RESULTS=""
SUMMARY=""
for name in "${NAMES[@]}"; do
    url="$BASE${URLS[$name]}"
    for _ in 1 2 3; do curl -sf -o /dev/null -b "$JAR" "$url"; done
    : > "$RUN/$name.times"
    for _ in $(seq 1 "$ROUNDS"); do
        curl -sf -o /dev/null -b "$JAR" -w '%{time_total}\n' "$url" >> "$RUN/$name.times"
    done
    read -r P50 P95 MAX < <(sort -n "$RUN/$name.times" | awk '{ a[NR] = $1 * 1000 } END {
        p50 = a[int((NR + 1) / 2)]; i95 = int(NR * 0.95 + 0.999); if (i95 > NR) i95 = NR; printf "%.0f %.0f %.0f\n", p50, a[i95], a[NR] }')
    BYTES=$(curl -sf -o /dev/null -b "$JAR" -w '%{size_download}' "$url")
    log "$(printf '%-20s p50 %4s ms  p95 %4s ms  max %4s ms  (%s bytes)' "$name" "$P50" "$P95" "$MAX" "$BYTES")"
    RESULTS+="| $name | $P50 | $P95 | $MAX | $BYTES |"$'\n'
    SUMMARY+="$name $P50/$P95/$MAX; "
done

MACHINE="$(nproc) cores $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ { print $2 }') GiB, $(java -version 2>&1 | head -1)"
{
    echo
    echo "## $STAMP: $CLAIMS claims in one tenant, PostgreSQL, $ROUNDS reads each (rev $REV)"
    echo
    echo "Machine: $MACHINE. App -Xmx$XMX. Seeded in $SEED_S s; tenant big: $COUNTS."
    echo
    echo "| page | p50 ms | p95 ms | max ms | bytes |"
    echo "|---|---|---|---|---|"
    printf '%s' "$RESULTS"
} >> "$BENCH/web-results.md"
log "p50/p95/max ms: $SUMMARY"
log "appended to bench/web-results.md; run directory $RUN"
