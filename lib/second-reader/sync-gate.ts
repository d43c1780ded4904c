/**
 * OCR gives way to the Atlas sync in this process. A sync pass (lib/batches/sync.ts) runs inside
 * `whileSyncing`; the OCR engine awaits `syncIdle` before each page, so tesseract (a core's
 * worth of CPU per page) does not start a page while a pass is storing Atlas's answers, and the
 * backlog drains between and after passes. A page already being read is not interrupted. Each
 * wait ends after `maxWaitMs` at most, so OCR still moves when passes run back to back.
 * Process-wide (kept on globalThis: Next may load this module once per server bundle).
 */
type Gate = { active: number; waiters: Array<() => void> };

const holder = globalThis as typeof globalThis & { __atlasSyncGate?: Gate };
const gate = (): Gate => (holder.__atlasSyncGate ??= { active: 0, waiters: [] });

/** Runs one sync pass; OCR pages wait for it (and any other pass in this process) to end. */
export async function whileSyncing<T>(work: () => Promise<T>): Promise<T> {
  const g = gate();
  g.active++;
  try {
    return await work();
  } finally {
    g.active--;
    if (g.active === 0) {
      const waiters = g.waiters;
      g.waiters = [];
      for (const wake of waiters) wake();
    }
  }
}

/** Resolves when no sync pass runs in this process, or after `maxWaitMs` (milliseconds). */
export function syncIdle(maxWaitMs = 5_000): Promise<void> {
  const g = gate();
  if (g.active === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, maxWaitMs);
    g.waiters.push(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
