import { test } from "node:test";
import assert from "node:assert/strict";

import { colourScale, sizeScale, initialPositions, hash, PALETTE, OTHER, MIN_SIZE, MAX_SIZE } from "../src/dashboard/style.js";

const person = (id, community, extra = {}) => ({ id, community, degree: 1, organisationIds: [], region: "", ...extra });

test("the largest groups get the first colours; people without a group get OTHER", () => {
  const people = [person("a", 3), person("b", 3), person("c", 1), person("d", 0, { degree: 0 })];
  const { colourOf, legend } = colourScale(people, "community");
  assert.equal(colourOf(people[0]), PALETTE[0]);
  assert.equal(colourOf(people[2]), PALETTE[1]);
  assert.equal(colourOf(people[3]), OTHER);
  assert.deepEqual(legend.map((l) => [l.key, l.count]), [["3", 2], ["1", 1]]);
});

test("colour by sector reads the organisation", () => {
  const orgs = new Map([["o1", { sector: "NHS_TRUST" }], ["o2", { sector: "PUBLIC_LIBRARY" }]]);
  const people = [person("a", 0, { organisationIds: ["o1"] }), person("b", 0, { organisationIds: ["o2"] }), person("c", 0, { organisationIds: ["o1"] })];
  const { legend } = colourScale(people, "sector", orgs);
  assert.deepEqual(legend.map((l) => l.key), ["NHS_TRUST", "PUBLIC_LIBRARY"]);
});

test("more groups than colours: the rest are OTHER", () => {
  const people = Array.from({ length: 20 }, (_, i) => person("p" + i, i));
  const { colourOf, legend } = colourScale(people, "community");
  assert.equal(legend.length, PALETTE.length);
  assert.equal(colourOf(people[19]), OTHER);
});

test("sizes: from MIN_SIZE to MAX_SIZE, area following the figure", () => {
  const people = [{ betweenness: 0 }, { betweenness: 0.25 }, { betweenness: 1 }];
  const size = sizeScale(people, "betweenness");
  assert.equal(size(people[0]), MIN_SIZE);
  assert.equal(size(people[2]), MAX_SIZE);
  assert.equal(size(people[1]), MIN_SIZE + (MAX_SIZE - MIN_SIZE) / 2);
  assert.equal(sizeScale([{ degree: 0 }], "degree")({ degree: 0 }), MIN_SIZE);
  const many = Array.from({ length: 20000 }, (_, i) => ({ degree: i }));
  assert.ok(Math.abs(sizeScale(many, "degree")(many[19999]) - MAX_SIZE / 3) < 1e-9, "large networks get smaller nodes, down to a third");
});

test("initial positions are the same for the same people", () => {
  const people = [person("per_1", 0), person("per_2", 1), person("per_3", 0, { degree: 0 })];
  const a = initialPositions(people);
  const b = initialPositions(people);
  assert.deepEqual(a, b);
  assert.ok([...a.xs, ...a.ys].every(Number.isFinite));
  assert.ok(hash("x") >= 0 && hash("x") < 1);
  assert.notEqual(hash("per_1"), hash("per_2"));
});
