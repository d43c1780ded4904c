#!/usr/bin/env node
/**
 * `npm start`: serves the dashboard with `next start`, building it first when there is no build
 * yet (a fresh clone). With nothing configured it runs in demo mode: embedded database in .data/
 * and the built-in Atlas simulator. Set PORT to change the port (default 3000). Demo mode listens
 * on 127.0.0.1 only unless HOST says otherwise (see scripts/listen-host.mjs).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildIdPath } from "./dist-dir.mjs";
import { listenHost } from "./listen-host.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const next = ["node_modules/next/dist/bin/next"];

if (!fs.existsSync(buildIdPath(root, process.env)) || process.argv.includes("--build")) {
  console.log("Building Atlas Review (first start only; `npm run build` rebuilds after changes)…");
  const built = spawnSync(process.execPath, [...next, "build"], { stdio: "inherit", env });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const port = process.env.PORT || "3000";
const host = listenHost(process.env);
const child = spawn(process.execPath, [...next, "start", "-p", port, ...(host ? ["-H", host] : [])], {
  stdio: "inherit",
  env: { ...env, PORT: port },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
