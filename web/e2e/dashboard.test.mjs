// The dashboard at / in Chromium against serve --demo: the map is drawn,
// the first screen names who holds the network together (as GraphQL says),
// a person's card opens from the search with their figures and
// introductions, a facilitator records an introduction and the suggestions
// change, a viewer sees no e-mail and no write buttons, a missing key is
// asked for, a facilitator imports spreadsheets after a preview, the network
// downloads for Gephi; and no page logs an error.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { KEYS, launchBrowser, shot, startServer, watchPage } from "./harness.mjs";
import { colourfulPixels, decodePNG } from "./png.mjs";

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** graphql asks the server directly, as role, for the answers the page must show. */
async function graphql(role, query, variables = {}) {
  const res = await fetch(server.url + "/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${KEYS[role]}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

/** openDashboard opens / with role's key in the tab (none for null) and waits for the map to settle. */
async function openDashboard(role, { wait = true } = {}) {
  const page = await browser.context.newPage();
  const problems = watchPage(page, server.url);
  if (role) await page.addInitScript((k) => sessionStorage.setItem("netgraph.apiKey", k), KEYS[role]);
  await page.goto(server.url + "/");
  if (wait) await page.waitForSelector('body[data-ready="true"]', { timeout: 90_000 });
  return { page, problems };
}

/** openPerson finds a person with the search box and waits for their card. */
async function openPerson(page, name) {
  await page.fill("#search", name);
  await page.locator("#search-results button", { hasText: name }).first().click();
  await page.locator("#person-name", { hasText: name }).waitFor();
  await page.waitForSelector('#panel[data-loading="false"]');
}

test("the map is drawn and the first screen names the top connector", async () => {
  const { page, problems } = await openDashboard("facilitator");
  const { networkHealth, connectors } = await graphql("facilitator", `{ networkHealth { people ties } connectors(top: 1) { person { name } } }`);
  const stats = await page.evaluate(() => globalThis.netgraphMap.stats());
  assert.equal(stats.nodes, networkHealth.people, "every person of the scope is on the map");
  assert.ok(stats.edges > 0 && stats.edges <= networkHealth.ties, `${stats.edges} ties drawn of ${networkHealth.ties}`);
  const png = decodePNG(await page.locator("#map").screenshot());
  const coloured = colourfulPixels(png);
  assert.ok(coloured > 2000, `the map has ${coloured} coloured pixels: was it drawn?`);
  const headline = await page.locator("#headline").innerText();
  assert.match(headline, /Who holds this network together/);
  assert.ok(headline.includes(connectors[0].person.name), `the headline names ${connectors[0].person.name}: ${headline}`);
  const holders = await page.locator("#sponsor-role-holders").innerText();
  assert.match(holders, /holds the SPONSOR role.*(poorly|fairly|well) placed to sponsor/, `role holders with a verdict: ${holders}`);
  // Communities go by name, in the panel and in the map's legend (coloured by community at first).
  const { communities } = await graphql("facilitator", `{ communities { name size } }`);
  const panel = await page.locator("#communities").innerText();
  assert.ok(panel.includes(communities[0].name), `the communities panel names ${communities[0].name}: ${panel}`);
  assert.ok((await page.locator("#legend").innerText()).includes(communities[0].name), "the legend names the largest community");
  assert.doesNotMatch(await page.locator("#legend").innerText(), /Community \d/);
  await shot(page, "dashboard");
  assert.deepEqual(problems, []);
  await page.close();
});

test("colour, size and filters restyle the map", async () => {
  const { page, problems } = await openDashboard("facilitator");
  await page.selectOption("#colour-by", "sector");
  await page.locator("#legend", { hasText: "Sector" }).waitFor();
  assert.match(await page.locator("#legend").innerText(), /nhs trust|public library|primary care/i);
  await page.selectOption("#size-by", "degree");
  const region = await page.locator("#filter-region option").nth(1).getAttribute("value");
  await page.selectOption("#filter-region", region);
  await page.waitForTimeout(300);
  await shot(page, "dashboard-sector-region");
  assert.deepEqual(problems, []);
  await page.close();
});

test("search opens a person's card with their figures and introductions; a facilitator records one", async () => {
  const { page, problems } = await openDashboard("facilitator");
  const { connectors } = await graphql("facilitator", `{ connectors(top: 1) { person { id name email } } }`);
  const person = connectors[0].person;
  await openPerson(page, person.name);
  const card = page.locator("#panel");
  assert.match(await card.locator("#metrics").innerText(), /Ties: \d+ ties?, /);
  assert.match(await card.locator("#person-community").innerText(), /^Community: \S/);
  assert.doesNotMatch(await card.innerText(), /\d[eE][-+]?\d/, "no scientific notation");
  assert.match(await card.locator("#roles").innerText(), /Connector: links groups/);
  if (person.email) assert.equal(await card.locator("#person-email").innerText(), person.email);
  // A connector's place among their contacts: Burt's measures in words and
  // the groups the ego query says they bridge.
  const { ego } = await graphql("facilitator", `query($id: ID!) { ego(personId: $id) { bridges { name } } }`, { id: person.id });
  const brokering = await card.locator("#brokering").innerText();
  assert.match(brokering, /Effective size [\d.]+ of \d+ contacts/);
  assert.match(brokering, /Constraint [\d.]+ /);
  if (ego.bridges.length) assert.ok(brokering.includes(`Bridges ${ego.bridges[0].name} (`), brokering);
  const before = await card.locator("[data-introduction]").evaluateAll((li) => li.map((e) => e.dataset.introduction));
  assert.ok(before.length > 0, "the card suggests introductions");
  assert.ok((await card.locator("#introductions").innerText()).length > 40, "introductions come with reasons");
  await shot(page, "person");

  // Record the first suggestion: it is no longer suggested, and the tie exists.
  await card.locator("[data-introduction] button.record").first().click();
  await page.waitForFunction((first) => {
    const ids = [...document.querySelectorAll("[data-introduction]")].map((e) => e.dataset.introduction);
    return ids.length > 0 && !ids.includes(first) && document.querySelector("#panel").dataset.loading === "false";
  }, before[0], { timeout: 120_000 });
  // The service answers from the analysis before the change until it has computed the next; the card asks again.
  await page.waitForFunction(() => !document.getElementById("catching-up") && document.querySelector("#panel").dataset.loading === "false",
    null, { timeout: 120_000 });
  const after = await card.locator("[data-introduction]").evaluateAll((li) => li.map((e) => e.dataset.introduction));
  assert.ok(!after.includes(before[0]), "the person introduced is no longer suggested");
  assert.notDeepEqual(after, before, "the suggestions changed");
  const { person: p } = await graphql("facilitator", `query($id: ID!) { person(id: $id) { ties(first: 500) { edges { node { kind to { id } from { id } } } } } }`, { id: person.id });
  assert.ok(p.ties.edges.some((e) => e.node.kind === "INTRODUCED" && (e.node.to.id === before[0] || e.node.from.id === before[0])), "the introduction was recorded");
  assert.match(await page.locator("#status").innerText(), /Recorded/);
  await shot(page, "person-after-introduction");

  // Dismiss the next suggestion: it is no longer suggested, and it is listed as dismissed.
  await card.locator("[data-introduction] button.dismiss").first().click();
  await page.waitForFunction((first) => {
    const ids = [...document.querySelectorAll("[data-introduction]")].map((e) => e.dataset.introduction);
    return !ids.includes(first) && document.querySelector("#panel").dataset.loading === "false" && !document.getElementById("catching-up");
  }, after[0], { timeout: 120_000 });
  assert.match(await page.locator("#status").innerText(), /Dismissed/);
  const { dismissedIntroductions } = await graphql("facilitator", `{ dismissedIntroductions { edges { node { a { id } b { id } } } } }`);
  assert.ok(dismissedIntroductions.edges.some(({ node }) => [node.a.id, node.b.id].includes(after[0]) && [node.a.id, node.b.id].includes(person.id)),
    "the dismissal is remembered");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a viewer sees no e-mail and no write buttons", async () => {
  const { page, problems } = await openDashboard("viewer");
  const headline = await page.locator("#headline").innerText();
  const { centrality } = await graphql("viewer", `{ centrality(metric: BETWEENNESS, top: 1) { person { name } } }`);
  assert.ok(headline.includes(centrality[0].person.name), `a viewer's headline names the top broker: ${headline}`);
  const { people } = await graphql("facilitator", `{ people(first: 50) { edges { node { name email } } } }`);
  const withEmail = people.edges.map((e) => e.node).find((n) => n.email);
  await openPerson(page, withEmail.name);
  const text = await page.locator("#panel").innerText();
  assert.ok(!text.includes(withEmail.email), "a viewer sees no e-mail address");
  assert.equal(await page.locator("#person-email").count(), 0);
  assert.equal(await page.locator("button.record, button.dismiss").count(), 0, "a viewer has no write buttons");
  assert.equal(await page.locator("#import-button").isVisible(), false, "a viewer has no spreadsheet import");
  assert.equal(await page.locator("#downloads").isVisible(), false, "a viewer has no Gephi download");
  assert.match(text, /need an analyst's API key/);
  assert.equal(await page.locator("#whoami").innerText(), "Viewing");
  await shot(page, "viewer-person");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the register lists the demo networks, search narrows it, and a profile says how to join", async () => {
  const { page, problems } = await openDashboard("viewer");
  const all = await graphql("viewer", `{ register(first: 100) { totalCount edges { node { id name } } } }`);
  assert.ok(all.register.totalCount >= 6, `the demo has its networks in the register: ${all.register.totalCount}`);
  await page.click("#view-register");
  const listed = () => page.locator("#register-list [data-network]").evaluateAll((li) => li.map((e) => e.dataset.network));
  await page.waitForFunction((n) => document.querySelectorAll("#register-list [data-network]").length === n &&
    document.getElementById("register").dataset.loading === "false", all.register.totalCount, { timeout: 30_000 });
  assert.deepEqual(await listed(), all.register.edges.map((e) => e.node.id), "the register lists every network, in order");

  const { register: diabetes } = await graphql("viewer", `{ register(filter: {text: "diabetes"}) { edges { node { id name } } } }`);
  assert.ok(diabetes.edges.length > 0 && diabetes.edges.length < all.register.totalCount, "the search narrows the register");
  await page.fill("#register-search", "DIABETES");
  await page.waitForFunction((n) => document.querySelectorAll("#register-list [data-network]").length === n &&
    document.getElementById("register").dataset.loading === "false", diabetes.edges.length, { timeout: 30_000 });
  assert.deepEqual(await listed(), diabetes.edges.map((e) => e.node.id), "the search lists what register(filter: {text}) finds");

  // The first match's profile: how to join, from the network office, and no e-mail for a viewer.
  const profile = await page.locator("#register-profile").innerText();
  assert.ok(profile.includes(diabetes.edges[0].node.name), `the profile shown is the first match's: ${profile}`);
  assert.match(await page.locator("#network-join").innerText(), /network office/);
  assert.doesNotMatch(profile, /@/, "a viewer sees no contact e-mail");
  await shot(page, "register");

  // A filter and the search together; a search that finds nothing says so.
  await page.selectOption("#register-policy", "BY_INVITATION");
  await page.locator("#register-empty").waitFor({ timeout: 30_000 });
  await page.click("#view-map");
  assert.ok(await page.locator("#register").isHidden(), "the map's tab hides the register");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a facilitator sees a by-request network's pending membership requests in its profile and declines one with a reason", async () => {
  const { register } = await graphql("facilitator", `{ register(filter: {membershipPolicy: BY_REQUEST}, first: 1) { edges { node { id name members { person { id } } } } } }`);
  const net = register.edges[0].node;
  const members = new Set(net.members.map((m) => m.person.id));
  const { people } = await graphql("facilitator", `{ people(first: 500) { edges { node { id name } } } }`);
  const outsider = people.edges.map((e) => e.node).find((p) => !members.has(p.id));
  const { requestMembership: req } = await graphql("facilitator",
    `mutation($p: ID!, $n: ID!) { requestMembership(personId: $p, networkId: $n, message: "I would like to join") { id } }`,
    { p: outsider.id, n: net.id });

  const { page, problems } = await openDashboard("facilitator");
  await page.click("#view-register");
  await page.click(`#register-list [data-network="${net.id}"] button`);
  const item = page.locator(`#network-requests [data-request="${req.id}"]`);
  await item.waitFor({ timeout: 30_000 });
  assert.match(await item.innerText(), new RegExp(outsider.name));
  await item.locator(".request-reason").fill("The network is full this year");
  await item.locator("button.decline").click();
  await item.waitFor({ state: "detached", timeout: 30_000 });
  const { membershipRequests } = await graphql("facilitator",
    `query($n: ID!) { membershipRequests(networkId: $n, status: DECLINED) { edges { node { id reason } } } }`, { n: net.id });
  assert.ok(membershipRequests.edges.some((e) => e.node.id === req.id && e.node.reason === "The network is full this year"),
    "the decline and its reason are recorded");
  assert.deepEqual(problems, []);
  await page.close();
});

test("without a key the dashboard asks for one, keeps it in the tab only, and loads", async () => {
  const { page, problems } = await openDashboard(null, { wait: false });
  await page.locator("#key-dialog[open]").waitFor();
  await shot(page, "key-prompt");
  await page.fill("#key-input", KEYS.facilitator);
  await page.click("#key-save");
  await page.waitForSelector('body[data-ready="true"]', { timeout: 90_000 });
  const storage = await page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));
  assert.equal(storage.session["netgraph.apiKey"], KEYS.facilitator);
  assert.ok(!JSON.stringify(storage.local).includes(KEYS.facilitator), "the key is not in localStorage");
  // The browser reports the keyless request's 401 itself; the page logs nothing.
  assert.deepEqual(problems.filter((p) => !/status of 401/.test(p)), []);
  await page.close();
});

/** sheet is a CSV file for the file picker. */
const sheet = (name, text) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });

test("a facilitator previews spreadsheets, sees every problem where it is, fixes them and imports", async () => {
  const { page, problems } = await openDashboard("facilitator");
  const before = (await page.evaluate(() => globalThis.netgraphMap.stats())).nodes;
  await page.click("#import-button");
  await page.locator("#import-dialog[open]").waitFor();
  const people = "external_id,name,email,profession\ne2e-1,Quilla Upload,quilla@example.org,Nurse\ne2e-2,Rafe Upload,rafe@,Librarian\n";
  const ties = "from,to,kind,strength\ne2e-1,e2e-2,collaborates,5\ne2e-1,demo-person-0001,knows,2\n";
  await page.setInputFiles("#import-files", [sheet("people.csv", people), sheet("ties.csv", ties)]);
  await page.locator("#import-problems").waitFor();
  const shown = await page.locator("#import-problems").innerText();
  assert.match(shown, /people\.csv line 3, column 3 \(email\): /, `the problem is named by file, line and column: ${shown}`);
  assert.match(await page.locator("#import-summary").innerText(), /1 problem to fix: nothing can be imported/);
  assert.equal(await page.locator("#import-run").isDisabled(), true, "a preview with problems cannot be imported");
  await shot(page, "import-problems");
  const { person: none } = await graphql("facilitator", `{ person(id: "ext:e2e-1") { id } }`);
  assert.equal(none, null, "a preview writes nothing");

  await page.setInputFiles("#import-files", [sheet("people.csv", people.replace("rafe@,", "rafe@example.org,")), sheet("ties.csv", ties)]);
  await page.locator("#import-kinds").waitFor();
  assert.equal(await page.locator("#import-kinds").innerText(), "people: 2 new\nties: 2 new");
  assert.match(await page.locator("#import-summary").innerText(), /Ready: importing writes 4 records/);
  assert.equal(await page.locator("#import-problems").count(), 0);
  await shot(page, "import-preview");
  await page.click("#import-run");
  await page.locator("#import-summary", { hasText: "Imported: 4 records written." }).waitFor({ timeout: 60_000 });
  const { person } = await graphql("facilitator", `{ person(id: "ext:e2e-1") { name ties { totalCount } } }`);
  assert.deepEqual(person, { name: "Quilla Upload", ties: { totalCount: 2 } });
  await page.click("#import-close");
  // The map is drawn again once the analysis has the new people.
  await page.waitForFunction((n) => document.body.dataset.ready === "true" && globalThis.netgraphMap.stats().nodes === n + 2,
    before, { timeout: 120_000 });
  await openPerson(page, "Quilla Upload");
  assert.match(await page.locator("#contacts").innerText(), /Rafe Upload/);
  await shot(page, "imported-person");
  assert.deepEqual(problems, []);
  await page.close();
});

test("Open in Gephi downloads the network as GEXF, and GraphML for Cytoscape", async () => {
  const { page, problems } = await openDashboard("analyst");
  assert.equal(await page.locator("#import-button").isVisible(), false, "an analyst has no spreadsheet import");
  for (const [button, start] of [["#download-gexf", /^<\?xml version="1.0" encoding="UTF-8"\?>\s*<gexf /], ["#download-graphml", /^<\?xml [^>]*\?>\s*<graphml /]]) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
    const text = readFileSync(await download.path(), "utf8");
    assert.match(text.slice(0, 300), start, `${download.suggestedFilename()} starts ${text.slice(0, 120)}`);
    assert.match(download.suggestedFilename(), /^netgraph\.(gexf|graphml)$/);
  }
  assert.match(await page.locator("#status").innerText(), /Downloaded netgraph\.graphml: open it in Cytoscape/);
  // With a network chosen, its own network (GET /report, which takes the network).
  const networkId = await page.locator("#scope option").nth(1).getAttribute("value");
  await page.selectOption("#scope", networkId);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 90_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-gexf")]);
  assert.equal(download.suggestedFilename(), `netgraph-network-${networkId}.gexf`);
  const network = readFileSync(await download.path(), "utf8");
  assert.match(network.slice(0, 300), /^<\?xml version="1.0" encoding="UTF-8"\?>\s*<gexf /);
  const nodes = (network.match(/<node /g) || []).length;
  const { networkHealth } = await graphql("analyst", `query($n: ID!) { networkHealth(scope: {networkId: $n}) { people } }`, { n: networkId });
  assert.equal(nodes, networkHealth.people, "the network's file holds its members");
  assert.deepEqual(problems, []);
  await page.close();
});
