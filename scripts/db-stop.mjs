#!/usr/bin/env node
/**
 * `npm run db:stop [-- <dataDir>] [-- --force]`: stops the embedded PostgreSQL running on a data
 * folder (default: DATA_DIR, else .data), e.g. one left running after the app was killed with -9,
 * or before copying the folder as a backup. Does nothing when none runs. While an app (or a CLI
 * script) is still connected it refuses, since the app would be left without its database until
 * restarted; `--force` stops it anyway (open sessions are ended). A `postmaster.pid` naming a pid
 * that is no longer a postgres (reused after a reboot) is stale: nothing is signalled.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/** pid, port and socket folder from `${dataDir}/postgres/postmaster.pid`, or null. */
export function readPostmasterPid(dataDir) {
  try {
    const lines = fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n");
    const pid = Number(lines[0]);
    return Number.isInteger(pid) && pid > 0 ? { pid, port: Number(lines[3]), socketDir: lines[4] } : null;
  } catch {
    return null;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/** Same rule as lib/db/embedded-postgres.ts: without /proc (macOS) the pid file is trusted. */
function isPostgres(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres";
  } catch (error) {
    return error.code !== "ENOENT" || !fs.existsSync("/proc/self");
  }
}

/** Sessions other than ours open on the running server, or null when it cannot be asked. */
export async function openSessions(dataDir) {
  const file = readPostmasterPid(dataDir);
  if (!file?.socketDir) return null;
  const client = new pg.Client({
    host: file.socketDir,
    port: file.port,
    user: "postgres",
    database: "postgres",
  });
  try {
    await client.connect();
    const { rows } = await client.query(
      "select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()",
    );
    return rows[0].n;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Stops the server whose postmaster.pid is in `${dataDir}/postgres`; resolves once it is gone. */
export async function stopEmbeddedPostgres(dataDir, timeoutMs = 30_000) {
  const pid = readPostmasterPid(dataDir)?.pid;
  if (!pid || !alive(pid) || !isPostgres(pid)) return false;
  process.kill(pid, "SIGINT"); // fast shutdown
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL (pid ${pid}) did not stop within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const dataDir = path.resolve(args.find((a) => a !== "--force") || process.env.DATA_DIR || ".data");
  const sessions = force ? null : await openSessions(dataDir);
  if (sessions) {
    console.error(
      `The embedded PostgreSQL in ${dataDir} still has ${sessions} open session${sessions === 1 ? "" : "s"}: ` +
        "an app or script is using it and would be left without its database until restarted. " +
        "Stop it first (Ctrl-C stops the database with it), or run `npm run db:stop -- --force`.",
    );
    process.exit(1);
  }
  const stopped = await stopEmbeddedPostgres(dataDir);
  console.log(
    stopped ? `Stopped the embedded PostgreSQL in ${dataDir}.` : `No embedded PostgreSQL runs in ${dataDir}.`,
  );
}
