// GraphiQL at /graphiql in Chromium against serve --demo: it loads, runs a
// query with the tab's API key, keeps what it holds in the tab's
// sessionStorage only, and never runs a linked mutation.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import { KEYS, launchBrowser, shot, startServer, watchPage } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** openGraphiQL opens /graphiql with key in the tab's sessionStorage. */
async function openGraphiQL(search = "", key = KEYS.viewer, local = {}) {
  const page = await browser.context.newPage();
  const problems = watchPage(page, server.url);
  const graphql = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/graphql") graphql.push({ method: r.method(), url: r.url(), body: r.postData() || "" });
  });
  await page.addInitScript(([k, l]) => {
    if (k && !sessionStorage.getItem("netgraph.apiKey")) sessionStorage.setItem("netgraph.apiKey", k);
    for (const [name, value] of Object.entries(l)) localStorage.setItem(name, value);
  }, [key, local]);
  await page.goto(server.url + "/graphiql" + search);
  await page.locator(".graphiql-container").waitFor({ timeout: 60_000 });
  return { page, problems, graphql };
}

/** resultText is what GraphiQL's result pane shows. */
async function resultText(page, contains) {
  const pane = page.locator(".result-window");
  // A loaded CI machine may take a while over the first analysis.
  await pane.filter({ hasText: contains }).waitFor({ timeout: 60_000 });
  return pane.innerText();
}

test("GraphiQL loads, shows the docs and runs a query with the API key", async () => {
  const { page, problems, graphql } = await openGraphiQL("", KEYS.analyst);
  // The example tabs are there.
  await page.locator(".graphiql-tab", { hasText: "WhoHoldsItTogether" }).first().waitFor();
  await page.locator(".graphiql-execute-button").click();
  const text = await resultText(page, "largestComponentShare");
  assert.match(text, /"people": \d+/);
  assert.match(text, /"reasons": \[/);
  assert.ok(graphql.some((r) => r.method === "POST" && r.body.includes("networkHealth")), "the query went out over POST");
  // The docs explorer knows the schema (introspection succeeded with the key).
  await page.locator('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]').click();
  await page.locator(".graphiql-doc-explorer").getByText("Query", { exact: true }).first().waitFor();
  await shot(page, "graphiql");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a viewer's refusal shows as the server's error", async () => {
  const { page, problems } = await openGraphiQL("", KEYS.viewer);
  await page.locator(".graphiql-execute-button").click();
  assert.match(await resultText(page, "FORBIDDEN"), /needs \\"analyst\\"/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("inline errors and autocompletion from the schema", async () => {
  const { page, problems } = await openGraphiQL("?" + new URLSearchParams({ query: "{ nosuchfield }" }), KEYS.viewer);
  await page.locator(".graphiql-query-editor .CodeMirror-lint-mark-error").first().waitFor({ timeout: 20_000 });
  const editor = page.locator(".graphiql-query-editor .CodeMirror");
  await editor.click();
  await page.keyboard.press("Control+a");
  await page.keyboard.type("{ networkHe");
  await page.locator(".CodeMirror-hints", { hasText: "networkHealth" }).waitFor({ timeout: 20_000 });
  await shot(page, "graphiql-autocomplete");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a linked query runs over GET; its text stays in sessionStorage only", async () => {
  const old = {
    "netgraph.ide.history": '[{"query":"mutation { createPerson(input: {name: \\"Ann Old\\"}) { id } }"}]',
    "netgraph.ide.session": '{"query":"{ people(filter: {nameContains: \\"Ann Old\\"}) { totalCount } }"}',
  };
  const q = `query Find($name: String) { people(filter: {nameContains: $name}) { totalCount } }`;
  const search = "?" + new URLSearchParams({ query: q, variables: '{"name": "Bob New"}', run: "1" });
  const { page, problems, graphql } = await openGraphiQL(search, KEYS.viewer, old);
  await resultText(page, "totalCount");
  assert.ok(graphql.some((r) => r.method === "GET" && r.url.includes("Bob+New") || r.url.includes("Bob%20New")),
    `the linked query went out over GET: ${JSON.stringify(graphql.map((r) => r.method + " " + r.url.slice(0, 80)))}`);
  const storage = await page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));
  for (const [k, v] of Object.entries(storage.local)) {
    assert.ok(!v.includes("Ann Old") && !v.includes("Bob New") && !v.includes("Find"), `localStorage keeps ${k} = ${v}`);
  }
  assert.ok(Object.values(storage.session).some((v) => v.includes("Bob New")), "the tab keeps what was run");
  assert.deepEqual(problems, []);
  await page.close();
});

for (const [name, query, operationName] of [
  ["Mutation", `mutation { deletePerson(id: "per_1") }`, ""],
  ["MutationByName", `query Q { dataVersion } mutation M { deletePerson(id: "per_1") }`, "M"],
  ["MutationAfterQuery", `{ dataVersion } mutation { deletePerson(id: "per_1") }`, ""],
]) {
  test(`a linked ${name} does not run`, async () => {
    const params = { query, run: "1" };
    if (operationName) params.operationName = operationName;
    const { page, graphql } = await openGraphiQL("?" + new URLSearchParams(params), KEYS.facilitator);
    await page.waitForTimeout(1500);
    for (const r of graphql) {
      assert.ok(!(r.body.includes("deletePerson") || r.url.includes("deletePerson")) || r.method === "GET",
        `a linked mutation went out over ${r.method}`);
      assert.ok(!r.body.includes("deletePerson"), "a linked mutation was sent");
    }
    await page.close();
  });
}
