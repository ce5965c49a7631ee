// `netgraph report --format html` in Chromium: the demo's report, written
// to a file and opened from disk, loads with no console error and fetches
// nothing; it has the map and the two histograms as SVG, the health figures,
// and a connectors table naming the top connector (as the JSON report says).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { launchBrowser, screenshotDir, shot, startServer, watchPage } from "./harness.mjs";

let server, browser, page, problems, top;
before(async () => {
  // serve --demo seeds the store; it is stopped so that report can open it.
  server = await startServer();
  await server.halt();
  const report = (format) =>
    execFileSync(server.bin, ["report", "--db", server.db, "--format", format], { maxBuffer: 64 << 20, encoding: "utf8" });
  top = JSON.parse(report("json")).connectors[0];
  const file = join(screenshotDir, "report.html");
  writeFileSync(file, report("html"));
  console.log(`report: ${file}`);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  problems = watchPage(page, "file://");
  await page.goto(pathToFileURL(file).href);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test("the report page loads offline and shows its plots", async () => {
  const plots = page.locator("svg.plot");
  assert.ok((await plots.count()) >= 3, `${await plots.count()} plots, want the map and two histograms`);
  for (const id of ["map", "degree-distribution", "betweenness-distribution"]) {
    const box = await page.locator(`#${id} svg.plot`).boundingBox();
    assert.ok(box && box.width > 200 && box.height > 100, `#${id} is drawn at ${JSON.stringify(box)}`);
  }
  // The map draws people as discs: many paths, the top connector named.
  const drawn = await page.locator("#map svg.plot path").count();
  assert.ok(drawn > 500, `${drawn} paths on the map`);
  assert.ok((await page.locator("#map svg.plot text").allTextContents()).includes(top.name), `the map names ${top.name}`);
  await shot(page, "report");
  assert.deepEqual(problems, []);
});

test("the health figures and the connectors are there", async () => {
  const health = await page.locator("#health").innerText();
  assert.match(health, /People\s+597/);
  assert.match(health, /Articulation points/);
  const first = page.locator("#connectors tbody tr").first();
  assert.ok((await first.innerText()).includes(top.name), `the first connector is ${top.name}: ${await first.innerText()}`);
  assert.equal(await page.locator("#connectors th").first().innerText(), "#");
  assert.deepEqual(problems, []);
});
