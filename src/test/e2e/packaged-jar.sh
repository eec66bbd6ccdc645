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
ISSUER="http://127.0.0.1:$ISSUER_PORT/realms/e2e"
DB=slipway_e2e
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== database $DB on 127.0.0.1:5432"
psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB OWNER slipway" 2>/dev/null \
  || { runuser -u postgres -- psql -q -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB OWNER slipway"; }

echo "== a local OIDC issuer"
openssl genrsa -out "$WORK/key.pem" 2048 2>/dev/null
python3 - "$WORK" "$ISSUER" <<'PY'
import base64, json, subprocess, sys
work, issuer = sys.argv[1], sys.argv[2]
def b64(data): return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
text = subprocess.run(["openssl", "rsa", "-in", f"{work}/key.pem", "-noout", "-modulus"], capture_output=True, text=True, check=True).stdout
modulus = bytes.fromhex(text.strip().split("=", 1)[1])
jwks = {"keys": [{"kty": "RSA", "kid": "e2e", "alg": "RS256", "use": "sig", "n": b64(modulus), "e": b64((65537).to_bytes(3, "big"))}]}
import os
os.makedirs(f"{work}/www/realms/e2e/.well-known", exist_ok=True)
json.dump(jwks, open(f"{work}/www/realms/e2e/jwks", "w"))
json.dump({"issuer": issuer, "jwks_uri": issuer + "/jwks", "token_endpoint": issuer + "/token",
           "authorization_endpoint": issuer + "/auth", "id_token_signing_alg_values_supported": ["RS256"]},
          open(f"{work}/www/realms/e2e/.well-known/openid-configuration", "w"))
PY
(cd "$WORK/www" && exec python3 -m http.server "$ISSUER_PORT" --bind 127.0.0.1 >/dev/null 2>&1) &
pids+=($!)

token() { # token SUBJECT GROUPS_JSON
  python3 - "$WORK" "$ISSUER" "$1" "$2" <<'PY'
import base64, json, subprocess, sys, time
work, issuer, sub, groups = sys.argv[1:5]
def b64(data): return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
now = int(time.time())
header = b64(json.dumps({"alg": "RS256", "typ": "JWT", "kid": "e2e"}).encode())
claims = b64(json.dumps({"iss": issuer, "sub": sub, "preferred_username": sub, "aud": "slipway", "groups": json.loads(groups),
                         "iat": now, "exp": now + 600}).encode())
signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", f"{work}/key.pem"], input=f"{header}.{claims}".encode(),
                           capture_output=True, check=True).stdout
print(f"{header}.{claims}.{b64(signature)}")
PY
}

echo "== the packaged jar, configured only by QUARKUS_* variables"
QUARKUS_HTTP_PORT=$APP_PORT \
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$DB \
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
QUARKUS_DATASOURCE_USERNAME=slipway QUARKUS_DATASOURCE_PASSWORD=slipway \
QUARKUS_OIDC_AUTH_SERVER_URL=$ISSUER QUARKUS_OIDC_CLIENT_ID=slipway QUARKUS_OIDC_TOKEN_AUDIENCE=slipway \
SLIPWAY_SECRETS_KEYS_E2E=$(openssl rand -base64 32) SLIPWAY_SANDBOX_ENABLED=true \
  java -jar "$JAR" > "$WORK/app.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 90); do
  curl -sf "http://127.0.0.1:$APP_PORT/q/health/ready" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$APP_PORT/q/health/ready" >/dev/null || { tail -50 "$WORK/app.log"; echo "FAIL: not ready" >&2; exit 1; }
grep -q "embedded PostgreSQL" "$WORK/app.log" && { echo "FAIL: used the embedded store despite QUARKUS_DATASOURCE_*" >&2; exit 1; }

failures=0
checks=0
check() { # check DESCRIPTION EXPECTED_STATUS curl-args...
  local what=$1 expected=$2; shift 2
  local status
  checks=$((checks + 1))
  status=$(curl -s -o "$WORK/body" -w '%{http_code}' "$@")
  if [ "$status" = "$expected" ]; then echo "ok   $what ($status)"; else echo "FAIL $what: $status, expected $expected: $(head -c 300 "$WORK/body")"; failures=$((failures + 1)); fi
}
BASE="http://127.0.0.1:$APP_PORT/api/v1"
ADMIN=$(token e2e-admin '["slipway-admins"]')
DEV=$(token e2e-dev '["team-e2e"]')

check "no token is 401" 401 "$BASE/applications"
check "a forged token is 401" 401 -H "Authorization: Bearer ${DEV%.*}.AAAA" "$BASE/applications"
check "admin lists clusters" 200 -H "Authorization: Bearer $ADMIN" "$BASE/clusters"
check "developer creates an application" 201 -H "Authorization: Bearer $DEV" -H 'Content-Type: application/json' \
  -d '{"name": "e2e-app", "ownerGroup": "team-e2e"}' "$BASE/applications"
check "developer creates an environment" 201 -H "Authorization: Bearer $DEV" -H 'Content-Type: application/json' \
  -d '{"name": "dev", "type": "development"}' "$BASE/applications/e2e-app/environments"
check "developer deploys" 202 -H "Authorization: Bearer $DEV" -H 'Content-Type: application/json' \
  -d '{"spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}' "$BASE/applications/e2e-app/environments/dev/deployments"
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/body")
check "the deployment succeeds on the sandbox" 200 -H "Authorization: Bearer $DEV" \
  "$BASE/applications/e2e-app/environments/dev/deployments/$id?waitFor=terminal&timeout=60s"
grep -q '"status":"SUCCEEDED"' "$WORK/body" || { echo "FAIL deployment did not succeed: $(cat "$WORK/body")"; failures=$((failures + 1)); }
checks=$((checks + 1))
rows=$(psql -tA -h 127.0.0.1 -U slipway -d "$DB" -c "SELECT count(*) FROM applications WHERE name = 'e2e-app'" 2>/dev/null || PGPASSWORD=slipway psql -tA -h 127.0.0.1 -U slipway -d "$DB" -c "SELECT count(*) FROM applications WHERE name = 'e2e-app'")
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

echo "$((checks - failures)) passed, $failures failed"
[ "$failures" = 0 ]
