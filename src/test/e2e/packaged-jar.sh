#!/usr/bin/env bash
# End-to-end check of the packaged jar as production runs it: an external PostgreSQL and a
# standard OIDC issuer (discovery document + JWKS, served here by a throwaway local issuer whose
# RSA key signs the test tokens), configured only through the usual QUARKUS_* variables.
# Usage: src/test/e2e/packaged-jar.sh   (after ./mvnw package; needs openssl, python3, psql)
set -euo pipefail
cd "$(dirname "$0")/../../.."

JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw package first" >&2; exit 2; }
WORK=$(mktemp -d)
APP_PORT=${APP_PORT:-18181}
ISSUER_PORT=${ISSUER_PORT:-18182}
DB=${E2E_DATABASE:-slipway_e2e}
NOSANDBOX_DB=${E2E_DATABASE:-slipway_e2e}_nosandbox
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# shellcheck source=lib-issuer.sh
. src/test/e2e/lib-issuer.sh

fresh_database() { # fresh_database NAME
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1 OWNER slipway" 2>/dev/null \
    || { runuser -u postgres -- psql -q -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1 OWNER slipway"; }
}
sql() { # sql DATABASE STATEMENT -> prints the result, unaligned
  psql -w -tA -h 127.0.0.1 -U slipway -d "$1" -c "$2" 2>/dev/null || PGPASSWORD=slipway psql -tA -h 127.0.0.1 -U slipway -d "$1" -c "$2"
}
echo "== databases $DB and $NOSANDBOX_DB on 127.0.0.1:5432"
fresh_database "$DB"
fresh_database "$NOSANDBOX_DB"

echo "== a local OIDC issuer"
start_issuer

failures=0
checks=0
check() { # check DESCRIPTION EXPECTED_STATUS curl-args...
  local what=$1 expected=$2; shift 2
  local status
  checks=$((checks + 1))
  status=$(curl -s -o "$WORK/body" -w '%{http_code}' "$@")
  if [ "$status" = "$expected" ]; then echo "ok   $what ($status)"; else echo "FAIL $what: $status, expected $expected: $(head -c 300 "$WORK/body")"; failures=$((failures + 1)); fi
}
verify() { # verify DESCRIPTION COMMAND...: a check that is not an HTTP status
  local what=$1; shift
  checks=$((checks + 1))
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}
wait_ready() { # wait_ready PID LOG: until the jar answers ready, or fail the script
  for _ in $(seq 1 90); do
    curl -sf "http://127.0.0.1:$APP_PORT/q/health/ready" >/dev/null && return 0
    kill -0 "$1" 2>/dev/null || break
    sleep 1
  done
  tail -50 "$2"; echo "FAIL: not ready" >&2; exit 1
}
stop() { # stop PID
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
start_jar() { # start_jar DATABASE LOG [NAME=VALUE...]: the jar on $APP_PORT, configured by variables only; its pid in $jar
  local database=$1 log=$2; shift 2
  env QUARKUS_HTTP_PORT="$APP_PORT" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:5432/$database" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$database" \
    QUARKUS_DATASOURCE_USERNAME=slipway QUARKUS_DATASOURCE_PASSWORD=slipway \
    QUARKUS_OIDC_AUTH_SERVER_URL="$ISSUER" QUARKUS_OIDC_CLIENT_ID=slipway QUARKUS_OIDC_TOKEN_AUDIENCE=slipway \
    "$@" java -jar "$JAR" > "$log" 2>&1 &
  jar=$!
  pids+=("$jar")
  wait_ready "$jar" "$log"
}
first_deployment() { # first_deployment ENVIRONMENT_JSON: app e2e-app, that environment (named dev), nginx deployed and awaited
  check "developer creates an application" 201 -H "Authorization: Bearer $DEV" -H 'Content-Type: application/json' \
    -d '{"name": "e2e-app", "ownerGroup": "team-e2e"}' "$BASE/applications"
  check "developer creates an environment" 201 -H "Authorization: Bearer $DEV" -H 'Content-Type: application/json' \
    -d "$1" "$BASE/applications/e2e-app/environments"
  check "developer deploys" 202 -H "Authorization: Bearer $DEV" -H 'Content-Type: application/json' \
    -d '{"spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}' "$BASE/applications/e2e-app/environments/dev/deployments"
  local id
  id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/body")
  check "the deployment ends" 200 -H "Authorization: Bearer $DEV" \
    "$BASE/applications/e2e-app/environments/dev/deployments/$id?waitFor=terminal&timeout=60s"
}
BASE="http://127.0.0.1:$APP_PORT/api/v1"
ADMIN=$(token e2e-admin '["slipway-admins"]')
DEV=$(token e2e-dev '["team-e2e"]')

echo "== without a datasource the jar refuses to start, in one line"
started=$(date +%s)
status=0
(cd "$WORK" && env -u QUARKUS_DATASOURCE_REACTIVE_URL -u QUARKUS_DATASOURCE_JDBC_URL -u QUARKUS_DATASOURCE_USERNAME \
  -u QUARKUS_DATASOURCE_PASSWORD -u SLIPWAY_EMBEDDED_STORE_ENABLED QUARKUS_HTTP_PORT=$APP_PORT \
  timeout 60 java -jar "$OLDPWD/$JAR" > "$WORK/refused.log" 2>&1) || status=$?
elapsed=$(($(date +%s) - started))
printed=$(grep -v 'Picked up JDK_JAVA_OPTIONS\|Picked up JAVA_TOOL_OPTIONS' "$WORK/refused.log" || true)
verify "exits with a failure status ($status) within seconds (${elapsed}s)" test "$status" != 0 -a "$status" != 124 -a "$elapsed" -le 45
verify "prints one line saying what to set" test "$(printf '%s\n' "$printed" | wc -l)" = 1 -a \
  -n "$(printf '%s' "$printed" | grep 'QUARKUS_DATASOURCE_REACTIVE_URL.*QUARKUS_DATASOURCE_JDBC_URL.*slipway.embedded-store.enabled=true')"
[ "$failures" = 0 ] || cat "$WORK/refused.log"
verify "starts no embedded PostgreSQL" test ! -e "$WORK/.slipway"

echo "== with a datasource but without SLIPWAY_SANDBOX_ENABLED, as in a pod: no sandbox, the cluster it runs in"
# What the kubelet gives every pod: the API service host and a mounted service account token.
echo "e2e-service-account-token" > "$WORK/sa-token"
start_jar "$NOSANDBOX_DB" "$WORK/nosandbox.log" KUBERNETES_SERVICE_HOST=127.0.0.1 \
  SLIPWAY_CLUSTERS_IN_CLUSTER_TOKEN_FILE="$WORK/sa-token"
check "admin lists clusters" 200 -H "Authorization: Bearer $ADMIN" "$BASE/clusters"
verify "no cluster named sandbox is registered" python3 -c 'import json,sys; sys.exit(any(c["name"] == "sandbox" for c in json.load(open(sys.argv[1]))["items"]))' "$WORK/body"
verify "the cluster it runs in is registered as the default, and only it" python3 -c 'import json,sys
sys.exit([(c["name"], c["kind"], c["default"]) for c in json.load(open(sys.argv[1]))["items"]] != [("in-cluster", "IN_CLUSTER", True)])' "$WORK/body"
# Production serves the documented API, health, metrics and the contract; no development consoles.
for route in /q/dev-ui /q/dev /q/swagger-ui /q/swagger-ui/index.html /q/arc /q/dev-v1; do
  check "no $route in production" 404 "http://127.0.0.1:$APP_PORT$route"
done
for route in /q/health/ready /q/health/started /q/metrics /q/openapi; do
  check "$route answers" 200 "http://127.0.0.1:$APP_PORT$route"
done
verify "no sandbox started" test -z "$(grep 'Sandbox enabled' "$WORK/nosandbox.log")"
# A SANDBOX cluster left in a database (say, from a demo) is an unavailable cluster here.
sql "$NOSANDBOX_DB" "INSERT INTO clusters (id, name, kind, created_at, created_by, updated_at, version)
  VALUES ('00000000-0000-4000-8000-0000000000e2', 'sandbox', 'SANDBOX', now(), 'e2e', now(), 0)" >/dev/null
first_deployment '{"name": "dev", "type": "development", "cluster": "sandbox"}'
verify "the deployment failed as on an unavailable cluster, naming the switch" python3 -c 'import json,sys; d = json.load(open(sys.argv[1]))
sys.exit(not (d["status"] == "FAILED" and d["statusReason"] == "ClusterUnavailable" and "slipway.sandbox.enabled=true" in d["statusMessage"]))' "$WORK/body"
stop "$jar"

echo "== the packaged jar, configured only by QUARKUS_* variables (and the sandbox switched on)"
start_jar "$DB" "$WORK/app.log" SLIPWAY_SECRETS_KEYS_E2E="$(openssl rand -base64 32)" SLIPWAY_SANDBOX_ENABLED=true
grep -q "embedded PostgreSQL" "$WORK/app.log" && { echo "FAIL: used the embedded store despite QUARKUS_DATASOURCE_*" >&2; exit 1; }
verify "the log warns that deployments go to the simulated sandbox" grep -q "WARN.*Sandbox enabled.*simulated" "$WORK/app.log"
verify "the log is production's JSON: one object a line" python3 -c 'import json,sys
lines = [line for line in open(sys.argv[1]) if line.strip() and not line.startswith("Picked up ")]
def is_object(line):
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False
sys.exit(not lines or not all(is_object(line) for line in lines))' "$WORK/app.log"

check "no token is 401" 401 "$BASE/applications"
check "a forged token is 401" 401 -H "Authorization: Bearer ${DEV%.*}.AAAA" "$BASE/applications"
check "admin lists clusters" 200 -H "Authorization: Bearer $ADMIN" "$BASE/clusters"
first_deployment '{"name": "dev", "type": "development"}'
verify "the deployment succeeded on the sandbox, the development type's default" grep -q '"status":"SUCCEEDED"' "$WORK/body"
rows=$(sql "$DB" "SELECT count(*) FROM applications WHERE name = 'e2e-app'")
[ "$rows" = "1" ] && echo "ok   the external database holds the application" || { echo "FAIL external database: $rows"; failures=$((failures + 1)); }
checks=$((checks + 1))

SECRET="e2e-secret-$RANDOM$RANDOM"
check "developer sets configuration with a secret (key from SLIPWAY_SECRETS_KEYS_E2E)" 200 -X PATCH \
  -H "Authorization: Bearer $DEV" -H 'Content-Type: application/json' \
  -d '{"changes": [{"name": "GREETING", "value": "hello"}, {"name": "DB_PASSWORD", "secret": "'"$SECRET"'"}]}' \
  "$BASE/applications/e2e-app/config"
check "developer deploys the configuration alone" 202 -H "Authorization: Bearer $DEV" -H 'Content-Type: application/json' \
  -d '{"configOnly": true}' "$BASE/applications/e2e-app/environments/dev/deployments"
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/body")
check "the configuration deployment succeeds" 200 -H "Authorization: Bearer $DEV" \
  "$BASE/applications/e2e-app/environments/dev/deployments/$id?waitFor=terminal&timeout=60s"
grep -q '"status":"SUCCEEDED"' "$WORK/body" && grep -q '"configRevision":1' "$WORK/body" \
  || { echo "FAIL configuration deployment: $(cat "$WORK/body")"; failures=$((failures + 1)); }
checks=$((checks + 1))
check "the effective configuration shows the secret's state, not its value" 200 -H "Authorization: Bearer $DEV" \
  "$BASE/applications/e2e-app/environments/dev/config"
if grep -q "$SECRET" "$WORK/body" "$WORK/app.log"; then echo "FAIL the secret value leaked"; failures=$((failures + 1)); fi
checks=$((checks + 1))

printf 'apiVersion: score.dev/v1b1\nmetadata:\n  name: e2e-web\ncontainers:\n  web:\n    image: nginx:1.27\nservice:\n  ports:\n    http: {port: 80}\n' \
  > "$WORK/score.yaml"
check "developer deploys a Score workload (the Score schema loads from the jar)" 202 -H "Authorization: Bearer $DEV" \
  -H 'Content-Type: application/vnd.score+yaml' --data-binary @"$WORK/score.yaml" "$BASE/applications/e2e-app/environments/dev/deployments"
check "a Score workload without containers is 400" 400 -H "Authorization: Bearer $DEV" \
  -H 'Content-Type: application/vnd.score+yaml' --data-binary 'apiVersion: score.dev/v1b1' "$BASE/applications/e2e-app/environments/dev/deployments"

echo "== SIGTERM, as Kubernetes stops a pod: a graceful stop within its grace period"
started=$(date +%s)
stop "$jar"
elapsed=$(($(date +%s) - started))
verify "stops within 30 s, the pod's terminationGracePeriodSeconds (${elapsed}s)" test "$elapsed" -le 30
verify "the reconciler says what it gave back to the other replicas" \
  grep -q 'deployment reconciler [^ ]* stopped: [0-9]* job(s) given back' "$WORK/app.log"

echo "$((checks - failures)) passed, $failures failed"
[ "$failures" = 0 ]
