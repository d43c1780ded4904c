/**
 * Closes embedded databases when the process ends, so the folder lock is released and the
 * next start is not refused. Signals are re-raised after closing when nobody else handles
 * them, so Ctrl-C and `kill` still stop the process.
 */

export interface ExitCloser {
  /** Graceful close, awaited on SIGINT/SIGTERM (bounded by CLOSE_TIMEOUT_MS). */
  close(): Promise<void>;
  /** Last resort on "exit", where nothing asynchronous runs any more. */
  closeSync(): void;
}

const CLOSE_TIMEOUT_MS = 5_000;
const SIGNALS = ["SIGINT", "SIGTERM"] as const;

interface Registry {
  closers: Set<ExitCloser>;
  exitHookInstalled: boolean;
  signalHooksInstalled: boolean;
}

const registry: Registry = ((globalThis as { __atlasReviewExitHooks?: Registry }).__atlasReviewExitHooks ??= {
  closers: new Set(),
  exitHookInstalled: false,
  signalHooksInstalled: false,
});

/** Returns a function that unregisters the closer (call it from the normal close path). */
export function closeOnExit(closer: ExitCloser): () => void {
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

async function onSignal(signal: NodeJS.Signals): Promise<void> {
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  registry.signalHooksInstalled = false;
  const closing = Promise.allSettled([...registry.closers].map((c) => c.close()));
  await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref())]);
  closeAllSync();
  // Other listeners (e.g. Next's graceful shutdown) own the exit; otherwise do what the
  // default handler would have done.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}
