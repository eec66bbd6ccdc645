# Sourced by the end-to-end scripts: a throwaway local OIDC issuer (discovery document + JWKS served
# by python's http.server) whose RSA key signs the test tokens, so the packaged jar checks tokens
# exactly as it does against a real issuer, configured only through QUARKUS_OIDC_*.
# Needs openssl and python3. The caller sets WORK (a scratch folder it removes) and ISSUER_PORT, and
# keeps a `pids` array whose processes it stops on exit; start_issuer adds the server to it.
# After sourcing: ISSUER is the issuer URL; `token SUBJECT GROUPS_JSON` prints a signed access token.

ISSUER="http://127.0.0.1:$ISSUER_PORT/realms/e2e"

start_issuer() { # start_issuer: key pair, discovery document and JWKS under $WORK, served on $ISSUER_PORT
  openssl genrsa -out "$WORK/key.pem" 2048 2>/dev/null
  python3 - "$WORK" "$ISSUER" <<'PY'
import base64, json, os, subprocess, sys
work, issuer = sys.argv[1], sys.argv[2]
def b64(data): return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
text = subprocess.run(["openssl", "rsa", "-in", f"{work}/key.pem", "-noout", "-modulus"], capture_output=True, text=True, check=True).stdout
modulus = bytes.fromhex(text.strip().split("=", 1)[1])
jwks = {"keys": [{"kty": "RSA", "kid": "e2e", "alg": "RS256", "use": "sig", "n": b64(modulus), "e": b64((65537).to_bytes(3, "big"))}]}
os.makedirs(f"{work}/www/realms/e2e/.well-known", exist_ok=True)
json.dump(jwks, open(f"{work}/www/realms/e2e/jwks", "w"))
json.dump({"issuer": issuer, "jwks_uri": issuer + "/jwks", "token_endpoint": issuer + "/token",
           "authorization_endpoint": issuer + "/auth", "id_token_signing_alg_values_supported": ["RS256"]},
          open(f"{work}/www/realms/e2e/.well-known/openid-configuration", "w"))
PY
  (cd "$WORK/www" && exec python3 -m http.server "$ISSUER_PORT" --bind 127.0.0.1 >/dev/null 2>&1) &
  pids+=($!)
}

token() { # token SUBJECT GROUPS_JSON: an RS256 token for audience slipway, valid 10 minutes
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
