// Runs the graphql-http server audits (the GraphQL over HTTP spec's
// requirements) against a running netgraph and prints every result.
//
//   NETGRAPH_URL=http://127.0.0.1:8080/graphql NETGRAPH_API_KEY=... node audit.mjs
//
// Exits 1 if a MUST audit fails; SHOULD and MAY failures are printed as
// warnings. The API key, if given, is sent as Authorization: Bearer on every
// request and never printed.
import { serverAudits } from "graphql-http";

const url = process.env.NETGRAPH_URL;
if (!url) {
  console.error("audit.mjs: set NETGRAPH_URL to the /graphql endpoint");
  process.exit(2);
}
const key = process.env.NETGRAPH_API_KEY || "";

// fetchFn adds the API key to every request the audits make.
function fetchFn(input, init = {}) {
  const headers = new Headers(init.headers);
  if (key) headers.set("Authorization", `Bearer ${key}`);
  return fetch(input, { ...init, headers });
}

const counts = { ok: 0, error: 0, warn: 0, notice: 0 };
const failedMusts = [];
for (const audit of serverAudits({ url, fetchFn })) {
  const result = await audit.fn();
  counts[result.status]++;
  if (result.status === "ok") {
    console.log(`ok      ${result.id} ${result.name}`);
    continue;
  }
  const must = result.name.startsWith("MUST");
  const label = must ? "FAIL" : "warn";
  let detail = "";
  try {
    const res = result.response;
    const body = await res.text();
    detail = ` [HTTP ${res.status} ${res.headers.get("content-type") || "-"}: ${body.slice(0, 200).replace(/\s+/g, " ")}]`;
  } catch {
    // The response may have been read already.
  }
  console.log(`${label.padEnd(7)} ${result.id} ${result.name}: ${result.reason}${detail}`);
  if (must) failedMusts.push(result.id);
}

const warnings = counts.error + counts.warn + counts.notice - failedMusts.length;
console.log(`\n${warnings} SHOULD/MAY audits failed (warnings only)`);
console.log(`${counts.ok} passed, ${failedMusts.length} failed`);
if (failedMusts.length > 0) {
  console.error(`MUST audits failed: ${failedMusts.join(", ")}`);
  process.exit(1);
}
