#!/usr/bin/env bash
# End-to-end check of the clients against the packaged jar and a real Keycloak (started as in
# keycloak.sh, through lib-keycloak.sh; real PostgreSQL, sandbox cluster):
#   (a) the Java SDK: clients/java/examples/SdkFlow.java (create, configure, deploy and wait, watch
#       events, roll back, check permissions), run with the SDK jar on the class path;
#   (b) the slipway CLI: the same flow through commands, checking outputs and exit codes (refused,
#       failed, unreachable, not logged in);
#   (c) `slipway login` (device authorization grant) approved by a scripted, browserless login to
#       Keycloak (device_approve.py), then commands on the cached token, and its refresh;
#   (d) if clients/typescript/test/flow.mjs exists: node runs it with SLIPWAY_URL, SLIPWAY_TOKEN (an
#       owner of team-shop) and SLIPWAY_ADMIN_TOKEN, and must exit 0.
# One PASS/FAIL line per check; exits non-zero on any failure.
#
# Usage: src/test/e2e/clients.sh   (after ./mvnw package and cd clients && ../mvnw package;
#                                   needs java 17, curl, python3, psql; node for (d))
set -euo pipefail
cd "$(dirname "$0")/../../.."

DB=slipway_e2e_clients_$$
WORK=$(mktemp -d)
source src/test/e2e/lib-keycloak.sh
CLI=clients/cli/slipway
SDK_JAR=clients/java/target/slipway-client-java-0.1.0-SNAPSHOT.jar
for built in "$JAR" "$SDK_JAR" clients/cli/target/slipway-cli.jar; do
  [ -f "$built" ] || { echo "missing $built: run ./mvnw package and (cd clients && ../mvnw -B package) first" >&2; exit 2; }
done

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  [ -n "${LOGIN_PID:-}" ] && kill "$LOGIN_PID" 2>/dev/null
  [ -n "${SDK_PID:-}" ] && kill "$SDK_PID" 2>/dev/null
  kc_cleanup
  if [ "$status" != 0 ] && [ -n "${KEEP_LOGS:-}" ]; then echo "logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

started=$(date +%s)
# Slipway starts while Keycloak does (its OIDC set-up retries until the issuer answers), saving a start-up's wait.
launch_keycloak
start_slipway "$DB"
await_keycloak

passed=0 failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

declare -A TOKEN
for user in alice dana eve; do
  TOKEN[$user]=$(password_token "$user")
  [ -n "${TOKEN[$user]}" ] || { echo "FAIL no token for $user: $(head -c 300 "$WORK/token.json")" >&2; exit 1; }
done

# --- (a) the Java SDK ---------------------------------------------------------------------------

echo "== (a) the Java SDK (clients/java/examples/SdkFlow.java), beside (b); its results follow (c)"
(cd clients/java && ../../mvnw -o -q -B dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/sdk.classpath" > "$WORK/mvn-cp.log" 2>&1) \
  || { cat "$WORK/mvn-cp.log"; echo "FAIL cannot compute the SDK's class path" >&2; exit 1; }
# It works on an application of its own, so it runs while the CLI's flow does (both mostly wait for rollouts).
( SLIPWAY_URL=$BASE_URL SLIPWAY_ISSUER=$ISSUER SLIPWAY_ADMIN_TOKEN=${TOKEN[alice]} SLIPWAY_TOKEN=${TOKEN[dana]} \
  SLIPWAY_OUTSIDER_TOKEN=${TOKEN[eve]} SLIPWAY_CLIENT_ID=slipway-ci SLIPWAY_CLIENT_SECRET=$CI_SECRET \
  java -cp "$SDK_JAR:$(cat "$WORK/sdk.classpath")" clients/java/examples/SdkFlow.java > "$WORK/sdk.out" 2>&1; echo $? > "$WORK/sdk.status" ) &
SDK_PID=$!

# --- (b) the CLI --------------------------------------------------------------------------------

echo "== (b) the slipway CLI"
export XDG_CONFIG_HOME=$WORK/config
APP=cli-$$
# slw AS ARGS...: runs the CLI as AS (a TOKEN key, "ci" for client credentials, "none"), stdout to
# $WORK/out, stderr to $WORK/err, exit code in RC.
slw() {
  local as=$1; shift
  local auth=()
  case $as in
    ci) auth=(SLIPWAY_CLIENT_ID=slipway-ci SLIPWAY_CLIENT_SECRET=$CI_SECRET SLIPWAY_ISSUER=$ISSUER) ;;
    none) ;;
    *) auth=(SLIPWAY_TOKEN=${TOKEN[$as]}) ;;
  esac
  RC=0
  env -u SLIPWAY_TOKEN "${auth[@]}" SLIPWAY_URL="$BASE_URL" "$CLI" "$@" > "$WORK/out" 2> "$WORK/err" < "${STDIN:-/dev/null}" || RC=$?
}
# expect_rc DESCRIPTION CODE AS ARGS...
expect_rc() {
  local what=$1 code=$2; shift 2
  slw "$@"
  if [ "$RC" = "$code" ]; then pass "$what (exit $RC)"; else fail "$what: exit $RC, expected $code: $(head -c 300 "$WORK/err") $(head -c 300 "$WORK/out")"; fi
}
# out_true DESCRIPTION PYTHON_EXPRESSION: PASS when the expression over d (stdout parsed as JSON) holds.
out_true() {
  if python3 - "$WORK/out" "$2" <<'PY' 2>/dev/null
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
  then pass "$1"; else fail "$1: $(head -c 400 "$WORK/out")"; fi
}

expect_rc "the admin creates application $APP" 0 alice apps create "$APP" --owner-group team-shop -o json
out_true "apps create answers the application as JSON" "d['name'] == '$APP' and d['ownerGroup'] == 'team-shop'"
expect_rc "creating it again is refused (409)" 5 alice apps create "$APP" --owner-group team-shop
grep -q "^slipway: .*(HTTP 409)$" "$WORK/err" && [ "$(wc -l < "$WORK/err")" = 1 ] && pass "the refusal is one readable line" \
  || fail "the refusal is not one readable line: $(cat "$WORK/err")"
expect_rc "with --verbose the whole problem document is printed too" 5 alice apps create "$APP" --owner-group team-shop --verbose
grep -q '"status" *: *409' "$WORK/err" && pass "--verbose shows the problem document" || fail "--verbose: $(cat "$WORK/err")"
expect_rc "the owner lists applications as YAML" 0 dana apps list -o yaml
grep -q "name: $APP" "$WORK/out" && pass "the YAML list has $APP" || fail "the YAML list lacks $APP: $(head -c 300 "$WORK/out")"
expect_rc "the owner creates environment staging" 0 dana envs create -a "$APP" staging --type staging
expect_rc "the owner creates a preview with --ttl 2h" 0 dana envs create -a "$APP" pr-1 --type preview --ttl 2h -o json
before=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["expiresAt"])' "$WORK/out" 2>/dev/null || echo)
expect_rc "the owner extends the preview to 4h" 0 dana envs extend -a "$APP" pr-1 --ttl 4h -o json
out_true "the preview expires later than before" "d['expiresAt'] > '$before' and '$before' != ''"
expect_rc "the owner lists environments in a table" 0 dana envs list -a "$APP"
head -1 "$WORK/out" | grep -q '^NAME  *TYPE  *STATUS' && grep -q '^pr-1 ' "$WORK/out" && pass "the table has a header and pr-1" \
  || fail "envs list table: $(cat "$WORK/out")"
expect_rc "the owner sets LOG_LEVEL=info in the base" 0 dana config set -a "$APP" LOG_LEVEL=info -m "e2e"
echo "s3cr3t-from-cli" > "$WORK/secret"
STDIN=$WORK/secret expect_rc "the owner sets a secret of staging from stdin" 0 dana config secret -a "$APP" -e staging DB_PASSWORD
expect_rc "config get of staging as JSON" 0 dana config get -a "$APP" -e staging -o json
out_true "staging has LOG_LEVEL=info from the base and the secret set, not shown" \
  "{e['name']: e for e in d['entries']}['LOG_LEVEL']['value'] == 'info' and {e['name']: e for e in d['entries']}['DB_PASSWORD']['secret']['set'] and 's3cr3t' not in json.dumps(d)"
expect_rc "config history" 0 dana config history -a "$APP" -o json
out_true "the history has the base revision with its message" "any(r.get('message') == 'e2e' for r in d)"
expect_rc "config diff staging -> pr-1" 0 dana config diff -a "$APP" --from staging --to pr-1 -o json
out_true "the diff names DB_PASSWORD" "any(x['name'] == 'DB_PASSWORD' for x in d['differences'])"
expect_rc "config unset LOG_LEVEL, then restore revision 1 of the base" 0 dana config unset -a "$APP" LOG_LEVEL
expect_rc "config restore --revision 1" 0 dana config restore -a "$APP" --revision 1 -o json
out_true "LOG_LEVEL=info is back" "{e['name']: e for e in d['entries']}['LOG_LEVEL']['value'] == 'info'"
expect_rc "the owner deletes the preview (If-Match from the fetched environment)" 0 dana envs delete -a "$APP" pr-1
curl -sf -o /dev/null -H "Authorization: Bearer ${TOKEN[dana]}" -H 'Content-Type: application/json' \
  -d "{\"subject\": \"service-account:slipway-ci\", \"role\": \"deployer\", \"scope\": \"application:$APP\"}" "$BASE_URL/api/v1/role-bindings" \
  && pass "the owner makes slipway-ci a deployer of $APP" || fail "binding slipway-ci as deployer"

expect_rc "CI (client credentials) deploys nginx:1.27 --wait" 0 ci deploy -a "$APP" -e staging --image nginx:1.27 --wait --timeout 90s --reason first
grep -q "SUCCEEDED" "$WORK/err" && grep -qE "PENDING|APPLYING|PROGRESSING" "$WORK/err" && pass "deploy --wait printed the progress" \
  || fail "deploy --wait progress: $(cat "$WORK/err")"
expect_rc "CI deploys nginx:1.28 --wait -o json" 0 ci deploy -a "$APP" -e staging --image nginx:1.28 --wait --timeout 90s -o json
out_true "the JSON is the ended deployment" "d['status'] == 'SUCCEEDED' and d['spec']['containers'][0]['image'] == 'nginx:1.28'"
expect_rc "status" 0 dana status -a "$APP" -e staging -o json
out_true "status shows the newest deployment, nginx:1.28" "d['status'] == 'SUCCEEDED' and d['spec']['containers'][0]['image'] == 'nginx:1.28'"
expect_rc "history" 0 dana history -a "$APP" -e staging -o json
out_true "history has both deployments, newest first" "[x['spec']['containers'][0]['image'] for x in d] == ['nginx:1.28', 'nginx:1.27']"
expect_rc "CI rolls back --wait (to the deployment before the current one)" 0 ci rollback -a "$APP" -e staging --wait --timeout 90s -o json
out_true "the rollback runs nginx:1.27 again" "d['status'] == 'SUCCEEDED' and d['rollbackOf'] and d['spec']['containers'][0]['image'] == 'nginx:1.27'"
expect_rc "runtime" 0 dana runtime -a "$APP" -e staging -o json
out_true "runtime names the workload" "len(d['workloads']) >= 1"
expect_rc "logs --tail 5 (pods running nginx:1.27)" 0 dana logs -a "$APP" -e staging --tail 5
[ -s "$WORK/out" ] && pass "logs printed lines" || fail "logs printed nothing: $(cat "$WORK/err")"
timeout 6 env SLIPWAY_TOKEN="${TOKEN[dana]}" SLIPWAY_URL="$BASE_URL" "$CLI" logs -a "$APP" -e staging -f --tail 1 > "$WORK/follow" 2> "$WORK/err" || true
[ "$(wc -l < "$WORK/follow")" -ge 2 ] && pass "logs -f streams new lines as they are written ($(wc -l < "$WORK/follow") lines in 6 s)" \
  || fail "logs -f: $(cat "$WORK/follow" "$WORK/err" | head -c 300)"
expect_rc "resources" 0 dana resources -a "$APP" -e staging
expect_rc "a failing image: deploy --wait reports the failure" 3 ci deploy -a "$APP" -e staging --image nginx:fail --wait --timeout 90s
grep -q "FAILED" "$WORK/err" && pass "the failure is reported" || fail "failed deployment report: $(cat "$WORK/err")"
expect_rc "access check: CI may deployment.create on staging" 0 ci access check --action deployment.create -a "$APP" -e staging
expect_rc "access check: CI may not application.delete" 5 ci access check --action application.delete -a "$APP"
expect_rc "audit (the admin, this application)" 0 alice audit -a "$APP" -o json --limit 20
out_true "the audit log has this application's events" "d and all(e['application'] == '$APP' for e in d)"

echo "== (b) refusals and failures: exit codes"
expect_rc "the admin freezes $APP/staging" 0 alice freeze create "freeze-$APP" --reason "e2e freeze" -a "$APP" -e staging
expect_rc "a deploy during the freeze is refused" 5 ci deploy -a "$APP" -e staging --image nginx:1.29 --wait
grep -qi "freeze" "$WORK/err" && pass "the refusal names the freeze" || fail "frozen deploy message: $(cat "$WORK/err")"
expect_rc "the admin deletes the freeze" 0 alice freeze delete "freeze-$APP"
expect_rc "another team deploying is refused (404)" 5 eve deploy -a "$APP" -e staging --image nginx:1.29
expect_rc "an invalid image name is refused (400)" 5 ci deploy -a "$APP" -e staging --image "Not An Image!"
expect_rc "an unreachable server" 6 dana apps list --server http://127.0.0.1:9
expect_rc "no credentials" 7 none apps list
SLIPWAY_TOKEN_SAVED=${TOKEN[dana]}; TOKEN[dana]=not-a-token
expect_rc "a token the server rejects (401)" 7 dana apps list
TOKEN[dana]=$SLIPWAY_TOKEN_SAVED
expect_rc "a wrong command line" 2 dana deploy -a "$APP" --image nginx:1.27
expect_rc "completion script" 0 none completion
grep -q "complete -F" "$WORK/out" && pass "completion prints a bash completion script" || fail "completion: $(head -c 200 "$WORK/out")"

# --- (c) slipway login: the device authorization grant ------------------------------------------

echo "== (c) slipway login (device authorization grant, approved by a scripted login as dana)"
export XDG_CONFIG_HOME=$WORK/login-config
env -u SLIPWAY_TOKEN "$CLI" login --issuer "$ISSUER" --server "$BASE_URL" > "$WORK/login.out" 2> "$WORK/login.err" < /dev/null &
LOGIN_PID=$!
for _ in $(seq 1 40); do grep -q "enter the code" "$WORK/login.err" && break; sleep 0.5; done
verification=$(sed -n 's/^To log in, open \([^ ]*\) and enter the code \([^ ]*\)$/\1 \2/p' "$WORK/login.err")
if [ -n "$verification" ] && python3 src/test/e2e/device_approve.py $verification dana dana 2> "$WORK/approve.err"; then
  pass "dana approved the device login in Keycloak (no browser)"
else
  fail "device approval: $(cat "$WORK/login.err" "$WORK/approve.err" 2>/dev/null | head -c 600)"
fi
login_rc=0
for _ in $(seq 1 30); do kill -0 "$LOGIN_PID" 2>/dev/null || break; sleep 1; done
kill "$LOGIN_PID" 2>/dev/null || true   # still polling after 30 s: the approval did not happen
wait "$LOGIN_PID" || login_rc=$?
LOGIN_PID=
[ "$login_rc" = 0 ] && grep -q "Logged in as dana" "$WORK/login.out" && pass "slipway login ends: logged in as dana" \
  || fail "slipway login: exit $login_rc: $(cat "$WORK/login.out" "$WORK/login.err" | head -c 400)"
creds=$XDG_CONFIG_HOME/slipway/credentials.json
[ "$(stat -c %a "$creds" 2>/dev/null)" = 600 ] && [ "$(stat -c %a "$XDG_CONFIG_HOME/slipway")" = 700 ] \
  && pass "the token cache is 0600 in a 0700 folder" || fail "token cache permissions: $(ls -la "$XDG_CONFIG_HOME/slipway" 2>&1)"
RC=0; env -u SLIPWAY_TOKEN -u SLIPWAY_URL "$CLI" apps get "$APP" -o json > "$WORK/out" 2> "$WORK/err" || RC=$?
[ "$RC" = 0 ] && out_true "with the cached login (server from the context) dana reads $APP" "d['name'] == '$APP'" \
  || fail "apps get with the cached login: exit $RC: $(cat "$WORK/err")"
python3 - "$creds" <<'PY' || true
import json, sys
d = json.load(open(sys.argv[1]))
for ctx in d.values():
    ctx["expiresAt"] = "2000-01-01T00:00:00Z"   # as if the access token had run out
json.dump(d, open(sys.argv[1], "w"))
PY
old_token=$(python3 -c 'import json,sys; print(list(json.load(open(sys.argv[1])).values())[0]["accessToken"])' "$creds" 2>/dev/null || true)
RC=0; env -u SLIPWAY_TOKEN -u SLIPWAY_URL "$CLI" apps get "$APP" -o json > "$WORK/out" 2> "$WORK/err" || RC=$?
new_token=$(python3 -c 'import json,sys; print(list(json.load(open(sys.argv[1])).values())[0]["accessToken"])' "$creds" 2>/dev/null || true)
[ "$RC" = 0 ] && [ "$new_token" != "$old_token" ] && pass "an expired access token is refreshed with the refresh token and cached again" \
  || fail "refresh: exit $RC, token changed: $([ "$new_token" != "$old_token" ] && echo yes || echo no): $(cat "$WORK/err")"
RC=0; env -u SLIPWAY_TOKEN -u SLIPWAY_URL "$CLI" logout > /dev/null 2>&1 && env -u SLIPWAY_TOKEN -u SLIPWAY_URL "$CLI" apps list > /dev/null 2>&1 || RC=$?
[ "$RC" = 7 ] && pass "after logout, commands exit 7" || fail "after logout: exit $RC"

# --- (a) the Java SDK's results ------------------------------------------------------------------

echo "== (a) the Java SDK's results"
wait "$SDK_PID" || true
SDK_PID=
grep -E '^(PASS|FAIL) ' "$WORK/sdk.out" || true
passed=$((passed + $(grep -c '^PASS ' "$WORK/sdk.out" || true)))
failed=$((failed + $(grep -c '^FAIL ' "$WORK/sdk.out" || true)))
if [ "$(cat "$WORK/sdk.status" 2>/dev/null)" != 0 ] && ! grep -q '^FAIL ' "$WORK/sdk.out"; then
  fail "the SDK flow crashed: $(tail -20 "$WORK/sdk.out")"
fi

# --- (d) the TypeScript SDK's flow, when it exists ----------------------------------------------

if [ -f clients/typescript/test/flow.mjs ]; then
  echo "== (d) the TypeScript SDK (clients/typescript/test/flow.mjs; built by: cd clients/typescript && npm ci && npm run build)"
  if [ ! -d clients/typescript/dist ]; then
    fail "the TypeScript SDK is not built (clients/typescript/dist is missing)"
  elif SLIPWAY_URL=$BASE_URL SLIPWAY_TOKEN=${TOKEN[dana]} SLIPWAY_ADMIN_TOKEN=${TOKEN[alice]} \
       SLIPWAY_OIDC_ISSUER=$ISSUER SLIPWAY_CLIENT_ID=slipway-ci SLIPWAY_CLIENT_SECRET=$CI_SECRET \
       node clients/typescript/test/flow.mjs > "$WORK/ts.out" 2>&1; then
    pass "the TypeScript flow passes ($(grep -c '^ok ' "$WORK/ts.out") checks)"
  else
    fail "the TypeScript flow: $(tail -20 "$WORK/ts.out")"
  fi
fi

echo "$passed passed, $failed failed in $(( $(date +%s) - started )) s"
if [ "$failed" != 0 ]; then tail -30 "$WORK/app.log" | sed 's/^/   app: /'; fi
[ "$failed" = 0 ]
