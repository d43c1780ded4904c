import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedPaths, openDatabase, type Database } from "./client";
import { acquireEmbeddedLock, DatabaseLockedError, type LockHolder } from "./embedded-lock";
import { createLazyDatabase } from "./lazy";
import { seedMigratedPglite } from "./test-utils";

const fixture = path.join(__dirname, "test-fixtures/open-embedded.ts");
const REFUSED_EXIT_CODE = 3; // as in the fixture
const tempDirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-review-lock-"));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the fixture in a new Node process; `onLine` may act on its output (e.g. kill it). */
function runChild(args: string[], onLine?: (line: string, kill: (s: NodeJS.Signals) => void) => void) {
  return new Promise<ChildResult>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", fixture, ...args], {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      for (const line of chunk.toString().split("\n")) if (line) onLine?.(line, (s) => child.kill(s));
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** A pid that certainly belonged to a process and is certainly dead now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => child.on("exit", resolve));
  return child.pid!;
}

const holderFile = (holder: Partial<LockHolder>) =>
  JSON.stringify({ hostname: os.hostname(), startedAt: "2020-01-01T00:00:00.000Z", token: "t", ...holder });

describe("the embedded database folder has one owner", () => {
  const dataDir = tempDir();
  const { lockPath } = embeddedPaths(dataDir);
  let first: Database;
  beforeAll(() => seedMigratedPglite(dataDir));

  it("concurrent first callers of the lazy opener share one instance", async () => {
    let opens = 0;
    const lazy = createLazyDatabase(() => {
      opens++;
      return openDatabase({ dataDir });
    });
    const [a, b] = await Promise.all([lazy.get(), lazy.get()]);
    expect(a).toBe(b);
    expect(opens).toBe(1);
    first = a;
    expect(JSON.parse(readFileSync(lockPath, "utf8"))).toMatchObject({ pid: process.pid });
  });

  it("refuses a second open in the same process, saying who holds it and what to do", async () => {
    const error = await openDatabase({ dataDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseLockedError);
    const message = (error as Error).message;
    expect(message).toContain(`process ${process.pid}`);
    expect(message).toContain(path.join(dataDir, "pglite"));
    expect(message).toContain("Only one process may open the embedded database");
    expect(message).toContain("DATABASE_URL");
  });

  it("refuses an opener in another process", async () => {
    const child = await runChild([dataDir]);
    expect(child.stderr).toBe("");
    expect(child.code).toBe(REFUSED_EXIT_CODE);
    expect(child.stdout).toContain(`already open in process ${process.pid}`);
    expect(await first.ping()).toBeUndefined();
  });

  it("releases the lock on close, after which another process may open it", async () => {
    await first.close();
    expect(existsSync(lockPath)).toBe(false);
    const child = await runChild([dataDir]);
    expect(child.stdout.trim()).toBe("opened");
    expect(child.code).toBe(0);
  });

  it("is refused here while another process holds it, and freed when that process gets SIGTERM", async () => {
    let refusal: unknown;
    const child = await runChild([dataDir, "--hold"], (line, kill) => {
      if (line !== "ready") return;
      void openDatabase({ dataDir })
        .catch((e: unknown) => e)
        .then((result) => {
          refusal = result;
          kill("SIGTERM");
        });
    });
    expect(refusal).toBeInstanceOf(DatabaseLockedError);
    // The signal is re-raised after closing, so the process still dies of it.
    expect(child.signal).toBe("SIGTERM");
    expect(existsSync(lockPath)).toBe(false);
  });

  it("takes over a lock left by a process that died without closing", async () => {
    writeFileSync(lockPath, holderFile({ pid: await deadPid() }));
    const database = await openDatabase({ dataDir });
    try {
      expect(JSON.parse(readFileSync(lockPath, "utf8"))).toMatchObject({ pid: process.pid });
      await expect(database.ping()).resolves.toBeUndefined();
    } finally {
      await database.close();
    }
  });
});

describe("acquireEmbeddedLock", () => {
  const lockPathIn = (dir: string) => path.join(dir, "pglite.lock");

  it("treats a lock with this pid but a token it does not hold as left over from an earlier run", async () => {
    const lockPath = lockPathIn(tempDir());
    writeFileSync(lockPath, holderFile({ pid: process.pid, token: "from-before-a-restart" }));
    const lock = await acquireEmbeddedLock(lockPath, "db");
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it("takes over a lock file that is not a lock at all", async () => {
    const lockPath = lockPathIn(tempDir());
    writeFileSync(lockPath, "");
    const lock = await acquireEmbeddedLock(lockPath, "db");
    expect(JSON.parse(readFileSync(lockPath, "utf8"))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it("refuses while a live process on this host holds it", async () => {
    const lockPath = lockPathIn(tempDir());
    writeFileSync(lockPath, holderFile({ pid: process.ppid }));
    await expect(acquireEmbeddedLock(lockPath, "db")).rejects.toThrow(`process ${process.ppid}`);
    expect(JSON.parse(readFileSync(lockPath, "utf8"))).toMatchObject({ pid: process.ppid });
  });

  it("refuses a lock from another host, whose pids it cannot check", async () => {
    const lockPath = lockPathIn(tempDir());
    writeFileSync(lockPath, holderFile({ pid: await deadPid(), hostname: "some-other-host" }));
    await expect(acquireEmbeddedLock(lockPath, "db")).rejects.toThrow(/on host some-other-host.*delete/);
  });

  it("lets exactly one of many concurrent takeovers of a stale lock win", async () => {
    const lockPath = lockPathIn(tempDir());
    writeFileSync(lockPath, holderFile({ pid: await deadPid() }));
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, () => acquireEmbeddedLock(lockPath, "db")),
    );
    const won = attempts.filter((a) => a.status === "fulfilled");
    const refused = attempts.filter((a) => a.status === "rejected").map((a) => a.reason);
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(7);
    expect(refused.every((reason) => reason instanceof DatabaseLockedError)).toBe(true);
    if (won[0]?.status === "fulfilled") won[0].value.release();
  });
});
