#!/usr/bin/env bash
# gRPC vs REST benchmark: the same read and the same deployment create over both protocols with
# one harness, then 1,000 concurrent deployment watchers (gRPC streams, and SSE for comparison).
# How to run it and read it: bench/README.md. Everything stays on 127.0.0.1.
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RESULTS=$HERE/results

# --- Knobs (environment variables) ----------------------------------------------------------------
DURATION=${DURATION:-15}            # measured seconds per protocol and operation (split in two halves, order A B B A)
WARMUP=${WARMUP:-15}                # warm-up seconds per protocol and operation (not counted; on 2 cores the JIT needs it)
CONCURRENCY=${CONCURRENCY:-32}      # calls in flight, both protocols
ORDER=${ORDER:-abba}                # abba: halves gRPC, REST, gRPC/N, gRPC/N, REST, gRPC; ab: one full run each
GRPC_CHANNELS=${GRPC_CHANNELS:-1}   # gRPC channels (HTTP/2 connections) the 32 unary callers share; REST uses one connection per caller
GRPC_ALT_CHANNELS=${GRPC_ALT_CHANNELS:-4} # context: one more gRPC run per operation over this many channels (0: skip)
THR_ENVS=${THR_ENVS:-4}             # environments the create calls go to (round-robin)
WATCHERS=${WATCHERS:-1000}          # concurrent watchers
WATCH_CHANNELS=${WATCH_CHANNELS:-20} # gRPC channels the watch streams are spread over
EVENTS=${EVENTS:-10}                # measured deployments (each writes PENDING, APPLYING, PROGRESSING, SUCCEEDED)
EVENT_GAP_MS=${EVENT_GAP_MS:-2000}  # between measured deployments
WATCH_ENVS=${WATCH_ENVS:-10}        # environments the measured deployments go to (one each: nothing superseded)
SSE=${SSE:-1}                       # 1: also measure the same number of SSE watchers on /api/v1/events
WORKERS=${WORKERS:-8}               # SLIPWAY_RECONCILER_WORKERS (as bench/deployments)
ROLLOUT_DELAY=${ROLLOUT_DELAY:-50ms} # SLIPWAY_SANDBOX_ROLLOUT_DELAY (as bench/deployments)
JAVA_OPTS=${JAVA_OPTS:-}            # extra JVM options for Slipway
HARNESS_OPTS=${HARNESS_OPTS:--Xmx1g} # JVM options of the harness
PORT=${PORT:-18110}                 # first port tried for Slipway
MAX_SECONDS=${MAX_SECONDS:-355}     # hard limit for the whole run, build included
SLIPWAY_APP=${SLIPWAY_APP:-}        # an already built quarkus-app directory: skips the build check
PG_HOST=127.0.0.1
PG_PORT=5432
DB=slipway_bench_grpc
APP=bench
WATCH_APP=watch
ISSUER=https://slipway-bench.local

# One benchmark at a time on this machine (shared with bench/deployments/run.sh).
exec 9>/tmp/slipway-bench.lock
if ! flock -n 9; then
    echo "[bench] another Slipway benchmark is running on this machine (lock /tmp/slipway-bench.lock); try again later" >&2
    exit 1
fi

STARTED_AT=$(date +%s)
TMP=$(mktemp -d /tmp/slipway-bench-grpc.XXXXXX)
HARNESS_PATTERN=GrpcBench
# shellcheck source=../lib.sh
source "$HERE/../lib.sh"

# --- Tools ------------------------------------------------------------------------------------------
for tool in java javac psql openssl curl base64 flock; do
    command -v "$tool" >/dev/null || die "$tool is required"
done
psql_admin() { psql -XAtq -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U postgres "$@"; }
psql_bench() { psql_admin -d "$DB" "$@"; }
psql_admin -d postgres -c 'SELECT 1' >/dev/null || die "PostgreSQL on $PG_HOST:$PG_PORT does not accept user postgres"

# --- Build (only when the packaged app is missing or older than its sources) -------------------------
maven_busy() { pgrep -f "maven.multiModuleProjectDirectory=$ROOT( |$)" >/dev/null; }
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
        maven_busy && die "the jar needs a build ($stale) but another Maven build of $ROOT is running; wait for it, or pass SLIPWAY_APP"
        log "building Slipway (jar ${stale:+stale: $stale})"
        (cd "$ROOT" && ./mvnw -B -o -q package -DskipTests) >"$RESULTS/build.log" 2>&1 \
            || die "build failed; see $RESULTS/build.log"
        touch "$RUN_JAR"
    fi
    STUBS_FROM=$ROOT/target/classes/dev/slipway/grpc
else
    STUBS_FROM=
fi
RUN_JAR=$SLIPWAY_APP/quarkus-run.jar
[[ -f $RUN_JAR ]] || die "no $RUN_JAR"
# Run from a private copy, so a rebuild during the run cannot pull the jars from under the JVM.
cp -r "$SLIPWAY_APP" "$TMP/app"

# --- Harness: compiled against the generated stubs and the project's runtime classpath ----------------
# The classpath comes from Maven (runtime scope) and is cached in results/ until pom.xml changes.
CP_FILE=$RESULTS/classpath.txt
if [[ ! -s $CP_FILE || $ROOT/pom.xml -nt $CP_FILE ]]; then
    log "resolving the runtime classpath (mvn dependency:build-classpath)"
    (cd "$ROOT" && ./mvnw -B -q -o dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$TMP/cp.txt") \
        >"$RESULTS/classpath.log" 2>&1 || die "could not resolve the classpath; see $RESULTS/classpath.log"
    mv "$TMP/cp.txt" "$CP_FILE"
fi
# Only what a plain gRPC client needs: io.grpc (grpc-netty is a dependency of quarkus-grpc), Netty, protobuf, Guava.
HARNESS_CP=$(tr ':' '\n' <"$CP_FILE" | grep -E '/(io/grpc|io/netty|com/google|io/perfmark)/' | paste -sd:)
grep -q '/grpc-netty-[0-9]' <<<"$HARNESS_CP" || grep -q '/grpc-netty-shaded-' <<<"$HARNESS_CP" \
    || die "no gRPC Netty transport on the runtime classpath (add io.grpc:grpc-netty-shaded at the grpc-api version with dependency:get)"
GRPC_VERSION=$(sed -n 's#.*/grpc-api/\([^/]*\)/.*#\1#p' <<<"${HARNESS_CP//:/$'\n'}" | head -1)
mkdir -p "$TMP/stubs/dev/slipway" "$TMP/harness"
if [[ -n $STUBS_FROM && -d $STUBS_FROM ]]; then
    cp -r "$STUBS_FROM" "$TMP/stubs/dev/slipway/"
else # from the packaged application jar
    (cd "$TMP/stubs" && unzip -q -o "$TMP"/app/app/*.jar 'dev/slipway/grpc/*') || die "no generated gRPC stubs found"
fi
javac -nowarn -cp "$TMP/stubs:$HARNESS_CP" -d "$TMP/harness" "$HERE/GrpcBench.java" >"$RESULTS/javac.log" 2>&1 \
    || die "compiling GrpcBench.java failed; see $RESULTS/javac.log"
harness() { java $HARNESS_OPTS -cp "$TMP/harness:$TMP/stubs:$HARNESS_CP" GrpcBench "$@"; }

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

create_app() {
    local status
    status=$(api POST /api/v1/applications "{\"name\": \"$1\", \"ownerGroup\": \"slipway-admins\", \"displayName\": \"Benchmark $1\"}")
    [[ $status == 201 ]] || die "creating application $1 answered $status: $(head -c 500 "$TMP/body")"
}
create_env() { # app env
    local status
    status=$(api POST "/api/v1/applications/$1/environments" "{\"name\": \"$2\", \"type\": \"development\"}")
    [[ $status == 201 ]] || die "creating environment $1/$2 answered $status: $(head -c 500 "$TMP/body")"
}
log "creating applications $APP ($THR_ENVS environments) and $WATCH_APP ($WATCH_ENVS + probe)"
create_app "$APP"
for ((i = 1; i <= THR_ENVS; i++)); do create_env "$APP" "thr-$i"; done
create_app "$WATCH_APP"
for ((i = 1; i <= WATCH_ENVS; i++)); do create_env "$WATCH_APP" "w-$i"; done
create_env "$WATCH_APP" probe

# --- 1. Unary: the same read and the same create, gRPC and REST ---------------------------------------
phase unary
log "unary: warm-up ${WARMUP}s x 4, then ${DURATION}s per protocol and operation ($ORDER), $CONCURRENCY in flight"
run_load "$RESULTS/unary.txt" harness unary --port "$PORT" --token-file "$TMP/token" --app "$APP" --env-prefix thr- \
    --envs "$THR_ENVS" --concurrency "$CONCURRENCY" --seconds "$DURATION" --warmup "$WARMUP" \
    --grpc-channels "$GRPC_CHANNELS" --order "$ORDER" --alt-channels "$GRPC_ALT_CHANNELS" --server-pid "$SLIPWAY_PID" \
    || die "unary run failed; see $RESULTS/unary.txt"
u() { sed -n "s/^$1=//p" "$RESULTS/unary.txt" | tail -1; }

log "waiting for the create backlog to drain"
drain_start=$(date +%s)
while :; do
    left=$(psql_bench -c "SELECT count(*) FROM deployments WHERE application = '$APP' AND status IN ('PENDING', 'APPLYING', 'PROGRESSING')")
    ((left == 0)) && break
    (($(date +%s) - drain_start < 60)) || die "create backlog did not drain in 60 s ($left left)"
    sleep 0.5
done
DRAIN_S=$(($(date +%s) - drain_start))
CREATE_OUTCOMES=$(psql_bench -c "SELECT string_agg(status || ' ' || n, ', ' ORDER BY status) FROM (
    SELECT status, count(*) AS n FROM deployments WHERE application = '$APP' GROUP BY status) s")

# --- 2. Watchers ------------------------------------------------------------------------------------
run_watch() { # proto
    phase "watch-$1"
    log "watch ($1): $WATCHERS watchers, $EVENTS deployments ${EVENT_GAP_MS} ms apart"
    run_load "$RESULTS/watch-$1.txt" harness watch --proto "$1" --port "$PORT" --token-file "$TMP/token" \
        --app "$WATCH_APP" --env-prefix w- --envs "$WATCH_ENVS" --watchers "$WATCHERS" --channels "$WATCH_CHANNELS" \
        --events "$EVENTS" --gap-ms "$EVENT_GAP_MS" --server-pid "$SLIPWAY_PID" --db "postgresql://postgres@$PG_HOST:$PG_PORT/$DB" \
        || die "watch run ($1) failed; see $RESULTS/watch-$1.txt"
}
run_watch grpc
[[ $SSE != 1 ]] || run_watch sse
w() { sed -n "s/^$1_$2=//p" "$RESULTS/watch-$1.txt" | tail -1; }
per_event() { sed -n "/^$1_per_event_begin=/,/^$1_per_event_end=/p" "$RESULTS/watch-$1.txt" | sed '1d;$d'; }
WATCH_OUTCOMES=$(psql_bench -c "SELECT string_agg(status || ' ' || n, ', ' ORDER BY status) FROM (
    SELECT status, count(*) AS n FROM deployments WHERE application = '$WATCH_APP' GROUP BY status) s")

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
verdict_ratio() { awk -v r="$1" 'BEGIN { print (r != "" && r >= 1.0) ? "MET" : "NOT MET" }'; }
verdict_watch() { # proto
    awk -v p="$(w "$1" latency_p99_ms)" -v m="$(w "$1" pairs_missing)" -v e="$(w "$1" watchers_established)" -v n="$WATCHERS" \
        'BEGIN { print (p != "" && p != "NaN" && p + 0 <= 100 && m == 0 && e == n) ? "MET" : "NOT MET" }'
}
unary_line() { # op proto label
    [[ -n $(u "${1}_${2}_rps") ]] || { echo @@DROP@@; return 0; }
    printf '   %-8s %8s/s   p50 %7s ms   p99 %7s ms   max %7s ms   ok %s, errors %s (%s)\n' "$3" "$(u "${1}_${2}_rps")" \
        "$(u "${1}_${2}_p50_ms")" "$(u "${1}_${2}_p99_ms")" "$(u "${1}_${2}_max_ms")" "$(u "${1}_${2}_ok")" "$(u "${1}_${2}_errors")" "$(u "${1}_${2}_error_kinds")"
    printf '            CPU: %s' "$(u "${1}_${2}_cpu")"
}
watch_block() { # proto label
    cat <<EOF
   $2: $(w "$1" watchers_established)/$WATCHERS established (every one received a probe event) $(w "$1" established_after_s)s after the first open, $(w "$1" probes) probe deployment(s)
     events: $(w "$1" deployments) deployments -> $(w "$1" expected_events_per_watcher) events per watcher expected; received per watcher min $(w "$1" received_per_watcher_min), max $(w "$1" received_per_watcher_max); watchers with all: $(w "$1" watchers_complete)/$WATCHERS
     (watcher, event) pairs: $(w "$1" pairs_received) of $(w "$1" pairs_expected) received, missing $(w "$1" pairs_missing), duplicates $(w "$1" duplicates); watchers ended early $(w "$1" watchers_closed_early), with errors $(w "$1" watchers_errored) (first: $(w "$1" first_error))
     latency (receive - created_at): p50 $(w "$1" latency_p50_ms) ms, p90 $(w "$1" latency_p90_ms) ms, p99 $(w "$1" latency_p99_ms) ms, max $(w "$1" latency_max_ms) ms   (target p99 <= 100 ms, none missing: $(verdict_watch "$1"))
     CPU $(w "$1" cpu)
     per event over the watchers (first = pipeline to the first watcher, last - first = fan-out):
$(per_event "$1")
EOF
}
TOTAL_S=$(($(date +%s) - STARTED_AT))
SUMMARY=$(
    cat <<EOF
==================== Slipway gRPC vs REST benchmark ====================
when:      $(date -u +%Y-%m-%dT%H:%M:%SZ)   commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$( [[ -n $(git -C "$ROOT" status --porcelain -- src pom.xml 2>/dev/null) ]] && echo ' (+ uncommitted changes in src/pom.xml)')
machine:   $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -m | awk '/^Mem:/ { print $2 }') MiB RAM, load at start $(head -1 "$TMP/other-load" | cut -d' ' -f3)
java:      $(java -version 2>&1 | head -1)
postgres:  $PG_VERSION on $PG_HOST:$PG_PORT, fsync=$PG_FSYNC, synchronous_commit=$PG_SYNC_COMMIT
slipway:   $RUN_JAR, started in ${STARTUP_S}s; SLIPWAY_RECONCILER_WORKERS=$WORKERS SLIPWAY_SANDBOX_ROLLOUT_DELAY=$ROLLOUT_DELAY JAVA_OPTS=${JAVA_OPTS:-none}
harness:   bench/grpc/GrpcBench.java in one JVM ($HARNESS_OPTS) on the same 2 cores; grpc-java $GRPC_VERSION (Netty, blocking stubs) and
           java.net.http.HttpClient (HTTP/1.1); $CONCURRENCY closed-loop caller threads; gRPC: $GRPC_CHANNELS channel(s), REST: one connection per caller

1. Unary, $CONCURRENCY in flight, ${DURATION}s per protocol (two halves each, order ${ORDER}), after ${WARMUP}s warm-up per protocol
$( ((GRPC_ALT_CHANNELS > 0)) || echo @@DROP@@)   gRPC/${GRPC_ALT_CHANNELS}ch = the same gRPC calls spread over $GRPC_ALT_CHANNELS channels (context, not in the ratio); halves in order gRPC, REST, gRPC/${GRPC_ALT_CHANNELS}ch, then reversed
   GetApplication / GET /api/v1/applications/$APP
$(unary_line read grpc gRPC)
$(unary_line read rest REST)
$( ((GRPC_ALT_CHANNELS > 0)) && unary_line read grpcalt "gRPC/${GRPC_ALT_CHANNELS}ch" || echo @@DROP@@)
   ratio gRPC/REST: $(u read_ratio)   (target >= 1.0: $(verdict_ratio "$(u read_ratio)"))
   CreateDeployment / POST .../environments/thr-{1..$THR_ENVS}/deployments (small valid spec; 202 / OK counted)
$(unary_line create grpc gRPC)
$(unary_line create rest REST)
$( ((GRPC_ALT_CHANNELS > 0)) && unary_line create grpcalt "gRPC/${GRPC_ALT_CHANNELS}ch" || echo @@DROP@@)
   ratio gRPC/REST: $(u create_ratio)   (target >= 1.0: $(verdict_ratio "$(u create_ratio)"))
   halves: read $(sed -n 's/^segment_read_\([a-z]*\)=ok [0-9]* errors [0-9]* \(.*\)/\1 \2/p' "$RESULTS/unary.txt" | paste -sd, | sed 's/,/, /g')
           create $(sed -n 's/^segment_create_\([a-z]*\)=ok [0-9]* errors [0-9]* \(.*\)/\1 \2/p' "$RESULTS/unary.txt" | paste -sd, | sed 's/,/, /g')
   reconciler outcome of the created deployments: $CREATE_OUTCOMES (backlog drained in ${DRAIN_S}s)

2. $WATCHERS concurrent watchers of application $WATCH_APP; $EVENTS deployments ${EVENT_GAP_MS} ms apart over $WATCH_ENVS environments
   latency = watcher's receive time - event created_at (clock_timestamp() of the status change, read from PostgreSQL); same machine clock
$(watch_block grpc "gRPC WatchDeployments, $WATCH_CHANNELS channels x $((WATCHERS / WATCH_CHANNELS)) streams")
$( [[ $SSE == 1 ]] && watch_block sse "SSE GET /api/v1/events?application=$WATCH_APP, one HTTP/1.1 connection each (context)" || echo @@DROP@@)
   deployments of $WATCH_APP: $WATCH_OUTCOMES

other builds/tests/JVMs (Maven, surefire, other java) seen during: ${DISTURBED:-none}; highest 1-min load average ${MAX_LOAD}
total run time ${TOTAL_S}s; raw outputs in $RESULTS
========================================================================
EOF
)
SUMMARY=$(sed '/@@DROP@@/d' <<<"$SUMMARY")
printf '%s\n' "$SUMMARY"
printf '%s\n' "$SUMMARY" >"$RESULTS/latest.txt"
cp "$RESULTS/latest.txt" "$RESULTS/run-$(date -u +%Y%m%dT%H%M%SZ).txt"
