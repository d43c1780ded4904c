#!/usr/bin/env node
/**
 * `npm run db:stop [-- <dataDir>]`: stops the embedded PostgreSQL running on a data folder
 * (default: DATA_DIR, else .data), e.g. one left running after the app was killed with -9, or
 * before copying the folder as a backup. Does nothing when none runs. Open sessions are ended.
 */
import fs from "node:fs";
import path from "node:path";

/** Stops the server whose postmaster.pid is in `${dataDir}/postgres`; resolves once it is gone. */
export async function stopEmbeddedPostgres(dataDir, timeoutMs = 30_000) {
  let pid;
  try {
    pid = Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return false;
  }
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return error.code === "EPERM";
    }
  };
  if (!Number.isInteger(pid) || pid <= 0 || !alive()) return false;
  process.kill(pid, "SIGINT"); // fast shutdown
  const deadline = Date.now() + timeoutMs;
  while (alive()) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL (pid ${pid}) did not stop within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dataDir = path.resolve(process.argv[2] || process.env.DATA_DIR || ".data");
  const stopped = await stopEmbeddedPostgres(dataDir);
  console.log(
    stopped ? `Stopped the embedded PostgreSQL in ${dataDir}.` : `No embedded PostgreSQL runs in ${dataDir}.`,
  );
}
