// The dashboard's data access: every request it makes, through
// ../shared/graphql.js with the tab's API key.

import { GraphQLError, query } from "../shared/graphql.js";
import { keyStore, readApiKey } from "../shared/session.js";
import * as q from "./queries.js";
import { base64 } from "./sheets.js";

const store = keyStore();
const run = (request) => query(request, { apiKey: readApiKey(store) });

/**
 * loadGraph reads a scope's people and ties, page after page (one request
 * for up to 5000 people and 4800 ties), calling onProgress(done, total).
 */
export async function loadGraph(scope, onProgress = () => {}) {
  const people = [];
  const ties = [];
  let peopleAfter = null;
  let tiesAfter = null;
  let provenance = null;
  while (peopleAfter !== false || tiesAfter !== false) {
    const { scopeGraph: g } = await run(q.graphPage(scope, peopleAfter, tiesAfter));
    provenance = g.provenance;
    if (g.people) {
      people.push(...g.people.nodes);
      peopleAfter = g.people.pageInfo.hasNextPage ? g.people.pageInfo.endCursor : false;
    }
    if (g.ties) {
      ties.push(...g.ties.nodes);
      tiesAfter = g.ties.pageInfo.hasNextPage ? g.ties.pageInfo.endCursor : false;
    }
    onProgress(people.length + ties.length, provenance.people + provenance.ties);
  }
  return { people, ties, provenance };
}

/**
 * loadDirectory reads the organisations and networks the filters offer, and
 * whether the caller sees e-mail addresses (facilitators and up do).
 */
export async function loadDirectory() {
  const d = await run(q.directory());
  const node = d.role.edges[0]?.node;
  return {
    organisations: d.organisations.edges.map((e) => e.node),
    networks: d.networks.edges.map((e) => e.node),
    emailVisible: Boolean(node && node.email !== null),
  };
}

/**
 * loadOverview reads a scope's health and reports: the analyst's reports if
 * the key allows, else what a viewer may read. reportsAllowed says which.
 */
export async function loadOverview(scope) {
  try {
    const o = await run(q.analystOverview(scope));
    return { ...o, reportsAllowed: true };
  } catch (err) {
    if (err.code !== "FORBIDDEN") throw err;
    const o = await run(q.viewerOverview(scope));
    return { ...o, reportsAllowed: false };
  }
}

/** loadPerson reads one person and, for analysts and up, their suggested introductions. */
export async function loadPerson(id, scope, withIntroductions) {
  return run(q.person(id, scope, withIntroductions));
}

/** dismissIntroduction dismisses the suggestion to introduce a and b, so it is not made again. */
export async function dismissIntroduction(a, b) {
  return (await run(q.dismissIntroduction(a, b))).dismissIntroduction;
}

/** recordIntroduction records that a was introduced to b. */
export async function recordIntroduction(a, b) {
  return (await run(q.recordIntroduction(a, b))).recordIntroduction;
}

/**
 * importSpreadsheets sends files (File objects) to be imported, or with
 * dryRun only previewed; it returns the SpreadsheetImport.
 */
export async function importSpreadsheets(files, dryRun) {
  const sent = await Promise.all(files.map(async (f) => ({ name: f.name, content: base64(new Uint8Array(await f.arrayBuffer())) })));
  return (await run(q.importSpreadsheets(sent, dryRun))).importSpreadsheets;
}

/**
 * downloadNetwork saves the network of scope as a Gephi (gexf) or Cytoscape
 * (graphml) file. It fetches with the tab's API key, which a plain link
 * could not carry, and hands the browser the file as a Blob.
 */
export async function downloadNetwork(scope, format) {
  const { path, filename } = q.networkFile(scope, format);
  const apiKey = readApiKey(store);
  const res = await fetch(path, { headers: apiKey ? { Authorization: `Bearer ${apiKey}` } : {} });
  if (!res.ok) {
    const body = await res.json().catch(() => ({ errors: [{ message: `HTTP ${res.status}` }] }));
    throw new GraphQLError(body.errors || [{ message: `HTTP ${res.status}` }]);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return filename;
}

/** loadRequests reads a network's pending membership requests. */
export async function loadRequests(networkId) {
  const { membershipRequests: r } = await run(q.membershipRequests(networkId));
  return { requests: r.edges.map((e) => e.node), total: r.totalCount };
}

/** decideRequest approves or declines a membership request with a reason. */
export async function decideRequest(id, approve, reason) {
  return (await run(q.decideMembershipRequest(id, approve, reason))).decideMembershipRequest;
}

/** loadRegister reads every network of the register that filter matches, page after page. */
export async function loadRegister(filter) {
  const networks = [];
  let after = null;
  for (;;) {
    const { register } = await run(q.register(filter, after));
    networks.push(...register.edges.map((e) => e.node));
    if (!register.pageInfo.hasNextPage) return { networks, total: register.totalCount };
    after = register.pageInfo.endCursor;
  }
}
