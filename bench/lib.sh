# Shared by the benchmarks in bench/*/run.sh: logging, process control, the watchdog, the
# sampler of other load on the machine, and load runs. Sourced after the caller has set RESULTS,
# TMP and HARNESS_PATTERN (the name of its own load generator, which the sampler does not count).
mkdir -p "$RESULTS"
SLIPWAY_PID= WATCHDOG_PID= LOAD_PID= SAMPLER_PID=

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

stop_pid() { # pid [seconds before SIGKILL]
    local pid=$1 grace=${2:-10}
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_pid "$LOAD_PID" 3
    stop_pid "$SLIPWAY_PID" 20
    stop_pid "$SAMPLER_PID" 1
    if [[ -n $WATCHDOG_PID ]]; then
        pkill -TERM -P "$WATCHDOG_PID" 2>/dev/null || true   # its sleep
        kill -TERM "$WATCHDOG_PID" 2>/dev/null || true
    fi
    rm -rf "$TMP"
    ((rc == 0)) || log "failed (exit $rc); logs in $RESULTS"
    exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "stopped (time limit ${MAX_SECONDS}s or SIGTERM)"; exit 143' TERM

# Bounds the whole run: the watchdog SIGTERMs this script, whose trap stops everything.
bash -c 'sleep "$1" && kill -TERM "$2"' watchdog "$MAX_SECONDS" $$ 2>/dev/null &
WATCHDOG_PID=$!
disown "$WATCHDOG_PID"

# Notes every 2 s whether other builds/tests/JVMs are running, so that a disturbed run says so.
(
    set +e +o pipefail
    while :; do
        ours=$(cat "$TMP/slipway.pid" 2>/dev/null || true)
        others=$( (pgrep -f surefire; pgrep -f 'maven'; pgrep -x java | grep -vx "${ours:-0}") | sort -u \
            | while read -r pid; do grep -qs "$HARNESS_PATTERN" "/proc/$pid/cmdline" || echo "$pid"; done | wc -l)
        printf '%s %s %s\n' "$(date +%s)" "$others" "$(cut -d' ' -f1 /proc/loadavg)"
        sleep 2
    done
) >"$TMP/other-load" 2>/dev/null &
SAMPLER_PID=$!
PHASES=()
phase() { PHASES+=("$1 $(date +%s)"); } # name; marks the start of a phase (and the end of the previous one)

# Runs a load tool in the background and waits for it, so that a signal is handled at once.
run_load() { # outfile cmd...
    local out=$1
    shift
    "$@" >"$out" 2>&1 &
    LOAD_PID=$!
    local rc=0
    wait "$LOAD_PID" || rc=$?
    LOAD_PID=
    return "$rc"
}

# An RS256 JWT (platform admin) signed with a throw-away key that Slipway verifies locally through
# QUARKUS_OIDC_PUBLIC_KEY: sets PUBLIC_KEY and TOKEN and writes the token to $TMP/token. Needs ISSUER; the audience is the prod profile's (quarkus.oidc.token.audience=slipway).
mint_admin_token() {
    b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$TMP/key.pem" 2>/dev/null
    PUBLIC_KEY=$(openssl pkey -in "$TMP/key.pem" -pubout -outform DER | base64 -w0)
    now=$(date +%s)
    jwt_header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
    jwt_claims=$(printf '{"iss":"%s","aud":"slipway","sub":"bench-runner","preferred_username":"bench","groups":["slipway-admins"],"iat":%d,"exp":%d}' \
        "$ISSUER" "$now" $((now + 3600)) | b64url)
    jwt_signature=$(printf '%s.%s' "$jwt_header" "$jwt_claims" | openssl dgst -sha256 -sign "$TMP/key.pem" -binary | b64url)
    TOKEN=$jwt_header.$jwt_claims.$jwt_signature
    printf '%s\n' "$TOKEN" >"$TMP/token"
}

# The first free port from $PORT on (20 tried): sets PORT and BASE.
pick_port() {
    port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
    for ((p = PORT; p < PORT + 20; p++)); do
        if port_free "$p"; then PORT=$p; break; fi
    done
    port_free "$PORT" || die "no free port in $PORT..$((PORT + 19))"
    BASE=http://127.0.0.1:$PORT
}
