#!/usr/bin/env bash
# Audits netgraph's /graphql against the GraphQL over HTTP spec with the
# graphql-http audit suite. Builds the binary, serves the demo on a temporary
# database at a free loopback port with an API key, runs audit.mjs (which
# fails on any MUST audit) and always stops the server. Needs Go, Node.js and
# npm. CI runs: bash .ci/graphql-http/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tmp="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

(cd "$here" && npm ci --no-audit --no-fund --silent)
(cd "$root" && go build -o "$tmp/netgraph" ./cmd/netgraph)

# A free loopback port: bind to port 0 and let go of it.
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
key="audit-$(node -e 'console.log(require("crypto").randomBytes(24).toString("hex"))')"
printf 'admin %s audit\n' "$key" >"$tmp/keys"
chmod 600 "$tmp/keys"

# The audits send a burst of requests; no rate limit here.
"$tmp/netgraph" serve --demo --db "$tmp/x.db" --addr "127.0.0.1:$port" \
  --api-keys "$tmp/keys" --rate-limit 0 --log-level warn 2>"$tmp/serve.log" &
pid=$!

for _ in $(seq 1 600); do
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "netgraph serve exited before it was ready:" >&2; cat "$tmp/serve.log" >&2; exit 1
  fi
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { echo "netgraph not ready after 60s" >&2; cat "$tmp/serve.log" >&2; exit 1; }

status=0
(cd "$here" && NETGRAPH_URL="http://127.0.0.1:$port/graphql" NETGRAPH_API_KEY="$key" node audit.mjs) || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- netgraph serve log (warnings and errors) ---" >&2
  cat "$tmp/serve.log" >&2
fi
exit "$status"
