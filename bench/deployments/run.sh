#!/usr/bin/env bash
# Deployment benchmark: POST throughput next to pgbench, and accepted-to-applied latency at a
# fixed rate. How to run it and read it: bench/README.md. Everything stays on 127.0.0.1.
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RESULTS=$HERE/results

# --- Knobs (environment variables) ----------------------------------------------------------------
DURATION=${DURATION:-20}            # seconds of the measured throughput run, Slipway and pgbench each
CLIENTS=${CLIENTS:-32}              # concurrent clients for both
WARMUP=${WARMUP:-20}                # seconds of Slipway load before the measured run (the JIT needs it on 2 cores)
THR_ENVS=${THR_ENVS:-4}             # environments the throughput POSTs go to (round-robin)
RATE=${RATE:-50}                    # deployments per second in the latency run
LAT_SECONDS=${LAT_SECONDS:-20}      # seconds of the latency run
LAT_ENVS=${LAT_ENVS:-50}            # environments the latency run spreads over (no superseding)
LAT_WAIT=${LAT_WAIT:-60}            # longest wait for the latency run's deployments to finish
WORKERS=${WORKERS:-8}               # SLIPWAY_RECONCILER_WORKERS (service default 4)
ROLLOUT_DELAY=${ROLLOUT_DELAY:-50ms} # SLIPWAY_SANDBOX_ROLLOUT_DELAY (service default 300ms)
REACTIVE_MAX_SIZE=${REACTIVE_MAX_SIZE:-}  # QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE; empty = service default (32)
JAVA_OPTS=${JAVA_OPTS:-}            # extra JVM options for Slipway
PORT=${PORT:-18090}                 # first port tried for Slipway
MAX_SECONDS=${MAX_SECONDS:-295}     # hard limit for the whole run, build included
PGBENCH_TRIGGERS=${PGBENCH_TRIGGERS:-1}  # 1: also run pgbench with a copy of Slipway's event trigger (context, not the target)
SLIPWAY_APP=${SLIPWAY_APP:-}        # an already built quarkus-app directory: skips the build check
PG_HOST=127.0.0.1
PG_PORT=5432
DB=slipway_bench
APP=bench
ISSUER=https://slipway-bench.local

# One run at a time on this machine: runs share the database, the port range and results/.
exec 9>/tmp/slipway-bench.lock
if ! flock -n 9; then
    echo "[bench] another bench/deployments/run.sh is running on this machine (lock /tmp/slipway-bench.lock); try again later" >&2
    exit 1
fi

STARTED_AT=$(date +%s)
TMP=$(mktemp -d /tmp/slipway-bench.XXXXXX)
HARNESS_PATTERN=FixedRate
# shellcheck source=../lib.sh
source "$HERE/../lib.sh"

# --- Tools ------------------------------------------------------------------------------------------
for tool in java psql pgbench openssl curl base64; do
    command -v "$tool" >/dev/null || die "$tool is required"
done
if ! command -v wrk >/dev/null; then
    log "installing wrk"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >"$RESULTS/apt.log" 2>&1 \
        || die "could not install wrk (see $RESULTS/apt.log)"
fi

psql_admin() { psql -XAtq -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U postgres "$@"; }
psql_bench() { psql_admin -d "$DB" "$@"; }
psql_admin -d postgres -c 'SELECT 1' >/dev/null || die "PostgreSQL on $PG_HOST:$PG_PORT does not accept user postgres"

# --- Build (only when the packaged app is missing or older than its sources) -------------------------
if [[ -z $SLIPWAY_APP ]]; then
    SLIPWAY_APP=$ROOT/target/quarkus-app
    RUN_JAR=$SLIPWAY_APP/quarkus-run.jar
    stale=
    if [[ ! -f $RUN_JAR ]]; then
        stale="missing"
    else
        stale=$(find "$ROOT/src/main" "$ROOT/pom.xml" "$ROOT/proto" -newer "$RUN_JAR" -type f -print -quit 2>/dev/null || true)
    fi
    if [[ -n $stale ]]; then
        if pgrep -f "maven.multiModuleProjectDirectory=$ROOT( |$)" >/dev/null; then
            die "the jar needs a build ($stale) but another Maven build of $ROOT is running; wait for it, or pass SLIPWAY_APP"
        fi
        log "building Slipway (jar ${stale:+stale: $stale})"
        (cd "$ROOT" && ./mvnw -B -o -q package -DskipTests) >"$RESULTS/build.log" 2>&1 \
            || die "build failed; see $RESULTS/build.log"
        touch "$RUN_JAR"
    fi
fi
RUN_JAR=$SLIPWAY_APP/quarkus-run.jar
[[ -f $RUN_JAR ]] || die "no $RUN_JAR"
# Run from a private copy, so a rebuild during the run cannot pull the jars from under the JVM.
cp -r "$SLIPWAY_APP" "$TMP/app"

# --- Database ---------------------------------------------------------------------------------------
log "creating database $DB"
psql_admin -d postgres -c "DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'slipway') THEN CREATE ROLE slipway LOGIN PASSWORD 'slipway'; END IF;
END \$\$"
psql_admin -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
psql_admin -d postgres -c "CREATE DATABASE $DB OWNER slipway"
PG_VERSION=$(psql_admin -d postgres -c 'SHOW server_version')
PG_FSYNC=$(psql_admin -d postgres -c 'SHOW fsync')
PG_SYNC_COMMIT=$(psql_admin -d postgres -c 'SHOW synchronous_commit')
PG_SHARED_BUFFERS=$(psql_admin -d postgres -c 'SHOW shared_buffers')
[[ $PG_FSYNC == on ]] || log "WARNING: fsync is $PG_FSYNC on this server; the figures do not reflect durable commits"

# --- Token and port (bench/lib.sh) ------------------------------------------------------------
mint_admin_token
pick_port

# --- Slipway ----------------------------------------------------------------------------------------
log "starting Slipway on $BASE (workers $WORKERS, rollout delay $ROLLOUT_DELAY)"
slipway_env=(
    QUARKUS_HTTP_HOST=127.0.0.1
    QUARKUS_HTTP_PORT="$PORT"
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$PG_HOST:$PG_PORT/$DB"
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB"
    QUARKUS_DATASOURCE_USERNAME=slipway
    QUARKUS_DATASOURCE_PASSWORD=slipway
    QUARKUS_OIDC_PUBLIC_KEY="$PUBLIC_KEY"
    QUARKUS_OIDC_TOKEN_ISSUER="$ISSUER"
    SLIPWAY_RECONCILER_WORKERS="$WORKERS"
    SLIPWAY_SANDBOX_ENABLED=true # the packaged jar deploys to real clusters only, unless told
    SLIPWAY_SANDBOX_ROLLOUT_DELAY="$ROLLOUT_DELAY"
)
[[ -z $REACTIVE_MAX_SIZE ]] || slipway_env+=(QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE="$REACTIVE_MAX_SIZE")
# shellcheck disable=SC2086
env "${slipway_env[@]}" java $JAVA_OPTS -jar "$TMP/app/quarkus-run.jar" >"$RESULTS/slipway.log" 2>&1 &
SLIPWAY_PID=$!
echo "$SLIPWAY_PID" >"$TMP/slipway.pid"
t_start=$(date +%s%N)
until [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/q/health/ready") == 200 ]]; do
    kill -0 "$SLIPWAY_PID" 2>/dev/null || die "Slipway exited during start; see $RESULTS/slipway.log"
    (($(date +%s%N) - t_start < 120000000000)) || die "Slipway not ready after 120 s; see $RESULTS/slipway.log"
    sleep 0.2
done
STARTUP_S=$(awk -v ns=$(($(date +%s%N) - t_start)) 'BEGIN { printf "%.1f", ns / 1e9 }')
log "Slipway ready in ${STARTUP_S}s"

api() { # method path [json] -> prints the HTTP status, body in $TMP/body
    curl -s -o "$TMP/body" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $TOKEN" \
        ${3:+-H 'Content-Type: application/json' -d "$3"} "$BASE$2"
}
status=$(api GET /api/v1/applications)
[[ $status == 200 ]] || die "GET /api/v1/applications with the bench token answered $status: $(head -c 500 "$TMP/body")"

log "creating application $APP with $THR_ENVS + $LAT_ENVS environments"
status=$(api POST /api/v1/applications "{\"name\": \"$APP\", \"ownerGroup\": \"slipway-admins\", \"displayName\": \"Benchmark\"}")
[[ $status == 201 ]] || die "creating the application answered $status: $(head -c 500 "$TMP/body")"
create_env() {
    local status
    status=$(api POST "/api/v1/applications/$APP/environments" "{\"name\": \"$1\", \"type\": \"development\"}")
    [[ $status == 201 ]] || die "creating environment $1 answered $status: $(head -c 500 "$TMP/body")"
}
for ((i = 1; i <= THR_ENVS; i++)); do create_env "thr-$i"; done
for ((i = 1; i <= LAT_ENVS; i++)); do create_env "lat-$i"; done

# --- 1a. pgbench: the same two rows per transaction, same clients and duration ---------------------------
# name schema triggers -> sets PGB_<name>_{TPS,LAT,TX,FAILED}
run_pgbench() {
    local name=$1 schema=$2 triggers=$3 out=$RESULTS/pgbench-$1.txt
    log "pgbench ($name): $CLIENTS clients, ${DURATION}s"
    psql_bench -v schema="$schema" -v envs="$THR_ENVS" -v triggers="$triggers" -f "$HERE/pgbench-schema.sql" >/dev/null 2>&1 \
        || die "could not create the pgbench schema $schema"
    psql_bench -c CHECKPOINT
    PGOPTIONS="-c search_path=$schema" run_load "$out" pgbench -h "$PG_HOST" -p "$PG_PORT" -U postgres -n -M prepared \
        -c "$CLIENTS" -j 2 -T "$DURATION" -D envs="$THR_ENVS" -f "$HERE/pgbench-deploy.sql" "$DB" \
        || die "pgbench failed; see $out"
    local tps
    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out" | tail -1)
    [[ -n $tps ]] || die "no tps in $out"
    printf -v "PGB_${name}_TPS" '%.1f' "$tps"
    printf -v "PGB_${name}_LAT" '%s' "$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$out")"
    printf -v "PGB_${name}_TX" '%s' "$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out")"
    printf -v "PGB_${name}_FAILED" '%s' "$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out")"
}
phase pgbench
run_pgbench plain pgbench_deploy false
PGBENCH_TPS=$PGB_plain_TPS
if [[ $PGBENCH_TRIGGERS == 1 ]]; then
    run_pgbench triggers pgbench_deploy_triggers true
fi

# --- 1b. Slipway POST throughput -----------------------------------------------------------------------
export BENCH_TOKEN=$TOKEN BENCH_APP=$APP BENCH_ENV_PREFIX=thr- BENCH_ENVS=$THR_ENVS
phase slipway-throughput
log "warm-up: ${WARMUP}s of POSTs"
run_load "$RESULTS/wrk-warmup.txt" wrk -t2 -c"$CLIENTS" -d"${WARMUP}s" --timeout 10s -s "$HERE/post.lua" "$BASE" \
    || die "wrk warm-up failed; see $RESULTS/wrk-warmup.txt"
grep -q '^status 202 ' "$RESULTS/wrk-warmup.txt" || die "no 202 during warm-up; see $RESULTS/wrk-warmup.txt and slipway.log"
psql_bench -c CHECKPOINT
log "Slipway: POST at $CLIENTS clients, ${DURATION}s"
THR_T0=$(psql_bench -c 'SELECT clock_timestamp()')
run_load "$RESULTS/wrk.txt" wrk -t2 -c"$CLIENTS" -d"${DURATION}s" --timeout 10s --latency -s "$HERE/post.lua" "$BASE" \
    || die "wrk failed; see $RESULTS/wrk.txt"
THR_T1=$(psql_bench -c 'SELECT clock_timestamp()')
WRK_RPS=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$RESULTS/wrk.txt")
WRK_TOTAL=$(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$RESULTS/wrk.txt")
WRK_202=$(awk '$1 == "status" && $2 == 202 { print $3 }' "$RESULTS/wrk.txt")
WRK_202=${WRK_202:-0}
WRK_OTHER=$(awk '$1 == "status" && $2 != 202 { printf "%s%s:%s", sep, $2, $3; sep = "," }' "$RESULTS/wrk.txt")
WRK_NON2XX=$(awk '$1 == "status" && ($2 < 200 || $2 > 299) { n += $3 } END { print n + 0 }' "$RESULTS/wrk.txt")
WRK_SOCKET_ERRORS=$(sed -n 's/^errors connect \([0-9]*\) read \([0-9]*\) write \([0-9]*\) timeout \([0-9]*\).*/connect \1, read \2, write \3, timeout \4/p' "$RESULTS/wrk.txt")
WRK_LAT=$(sed -n 's/^latency_ms //p' "$RESULTS/wrk.txt")
[[ -n $WRK_RPS ]] || die "no Requests/sec in $RESULTS/wrk.txt"
# Only accepted POSTs count as throughput: 202s per second of the run.
WRK_DURATION=$(sed -n 's/.* requests in \([0-9.]*\)\([a-z]*\), .*/\1 \2/p' "$RESULTS/wrk.txt" \
    | awk '{ print ($2 == "ms") ? $1 / 1000 : ($2 == "m") ? $1 * 60 : $1 }')
SLIPWAY_RPS=$(awk -v n="$WRK_202" -v s="$WRK_DURATION" 'BEGIN { printf "%.1f", n / s }')
THR_ROWS=$(psql_bench -c "SELECT count(*) FROM deployments WHERE application = '$APP' AND environment LIKE 'thr-%'
    AND created_at >= '$THR_T0' AND created_at <= '$THR_T1'")
RATIO=$(awk -v a="$SLIPWAY_RPS" -v b="$PGBENCH_TPS" 'BEGIN { printf "%.2f", a / b }')
THR_VERDICT=$(awk -v r="$RATIO" 'BEGIN { print (r >= 0.7) ? "MET" : "NOT MET" }')

# Let the reconciler catch up with the throughput backlog before measuring latency.
log "waiting for the throughput backlog to drain"
drain_start=$(date +%s)
while :; do
    left=$(psql_bench -c "SELECT count(*) FROM deployments WHERE application = '$APP' AND environment LIKE 'thr-%'
        AND status IN ('PENDING', 'APPLYING', 'PROGRESSING')")
    ((left == 0)) && break
    (($(date +%s) - drain_start < 60)) || die "throughput backlog did not drain in 60 s ($left left)"
    sleep 0.5
done
DRAIN_S=$(($(date +%s) - drain_start))
THR_OUTCOMES=$(psql_bench -c "SELECT string_agg(status || ' ' || n, ', ' ORDER BY status) FROM (
    SELECT status, count(*) AS n FROM deployments WHERE application = '$APP' AND environment LIKE 'thr-%' GROUP BY status) s")

# --- 2. Accepted-to-applied latency at a fixed rate ------------------------------------------------------
phase latency
log "latency: $RATE deployments/s for ${LAT_SECONDS}s over $LAT_ENVS environments"
run_load "$RESULTS/fixed-rate.txt" java "$HERE/FixedRate.java" --url "$BASE" --token-file "$TMP/token" --app "$APP" \
    --env-prefix lat- --envs "$LAT_ENVS" --rate "$RATE" --seconds "$LAT_SECONDS" \
    --db "postgresql://postgres@$PG_HOST:$PG_PORT/$DB" --wait-seconds "$LAT_WAIT" \
    || die "fixed-rate run failed; see $RESULTS/fixed-rate.txt"
fr() { sed -n "s/^$1=//p" "$RESULTS/fixed-rate.txt"; }

IFS='|' read -r LAT_TOTAL LAT_SUCCEEDED LAT_SUPERSEDED LAT_FAILED LAT_OTHER LAT_APPLIED \
    CLAIM_P50 CLAIM_P99 APPLIED_P50 APPLIED_P99 APPLIED_MAX DONE_P50 DONE_P99 DONE_MAX LAT_SPAN < <(psql_bench -c "
    SELECT count(*),
           count(*) FILTER (WHERE status = 'SUCCEEDED'),
           count(*) FILTER (WHERE status = 'SUPERSEDED'),
           count(*) FILTER (WHERE status = 'FAILED'),
           count(*) FILTER (WHERE status NOT IN ('SUCCEEDED', 'SUPERSEDED', 'FAILED')),
           count(progressing_at),
           round(1000 * percentile_cont(0.50) WITHIN GROUP (ORDER BY extract(epoch FROM applying_at - created_at))::numeric, 1),
           round(1000 * percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM applying_at - created_at))::numeric, 1),
           round(1000 * percentile_cont(0.50) WITHIN GROUP (ORDER BY extract(epoch FROM progressing_at - created_at))::numeric, 1),
           round(1000 * percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM progressing_at - created_at))::numeric, 1),
           round(1000 * max(extract(epoch FROM progressing_at - created_at)), 1),
           round(1000 * (percentile_cont(0.50) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - created_at))
                 FILTER (WHERE status = 'SUCCEEDED'))::numeric, 1),
           round(1000 * (percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - created_at))
                 FILTER (WHERE status = 'SUCCEEDED'))::numeric, 1),
           round(1000 * max(extract(epoch FROM finished_at - created_at)) FILTER (WHERE status = 'SUCCEEDED'), 1),
           round(extract(epoch FROM max(created_at) - min(created_at))::numeric, 2)
      FROM deployments WHERE application = '$APP' AND environment LIKE 'lat-%'")
LAT_VERDICT=$(awk -v p="$APPLIED_P99" -v n="$LAT_APPLIED" -v t="$LAT_TOTAL" \
    'BEGIN { print (p != "" && p <= 2000 && n == t) ? "MET" : "NOT MET" }')

# --- Summary ---------------------------------------------------------------------------------------
phase end
DISTURBED=
for ((i = 0; i + 1 < ${#PHASES[@]}; i++)); do
    read -r name from <<<"${PHASES[i]}"
    read -r _ to <<<"${PHASES[i + 1]}"
    busy=$(awk -v f="$from" -v t="$to" '$1 >= f && $1 <= t && $2 > 0 { n++ } END { print n + 0 }' "$TMP/other-load")
    ((busy == 0)) || DISTURBED+="${DISTURBED:+, }$name ($busy samples)"
done
MAX_LOAD=$(awk 'BEGIN { m = 0 } $3 > m { m = $3 } END { print m }' "$TMP/other-load")
cp "$TMP/other-load" "$RESULTS/other-load.txt"
TOTAL_S=$(($(date +%s) - STARTED_AT))
SUMMARY=$(
    cat <<EOF
==================== Slipway deployment benchmark ====================
when:      $(date -u +%Y-%m-%dT%H:%M:%SZ)   commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$( [[ -n $(git -C "$ROOT" status --porcelain -- src pom.xml 2>/dev/null) ]] && echo ' (+ uncommitted changes in src/pom.xml)')
machine:   $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -m | awk '/^Mem:/ { print $2 }') MiB RAM, load at start $(cut -d' ' -f1-3 /proc/loadavg)
java:      $(java -version 2>&1 | head -1)
postgres:  $PG_VERSION on $PG_HOST:$PG_PORT, fsync=$PG_FSYNC, synchronous_commit=$PG_SYNC_COMMIT, shared_buffers=$PG_SHARED_BUFFERS
slipway:   $RUN_JAR, started in ${STARTUP_S}s; SLIPWAY_RECONCILER_WORKERS=$WORKERS SLIPWAY_SANDBOX_ROLLOUT_DELAY=$ROLLOUT_DELAY
           QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE=${REACTIVE_MAX_SIZE:-default(32)} JAVA_OPTS=${JAVA_OPTS:-none}

1. POST deployment throughput, $CLIENTS clients, ${DURATION}s each (warm-up ${WARMUP}s), $THR_ENVS environments
   Slipway (wrk -t2):     $SLIPWAY_RPS accepted/s   ($WRK_202 x 202 of $WRK_TOTAL requests; wrk Requests/sec $WRK_RPS)
                          non-2xx: $WRK_NON2XX${WRK_OTHER:+ ($WRK_OTHER)}; socket errors: $WRK_SOCKET_ERRORS
                          latency ms: $WRK_LAT
                          rows created in the window (SQL): $THR_ROWS
   pgbench, row + job row:    $PGB_plain_TPS tps   ($PGB_plain_TX transactions, ${PGB_plain_FAILED:-0} failed, latency avg $PGB_plain_LAT ms)
   ratio Slipway/pgbench: $RATIO   (target >= 0.70: $THR_VERDICT)
$( [[ $PGBENCH_TRIGGERS == 1 ]] && printf '   context: pgbench + copy of Slipway'"'"'s event trigger (event row): %s tps (%s failed, latency avg %s ms); Slipway/that = %s' \
    "$PGB_triggers_TPS" "${PGB_triggers_FAILED:-0}" "$PGB_triggers_LAT" "$(awk -v a="$SLIPWAY_RPS" -v b="$PGB_triggers_TPS" 'BEGIN { printf "%.2f", a / b }')")
   reconciler outcome of the throughput deployments: $THR_OUTCOMES (backlog drained in ${DRAIN_S}s)

2. Accepted-to-applied latency, $RATE deployments/s for ${LAT_SECONDS}s over $LAT_ENVS environments
   sent $(fr sent) at $(fr achieved_rate)/s (max schedule lag $(fr max_schedule_lag_ms) ms); 202: $(fr accepted_202), other: $(fr other_status), errors: $(fr errors), unanswered: $(fr unanswered)
   client time to 202 (info only): p50 $(fr client_post_p50_ms) ms, p99 $(fr client_post_p99_ms) ms, max $(fr client_post_max_ms) ms
   from SQL over $LAT_TOTAL deployments created over ${LAT_SPAN}s:
     accepted -> applied   (progressing_at - created_at): p50 $APPLIED_P50 ms, p99 $APPLIED_P99 ms, max $APPLIED_MAX ms   (target p99 <= 2000 ms: $LAT_VERDICT)
     accepted -> succeeded (finished_at - created_at):    p50 $DONE_P50 ms, p99 $DONE_P99 ms, max $DONE_MAX ms
     accepted -> claimed   (applying_at - created_at):    p50 $CLAIM_P50 ms, p99 $CLAIM_P99 ms
   outcomes: SUCCEEDED $LAT_SUCCEEDED, SUPERSEDED $LAT_SUPERSEDED, FAILED $LAT_FAILED, not terminal $LAT_OTHER (all terminal after $(fr terminal_wait_s)s)

other builds/tests/JVMs (Maven, surefire, other java) seen during: ${DISTURBED:-none}; highest 1-min load average ${MAX_LOAD}
total run time ${TOTAL_S}s; raw outputs in $RESULTS
======================================================================
EOF
)
printf '%s\n' "$SUMMARY"
printf '%s\n' "$SUMMARY" >"$RESULTS/latest.txt"
cp "$RESULTS/latest.txt" "$RESULTS/run-$(date -u +%Y%m%dT%H%M%SZ).txt"
