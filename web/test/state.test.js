import { test } from "node:test";
import assert from "node:assert/strict";

import { createStore, initialState, matchesFilter, searchPeople, regionsOf, roleFromProbe, canWrite, canExport, freshIntroductions, isStale } from "../src/dashboard/state.js";

const ann = { name: "Ann Lee", region: "North East", organisationIds: ["org_1"], roles: ["CONNECTOR"], membershipRoles: ["SPONSOR"] };
const bob = { name: "Bob Annan", region: "London", organisationIds: [], roles: ["ISOLATED"], membershipRoles: [] };
const cat = { name: "Cat Leeming", region: "London", organisationIds: ["org_2"], roles: [], membershipRoles: ["MEMBER"] };

test("the store tells subscribers", () => {
  const s = createStore(initialState);
  const seen = [];
  s.subscribe((st) => seen.push(st.colourBy));
  s.update({ colourBy: "sector" });
  s.update((st) => ({ filter: { ...st.filter, region: "London" } }));
  assert.deepEqual(seen, ["sector", "sector"]);
  assert.equal(s.get().filter.region, "London");
  assert.equal(s.get().sizeBy, "betweenness");
});

test("filters: organisation, region, role of either kind", () => {
  const none = { organisationId: "", region: "", role: "" };
  assert.ok([ann, bob, cat].every((p) => matchesFilter(p, none)));
  assert.deepEqual([ann, bob, cat].filter((p) => matchesFilter(p, { ...none, region: "London" })), [bob, cat]);
  assert.deepEqual([ann, bob, cat].filter((p) => matchesFilter(p, { ...none, organisationId: "org_1" })), [ann]);
  assert.deepEqual([ann, bob, cat].filter((p) => matchesFilter(p, { ...none, role: "structural:ISOLATED" })), [bob]);
  assert.deepEqual([ann, bob, cat].filter((p) => matchesFilter(p, { ...none, role: "member:SPONSOR" })), [ann]);
  assert.deepEqual([ann, bob, cat].filter((p) => matchesFilter(p, { organisationId: "org_2", region: "London", role: "" })), [cat]);
});

test("search: every word, names starting with it first", () => {
  assert.deepEqual(searchPeople([bob, ann, cat], "ann").map((p) => p.name), ["Ann Lee", "Bob Annan"]);
  assert.deepEqual(searchPeople([bob, ann, cat], "lee").map((p) => p.name), ["Ann Lee", "Cat Leeming"]);
  assert.deepEqual(searchPeople([bob, ann, cat], "ann lee").map((p) => p.name), ["Ann Lee"]);
  assert.deepEqual(searchPeople([bob, ann, cat], "  "), []);
  assert.equal(searchPeople([ann, ann, ann], "a", 2).length, 2);
});

test("regions and roles", () => {
  assert.deepEqual(regionsOf([ann, bob, cat, { region: "" }]), ["London", "North East"]);
  assert.equal(roleFromProbe({ emailVisible: true, reportsAllowed: true }), "facilitator");
  assert.equal(roleFromProbe({ emailVisible: false, reportsAllowed: true }), "analyst");
  assert.equal(roleFromProbe({ emailVisible: false, reportsAllowed: false }), "viewer");
  assert.equal(canWrite("facilitator"), true);
  assert.equal(canWrite("viewer"), false);
  assert.equal(canWrite("analyst"), false);
  assert.equal(canExport("analyst"), true);
  assert.equal(canExport("facilitator"), true);
  assert.equal(canExport("viewer"), false);
  assert.equal(canExport("unknown"), false);
});

test("introductions to people already tied are dropped; stale results are told", () => {
  const intros = [{ person: { id: "a" }, provenance: { stale: true } }, { person: { id: "b" }, provenance: { stale: true } }];
  assert.deepEqual(freshIntroductions(intros, new Set(["a"])).map((i) => i.person.id), ["b"]);
  assert.equal(isStale(intros), true);
  assert.equal(isStale([{ provenance: { stale: false } }]), false);
  assert.equal(isStale([]), false);
});
