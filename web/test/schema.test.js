// Every request the dashboard sends and every GraphiQL example is valid
// against the schema (../schema.graphqls, with ../metrics.graphqls, the
// CentralityMetric enum generated from the metric registry), so a change to
// the schema that would break the front end fails here, in seconds, without a
// browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { buildSchema, parse, validate } from "graphql";

import * as q from "../src/dashboard/queries.js";
import { examples } from "../src/graphiql/examples.js";

const schema = buildSchema(
  ["schema.graphqls", "metrics.graphqls"].map((f) => readFileSync(new URL(`../../${f}`, import.meta.url), "utf8")).join("\n"),
);

const requests = {
  "map, first page": q.graphPage({}, null, null),
  "map, ties only": q.graphPage({ networkId: "n" }, false, "c"),
  "map, people only": q.graphPage({}, "c", false),
  directory: q.directory(),
  "viewer overview": q.viewerOverview({}),
  "analyst overview": q.analystOverview({}),
  "person with introductions": q.person("p", {}, true),
  person: q.person("p", {}, false),
  "record introduction": q.recordIntroduction("a", "b"),
  "dismiss introduction": q.dismissIntroduction("a", "b"),
  "import spreadsheets": q.importSpreadsheets([{ name: "people.csv", content: "" }], true),
  "membership requests": q.membershipRequests("n"),
  "decide membership request": q.decideMembershipRequest("r", true, "welcome"),
  register: q.register(),
  "register, filtered": q.register({ text: "t", type: "LEARNING", region: "r", status: "ACTIVE", membershipPolicy: "OPEN" }, "c"),
};
examples.forEach((e, i) => (requests[`GraphiQL example ${i + 1}`] = e));

for (const [name, r] of Object.entries(requests)) {
  test(`${name} is valid against the schema`, () => {
    const errors = validate(schema, parse(r.query));
    assert.deepEqual(errors.map((e) => e.message), []);
  });
}
