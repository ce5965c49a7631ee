// Links to GraphiQL may come from any page: a linked request runs only if it
// is a query (the old IDE's TestLinkRunsOnlyQueries).
import { test } from "node:test";
import assert from "node:assert/strict";

import { linkedRequest, mayRunLinked, operationKind } from "../src/graphiql/link.js";

const link = (params) => "?" + new URLSearchParams(params).toString();

test("a linked query runs", () => {
  const req = linkedRequest(link({ query: "{ dataVersion }", run: "1" }));
  assert.equal(req.query, "{ dataVersion }");
  assert.equal(mayRunLinked(req), true);
});

test("a link without run=1 only opens", () => {
  assert.equal(mayRunLinked(linkedRequest(link({ query: "{ dataVersion }" }))), false);
});

test("no query, no link", () => {
  assert.equal(linkedRequest("?run=1"), null);
  assert.equal(mayRunLinked(null), false);
});

for (const [name, query, operationName] of [
  ["Mutation", `mutation { deletePerson(id: "per_1") }`, ""],
  ["MutationByName", `query Q { dataVersion } mutation M { deletePerson(id: "per_1") }`, "M"],
  ["MutationAfterQuery", `{ dataVersion } mutation { deletePerson(id: "per_1") }`, ""],
  ["Subscription", `subscription { dataVersion }`, ""],
  ["Unparsable", `mutation { deletePerson(id: "per_1") `, ""],
  ["UnknownOperation", `query Q { dataVersion }`, "M"],
]) {
  test(`a linked ${name} does not run`, () => {
    const params = { query, run: "1" };
    if (operationName) params.operationName = operationName;
    assert.equal(mayRunLinked(linkedRequest(link(params))), false);
  });
}

test("the named query of several runs", () => {
  const req = linkedRequest(link({ query: `query Q { dataVersion } mutation M { deletePerson(id: "x") }`, operationName: "Q", run: "1" }));
  assert.equal(mayRunLinked(req), true);
});

test("operationKind", () => {
  assert.equal(operationKind("{ a }"), "query");
  assert.equal(operationKind("mutation { a }"), "mutation");
  assert.equal(operationKind("query A { a } query B { b }"), "");
  assert.equal(operationKind("query A { a } query B { b }", "B"), "query");
  assert.equal(operationKind("{"), "");
});

test("variables: a JSON object or nothing", () => {
  assert.deepEqual(linkedRequest(link({ query: "{a}", variables: '{"name":"Bob"}' })).variables, { name: "Bob" });
  assert.equal(linkedRequest(link({ query: "{a}", variables: "[1]" })).variables, undefined);
  assert.equal(linkedRequest(link({ query: "{a}", variables: "nope" })).variables, undefined);
});
