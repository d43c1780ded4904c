import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_HOLD_MS, parseRetryAfter, RequestBudget } from "./budget";

/** A virtual clock: sleeping moves time forward, so concurrent callers run deterministically. */
function virtualClock() {
  let now = 1_000_000;
  const waiting: Array<{ at: number; resolve: () => void }> = [];
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((resolve) => waiting.push({ at: now + ms, resolve })),
    /** Runs every sleeper in time order until nothing waits. */
    async drain() {
      for (;;) {
        await new Promise((r) => setImmediate(r));
        if (!waiting.length) return;
        waiting.sort((a, b) => a.at - b.at);
        const next = waiting.shift()!;
        now = Math.max(now, next.at);
        next.resolve();
      }
    },
  };
}

/** Most request starts in any window of `windowMs`. */
function maxInWindow(starts: number[], windowMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe("RequestBudget", () => {
  it("holds the rate across any number of concurrent callers (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }),
        async (rate, callersPerBatch) => {
          const clock = virtualClock();
          const budget = new RequestBudget({ ratePerSecond: rate, now: clock.now, sleep: clock.sleep });
          const starts: number[] = [];
          // Several independent "batches/flows/health checks", each firing its requests at once.
          const all = callersPerBatch.flatMap((n) =>
            Array.from({ length: n }, () => budget.acquire().then(() => starts.push(clock.now()))),
          );
          await clock.drain();
          await Promise.all(all);
          expect(starts).toHaveLength(callersPerBatch.reduce((a, b) => a + b, 0));
          expect(maxInWindow(starts, 1000)).toBeLessThanOrEqual(rate + 1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a 429 halves the rate and honours Retry-After for every caller; it recovers step by step", async () => {
    const clock = virtualClock();
    const budget = new RequestBudget({ ratePerSecond: 10, now: clock.now, sleep: clock.sleep });
    budget.slowDown(3_000);
    expect(budget.currentRate).toBe(5);
    const starts: number[] = [];
    const t0 = clock.now();
    const calls = Array.from({ length: 5 }, () => budget.acquire().then(() => starts.push(clock.now() - t0)));
    await clock.drain();
    await Promise.all(calls);
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(3_000);
    expect(maxInWindow(starts, 1000)).toBeLessThanOrEqual(6);
    for (let i = 0; i < 20; i++) budget.recover();
    expect(budget.currentRate).toBe(10);
    // A pathological Retry-After (a day) holds requests for at most MAX_RETRY_AFTER_HOLD_MS.
    budget.slowDown(86_400_000);
    const t1 = clock.now();
    const held = budget.acquire().then(() => clock.now() - t1);
    await clock.drain();
    expect(await held).toBeLessThanOrEqual(MAX_RETRY_AFTER_HOLD_MS + 1000);
    expect(await held).toBeGreaterThanOrEqual(MAX_RETRY_AFTER_HOLD_MS);
    for (let i = 0; i < 30; i++) budget.slowDown();
    expect(budget.currentRate).toBeGreaterThanOrEqual(budget.minRate);
    expect(budget.minRate).toBeGreaterThan(0);
  });
});

describe("parseRetryAfter", () => {
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("120", 0)).toBe(120_000);
    expect(parseRetryAfter("0", 0)).toBe(0);
    expect(parseRetryAfter(" 1.5 ", 0)).toBe(1_500);
  });

  it("reads an HTTP date (any instant, formatted as HTTP does) relative to now, never negative", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000 }),
        fc.integer({ min: -3_600, max: 86_400 }),
        (nowSeconds, deltaSeconds) => {
          const now = nowSeconds * 1000;
          const header = new Date(now + deltaSeconds * 1000).toUTCString();
          expect(parseRetryAfter(header, now)).toBe(Math.max(0, deltaSeconds * 1000));
        },
      ),
    );
  });

  it("ignores what is neither", () => {
    for (const v of [null, undefined, "", "soon", "-5", "12abc"])
      expect(parseRetryAfter(v, 0)).toBeUndefined();
  });
});
