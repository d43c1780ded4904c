/**
 * The batch engine: single-flight inside one process, a database lease across processes, and
 * the background pass over open batches. Two engines stand in for two app instances.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AtlasClient } from "@/lib/atlas/client";
import { batches } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { BatchEngine, type BatchRunResult } from "./engine";
import { acquireLease, releaseLease } from "./lease";
import { requeueFailedChunks } from "./submit";
import {
  batchRow,
  createTestUser,
  expectStoredExactlyOnce,
  newBatch,
  sampleRows,
  SimUnderTest,
  THRESHOLDS,
} from "@/test/batch-pipeline";

describe.each(testDrivers)("batch engine (%s)", (driver) => {
  const t = useTestDatabase(driver);
  let sim: SimUnderTest;
  let userId: string;

  beforeAll(async () => {
    sim = await SimUnderTest.start();
    userId = await createTestUser(t.db);
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(() => sim.resetLog());

  const engine = (atlas: AtlasClient = sim.client()) =>
    new BatchEngine({
      db: async () => t.db,
      atlas: () => atlas,
      thresholds: async () => THRESHOLDS,
      settings: () => ({ concurrency: 4, stallAfterMs: 600_000, leaseMs: 60_000, abandonedAfterMs: 60_000 }),
    });
  const ran = (result: BatchRunResult) => (result.skipped ? undefined : result);

  it("two instances running one batch at once: one works, the other stands aside", async () => {
    const batchId = await newBatch(t.db, userId, sampleRows(sim.baseUrl, 120, "lease"), 50);
    const [one, two] = [engine(), engine()];
    expect(one.owner).not.toBe(two.owner);

    const results = await Promise.all([one.run(batchId), two.run(batchId)]);
    expect(results.filter((r) => r.skipped === "leased-elsewhere")).toHaveLength(1);
    const worker = results.map(ran).find(Boolean)!;
    expect(worker).toMatchObject({ submitted: 3, sync: { stored: 120 } });
    expect(sim.uploadsSent()).toBe(3);
    expect(await expectStoredExactlyOnce(t.db, batchId, sim.sim)).toBe(120);

    // The lease is released when the run ends: the other instance may run now (nothing to do).
    expect(await batchRow(t.db, batchId)).toMatchObject({ leaseOwner: null, status: "complete" });
    expect(await two.run(batchId)).toEqual({
      submitted: 0,
      sync: { requests: 0, stored: 0, uploadsChecked: 0 },
    });
    expect(sim.uploadsSent()).toBe(3);
  });

  it("a run longer than the lease keeps renewing it, so no other instance takes the batch mid-run", async () => {
    const batchId = await newBatch(t.db, userId, sampleRows(sim.baseUrl, 10, "renew"), 50);
    const shortLease = (atlas: AtlasClient = sim.client()) =>
      new BatchEngine({
        db: async () => t.db,
        atlas: () => atlas,
        thresholds: async () => THRESHOLDS,
        settings: () => ({ concurrency: 4, stallAfterMs: 600_000, leaseMs: 1500, abandonedAfterMs: 60_000 }),
      });
    // The first extracts answer takes 3 s: twice the lease.
    sim.sim.addFault({ kind: "slow", delayMs: 3000, count: 1, endpoint: "/v1/bulk/extracts" });
    const [one, two] = [shortLease(), shortLease()];
    const long = one.run(batchId);
    await new Promise((r) => setTimeout(r, 2200));
    expect(await two.run(batchId)).toEqual({ skipped: "leased-elsewhere" });
    expect(ran(await long)).toMatchObject({ submitted: 1, sync: { stored: 10 } });
    expect(await batchRow(t.db, batchId)).toMatchObject({ leaseOwner: null });
  });

  it("a live lease held by another instance keeps this one out until it is released or expires", async () => {
    const batchId = await newBatch(t.db, userId, sampleRows(sim.baseUrl, 10, "held"), 50);
    expect(await acquireLease(t.db, batchId, "elsewhere", 60_000)).toBe(true);
    expect(await engine().run(batchId)).toEqual({ skipped: "leased-elsewhere" });
    expect(sim.sent).toEqual([]);

    // An expired lease (its instance died) is taken over.
    await t.db
      .update(batches)
      .set({ leaseUntil: new Date(Date.now() - 1_000) })
      .where(eq(batches.id, batchId));
    expect(await engine().run(batchId)).toMatchObject({ submitted: 1, sync: { stored: 10 } });
    // Releasing someone else's lease changes nothing.
    await releaseLease(t.db, batchId, "elsewhere");
    expect(await acquireLease(t.db, batchId, "mine", 60_000)).toBe(true);
    expect(await acquireLease(t.db, batchId, "elsewhere", 60_000)).toBe(false);
    await releaseLease(t.db, batchId, "mine");
  });

  it("concurrent runs in one instance share one promise (single flight)", async () => {
    const batchId = await newBatch(t.db, userId, sampleRows(sim.baseUrl, 60, "flight"), 50);
    const one = engine();
    const first = one.run(batchId);
    const second = one.run(batchId);
    expect(second).toBe(first);
    expect(await first).toMatchObject({ submitted: 2, sync: { stored: 60 } });
    expect(sim.uploadsSent()).toBe(2);
    // Once settled, a new run starts afresh (and finds nothing left to do).
    const third = one.run(batchId);
    expect(third).not.toBe(first);
    expect(await third).toEqual({ submitted: 0, sync: { requests: 0, stored: 0, uploadsChecked: 0 } });
  });

  it("the background pass moves every open batch forward, including one whose failed chunk was requeued", async () => {
    const fresh = await newBatch(t.db, userId, sampleRows(sim.baseUrl, 30, "tick-a"), 50);
    const retried = await newBatch(t.db, userId, sampleRows(sim.baseUrl, 80, "tick-b"), 50);
    // Its first chunk fails, then a person asks for a retry.
    sim.sim.addFault({ kind: "status", status: 503, count: 1, endpoint: "/v1/bulk/multiupload" });
    const one = engine();
    expect(await one.run(retried)).toMatchObject({ submitted: 1 });
    expect(await requeueFailedChunks(t.db, retried)).toBe(1);

    await one.tick();
    for (const batchId of [fresh, retried]) {
      expect((await batchRow(t.db, batchId)).status).toBe("complete");
      await expectStoredExactlyOnce(t.db, batchId, sim.sim);
    }
  });

  it("a failed sync is recorded on the batch and cleared by the next good one", async () => {
    const batchId = await newBatch(t.db, userId, sampleRows(sim.baseUrl, 20, "err"), 50);
    const one = engine();
    sim.beforeSend = (request) => {
      if (request.path === "/v1/bulk/extracts" && sim.extractsSent() === 0)
        sim.sim.addFault({ kind: "malformed_json", count: 1, endpoint: "/v1/bulk/extracts" });
    };
    await expect(one.run(batchId)).rejects.toThrow(/could not understand/);
    const failed = await batchRow(t.db, batchId);
    expect(failed.lastSyncError).toMatch(/could not understand/);
    expect(failed.leaseOwner).toBeNull();

    expect(await one.run(batchId)).toMatchObject({ sync: { stored: 20 } });
    expect(await batchRow(t.db, batchId)).toMatchObject({ lastSyncError: null, status: "complete" });
  });

  it("an unexpected failure is shown on the batch as the generic message with a reference, not its text", async () => {
    const batchId = await newBatch(t.db, userId, sampleRows(sim.baseUrl, 5, "bug"), 50);
    const broken = new BatchEngine({
      db: async () => t.db,
      atlas: () => sim.client(),
      thresholds: async () => {
        throw new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2");
      },
      settings: () => ({ concurrency: 4, stallAfterMs: 600_000, leaseMs: 60_000, abandonedAfterMs: 60_000 }),
    });
    await expect(broken.run(batchId)).rejects.toThrow(/ECONNREFUSED/);
    const { lastSyncError } = await batchRow(t.db, batchId);
    expect(lastSyncError).toMatch(/^Something went wrong on our side \(ref [0-9a-f]{8}\)/);
    expect(lastSyncError).not.toMatch(/ECONNREFUSED|hunter2|10\.0\.0\.5/);
  });
});
