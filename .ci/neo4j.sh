#!/usr/bin/env bash
# The Neo4j store against a real Neo4j (5.26 LTS Community, started by
# scripts/neo4j, fetched through Maven): the store contract suite and the
# other checks that need a server (every test that reads NEO4J_URI). Called by
# .ci/run; prints its own counts.
set -euo pipefail # pipefail: a failing go test fails its pipe into tee
cd "$(dirname "$0")/.."

dir=$(mktemp -d)
log=$(mktemp)
cleanup() { scripts/neo4j stop "$dir" || true; rm -rf "$dir" "$log" "$log.graph"; }
trap cleanup EXIT

eval "$(scripts/neo4j start "$dir")"
export NEO4J_URI NEO4J_USERNAME NEO4J_PASSWORD
export NETGRAPH_NEO4J_DIR=$dir # TestKillNeo4jDuringWrites kills and restarts it
# Every test that reads NEO4J_URI; each empties the database it uses, so they
# run one package at a time (-p 1). In cmd/netgraph only those tests: the rest
# ran in the main test step.
# The GraphQL tests run on Neo4j too (NETGRAPH_TEST_STORE selects the store
# their client opens); the race detector has seen them on the embedded store.
run_tests() {
  go test -race -count=1 -p 1 -v ./store/neo4jstore/... &&
    go test -race -count=1 -v -run 'Neo4j|AcrossStores' ./cmd/netgraph/ &&
    NETGRAPH_TEST_STORE=neo4j go test -count=1 -v ./graph/ | tee "$log.graph"
}
if ! run_tests >"$log" 2>&1; then
  grep -E -- '^(\s*--- FAIL|FAIL|panic:)|_test\.go:[0-9]+:|^\s+[a-z]+\.go:[0-9]+:' "$log" | grep -v 'writer.go' | head -200
  echo "neo4j tests: $(grep -c -- '--- PASS' "$log" || true) passed, $(grep -c -- '--- FAIL' "$log" || true) failed"
  exit 1
fi
grep -E '^(ok|FAIL)\s' "$log"
passed=$(grep -c -- '--- PASS' "$log" || true)
skipped=$(grep -c -- '--- SKIP' "$log" || true)
if [ "$skipped" -ne 0 ]; then
  grep -- '--- SKIP' "$log"
  echo "neo4j: $skipped tests skipped with a Neo4j running"
  exit 1
fi
echo "contract suite on Neo4j: $(grep -cE -- '--- PASS: TestStore/' "$log" || true) subtests passed"
echo "GraphQL tests (graph/) on Neo4j: $(grep -c -- '--- PASS' "$log.graph" || true) passed"
echo "neo4j tests: $passed passed, 0 failed, $skipped skipped"
