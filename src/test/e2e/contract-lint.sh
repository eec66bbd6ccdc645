#!/usr/bin/env bash
# Contract checks that need no server: the protos against buf's STANDARD lint rules and its
# formatter, and (once a release tag exists) against the last release for breaking changes; the
# OpenAPI contract against Spectral's OpenAPI rules and the OWASP API security ruleset.
# Tools come from npm, pinned in .ci/tools/package.json + package-lock.json, with npm's cache kept
# under ~/.cache/slipway/npm so later CI runs on the same machine install offline.
# Usage: src/test/e2e/contract-lint.sh   (needs node and npm)
set -euo pipefail
cd "$(dirname "$0")/../../.."

NPM_CACHE=${SLIPWAY_NPM_CACHE:-$HOME/.cache/slipway/npm}
echo "== contract tools (.ci/tools, npm cache $NPM_CACHE)"
# --prefer-offline: a warm cache needs no registry. buf's npm package ships its binary in a
# platform package, so its install script is not needed.
(cd .ci/tools && npm ci --cache "$NPM_CACHE" --prefer-offline --no-audit --no-fund --ignore-scripts --loglevel=error)
BUF=.ci/tools/node_modules/.bin/buf

echo "== buf lint (proto/buf.yaml: STANDARD)"
"$BUF" lint proto

echo "== buf format (the protos are written as buf format writes them; fix with: $BUF format -w proto)"
"$BUF" format -d --exit-code proto

echo "== buf breaking (rules FILE, against the latest release tag)"
# Tags name releases (v1.2.3); the newest by version order is the contract users have.
latest_tag=$(git tag --list 'v*' --sort=-version:refname | head -1)
if [ -n "$latest_tag" ]; then
  echo "against $latest_tag"
  "$BUF" breaking proto --against ".git#tag=$latest_tag,subdir=proto"
else
  echo "skipped: no release tag v* yet, so there is no published contract to stay compatible with"
fi

echo "== Spectral on openapi/slipway.yaml (spectral:oas + OWASP API Security Top 10; .ci/tools/spectral.mjs lists each rule changed and why)"
# Errors fail the stage; warnings are printed.
.ci/tools/node_modules/.bin/spectral lint openapi/slipway.yaml --ruleset .ci/tools/spectral.mjs --fail-severity=error -f text

echo "contract lint: ok"
