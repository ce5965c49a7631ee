// The browser tests' harness: serve --demo on a fresh database with an API
// key file (a viewer and a facilitator key), and Debian's Chromium driven by
// playwright-core. Nothing here downloads a browser: the executable is
// CHROMIUM (default /usr/bin/chromium), and a fresh profile is used each run.
//
// Environment: NETGRAPH_BIN, the netgraph binary to run (default: built
// here with go build); CHROMIUM; SCREENSHOTS, the directory for screenshots
// (default: a new temporary directory); both are printed.

import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const repo = resolve(import.meta.dirname, "../..");

/** Keys of the key file: 16+ characters, one per role the tests act as. */
export const KEYS = {
  viewer: "viewer-e2e-token-0123456789",
  analyst: "analyst-e2e-token-0123456789",
  facilitator: "facilitator-e2e-token-0123456789",
};

/** netgraphBin is NETGRAPH_BIN, or a binary built into dir. */
export function netgraphBin(dir) {
  let bin = process.env.NETGRAPH_BIN;
  if (!bin) {
    bin = join(dir, "netgraph");
    execFileSync("go", ["build", "-o", bin, "./cmd/netgraph"], { cwd: repo, stdio: "inherit" });
  }
  return bin;
}

/** startServer runs serve --demo on a new database and resolves with its URL. */
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), "netgraph-e2e-"));
  const bin = netgraphBin(dir);
  const keys = join(dir, "keys");
  writeFileSync(keys, Object.entries(KEYS).map(([role, token]) => `${role} ${token} ${role}-e2e`).join("\n") + "\n");
  const child = spawn(bin, ["serve", "--demo", "--db", join(dir, "netgraph.db"), "--addr", "127.0.0.1:0", "--api-keys", keys,
    "--log-level", "info", "--log-format", "json"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const url = await new Promise((resolveURL, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 120_000);
    // The "serving" line names the URL (port 0 picks a free port).
    child.stderr.on("data", (d) => {
      log = (log + d).slice(-200_000);
      const m = /"url":"(http:\/\/[^"]+)"/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolveURL(m[1]);
      }
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}:\n${log}`)));
  });
  return {
    url,
    bin,
    db: join(dir, "netgraph.db"),
    log: () => log,
    /** halt stops the server and keeps its database, for commands that need it closed. */
    async halt() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
    },
    async stop() {
      await this.halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** screenshotDir is where screenshots go, created once and printed. */
export const screenshotDir = (() => {
  const dir = process.env.SCREENSHOTS || mkdtempSync(join(tmpdir(), "netgraph-screenshots-"));
  mkdirSync(dir, { recursive: true });
  return dir;
})();

/** launchBrowser starts Chromium headless with a fresh profile and no network but loopback. */
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), "netgraph-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--use-gl=swiftshader", "--enable-unsafe-swiftshader"],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * watchPage records a page's console errors, uncaught exceptions and
 * requests to other origins, for the tests to assert there are none.
 */
export function watchPage(page, origin) {
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:")) problems.push(`request to another origin: ${u}`);
  });
  return problems;
}

/** shot saves a screenshot of page as NAME.png and prints its path. */
export async function shot(page, name) {
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path });
  console.log(`screenshot: ${path}`);
  return path;
}
