#!/usr/bin/env bash
# End-to-end check of access control against a real Keycloak: starts Keycloak 26 on loopback with
# deploy/keycloak/slipway-realm.json, the packaged Slipway jar against it and a fresh PostgreSQL
# database, and drives real tokens (password grant for people, client credentials for CI)
# through the RBAC scenarios. One PASS/FAIL line per check; exits non-zero on any failure.
#
# Usage: src/test/e2e/keycloak.sh                  (after ./mvnw package; needs java 17, curl, python3, psql)
#        src/test/e2e/keycloak.sh --keycloak-only  (only Keycloak, the realm and its tokens; no jar, no database)
#
# Keycloak's start, caching and locking live in lib-keycloak.sh (shared with clients.sh).
# Everything this script starts is stopped, and its database dropped, on any exit.
set -euo pipefail
cd "$(dirname "$0")/../../.."

KEYCLOAK_ONLY=false
[ "${1:-}" = "--keycloak-only" ] && KEYCLOAK_ONLY=true

DB=slipway_e2e_kc_$$
WORK=$(mktemp -d)
source src/test/e2e/lib-keycloak.sh
if ! $KEYCLOAK_ONLY; then
  [ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw package first" >&2; exit 2; }
fi

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  kc_cleanup
  if [ "$status" != 0 ] && [ -n "${KEEP_LOGS:-}" ]; then echo "logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Keycloak -----------------------------------------------------------------------------------

start_keycloak

# --- checks -------------------------------------------------------------------------------------

passed=0 failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

# json_true DESCRIPTION FILE PYTHON_EXPRESSION: PASS when the expression over d (the parsed file) is true.
json_true() {
  if python3 - "$2" "$3" <<'PY' 2>/dev/null
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
  then pass "$1"; else fail "$1: $(head -c 400 "$2")"; fi
}
# claims TOKEN FILE: writes the decoded payload of a JWT.
claims() {
  python3 - "$1" > "$2" <<'PY' || echo '{}' > "$2"
import base64, sys
payload = sys.argv[1].split(".")[1]
print(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode())
PY
}
echo "== tokens from the realm"
declare -A TOKEN
for user in alice dana eve victor devon dora; do
  TOKEN[$user]=$(password_token "$user")
  [ -n "${TOKEN[$user]}" ] && pass "password grant for $user" || fail "password grant for $user: $(head -c 300 "$WORK/token.json")"
done
TOKEN[ci]=$(client_token slipway-ci "$CI_SECRET")
[ -n "${TOKEN[ci]}" ] && pass "client credentials for slipway-ci" || fail "client credentials for slipway-ci: $(head -c 300 "$WORK/token.json")"
TOKEN[other]=$(client_token other-service "$OTHER_SECRET")
[ -n "${TOKEN[other]}" ] && pass "client credentials for other-service" || fail "client credentials for other-service: $(head -c 300 "$WORK/token.json")"
TOKEN[badsecret]=$(client_token slipway-ci wrong-secret)
[ -z "${TOKEN[badsecret]}" ] && pass "client credentials with a wrong secret are refused" || fail "slipway-ci got a token with a wrong secret"

for who in alice dana eve victor devon dora ci other; do claims "${TOKEN[$who]}" "$WORK/claims-$who.json"; done
json_true "alice's token: iss is the realm, aud has slipway, groups [slipway-admins]" "$WORK/claims-alice.json" \
  "d['iss'] == '$ISSUER' and 'slipway' in (d['aud'] if isinstance(d['aud'], list) else [d['aud']]) and d['groups'] == ['slipway-admins'] and d['preferred_username'] == 'alice' and d['azp'] == 'slipway-cli'"
json_true "dana's token: groups [team-shop]" "$WORK/claims-dana.json" "d['groups'] == ['team-shop']"
json_true "eve's token: groups [team-billing]" "$WORK/claims-eve.json" "d['groups'] == ['team-billing']"
json_true "victor's token: aud has slipway, no group" "$WORK/claims-victor.json" \
  "'slipway' in (d['aud'] if isinstance(d['aud'], list) else [d['aud']]) and not d.get('groups')"
json_true "tokens live at least 10 minutes" "$WORK/claims-alice.json" "d['exp'] - d['iat'] >= 600"
json_true "slipway-ci's token: aud has slipway, azp and client_id slipway-ci, preferred_username service-account-slipway-ci" \
  "$WORK/claims-ci.json" \
  "'slipway' in (d['aud'] if isinstance(d['aud'], list) else [d['aud']]) and d['azp'] == 'slipway-ci' and d['client_id'] == 'slipway-ci' and d['preferred_username'] == 'service-account-slipway-ci'"
json_true "other-service's token does not have the slipway audience" "$WORK/claims-other.json" \
  "'slipway' not in (d.get('aud') if isinstance(d.get('aud'), list) else [d.get('aud')]) and d['azp'] == 'other-service'"
curl -s -o "$WORK/device.json" -d client_id=slipway-cli "$ISSUER/protocol/openid-connect/auth/device" || true
json_true "slipway-cli offers the device authorization grant" "$WORK/device.json" "d['device_code'] and d['user_code'] and d['verification_uri']"
curl -s -o "$WORK/device-poll.json" -d grant_type=urn:ietf:params:oauth:grant-type:device_code -d client_id=slipway-cli \
  -d "device_code=$(field "$WORK/device.json" 'd["device_code"]')" "$TOKEN_ENDPOINT" || true
json_true "polling for the device code answers authorization_pending" "$WORK/device-poll.json" "d['error'] == 'authorization_pending'"

if $KEYCLOAK_ONLY; then
  for who in alice ci other; do echo "   claims of $who: $(cat "$WORK/claims-$who.json")"; done
  echo "$passed passed, $failed failed (Keycloak only)"
  [ "$failed" = 0 ]
  exit
fi

# --- Slipway ------------------------------------------------------------------------------------

start_slipway "$DB"

BASE="http://127.0.0.1:$APP_PORT/api/v1"
# call WHO METHOD PATH [BODY]: sets STATUS, the body goes to $WORK/body. WHO is a TOKEN key or "none".
call() {
  local who=$1 method=$2 path=$3 body=${4:-}
  local args=(-s -o "$WORK/body" -w '%{http_code}' -X "$method" -D "$WORK/headers")
  [ "$who" != none ] && args+=(-H "Authorization: Bearer ${TOKEN[$who]}")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' -d "$body")
  STATUS=$(curl "${args[@]}" "$BASE$path") || STATUS=000
}
# expect DESCRIPTION STATUS WHO METHOD PATH [BODY]
expect() {
  local what=$1 expected=$2; shift 2
  call "$@"
  if [ "$STATUS" = "$expected" ]; then pass "$what ($STATUS)"; else fail "$what: $STATUS, expected $expected: $(head -c 300 "$WORK/body")"; fi
}
DEPLOY='{"spec": {"containers": [{"name": "web", "image": "nginx:1.27"}], "replicas": 1}}'

echo "== authentication"
expect "no token is 401" 401 none GET /applications
expect "other-service's token (another audience) is 401" 401 other GET /applications
TOKEN[tampered]=$(python3 - "${TOKEN[victor]}" <<'PY'
import base64, json, sys
h, p, s = sys.argv[1].split(".")
claims = json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))
claims["groups"] = ["slipway-admins"]
print(h + "." + base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode() + "." + s)
PY
)
expect "a tampered Keycloak token (victor made admin) is 401" 401 tampered GET /applications

echo "== set-up by the admin and the owning team"
expect "alice (slipway-admins) creates application shop for team-shop" 201 alice POST /applications \
  '{"name": "shop", "ownerGroup": "team-shop"}'
expect "alice creates application billing for team-billing" 201 alice POST /applications \
  '{"name": "billing", "ownerGroup": "team-billing"}'
expect "dana (team-shop, owner) creates environment shop/staging" 201 dana POST /applications/shop/environments \
  '{"name": "staging", "type": "staging"}'
expect "dana creates protected environment shop/prod" 201 dana POST /applications/shop/environments \
  '{"name": "prod", "type": "production"}'
expect "dana binds service-account:slipway-ci as deployer on application:shop" 201 dana POST /role-bindings \
  '{"subject": "service-account:slipway-ci", "role": "deployer", "scope": "application:shop"}'
json_true "the role binding answers id, subject, role, scope, createdBy, createdAt" "$WORK/body" \
  "d['id'] and d['subject'] == 'service-account:slipway-ci' and d['role'] == 'deployer' and d['scope'] == 'application:shop' and d['createdBy'] and d['createdAt']"
expect "dana binds user:victor as viewer on application:shop" 201 dana POST /role-bindings \
  '{"subject": "user:victor", "role": "viewer", "scope": "application:shop"}'
expect "dana binds user:devon as developer on application:shop" 201 dana POST /role-bindings \
  '{"subject": "user:devon", "role": "developer", "scope": "application:shop"}'
expect "dana lists the bindings of application:shop" 200 dana GET "/role-bindings?scope=application:shop"
json_true "the list has the three bindings" "$WORK/body" \
  "{(i['subject'], i['role']) for i in d['items']} >= {('service-account:slipway-ci', 'deployer'), ('user:victor', 'viewer'), ('user:devon', 'developer')}"

echo "== the CI service account"
expect "slipway-ci (client credentials) deploys to shop/staging" 202 ci POST /applications/shop/environments/staging/deployments "$DEPLOY"
ci_deployment=$(field "$WORK/body" 'd["id"]')
if [ -n "$ci_deployment" ]; then
  expect "slipway-ci waits for its deployment" 200 ci GET \
    "/applications/shop/environments/staging/deployments/$ci_deployment?waitFor=terminal&timeout=60s"
  json_true "slipway-ci's deployment SUCCEEDED" "$WORK/body" "d['status'] == 'SUCCEEDED'"
else
  fail "slipway-ci's deployment SUCCEEDED: there is no deployment to wait for"
fi
expect "access/check: slipway-ci may deployment.create on shop/prod" 200 ci POST /access/check \
  '{"action": "deployment.create", "application": "shop", "environment": "prod"}'
json_true "access/check answers allowed true with grantedBy" "$WORK/body" "d['allowed'] is True and d['grantedBy']"

echo "== another team, viewer, developer"
expect "eve (team-billing) reading shop is 404" 404 eve GET /applications/shop
cp "$WORK/body" "$WORK/eve-shop.json"
expect "eve reading a missing application is 404" 404 eve GET /applications/no-such-app
python3 - "$WORK/eve-shop.json" "$WORK/body" <<'PY' && pass "shop's 404 for eve is the same as a missing application's" \
  || fail "shop's 404 for eve differs from a missing application's: $(cat "$WORK/eve-shop.json") vs $(cat "$WORK/body")"
import json, sys
def norm(path, name):  # the same body once the application's name is taken out; per-request ids ignored
    d = json.load(open(path))
    return {k: (json.dumps(v).replace(name, "<app>")) for k, v in d.items() if k not in ("requestId", "traceId", "timestamp")}
sys.exit(0 if norm(sys.argv[1], "shop") == norm(sys.argv[2], "no-such-app") else 1)
PY
expect "eve deploying to shop/staging is 404" 404 eve POST /applications/shop/environments/staging/deployments "$DEPLOY"
expect "victor (viewer) reads shop" 200 victor GET /applications/shop
expect "victor (viewer) deploying to shop/staging is 403" 403 victor POST /applications/shop/environments/staging/deployments "$DEPLOY"
expect "devon (developer) deploys to shop/staging" 202 devon POST /applications/shop/environments/staging/deployments "$DEPLOY"
expect "devon (developer) deploying to protected shop/prod is 403" 403 devon POST /applications/shop/environments/prod/deployments "$DEPLOY"
expect "devon binding himself owner of shop is 403" 403 devon POST /role-bindings \
  '{"subject": "user:devon", "role": "owner", "scope": "application:shop"}'
[ "$STATUS" = 403 ] && grep -qi '^content-type: application/problem+json' "$WORK/headers" && pass "the refusal is a 403 problem+json" \
  || fail "the refusal is not a 403 problem+json: $STATUS $(grep -i '^content-type' "$WORK/headers")"
expect "dora (no binding) reading shop is 404" 404 dora GET /applications/shop

echo "== audit log"
devon_sub=$(field "$WORK/claims-devon.json" 'd["sub"]')
victor_sub=$(field "$WORK/claims-victor.json" 'd["sub"]')
: > "$WORK/denied.jsonl"
page=""
for _ in $(seq 1 20); do # every page of the DENIED events
  call alice GET "/audit-events?outcome=DENIED${page:+&pageToken=$page}"
  [ "$STATUS" = 200 ] || break
  python3 -c 'import json,sys; [print(json.dumps(i)) for i in json.load(open(sys.argv[1]))["items"]]' "$WORK/body" >> "$WORK/denied.jsonl"
  page=$(field "$WORK/body" 'd.get("nextPageToken") or ""')
  [ -n "$page" ] || break
done
[ "$STATUS" = 200 ] && pass "alice lists the DENIED audit events ($STATUS)" || fail "alice lists the DENIED audit events: $STATUS: $(head -c 300 "$WORK/body")"
audit=$(python3 - "$WORK/denied.jsonl" "$devon_sub" "$victor_sub" <<'PY' 2>&1 || true
import json, sys
events = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
devon = {"devon", "user:devon", sys.argv[2], "user:" + sys.argv[2]}
victor = {"victor", "user:victor", sys.argv[3], "user:" + sys.argv[3]}
def found(actors, word):
    return any(e.get("actor") in actors and word in (e.get("action") or "").lower().replace("-", "").replace("_", "")
               and e.get("outcome") == "DENIED" and e.get("reason") and e.get("time") for e in events)
seen = [(e.get("actor"), e.get("action")) for e in events]
for name, actors, word in (("devon's escalation (role binding)", devon, "rolebinding"), ("victor's deployment", victor, "deployment")):
    print(f"PASS the audit log has {name}, denied, with a reason" if found(actors, word) else f"FAIL the audit log lacks {name}: {seen}")
PY
)
echo "$audit"
passed=$((passed + $(grep -c '^PASS' <<< "$audit" || true)))
failed=$((failed + $(grep -c '^FAIL' <<< "$audit" || true)))
grep -q '^PASS' <<< "$audit" || grep -q '^FAIL' <<< "$audit" || fail "reading the audit events: $audit"
expect "dana (owner) lists shop's audit events" 200 dana GET "/audit-events?application=shop"
json_true "dana sees shop's events only" "$WORK/body" "d['items'] and all(i['application'] == 'shop' for i in d['items'])"
call eve GET "/audit-events?application=shop"
[ "$STATUS" = 403 ] || [ "$STATUS" = 404 ] && pass "eve listing shop's audit events is refused ($STATUS)" \
  || fail "eve listing shop's audit events: $STATUS, expected 403 or 404: $(head -c 300 "$WORK/body")"

echo "$passed passed, $failed failed"
if [ "$failed" != 0 ]; then tail -30 "$WORK/app.log" | sed 's/^/   app: /'; fi
[ "$failed" = 0 ]
