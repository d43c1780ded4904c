#!/usr/bin/env node
/**
 * `npm run test:e2e`: finds a Chromium for Playwright (installing Debian's when we are root and
 * apt is available), builds the app, starts from an empty e2e data folder and runs Playwright.
 * Extra arguments go to `playwright test` (e.g. `npm run test:e2e -- e2e/shell.spec.ts`).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { stopEmbeddedPostgres } from "./db-stop.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", ...opts });
  return r.status ?? 1;
}
function has(cmd) {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
    Boolean,
  );
  return candidates.find((p) => fs.existsSync(p));
}

let chromium = findChromium();
if (!chromium) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (process.env.CHROMIUM_PATH) {
    console.error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, but no file is there.`);
    process.exit(1);
  }
  if (isRoot && has("apt-get")) {
    console.log("e2e: Chromium not found; installing Debian's chromium package with apt-get…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    if (
      run("apt-get", ["update", "-qq"], { env }) !== 0 ||
      run("apt-get", ["install", "-y", "-qq", "chromium"], { env }) !== 0
    ) {
      console.error("e2e: installing chromium with apt-get failed; see the output above.");
      process.exit(1);
    }
    chromium = findChromium();
  }
  if (!chromium) {
    console.error(
      [
        "e2e: no Chromium browser found, so the end-to-end tests cannot run.",
        "Install one, then run the tests again:",
        "  - Debian/Ubuntu:  sudo apt-get install chromium",
        "  - or point CHROMIUM_PATH at any Chromium/Chrome binary: CHROMIUM_PATH=/path/to/chrome npm run test:e2e",
        "(Playwright's own browser download is not used: this project runs where the internet is not reachable.)",
      ].join("\n"),
    );
    process.exit(1);
  }
}
console.log(`e2e: using ${chromium}`);

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", E2E_CHROMIUM_PATH: chromium };
if (process.env.E2E_SKIP_BUILD !== "1") {
  console.log("e2e: building the app (next build)…");
  if (run(process.execPath, ["node_modules/next/dist/bin/next", "build"], { env }) !== 0) process.exit(1);
}
// E2E_PORT, E2E_DATA_DIR and NEXT_DIST_DIR let several runs share one checkout.
// An embedded PostgreSQL left running there by an earlier run is stopped before its folder goes.
const e2eDataDir = path.join(root, process.env.E2E_DATA_DIR || ".data-e2e");
for (const dir of [e2eDataDir, `${e2eDataDir}-memory`]) await stopEmbeddedPostgres(dir);
fs.rmSync(e2eDataDir, { recursive: true, force: true });

process.exit(
  run(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2)], { env }),
);
