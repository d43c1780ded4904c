/**
 * The sync engine against the simulator over HTTP: the happy path, what an unchanged poll
 * costs, stalls, and faults injected while pages are being read. Whatever happens, every
 * submitted document must end up stored exactly once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SimFault } from "@/atlas-sim/faults";
import type { AtlasClient } from "@/lib/atlas/client";
import { AtlasError, type AtlasErrorKind } from "@/lib/atlas/errors";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { missingDocuments } from "@/lib/documents/queries";
import { syncBatch, type SyncReport } from "./sync";
import {
  batchRow,
  createTestUser,
  expectStoredExactlyOnce,
  newBatch,
  sampleRows,
  SimUnderTest,
  submittedBatch,
  SYNC,
  syncUntilDone,
  totalStored,
} from "@/test/batch-pipeline";
import { submitPendingChunks } from "./submit";

/** Two uploads of 120 documents: three pages each (50, 50, 20). */
const ROWS = 240;
const CHUNK = 120;

describe.each(testDrivers)("batch sync (%s)", (driver) => {
  const t = useTestDatabase(driver);
  /** Results ready at once; uploads up to 200 files, so an upload spans several pages. */
  let instant: SimUnderTest;
  /** Each document takes 10 s of simulated time (moved with `advance`). */
  let slow: SimUnderTest;
  let userId: string;

  beforeAll(async () => {
    instant = await SimUnderTest.start({ maxFilesPerUpload: 200 });
    slow = await SimUnderTest.start({ latency: 10_000 });
    userId = await createTestUser(t.db);
  });
  afterAll(async () => {
    await instant?.close();
    await slow?.close();
  });
  beforeEach(() => {
    instant.resetLog();
    slow.resetLog();
  });

  it("stores every document of a 120-row batch exactly once", async () => {
    const atlas = instant.client();
    const rows = [
      ...sampleRows(instant.baseUrl, 119, "happy"),
      { documentId: "happy-odd", fileUrl: `${instant.baseUrl}/files/unrecognised-1.jpg` },
    ];
    const batchId = await newBatch(t.db, userId, rows, 50);
    expect(await submitPendingChunks(t.db, atlas, batchId)).toEqual({
      submitted: 3,
      failed: 0,
      documentsSubmitted: 120,
    });
    expect(instant.uploadsSent()).toBe(3);

    const reports = await syncUntilDone(t.db, atlas, batchId);
    expect(totalStored(reports)).toBe(120);
    expect(await expectStoredExactlyOnce(t.db, batchId, instant.sim)).toBe(120);
    const batch = await batchRow(t.db, batchId);
    expect(batch).toMatchObject({
      // The UNRECOGNISED page comes back with an error code: a failed document.
      status: "partly_failed",
      documentCount: 120,
      extractedCount: 119,
      failedCount: 1,
      submittedCount: 0,
      notSubmittedCount: 0,
    });
    expect(batch.needsReviewCount).toBeGreaterThan(0);
    expect(batch.completedAt).not.toBeNull();

    // Nothing is open any more: a further sync asks Atlas nothing and changes nothing.
    const sent = instant.extractsSent();
    expect(await syncBatch(t.db, atlas, batchId, SYNC)).toEqual({
      requests: 0,
      stored: 0,
      uploadsChecked: 0,
    });
    expect(instant.extractsSent()).toBe(sent);
  });

  it("costs one request per open upload when nothing changed, and none for finished uploads", async () => {
    const real = slow.client();
    let uploads = 0;
    // The first chunk is sent 20 s (simulated) before the other two, so it finishes first.
    const atlas: AtlasClient = {
      ...real,
      bulk: {
        ...real.bulk,
        upload: (input) => {
          if (uploads++ === 1) slow.sim.advance(20_000);
          return real.bulk.upload(input);
        },
      },
    };
    const batchId = await submittedBatch(t.db, atlas, userId, sampleRows(slow.baseUrl, 150, "quiet"), 50);

    // One page 1 per upload: chunk 0's page is full but its total_items (50) says it is also the
    // last, so nothing past it is read; chunks 1 and 2 answer empty.
    expect(await syncBatch(t.db, atlas, batchId, SYNC)).toEqual({
      requests: 3,
      stored: 50,
      uploadsChecked: 3,
    });
    for (let poll = 0; poll < 3; poll++) {
      const before = slow.extractsSent();
      expect(await syncBatch(t.db, atlas, batchId, SYNC)).toEqual({
        requests: 2,
        stored: 0,
        uploadsChecked: 2,
      });
      expect(slow.extractsSent() - before).toBe(2);
    }
    expect((await batchRow(t.db, batchId)).status).toBe("processing");

    slow.sim.advance(10_000);
    expect(await syncBatch(t.db, atlas, batchId, SYNC)).toMatchObject({ stored: 100, uploadsChecked: 2 });
    expect((await batchRow(t.db, batchId)).status).toBe("complete");
    await expectStoredExactlyOnce(t.db, batchId, slow.sim);
    expect(await syncBatch(t.db, atlas, batchId, SYNC)).toEqual({
      requests: 0,
      stored: 0,
      uploadsChecked: 0,
    });
  });

  it("marks a batch stalled when nothing arrives for stallAfterMs, and complete once results arrive", async () => {
    const atlas = slow.client();
    const batchId = await submittedBatch(t.db, atlas, userId, sampleRows(slow.baseUrl, 20, "stall"), 50);
    const stall = { ...SYNC, stallAfterMs: 30_000 };

    await syncBatch(t.db, atlas, batchId, stall);
    expect((await batchRow(t.db, batchId)).status).toBe("processing");
    // A minute later (our clock), still nothing from Atlas.
    await syncBatch(t.db, atlas, batchId, { ...stall, now: () => new Date(Date.now() + 60_000) });
    expect((await batchRow(t.db, batchId)).status).toBe("stalled");
    expect(await missingDocuments(t.db, batchId)).toHaveLength(20);

    slow.sim.advance(10_000);
    expect(await syncBatch(t.db, atlas, batchId, stall)).toMatchObject({ stored: 20 });
    expect((await batchRow(t.db, batchId)).status).toBe("complete");
    expect(await missingDocuments(t.db, batchId)).toEqual([]);
    await expectStoredExactlyOnce(t.db, batchId, slow.sim);
  });

  describe("faults while pages are read (2 uploads × 3 pages)", () => {
    let atlas: AtlasClient;
    let batchId: string;

    /** Submits a fresh batch, then lets `arm` inject faults as the sync's first page-2 read leaves. */
    async function prepare(arm?: () => void, prefix = crypto.randomUUID().slice(0, 8)) {
      atlas = instant.client();
      batchId = await submittedBatch(t.db, atlas, userId, sampleRows(instant.baseUrl, ROWS, prefix), CHUNK);
      let armed = false;
      instant.beforeSend = (request) => {
        if (!arm || armed || request.path !== "/v1/bulk/extracts" || request.page !== 2) return;
        armed = true;
        arm();
      };
      instant.sent.length = 0;
    }

    async function expectAllStoredOnce(reports: SyncReport[]) {
      expect(totalStored(reports)).toBe(ROWS);
      expect(await expectStoredExactlyOnce(t.db, batchId, instant.sim)).toBe(ROWS);
      expect((await batchRow(t.db, batchId)).status).toBe("complete");
    }

    it("401 mid-paging: renews the token once and finishes in the same sync", async () => {
      await prepare(() => instant.sim.revokeAllTokens());
      const tokens = instant.sim.tokensIssued().bulk;
      const reports = await syncUntilDone(t.db, atlas, batchId);
      expect(reports).toHaveLength(1);
      expect(instant.sim.tokensIssued().bulk - tokens).toBe(1);
      // Each page read in flight with the revoked token (one per upload at most) was refused once
      // and sent again.
      const resent = instant.extractsSent() - reports[0]!.requests;
      expect(resent).toBeGreaterThanOrEqual(1);
      expect(resent).toBeLessThanOrEqual(2);
      await expectAllStoredOnce(reports);
    });

    it.each<[string, SimFault]>([
      ["429", { kind: "status", status: 429, count: 3, retryAfterSeconds: 0, endpoint: "/v1/bulk/extracts" }],
      ["500", { kind: "status", status: 500, count: 3, endpoint: "/v1/bulk/extracts" }],
      ["503", { kind: "status", status: 503, count: 3, endpoint: "/v1/bulk/extracts" }],
    ])("%s mid-paging: retried by the client, finishes in the same sync", async (_name, fault) => {
      await prepare(() => instant.sim.addFault(fault));
      const reports = await syncUntilDone(t.db, atlas, batchId);
      expect(reports).toHaveLength(1);
      expect(instant.extractsSent()).toBe(reports[0]!.requests + 3);
      await expectAllStoredOnce(reports);
    });

    it.each<[string, SimFault, AtlasErrorKind]>([
      ["a malformed page", { kind: "malformed_json", count: 1, endpoint: "/v1/bulk/extracts" }, "protocol"],
      [
        "a 401 that survives the renewal",
        { kind: "token_revoked", count: 8, endpoint: "/v1/bulk/extracts" },
        "token_rejected",
      ],
      ["503 beyond the retries", { kind: "status", status: 503, count: 100 }, "unavailable"],
    ])("%s fails that sync; the next sync completes it", async (_name, fault, kind) => {
      await prepare(() => instant.sim.addFault(fault));
      const failure = await syncBatch(t.db, atlas, batchId, SYNC).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(AtlasError);
      expect((failure as AtlasError).kind).toBe(kind);
      expect((await batchRow(t.db, batchId)).lastSyncError).toContain((failure as AtlasError).userMessage);
      // What could be read in the failed sync was kept: never more than the other upload.
      const storedBefore =
        (await batchRow(t.db, batchId)).extractedCount + (await batchRow(t.db, batchId)).failedCount;
      expect(storedBefore).toBeLessThanOrEqual(CHUNK);
      instant.sim.clearFaults();
      const reports = await syncUntilDone(t.db, atlas, batchId);
      expect(totalStored(reports)).toBe(ROWS - storedBefore);
      expect(await expectStoredExactlyOnce(t.db, batchId, instant.sim)).toBe(ROWS);
      expect(await batchRow(t.db, batchId)).toMatchObject({ status: "complete", lastSyncError: null });
    });

    it("one upload's unreadable page does not keep the other upload's results from being stored", async () => {
      await prepare(() =>
        instant.sim.addFault({ kind: "malformed_json", count: 1, endpoint: "/v1/bulk/extracts" }),
      );
      await expect(syncBatch(t.db, atlas, batchId, SYNC)).rejects.toThrow(AtlasError);
      expect(
        (await batchRow(t.db, batchId)).extractedCount + (await batchRow(t.db, batchId)).failedCount,
      ).toBe(CHUNK);
    });

    it("a sync that finds Atlas unavailable stops starting page reads", async () => {
      await prepare(() => instant.sim.addFault({ kind: "status", status: 503, count: 100 }));
      // One upload at a time: the first upload's page 2 fails after its retries (4 attempts)…
      await expect(syncBatch(t.db, atlas, batchId, { ...SYNC, concurrency: 1 })).rejects.toThrow(AtlasError);
      await new Promise((resolve) => setTimeout(resolve, 100));
      // …and the second upload is not asked at all: page 1 + 4 attempts at page 2.
      expect(instant.extractsSent()).toBe(5);
      expect(new Set(instant.sent.map((r) => r.batchId)).size).toBe(1);
    });

    it("documents appearing between page reads are picked up in the same sync", async () => {
      // The last 30 documents of the first upload stay invisible until its page 1 has been read.
      instant.sim.addFault({ kind: "hold_documents", count: 30 });
      await prepare();
      const reports = await syncUntilDone(t.db, atlas, batchId);
      // Upload 1: page 1 announced 2 pages, page 2 came back full, page 3 held the newcomers.
      expect(reports).toEqual([{ requests: 6, stored: ROWS, uploadsChecked: 2 }]);
      await expectAllStoredOnce(reports);
    });

    it("pages that lie about has_next are read to the end, and no further", async () => {
      await prepare();
      instant.sim.addFault({ kind: "lie_has_next", count: 100 });
      const reports = await syncUntilDone(t.db, atlas, batchId);
      // Per upload: pages 1–3 by total_pages, plus page 4 because page 3 claimed a next page.
      expect(reports).toEqual([{ requests: 8, stored: ROWS, uploadsChecked: 2 }]);
      await expectAllStoredOnce(reports);
    });

    it("a page that misses a document (results reordered mid-read) is completed on the next sync", async () => {
      await prepare();
      const real = atlas;
      let dropped = false;
      atlas = {
        ...real,
        bulk: {
          ...real.bulk,
          extracts: async (input) => {
            const page = await real.bulk.extracts(input);
            if (dropped || input.page !== 2) return page;
            dropped = true;
            return { ...page, data: page.data.slice(1) };
          },
        },
      };
      const reports = await syncUntilDone(t.db, atlas, batchId);
      expect(reports.map((r) => r.stored)).toEqual([ROWS - 1, 1]);
      // Only the incomplete upload is read again.
      expect(reports[1]).toMatchObject({ uploadsChecked: 1, requests: 3 });
      await expectAllStoredOnce(reports);
    });
  });
});
