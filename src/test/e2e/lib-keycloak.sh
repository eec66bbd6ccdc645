# Shared by the end-to-end scripts that need a real Keycloak and the packaged jar (keycloak.sh,
# clients.sh). Source it from the repository root after setting WORK (a scratch folder) and
# installing a trap that calls kc_cleanup. It provides:
#   start_keycloak          Keycloak 26 on loopback with deploy/keycloak/slipway-realm.json (cached
#                           distribution, kept H2 database, one run at a time per machine); or
#                           launch_keycloak, other work, then await_keycloak
#   start_slipway DATABASE  a fresh PostgreSQL database and the packaged jar against Keycloak (sandbox
#                           cluster, a throwaway secrets key); sets APP_PORT and BASE_URL
#   kc_cleanup              stops what was started and drops the database
#   field, password_token, client_token   small JSON and token helpers
#
# The Keycloak distribution (org.keycloak:keycloak-quarkus-dist, from Maven Central) is fetched once
# into $SLIPWAY_CACHE (default ~/.cache/slipway). Its H2 database is kept between runs, so a warm
# start takes ~10-15 s (~25 s with a fresh import, ~45 s the very first time); it is wiped when the
# realm file changes, so the realm is imported again. Runs on one machine take turns (a lock file
# in the cache).

KC_VERSION=26.7.3
CACHE=${SLIPWAY_CACHE:-$HOME/.cache/slipway}
KC_HOME=$CACHE/keycloak-$KC_VERSION
KC_PORT=${KC_PORT:-18080}
KC_MANAGEMENT_PORT=${KC_MANAGEMENT_PORT:-19000}
REALM_FILE=deploy/keycloak/slipway-realm.json
ISSUER="http://127.0.0.1:$KC_PORT/realms/slipway"
TOKEN_ENDPOINT="$ISSUER/protocol/openid-connect/token"
CI_SECRET=change-me-slipway-ci-secret          # as in the realm file
OTHER_SECRET=change-me-other-service-secret
JAR=${SLIPWAY_JAR:-target/quarkus-app/quarkus-run.jar}
KC_PID= APP_PID= DB_CREATED=false DB=${DB:-}

as_postgres() { # psql as a superuser: over TCP as postgres, or as the local postgres OS user
  psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d postgres "$@" 2>/dev/null \
    || runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -d postgres "$@"
}
stop() { # stop PID SECONDS: TERM its process group, KILL it if it is still there after SECONDS
  local pid=$1
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 "$2"); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
kc_cleanup() { # stops the jar and Keycloak, drops the database
  [ -n "$APP_PID" ] && stop "$APP_PID" 20
  [ -n "$KC_PID" ] && stop "$KC_PID" 30
  $DB_CREATED && { as_postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || echo "could not drop database $DB" >&2; }
  APP_PID= KC_PID= DB_CREATED=false
}

launch_keycloak() { # starts Keycloak in the background; await_keycloak waits for it
  # One run at a time on this machine: the ports and Keycloak's data folder are shared.
  mkdir -p "$CACHE"
  exec 9> "$CACHE/keycloak.lock"
  flock -w 900 9 || { echo "FAIL another run holds $CACHE/keycloak.lock" >&2; exit 1; }

  if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
    echo "== fetching Keycloak $KC_VERSION into $CACHE (once)"
    ./mvnw -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:tar.gz" -DoutputDirectory="$CACHE"
    rm -rf "$KC_HOME.partial" && mkdir -p "$KC_HOME.partial"
    tar --no-same-owner -xzf "$CACHE/keycloak-quarkus-dist-$KC_VERSION.tar.gz" -C "$KC_HOME.partial" --strip-components=1
    rm -f "$CACHE/keycloak-quarkus-dist-$KC_VERSION.tar.gz"
    mv "$KC_HOME.partial" "$KC_HOME"
  fi

  if curl -s -o /dev/null "http://127.0.0.1:$KC_PORT/" || curl -s -o /dev/null "http://127.0.0.1:$KC_MANAGEMENT_PORT/"; then
    echo "FAIL something already listens on 127.0.0.1:$KC_PORT or :$KC_MANAGEMENT_PORT (another Keycloak?); set KC_PORT/KC_MANAGEMENT_PORT" >&2
    exit 1
  fi

  # A changed realm file means a fresh Keycloak database, so that --import-realm imports it again
  # (Keycloak skips the import of a realm that already exists).
  local realm_sum
  realm_sum=$(sha256sum "$REALM_FILE" | cut -d' ' -f1)
  if [ "$(cat "$KC_HOME/data/realm.sha256" 2>/dev/null)" != "$realm_sum" ]; then
    echo "== new or changed realm file: resetting Keycloak's database"
    rm -rf "$KC_HOME/data/h2" "$KC_HOME/data/import"
  fi
  mkdir -p "$KC_HOME/data/import"
  cp "$REALM_FILE" "$KC_HOME/data/import/slipway-realm.json"
  [ -f "$KC_HOME/data/bootstrap-admin-password" ] && [ -d "$KC_HOME/data/h2" ] \
    || (umask 077; python3 -c 'import secrets; print(secrets.token_urlsafe(18))' > "$KC_HOME/data/bootstrap-admin-password")

  echo "== Keycloak $KC_VERSION on 127.0.0.1:$KC_PORT (admin console user 'admin', password in $KC_HOME/data/bootstrap-admin-password)"
  KC_STARTED=$(date +%s) KC_REALM_SUM=$realm_sum
  # Its own process group (setsid), so that stopping it also stops the JVM kc.sh runs.
  env -u JAVA_OPTS KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$(cat "$KC_HOME/data/bootstrap-admin-password")" \
    setsid "$KC_HOME/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$KC_PORT" \
    --http-management-port="$KC_MANAGEMENT_PORT" --import-realm > "$WORK/keycloak.log" 2>&1 < /dev/null 9>&- &
  KC_PID=$!
}

await_keycloak() { # waits until Keycloak serves the realm (after launch_keycloak)
  local ready=false
  for _ in $(seq 1 300); do
    if curl -sf -o /dev/null "$ISSUER/.well-known/openid-configuration"; then ready=true; break; fi
    kill -0 "$KC_PID" 2>/dev/null || break
    sleep 1
  done
  if ! $ready; then tail -40 "$WORK/keycloak.log"; echo "FAIL Keycloak did not serve realm slipway" >&2; exit 1; fi
  echo "$KC_REALM_SUM" > "$KC_HOME/data/realm.sha256"
  echo "   Keycloak ready in $(( $(date +%s) - KC_STARTED )) s"
}

start_keycloak() { # launches Keycloak and waits for it
  launch_keycloak
  await_keycloak
}

start_slipway() { # start_slipway DATABASE
  [ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw package first" >&2; exit 2; }
  DB=$1
  echo "== database $DB on 127.0.0.1:5432"
  as_postgres <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'slipway') THEN CREATE ROLE slipway LOGIN PASSWORD 'slipway'; END IF;
END $$;
SQL
  as_postgres -c "CREATE DATABASE $DB OWNER slipway"
  DB_CREATED=true

  APP_PORT=${APP_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
  BASE_URL="http://127.0.0.1:$APP_PORT"
  echo "== the packaged jar on 127.0.0.1:$APP_PORT, issuer $ISSUER"
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$APP_PORT \
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$DB \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
  QUARKUS_DATASOURCE_USERNAME=slipway QUARKUS_DATASOURCE_PASSWORD=slipway \
  QUARKUS_OIDC_AUTH_SERVER_URL=$ISSUER QUARKUS_OIDC_CLIENT_ID=slipway QUARKUS_OIDC_TOKEN_AUDIENCE=slipway \
  SLIPWAY_SANDBOX_ENABLED=true SLIPWAY_SECRETS_KEYS_E2E="$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')" \
    setsid java -jar "$JAR" > "$WORK/app.log" 2>&1 < /dev/null 9>&- &
  APP_PID=$!
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "$BASE_URL/q/health/ready" && break
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 1
  done
  curl -sf -o /dev/null "$BASE_URL/q/health/ready" \
    || { tail -50 "$WORK/app.log"; echo "FAIL Slipway did not become ready" >&2; exit 1; }
  if grep -q "embedded PostgreSQL" "$WORK/app.log"; then echo "FAIL used the embedded store despite QUARKUS_DATASOURCE_*" >&2; exit 1; fi
}

# field FILE PYTHON_EXPRESSION: prints the expression's value over d (the parsed file), '' on error.
field() {
  python3 - "$1" "$2" <<'PY' 2>/dev/null || true
import json, sys
d = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))
PY
}
# password_token USER: an access token for USER (password = user name) through the CLI client.
password_token() {
  curl -s -o "$WORK/token.json" -d grant_type=password -d client_id=slipway-cli -d "username=$1" -d "password=$1" \
    -d scope=openid "$TOKEN_ENDPOINT" || true
  field "$WORK/token.json" 'd["access_token"]'
}
# client_token CLIENT SECRET: an access token from the client credentials grant.
client_token() {
  curl -s -o "$WORK/token.json" -u "$1:$2" -d grant_type=client_credentials "$TOKEN_ENDPOINT" || true
  field "$WORK/token.json" 'd["access_token"]'
}
