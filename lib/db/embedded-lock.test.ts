import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  acquireEmbeddedLock,
  DatabaseLockedError,
  waitForEmbeddedLock,
  type LockHolder,
} from "./embedded-lock";

const tempDirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-review-lock-"));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A pid that certainly belonged to a process and is certainly dead now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => child.on("exit", resolve));
  return child.pid!;
}

const holderFile = (holder: Partial<LockHolder>) =>
  JSON.stringify({ hostname: os.hostname(), startedAt: "2020-01-01T00:00:00.000Z", token: "t", ...holder });

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

  it("waitForEmbeddedLock waits while the holder lives and takes the lock once it is released", async () => {
    const lockPath = lockPathIn(tempDir());
    const first = await acquireEmbeddedLock(lockPath, "db");
    let secondHasIt = false;
    const second = waitForEmbeddedLock(lockPath, "db", 10_000).then((lock) => {
      secondHasIt = true;
      return lock;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondHasIt).toBe(false);
    first.release();
    (await second).release();
    expect(secondHasIt).toBe(true);
  });

  it("waitForEmbeddedLock gives up with the holder's name after its timeout", async () => {
    const lockPath = lockPathIn(tempDir());
    writeFileSync(lockPath, holderFile({ pid: process.ppid }));
    await expect(waitForEmbeddedLock(lockPath, "db", 200)).rejects.toThrow(`process ${process.ppid}`);
  });
});
