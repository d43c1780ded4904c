/**
 * vitest globalSetup: names the data folder of the run's shared embedded PostgreSQL (started
 * lazily by the first test file that needs it, see ./test-utils.ts) and, when the run ends,
 * stops that server and removes the folder.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { embeddedServerPaths, findRunningServer, stopEmbeddedServer } from "./embedded-postgres";

export default function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "atlas-review-vitest-"));
  project.provide("embeddedTestDataDir", dataDir);
  return async () => {
    const server = await findRunningServer(embeddedServerPaths(dataDir).pgdata, 5_000).catch(() => undefined);
    if (server) await stopEmbeddedServer(server.pid);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
