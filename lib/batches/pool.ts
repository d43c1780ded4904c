/**
 * A bounded worker pool: at most `size` tasks run at once, the others wait in call order. One
 * pool per app instance (lib/batches/service.ts) is shared by every batch sync, submit and flow
 * poll, so the instance's work toward Atlas is bounded in one place, whatever the number of
 * batches open at once; the Atlas request budget (lib/atlas/budget.ts) paces what it sends.
 */
export class WorkerPool {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    if (!(size >= 1)) throw new Error("WorkerPool: size must be at least 1");
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.size) this.active++;
    // A finishing task hands its slot straight to the next in line (`active` stays the same).
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/**
 * Runs `lane` `count` times at once and waits for all; the first failure stops nothing already
 * running but is rethrown once every lane has ended.
 */
export async function inLanes(count: number, lane: () => Promise<void>): Promise<void> {
  const results = await Promise.allSettled(Array.from({ length: Math.max(1, count) }, lane));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}
