// What the pages keep stays in the tab (the old IDE's TestHistoryStaysInTab).
import { test } from "node:test";
import assert from "node:assert/strict";

import { API_KEY, forgetLocal, graphiqlStorage, memoryStorage, readApiKey, writeApiKey, keyStore } from "../src/shared/session.js";
import { getURL, postInit } from "../src/shared/graphql.js";

test("the API key is kept, trimmed, and forgotten when emptied", () => {
  const s = memoryStorage();
  writeApiKey(s, "  secret-token-1234567  ");
  assert.equal(readApiKey(s), "secret-token-1234567");
  assert.equal(s.getItem(API_KEY), "secret-token-1234567");
  writeApiKey(s, "");
  assert.equal(s.getItem(API_KEY), null);
  assert.equal(readApiKey(s), "");
});

test("GraphiQL's storage writes to the store given and clears only its own keys", () => {
  const s = memoryStorage();
  writeApiKey(s, "key-kept-across-clear");
  const g = graphiqlStorage(s);
  g.setItem("graphiql:tabState", '{"query":"{ people { totalCount } }"}');
  g.setItem("graphiql:query", "{ a }");
  assert.equal(s.getItem("graphiql:query"), "{ a }");
  assert.equal(g.length, 2);
  g.clear();
  assert.equal(g.length, 0);
  assert.equal(readApiKey(s), "key-kept-across-clear");
});

test("what older versions kept in localStorage is removed", () => {
  const local = memoryStorage();
  local.setItem("netgraph.ide.history", '[{"query":"mutation { createPerson(input: {name: \\"Ann Old\\"}) { id } }"}]');
  local.setItem("netgraph.ide.session", '{"query":"Ann Old"}');
  local.setItem("graphiql:query", "{ people(filter: {nameContains: \"Ann Old\"}) { totalCount } }");
  local.setItem("unrelated", "kept");
  forgetLocal(local);
  assert.deepEqual([local.key(0)], ["unrelated"]);
  assert.equal(local.length, 1);
});

test("without sessionStorage, keys stay in memory", () => {
  const broken = { get sessionStorage() { throw new Error("denied"); } };
  const s = keyStore(broken);
  writeApiKey(s, "memory-only-key-123");
  assert.equal(readApiKey(s), "memory-only-key-123");
});

test("requests carry the key as a bearer token; GET only in the URL", () => {
  const init = postInit({ query: "{ a }", variables: { x: 1 }, operationName: "A" }, "tok");
  assert.equal(init.method, "POST");
  assert.equal(init.headers.Authorization, "Bearer tok");
  assert.deepEqual(JSON.parse(init.body), { query: "{ a }", variables: { x: 1 }, operationName: "A" });
  assert.equal(postInit({ query: "{ a }" }, "").headers.Authorization, undefined);
  const url = new URL(getURL({ query: "{ a }", variables: { x: 1 } }), "http://h");
  assert.equal(url.pathname, "/graphql");
  assert.equal(url.searchParams.get("query"), "{ a }");
  assert.equal(url.searchParams.get("variables"), '{"x":1}');
});
