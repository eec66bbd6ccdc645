#!/usr/bin/env bash
# The README as a test: starts Slipway with the README's own start command (dev mode on embedded
# defaults), fails when that start logs an ERROR line, then runs every bash block of the README in
# order in one shell (so TOKEN, AUTH, ID carry over, as for a reader pasting them), failing on the
# first command that fails. Blocks a reader runs elsewhere (the two opening commands, the
# production start) are marked in the README with <!-- readme-test: skip --> on the line before.
#
# Inside the walkthrough, curl fails on HTTP errors (--fail-with-body) and is bounded in time; a
# streaming call (-N) ends after a few seconds and counts as passed if it produced output.
# Usage: src/test/e2e/readme.sh   (from a clean checkout; needs curl and python3; port 8080 free)
set -euo pipefail
cd "$(dirname "$0")/../../.."

WORK=$(mktemp -d)
DEV_LOG="$WORK/dev.log"
dev_pid=""
cleanup() {
  if [ -n "$dev_pid" ]; then
    kill -- -"$dev_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$dev_pid" 2>/dev/null || break; sleep 1; done
    kill -9 -- -"$dev_pid" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

start_command=$(python3 - <<'PY'
import re
text = open("README.md").read()
first = re.search(r"```bash\n(.*?)```", text, re.S).group(1)
print(first.splitlines()[0].split("#")[0].strip())
PY
)
[ "$start_command" = "./mvnw quarkus:dev" ] || { echo "FAIL: the README no longer starts with ./mvnw quarkus:dev but '$start_command'" >&2; exit 1; }

if [ -e .slipway ]; then
  echo "FAIL: .slipway exists; run this in a clean clone, as CI does (it would reuse your dev data)" >&2
  exit 2
fi
echo "== $start_command (the README's start command), in its own process group"
setsid bash -c "exec $start_command -B -Dquarkus.analytics.disabled=true < /dev/null" > "$DEV_LOG" 2>&1 &
dev_pid=$!
for _ in $(seq 1 300); do
  curl -sf localhost:8080/q/health/ready > /dev/null 2>&1 && break
  kill -0 "$dev_pid" 2>/dev/null || { tail -50 "$DEV_LOG"; echo "FAIL: dev mode exited" >&2; exit 1; }
  sleep 1
done
curl -sf localhost:8080/q/health/ready > /dev/null || { tail -50 "$DEV_LOG"; echo "FAIL: dev mode not ready after 300 s" >&2; exit 1; }
for _ in $(seq 1 30); do [ -s .slipway/oidc-token-endpoint ] && break; sleep 1; done

if grep -nE '^[0-9:.]+ ERROR |\[ERROR\]' "$DEV_LOG"; then
  echo "FAIL: the dev-mode start logged ERROR lines (above); the README promises a clean start" >&2
  exit 1
fi
echo "ok   dev mode started without ERROR lines"

python3 - "$WORK/walkthrough.sh" <<'PY'
import re, sys
text = open("README.md").read()
blocks = []
for match in re.finditer(r"(?:^|\n)([^\n]*)\n```bash\n(.*?)```", text, re.S):
    if "readme-test: skip" in match.group(1):
        continue
    blocks.append(match.group(2))
with open(sys.argv[1], "w") as out:
    out.write(open("src/test/e2e/readme-prelude.sh").read())
    for number, block in enumerate(blocks, 1):
        out.write(f"\necho '== README block {number}'\n")
        out.write(block)
print(f"{len(blocks)} README blocks to run", file=sys.stderr)
PY

echo "== the README's walkthrough"
if ! bash -euo pipefail -x "$WORK/walkthrough.sh" > "$WORK/walkthrough.log" 2>&1; then
  tail -40 "$WORK/walkthrough.log"
  echo "FAIL: a README command failed (above)" >&2
  exit 1
fi
mkdir -p target && cp "$WORK/walkthrough.log" target/readme-walkthrough.log
echo "ok   the walkthrough ran: $(grep -c "^+* *echo '== README block" "$WORK/walkthrough.log") blocks, $(grep -c '^+* *command curl' "$WORK/walkthrough.log") HTTP calls (log: target/readme-walkthrough.log)"

if grep -nE '^[0-9:.]+ ERROR ' "$DEV_LOG"; then
  echo "FAIL: Slipway logged ERROR lines during the walkthrough (above)" >&2
  exit 1
fi
echo "README walkthrough passed"
