#!/usr/bin/env bash
# The front end's CI (web/): the committed bundle is what the sources build,
# the pure modules' unit tests pass, and the pages work in a real browser
# (Debian's Chromium, driven by playwright-core) against serve --demo.
#
# The bundle is rebuilt from `npm ci` in a temporary copy of web/, so the
# work tree is never touched; the browser tests run from that copy too.
# Nothing downloads a browser: Chromium comes from apt.
#
# The scale test (e2e/scale.test.mjs) draws 20,000 people on the map and
# prints the frame times it measured ("scale: …").
#
# Usage (from anywhere): bash .ci/frontend.sh
# Screenshots go to $SCREENSHOTS (default: a new temporary directory); each
# path is printed.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if [ ! -x /usr/bin/chromium ]; then
	echo "installing Debian's chromium"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq chromium >/dev/null
fi

cd "$root"
# The sources only: neither node_modules nor the committed bundle; and the
# schema (both files), which the unit tests check the front end's requests
# against.
mkdir -p "$tmp/web"
cp schema.graphqls metrics.graphqls "$tmp"/
(cd web && git ls-files -z --cached --others --exclude-standard | grep -zv '^dist/' |
	xargs -0 -I{} cp --parents {} "$tmp/web"/)

cd "$tmp/web"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build -- --logLevel warn 2>&1 | grep -v MODULE_LEVEL_DIRECTIVE || true
if [ ! -f dist/graphiql.html ]; then
	echo ".ci/frontend.sh: the build produced no bundle" >&2
	exit 1
fi
if ! diff -r "$root/web/dist" dist >"$tmp/bundle.diff"; then
	head -50 "$tmp/bundle.diff"
	echo >&2
	echo ".ci/frontend.sh: web/dist is not what web/ builds; run 'npm ci && npm run build' in web/ and commit web/dist" >&2
	exit 1
fi
echo ".ci/frontend.sh: the committed bundle is what the sources build"

echo "unit tests (node --test)"
node --test test/

echo "browser tests (Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'))"
(cd "$root" && go build -o "$tmp/netgraph" ./cmd/netgraph)
export SCREENSHOTS="${SCREENSHOTS:-$(mktemp -d /tmp/netgraph-screenshots.XXXXXX)}"
echo "screenshots: $SCREENSHOTS"
NETGRAPH_BIN="$tmp/netgraph" node --test --test-concurrency=1 --test-timeout=900000 e2e/
