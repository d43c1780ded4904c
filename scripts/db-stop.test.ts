import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openSessions, stopEmbeddedPostgres } from "./db-stop.mjs";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function dataDirWithPidFile(pid: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rev15-db-stop-"));
  fs.mkdirSync(path.join(dir, "postgres"));
  fs.writeFileSync(
    path.join(dir, "postgres", "postmaster.pid"),
    `${pid}\n${dir}/postgres\n1700000000\n5432\n${dir}/postgres\n\n  1   1\nready   \n`,
  );
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("npm run db:stop", () => {
  it("does not signal a process that reused the pid of a stale postmaster.pid", async () => {
    const other = spawn(process.execPath, [
      "-e",
      "process.on('SIGINT', () => process.exit(3)); setInterval(() => {}, 1000)",
    ]);
    cleanups.push(() => other.kill("SIGKILL"));
    await new Promise((resolve) => other.once("spawn", resolve));
    const dir = dataDirWithPidFile(other.pid!);
    expect(await stopEmbeddedPostgres(dir, 1_000)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(other.exitCode).toBeNull();
    expect(other.signalCode).toBeNull();
  });

  it("finds nothing to stop or ask without a server", async () => {
    const dir = dataDirWithPidFile(2 ** 22 + 12345);
    expect(await stopEmbeddedPostgres(dir, 1_000)).toBe(false);
    expect(await openSessions(dir)).toBeNull();
    expect(await stopEmbeddedPostgres(path.join(dir, "missing"), 1_000)).toBe(false);
  });
});
