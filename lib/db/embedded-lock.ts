import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";

/**
 * A lock file between processes on one machine. It serialises starting the embedded PostgreSQL
 * (one process runs initdb and starts it; the others wait, then connect), and guards the one-time
 * import of an old PGlite folder, which an older version of the app may still hold open (PGlite
 * has no lock of its own, and two processes on one folder silently lose writes). Advisory: it only
 * protects against openers that use it.
 */

export interface LockHolder {
  pid: number;
  hostname: string;
  startedAt: string;
  token: string;
}

export class DatabaseLockedError extends Error {
  constructor(
    readonly dataPath: string,
    readonly lockPath: string,
    readonly holder: LockHolder,
  ) {
    const where = holder.hostname === os.hostname() ? "" : ` on host ${holder.hostname}`;
    const advice =
      holder.hostname === os.hostname()
        ? `Stop process ${holder.pid} first`
        : `Stop that process first (if it is surely gone, delete ${lockPath})`;
    super(
      `The embedded database ${dataPath} is already open in process ${holder.pid}${where} ` +
        `(since ${holder.startedAt}). Only one process may open the embedded database at a time. ` +
        `${advice}, or set DATABASE_URL to share a PostgreSQL database between several app instances.`,
    );
    this.name = "DatabaseLockedError";
  }
}

export interface EmbeddedLock {
  readonly lockPath: string;
  /** Synchronous so that it also works in a process "exit" handler. Idempotent. */
  release(): void;
}

// Tokens of the locks this process holds. A lock file naming our pid but not one of these
// tokens is left over from an earlier process that had the same pid (e.g. pid 1 in a container).
const heldTokens: Set<string> = ((
  globalThis as { __atlasReviewHeldLocks?: Set<string> }
).__atlasReviewHeldLocks ??= new Set());

const TAKEOVER_GUARD_STALE_MS = 10_000;

export async function acquireEmbeddedLock(lockPath: string, dataPath: string): Promise<EmbeddedLock> {
  const me: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    token: randomUUID(),
  };
  for (let attempt = 0; attempt < 20; attempt++) {
    if (tryCreate(lockPath, me)) {
      heldTokens.add(me.token);
      return { lockPath, release: () => release(lockPath, me.token) };
    }
    const existing = readLockFile(lockPath);
    if (existing === undefined) continue; // released between our attempt and the read
    if (existing.holder && isHolderAlive(existing.holder)) {
      throw new DatabaseLockedError(dataPath, lockPath, existing.holder);
    }
    await removeStaleLock(lockPath, existing.raw);
  }
  throw new Error(`Could not take the lock ${lockPath}: it kept changing. Is another process starting?`);
}

/** Like acquireEmbeddedLock, but waits (up to `timeoutMs`) while a live process holds the lock. */
export async function waitForEmbeddedLock(
  lockPath: string,
  dataPath: string,
  timeoutMs: number,
): Promise<EmbeddedLock> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await acquireEmbeddedLock(lockPath, dataPath);
    } catch (error) {
      if (!(error instanceof DatabaseLockedError) || Date.now() > deadline) throw error;
      await sleep(50 + Math.random() * 50);
    }
  }
}

/** Writes the whole file under a temporary name, then links it into place: never half-written. */
function tryCreate(lockPath: string, holder: LockHolder): boolean {
  const tmp = `${lockPath}.${holder.token}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(holder));
  try {
    fs.linkSync(tmp, lockPath);
    return true;
  } catch (error) {
    if (errorCode(error) === "EEXIST") return false;
    throw error;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function readLockFile(lockPath: string): { raw: string; holder?: LockHolder } | undefined {
  let raw: string;
  try {
    raw = fs.readFileSync(lockPath, "utf8");
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
  return { raw, holder: parseHolder(raw) };
}

function parseHolder(raw: string): LockHolder | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== "object" || value === null) return undefined;
    const h = value as Partial<LockHolder>;
    if (typeof h.pid !== "number" || typeof h.hostname !== "string") return undefined;
    return { pid: h.pid, hostname: h.hostname, startedAt: String(h.startedAt), token: String(h.token) };
  } catch {
    return undefined;
  }
}

function isHolderAlive(holder: LockHolder): boolean {
  // Another machine's pid means nothing here (shared volume): assume it is alive.
  if (holder.hostname !== os.hostname()) return true;
  if (holder.pid === process.pid) return heldTokens.has(holder.token);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === "EPERM"; // exists, owned by another user
  }
}

/**
 * Deletes a stale lock file, but only if it is still the one we judged stale. A guard file
 * serialises concurrent takeovers so that one process cannot delete another's fresh lock.
 */
async function removeStaleLock(lockPath: string, staleContent: string): Promise<void> {
  const guard = `${lockPath}.takeover`;
  try {
    fs.writeFileSync(guard, String(process.pid), { flag: "wx" });
  } catch (error) {
    if (errorCode(error) !== "EEXIST") throw error;
    removeGuardIfAbandoned(guard);
    await sleep(25 + Math.random() * 50);
    return;
  }
  try {
    if (readLockFile(lockPath)?.raw === staleContent) fs.rmSync(lockPath, { force: true });
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

function removeGuardIfAbandoned(guard: string): void {
  try {
    if (Date.now() - fs.statSync(guard).mtimeMs > TAKEOVER_GUARD_STALE_MS) fs.rmSync(guard, { force: true });
  } catch (error) {
    if (errorCode(error) !== "ENOENT") throw error;
  }
}

function release(lockPath: string, token: string): void {
  if (!heldTokens.delete(token)) return;
  const current = readLockFile(lockPath);
  if (current?.holder?.token === token) fs.rmSync(lockPath, { force: true });
}

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
