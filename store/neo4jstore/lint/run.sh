#!/usr/bin/env bash
# Lints store/neo4jstore/cypher/*.cypher (CI calls this). Needs Node.js and npm.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
node lint.mjs
