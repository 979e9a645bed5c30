# Shared set-up of the PostgreSQL benchmarks (web-run.sh, reconcile-run.sh); sourced, not run.
# Needs BENCH, ROOT, RUN, DATA, DB and PSQL set; the script lists its processes in PIDS.
PIDS=()
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }

# Stops every process in PIDS (TERM, then KILL after 20 s) and removes DATA.
bench_cleanup() {
    set +e
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null
        for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null
    done
    rm -rf "$DATA"
}

# One benchmark at a time (waits up to 10 min for another's lock), with these ports free.
bench_start() {
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
    exec 9> /tmp/indriva-bench.lock
    flock -w 600 9 || log "WARNING: another benchmark holds /tmp/indriva-bench.lock; running anyway"
    for p in "$@"; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use" >&2; exit 1; fi
    done
}

# A fresh scratch database DB on the local PostgreSQL.
bench_database() {
    "${PSQL[@]}" -d postgres -c "SELECT 1" > /dev/null || { echo "PostgreSQL is not reachable on 127.0.0.1:5432 (pg_ctlcluster 15 main start)" >&2; exit 1; }
    "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
}

# The jar (built when missing or with REBUILD=1) and routes/ copied into DATA/app, so edits made during a run change
# nothing measured; REV names the revision and how many files differed from it.
bench_app_copy() {
    mkdir -p "$DATA/app"
    if [ "${REBUILD:-0}" = 1 ] || [ ! -f "$ROOT/target/indriva.jar" ]; then
        log "building the jar (./mvnw -q -DskipTests package)"
        (cd "$ROOT" && ./mvnw -q -DskipTests package > "$RUN/build.log" 2>&1) || { tail -20 "$RUN/build.log"; exit 1; }
    fi
    cp "$ROOT/target/indriva.jar" "$DATA/app/"; cp -r "$ROOT/routes" "$DATA/app/"
    REV="$(cd "$ROOT" && git rev-parse --short HEAD) + $(cd "$ROOT" && git status --porcelain | grep -vc '^?? bench/' || true) changed files"
}
