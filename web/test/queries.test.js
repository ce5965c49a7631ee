import { test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "graphql";

import * as q from "../src/dashboard/queries.js";

test("every request parses and uses every variable it declares", () => {
  for (const r of [q.graphPage({}, null, null), q.graphPage({}, "c", false), q.graphPage({}, false, "c"), q.directory(),
    q.viewerOverview({}), q.analystOverview({}), q.person("per_1", {}, true), q.person("per_1", {}, false),
    q.recordIntroduction("a", "b"), q.dismissIntroduction("a", "b"), q.importSpreadsheets([], false),
    q.register(), q.register({ text: "diabetes" }, "c"), q.membershipRequests("net_1"),
    q.decideMembershipRequest("req_1", false, "full")]) {
    const doc = parse(r.query);
    const declared = doc.definitions[0].variableDefinitions.map((v) => v.variable.name.value);
    const used = [...r.query.matchAll(/\$(\w+)/g)].map((m) => m[1]).filter((name, i, all) => all.indexOf(name) !== i);
    assert.deepEqual(declared.filter((v) => !used.includes(v)), [], `unused variables in ${r.query}`);
    assert.deepEqual(Object.keys(r.variables).sort(), declared.sort(), "the variables sent are the ones declared");
  }
});

test("scopes", () => {
  assert.equal(q.scopeInput({}), null);
  assert.equal(q.scopeInput(null), null);
  assert.deepEqual(q.scopeInput({ networkId: "net_1" }), { networkId: "net_1" });
  assert.deepEqual(q.scopeInput({ organisationId: "org_1" }), { organisationId: "org_1" });
  assert.deepEqual(q.analystOverview({ networkId: "net_1" }).variables, { scope: { networkId: "net_1" } });
});

test("a list read in full is not asked for again", () => {
  const both = q.graphPage({}, null, null);
  assert.match(both.query, /people\(/);
  assert.match(both.query, /ties\(/);
  assert.deepEqual(both.variables, { scope: null, people: null, ties: null });
  const tiesOnly = q.graphPage({}, false, "cur");
  assert.doesNotMatch(tiesOnly.query, /people\(/);
  assert.equal(tiesOnly.variables.ties, "cur");
});

test("the map's pages fit the default complexity limit (10000) together", () => {
  // 100 for the analysis, one per item, and the fields once each.
  assert.ok(100 + q.GRAPH_PEOPLE_PAGE + q.GRAPH_TIES_PAGE + 50 <= 10000);
});

test("introductions only when asked", () => {
  assert.match(q.person("p", {}, true).query, /introductions\(/);
  assert.doesNotMatch(q.person("p", {}, false).query, /introductions\(/);
});

test("a viewer's overview asks only for what viewers may read", () => {
  const doc = parse(q.viewerOverview({}).query);
  const fields = doc.definitions[0].selectionSet.selections.map((s) => s.name.value);
  assert.deepEqual(fields, ["networkHealth", "centrality"]);
});

test("the network's file: /export for the whole graph, /report for a network or organisation", () => {
  assert.deepEqual(q.networkFile({}, "gexf"), { path: "/export?format=gexf", filename: "netgraph.gexf" });
  assert.deepEqual(q.networkFile({ networkId: "net_1" }, "graphml"), { path: "/report?format=graphml&network=net_1", filename: "netgraph-network-net_1.graphml" });
  assert.deepEqual(q.networkFile({ organisationId: "org 2" }, "gexf"), { path: "/report?format=gexf&organisation=org+2", filename: "netgraph-organisation-org 2.gexf" });
});

test("the register sends only the filters given", () => {
  assert.equal(q.register().variables.filter, null);
  assert.equal(q.register({ text: "", type: "" }).variables.filter, null);
  assert.deepEqual(q.register({ text: "stroke", type: "", region: "North West", status: "ACTIVE", membershipPolicy: "" }, "cur").variables,
    { filter: { text: "stroke", region: "North West", status: "ACTIVE" }, first: q.REGISTER_PAGE, after: "cur" });
});
