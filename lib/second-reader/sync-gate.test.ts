/** OCR gives way to the Atlas sync: a page waits while a pass runs, and never longer than its bound. */
import { describe, expect, it } from "vitest";
import { syncIdle, whileSyncing } from "./sync-gate";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("sync gate", () => {
  it("lets a page start at once when no pass runs, and after every overlapping pass has ended", async () => {
    const order: string[] = [];
    await syncIdle().then(() => order.push("idle at once"));
    let endFirst!: () => void;
    let endSecond!: () => void;
    const first = whileSyncing(() => new Promise<void>((r) => (endFirst = r)));
    const second = whileSyncing(() => new Promise<void>((r) => (endSecond = r)));
    const page = syncIdle(10_000).then(() => order.push("page"));
    await sleep(20);
    endFirst();
    await first;
    await sleep(20);
    order.push("first pass ended");
    endSecond();
    await second;
    await page;
    expect(order).toEqual(["idle at once", "first pass ended", "page"]);
  });

  it("a pass that fails still opens the gate", async () => {
    await expect(whileSyncing(() => Promise.reject(new Error("Atlas down")))).rejects.toThrow("Atlas down");
    const started = performance.now();
    await syncIdle(5_000);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("a page waits at most its bound while passes run back to back", async () => {
    let end!: () => void;
    const pass = whileSyncing(() => new Promise<void>((r) => (end = r)));
    const started = performance.now();
    await syncIdle(100);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(90);
    end();
    await pass;
  });
});
