/**
 * Closes embedded databases when the process ends, so the folder lock is released and the
 * next start is not refused. Signals are re-raised after closing when nobody else handles
 * them, so Ctrl-C and `kill` still stop the process.
 *
 * What uses the database in the background (the second reader's job queue) closes first, in
 * the "users" stage, and the databases after it: a job in hand is finished or handed back while
 * its connections still work, and the embedded server is not held open by them.
 */

export interface ExitCloser {
  /** Graceful close, awaited on SIGINT/SIGTERM (bounded by CLOSE_TIMEOUT_MS). */
  close(): Promise<void>;
  /** Last resort on "exit", where nothing asynchronous runs any more. */
  closeSync(): void;
}

const CLOSE_TIMEOUT_MS = 5_000;
/** The share of CLOSE_TIMEOUT_MS the "users" stage may take; the databases get the rest. */
export const USERS_STAGE_MS = 3_000;
const SIGNALS = ["SIGINT", "SIGTERM"] as const;

/** "users" close before "database" (the default). */
export type ExitStage = "users" | "database";

interface Registry {
  closers: Set<ExitCloser>;
  stages: WeakMap<ExitCloser, ExitStage>;
  exitHookInstalled: boolean;
  signalHooksInstalled: boolean;
}

const registry: Registry = ((globalThis as { __atlasReviewExitHooks?: Registry }).__atlasReviewExitHooks ??= {
  closers: new Set(),
  stages: new WeakMap(),
  exitHookInstalled: false,
  signalHooksInstalled: false,
});
// A registry left on globalThis by an older copy of this module (a dev reload) had no stages.
registry.stages ??= new WeakMap();

/** Returns a function that unregisters the closer (call it from the normal close path). */
export function closeOnExit(closer: ExitCloser, stage: ExitStage = "database"): () => void {
  registry.stages.set(closer, stage);
  registry.closers.add(closer);
  install();
  return () => registry.closers.delete(closer);
}

function install(): void {
  if (!registry.exitHookInstalled) {
    registry.exitHookInstalled = true;
    process.on("exit", closeAllSync);
  }
  if (!registry.signalHooksInstalled) {
    registry.signalHooksInstalled = true;
    for (const signal of SIGNALS) process.once(signal, onSignal);
  }
}

function closeAllSync(): void {
  for (const closer of registry.closers) {
    try {
      closer.closeSync();
    } catch {
      // The process is exiting; a failed cleanup must not hide the real exit reason.
    }
  }
  registry.closers.clear();
}

async function closeWithin(closers: ExitCloser[], ms: number): Promise<void> {
  if (closers.length === 0) return;
  const closing = Promise.allSettled(closers.map((c) => c.close()));
  await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, Math.max(ms, 0)).unref())]);
}

/**
 * What a signal does before the process goes: every registered closer, the "users" stage first
 * (bounded by USERS_STAGE_MS), then the databases, CLOSE_TIMEOUT_MS in all.
 */
export async function closeAllRegistered(): Promise<void> {
  const started = Date.now();
  const inStage = (stage: ExitStage) =>
    [...registry.closers].filter((c) => (registry.stages.get(c) ?? "database") === stage);
  await closeWithin(inStage("users"), USERS_STAGE_MS);
  await closeWithin(inStage("database"), CLOSE_TIMEOUT_MS - (Date.now() - started));
  closeAllSync();
}

async function onSignal(signal: NodeJS.Signals): Promise<void> {
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  registry.signalHooksInstalled = false;
  await closeAllRegistered();
  // Other listeners (e.g. Next's graceful shutdown) own the exit; otherwise do what the
  // default handler would have done.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}
