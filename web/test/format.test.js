import { test } from "node:test";
import assert from "node:assert/strict";

import { count, share, number, percentileRank, shareAbove, standing, metricSentence, listing, healthSentences, howToJoin, reviewWords,
  introductionScore, introductionPart, bridgesSentence, burtSentences } from "../src/dashboard/format.js";

test("count: singular, plural, separators", () => {
  assert.equal(count(1, "tie"), "1 tie");
  assert.equal(count(12, "tie"), "12 ties");
  assert.equal(count(1204, "person", "people"), "1,204 people");
  assert.equal(count(0, "community", "communities"), "0 communities");
});

test("share: whole percentages, no 0% or 100% for what is neither", () => {
  assert.equal(share(0.4237), "42%");
  assert.equal(share(0), "0%");
  assert.equal(share(0.0001), "under 1%");
  assert.equal(share(0.9999), "over 99%");
  assert.equal(share(1), "100%");
  assert.equal(share(NaN), "0%");
});

test("number never writes scientific notation", () => {
  for (const x of [1e-7, 4.2e-5, 0.00042, 1e21 / 1e15, 123456.789, 3.5, 0.1 + 0.2]) {
    assert.doesNotMatch(number(x), /e/i, `number(${x}) = ${number(x)}`);
  }
  assert.equal(number(0.00042), "0.00042");
  assert.equal(number(3.14159), "3.1");
  assert.equal(number(1250), "1,250");
  assert.equal(number(1234.5), "1,235");
  assert.equal(number(0), "0");
  assert.equal(number(NaN), "–");
});

test("percentileRank: the share strictly below", () => {
  const v = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34];
  assert.equal(percentileRank(v, 0), 0);
  assert.equal(percentileRank(v, 1), 0.1);
  assert.equal(percentileRank(v, 34), 0.9);
  assert.equal(percentileRank(v, 100), 1);
  assert.equal(percentileRank([], 3), 0);
});

test("shareAbove: the share strictly above", () => {
  const v = [0, 1, 1, 2, 3];
  assert.equal(shareAbove(v, 1), 0.4);
  assert.equal(shareAbove(v, 3), 0);
  assert.equal(shareAbove(v, -1), 1);
});

test("standing in words; equal figures count neither way", () => {
  assert.equal(standing(0.995, 0), "in the top 1% of people");
  assert.equal(standing(0.93, 0.05), "higher than 93% of people");
  assert.equal(standing(0.12, 0.45), "lower than 45% of people");
  assert.equal(standing(0, 0.8), "the lowest figure, shared by 20% of people");
  assert.equal(standing(0.9, 0), "the highest figure, shared by 10% of people");
  assert.equal(standing(0, 0), "the same as everyone else");
});

test("metricSentence: figure, standing and meaning", () => {
  const sorted = [0, 1, 2, 3, 4, 5, 6, 7, 8, 12];
  assert.equal(metricSentence("degree", 12, sorted), "Ties: 12 ties, the highest figure, shared by 10% of people (how many people they are tied to)");
  assert.equal(metricSentence("degree", 3, [1, 2, 3, 3, 3, 3, 4, 5, 6, 7]), "Ties: 3 ties, lower than 40% of people (how many people they are tied to)");
  assert.match(metricSentence("betweenness", 0.0000123, [0, 0.0000123]), /Brokerage \(betweenness\): 0\.000012, /);
});

test("listing", () => {
  assert.equal(listing([]), "");
  assert.equal(listing(["Ann"]), "Ann");
  assert.equal(listing(["Ann", "Bob"]), "Ann and Bob");
  assert.equal(listing(["Ann", "Bob", "Cat"]), "Ann, Bob and Cat");
});

test("healthSentences", () => {
  const s = healthSentences({ people: 600, ties: 1500, components: 3, largestComponentShare: 0.97, communities: 12,
    isolated: 10, peripheral: 1, density: 0.0083, averageClustering: 0.31 });
  assert.deepEqual(s, [
    "600 people and 1,500 tied pairs.",
    "3 separate groups; the largest holds 97% of people.",
    "12 communities of people more tied to one another than to the rest.",
    "10 people with no ties and 1 person hanging on by one.",
    "Of all the ties there could be, 1% exist; 31% of a typical person's contacts know each other.",
  ]);
  for (const line of s) assert.doesNotMatch(line, /\de[-+]?\d/);
});

test("how to join a network, in the network office's words", () => {
  const n = { membershipPolicy: "BY_REQUEST", status: "ACTIVE", contactName: "Diabetes network office", contactEmail: null };
  assert.equal(howToJoin(n), "By request: request membership from the network office (Diabetes network office).");
  assert.equal(howToJoin({ ...n, contactEmail: "office@x.example" }),
    "By request: request membership from the network office (Diabetes network office, office@x.example).");
  assert.equal(howToJoin({ ...n, membershipPolicy: "OPEN", contactName: "" }), "Open to all: anyone may join; tell the network office you are joining.");
  assert.match(howToJoin({ ...n, membershipPolicy: "BY_INVITATION" }), /^By invitation: the network invites its members; ask the network office/);
  assert.equal(howToJoin({ ...n, status: "CLOSED" }), "This network has closed and takes no new members.");
});

test("review dates in words", () => {
  assert.equal(reviewWords("2026-03-31T00:00:00Z"), "due for review 31 March 2026");
  assert.equal(reviewWords(null), "");
  assert.equal(reviewWords("soon"), "");
});

test("an introduction's score is said on its scale, each part with its points", () => {
  assert.equal(introductionScore(36.94), "37 of 100");
  assert.equal(introductionScore(0), "0 of 100");
  assert.equal(introductionPart({ name: "draw-in", points: 18.666, why: "brings in Ann" }), "draw-in +18.7: brings in Ann");
  assert.equal(introductionPart({ name: "region", points: 6, why: "both in the region North East" }), "region +6: both in the region North East");
});

test("the groups a person bridges and Burt's measures are said in plain words", () => {
  assert.equal(bridgesSentence([]), "");
  assert.equal(bridgesSentence([{ kind: "ORGANISATION", name: "Org A", contacts: 3 }, { kind: "ORGANISATION", name: "Org B", contacts: 2 }]),
    "Bridges Org A (3 contacts) and Org B (2) among their contacts, which are tied to the others only through them.");
  assert.equal(bridgesSentence([{ kind: "COMMUNITY", name: "Leeds", contacts: 1 }]),
    "Bridges Leeds (1 contact) among their contacts, which is tied to the others only through them.");
  assert.deepEqual(burtSentences({ degree: 0, constraint: null, effectiveSize: null }), []);
  assert.deepEqual(burtSentences({ degree: 3, constraint: 1 / 3, effectiveSize: 3 }), [
    "Effective size 3 of 3 contacts: about that many bring in people the others do not know.",
    "Constraint 0.33 (lower is more room to broker): some of their contacts know each other.",
  ]);
  assert.match(burtSentences({ degree: 1, constraint: 1, effectiveSize: 1 })[1], /closely tied/);
  assert.match(burtSentences({ degree: 9, constraint: 0.12, effectiveSize: 7.25 })[0], /^Effective size 7\.3 of 9 contacts/);
});
