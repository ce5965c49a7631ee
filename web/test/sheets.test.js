import { test } from "node:test";
import assert from "node:assert/strict";

import { MAX_UPLOAD_BYTES, base64, canImport, kindText, problemText, summary, tooLarge } from "../src/dashboard/sheets.js";

test("base64 is what the server decodes, for text and for bytes beyond one chunk", () => {
  const text = new TextEncoder().encode("external_id,name\np1,Zoë Ng\n");
  assert.equal(base64(text), Buffer.from(text).toString("base64"));
  const big = new Uint8Array(100_000).map((_, i) => i % 256);
  assert.equal(base64(big), Buffer.from(big).toString("base64"));
});

test("tooLarge: the server's limit, in KiB", () => {
  assert.equal(MAX_UPLOAD_BYTES, 512 * 1024);
  assert.equal(tooLarge([{ size: 1000 }, { size: MAX_UPLOAD_BYTES - 1000 }]), "");
  assert.match(tooLarge([{ size: MAX_UPLOAD_BYTES }, { size: 1 }]), /add up to 513 KiB; the dashboard takes up to 512 KiB at once/);
});

test("problemText names the file, line and column as netgraph import does", () => {
  assert.equal(problemText({ file: "people.csv", line: 3, column: 3, header: "email", message: "must be a bare e-mail address" }),
    "people.csv line 3, column 3 (email): must be a bare e-mail address");
  assert.equal(problemText({ file: "ties.csv", line: 1, column: null, header: null, message: "the header has no \"to\" column" }),
    "ties.csv line 1: the header has no \"to\" column");
  assert.equal(problemText({ file: "members.csv", line: null, column: null, header: null, message: "the name does not say" }),
    "members.csv: the name does not say");
});

test("kindText leaves out what is zero", () => {
  assert.equal(kindText({ kind: "people", new: 2, changed: 1, unchanged: 1204 }), "people: 2 new, 1 changed, 1,204 unchanged");
  assert.equal(kindText({ kind: "ties", new: 0, changed: 0, unchanged: 3 }), "ties: 3 unchanged");
  assert.equal(kindText({ kind: "ties", new: 0, changed: 0, unchanged: 0 }), "ties: no rows");
});

test("summary and canImport: problems stop an import, a clean preview allows it", () => {
  const problem = { file: "people.csv", line: 2, column: 1, header: "external_id", message: "empty" };
  const bad = { dryRun: true, written: false, records: 0, kinds: [], problems: [problem] };
  assert.equal(summary(bad), "1 problem to fix: nothing can be imported until every row is right.");
  assert.equal(canImport(bad), false);
  const ready = { dryRun: true, written: false, records: 3, kinds: [{ kind: "people", new: 2, changed: 0, unchanged: 0 }], problems: [] };
  assert.equal(summary(ready), "Ready: importing writes 3 records.");
  assert.equal(canImport(ready), true);
  assert.equal(summary({ ...ready, records: 0 }), "Everything in these files is already in netgraph: nothing to import.");
  assert.equal(canImport({ ...ready, records: 0 }), false);
  const done = { ...ready, dryRun: false, written: true };
  assert.equal(summary(done), "Imported: 3 records written.");
  assert.equal(canImport(done), false);
  assert.equal(summary({ ...bad, dryRun: false }), "1 problem to fix: nothing was imported until every row is right.");
});
