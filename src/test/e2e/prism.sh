#!/usr/bin/env bash
# Contract check of the packaged jar: every REST operation of openapi/slipway.yaml, in success and
# error cases (src/test/e2e/contract-flow.mjs), goes through Stoplight Prism's validating proxy,
# which checks each live request and response against the contract. Fails on any violation, on
# any operation the flow does not call, and on any unexpected status.
# Usage: src/test/e2e/prism.sh   (after ./mvnw package; needs node 20 + npm, openssl, python3, psql)
# Prism comes pinned from src/test/e2e/prism/package-lock.json, installed with `npm ci` once into
# ${SLIPWAY_CACHE:-~/.cache/slipway}/npm-prism and reused while the lock file is unchanged.
set -euo pipefail
cd "$(dirname "$0")/../../.."

JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw package first" >&2; exit 2; }
WORK=$(mktemp -d)
LOGS=target/prism-e2e # the jar's and Prism's logs stay here for a look after a failure
APP_PORT=${APP_PORT:-18281}
ISSUER_PORT=${ISSUER_PORT:-18282}
PROXY_PORT=${PROXY_PORT:-18283}
DB=slipway_e2e_prism
NPM_DIR="${SLIPWAY_CACHE:-$HOME/.cache/slipway}/npm-prism"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
rm -rf "$LOGS" && mkdir -p "$LOGS"
# shellcheck source=lib-issuer.sh
. src/test/e2e/lib-issuer.sh

echo "== Prism from src/test/e2e/prism/package-lock.json (npm ci into $NPM_DIR when the lock changed)"
mkdir -p "$NPM_DIR"
if ! cmp -s src/test/e2e/prism/package-lock.json "$NPM_DIR/package-lock.json" || [ ! -x "$NPM_DIR/node_modules/.bin/prism" ]; then
  cp src/test/e2e/prism/package.json src/test/e2e/prism/package-lock.json "$NPM_DIR/"
  (cd "$NPM_DIR" && timeout 300 npm ci --no-audit --no-fund --loglevel=error)
fi
PRISM="$NPM_DIR/node_modules/.bin/prism"

# The flow reads the contract's operations from JSON; js-yaml comes with Prism (pinned by the same
# lock file), so no YAML module is needed in python. The core schema keeps dates as strings.
NODE_PATH="$NPM_DIR/node_modules" node -e '
  const yaml = require("js-yaml"), fs = require("fs");
  fs.writeFileSync(process.argv[2], JSON.stringify(yaml.load(fs.readFileSync(process.argv[1], "utf8"), { schema: yaml.CORE_SCHEMA })));
' openapi/slipway.yaml "$WORK/slipway.json"

echo "== database $DB on 127.0.0.1:5432"
psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB OWNER slipway" 2>/dev/null \
  || runuser -u postgres -- psql -q -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB OWNER slipway"

echo "== a local OIDC issuer"
start_issuer

echo "== the packaged jar on :$APP_PORT (sandbox cluster on)"
env QUARKUS_HTTP_PORT="$APP_PORT" \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:5432/$DB" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
  QUARKUS_DATASOURCE_USERNAME=slipway QUARKUS_DATASOURCE_PASSWORD=slipway \
  QUARKUS_OIDC_AUTH_SERVER_URL="$ISSUER" QUARKUS_OIDC_CLIENT_ID=slipway QUARKUS_OIDC_TOKEN_AUDIENCE=slipway \
  SLIPWAY_SECRETS_KEYS_E2E="$(openssl rand -base64 32)" SLIPWAY_SANDBOX_ENABLED=true \
  SLIPWAY_WEBHOOKS_ALLOW_HTTP=true SLIPWAY_WEBHOOKS_ALLOWED_RANGES=127.0.0.0/8 \
  java -jar "$JAR" > "$LOGS/app.log" 2>&1 &
jar=$!
pids+=("$jar")

echo "== prism proxy on :$PROXY_PORT -> :$APP_PORT, --errors"
"$PRISM" proxy openapi/slipway.yaml "http://127.0.0.1:$APP_PORT" --errors --host 127.0.0.1 --port "$PROXY_PORT" \
  > "$LOGS/prism.log" 2>&1 &
pids+=($!)

ready=
for _ in $(seq 1 90); do
  if curl -sf "http://127.0.0.1:$APP_PORT/q/health/ready" >/dev/null; then ready=1; break; fi
  kill -0 "$jar" 2>/dev/null || break
  sleep 1
done
[ -n "$ready" ] || { tail -50 "$LOGS/app.log"; echo "FAIL: the jar is not ready" >&2; exit 1; }
for _ in $(seq 1 60); do
  grep -q 'Prism is listening' "$LOGS/prism.log" && break
  sleep 1
done
grep -q 'Prism is listening' "$LOGS/prism.log" || { cat "$LOGS/prism.log"; echo "FAIL: prism did not start" >&2; exit 1; }

status=0
SLIPWAY_PROXY="http://127.0.0.1:$PROXY_PORT" SLIPWAY_DIRECT="http://127.0.0.1:$APP_PORT" \
  CONTRACT_JSON="$WORK/slipway.json" \
  TOKEN_ADMIN="$(token e2e-admin '["slipway-admins"]')" \
  TOKEN_OWNER="$(token e2e-owner '["team-prism"]')" \
  TOKEN_DEPLOYER="$(token e2e-deployer '[]')" \
  TOKEN_VIEWER="$(token e2e-viewer '[]')" \
  TOKEN_STRANGER="$(token e2e-stranger '["team-elsewhere"]')" \
  timeout 120 node src/test/e2e/contract-flow.mjs || status=$?

# Prism logs every violation it finds (also warnings it does not turn into an error status); the
# flow's canary, a request Prism must refuse, is the one expected line.
if grep -E 'Violation:|✖|⚠' "$LOGS/prism.log" | grep -v '/applications/prism-canary/' > "$LOGS/violations.log"; then
  echo "FAIL: Prism logged $(wc -l < "$LOGS/violations.log") violation lines:"
  cat "$LOGS/violations.log"
  status=1
fi
if [ "$status" != 0 ]; then
  echo "== the last lines of the jar's log"; tail -30 "$LOGS/app.log"
fi
exit "$status"
