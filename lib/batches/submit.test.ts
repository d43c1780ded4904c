/**
 * Recording and submitting a batch against the simulator over HTTP: a row is recorded once and
 * sent to Atlas once, whatever fails, however often a person clicks retry.
 */
import { and, asc, count, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAtlasClient } from "@/lib/atlas/client";
import { SYSTEM_ACTOR } from "@/lib/db/queries/audit";
import { DEMO_ATLAS_CLIENT_ID, DEMO_ATLAS_CLIENT_SECRET } from "@/lib/env";
import { atlasUploads, documents } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { createBatch } from "./create";
import { releaseAbandonedChunks, requeueFailedChunks, submitPendingChunks } from "./submit";
import {
  batchRow,
  createTestUser,
  expectStoredExactlyOnce,
  newBatch,
  sampleRows,
  SimUnderTest,
  syncUntilDone,
} from "@/test/batch-pipeline";

describe.each(testDrivers)("batch creation and submission (%s)", (driver) => {
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

  const chunksOf = (batchId: string) =>
    t.db
      .select()
      .from(atlasUploads)
      .where(eq(atlasUploads.batchId, batchId))
      .orderBy(asc(atlasUploads.chunkIndex));
  const docsOf = (batchId: string) =>
    t.db.select().from(documents).where(eq(documents.batchId, batchId)).orderBy(asc(documents.externalId));
  /** How many times the simulator received each of these document ids, over all uploads. */
  const receivedTimes = (prefix: string) => {
    const times = new Map<string, number>();
    for (const d of sim.sim.documents())
      if (d.documentId.startsWith(`${prefix}-`)) times.set(d.documentId, (times.get(d.documentId) ?? 0) + 1);
    return times;
  };

  describe("createBatch", () => {
    const input = (clientKey: string) => ({
      clientKey,
      label: "twice",
      productType: "POC_CDL",
      rows: sampleRows(sim.baseUrl, 120, "twice"),
      chunkSize: 50,
      createdBy: userId,
    });

    it("records the batch, its chunks and rows before anything is sent", async () => {
      const batchId = await newBatch(t.db, userId, sampleRows(sim.baseUrl, 120, "rec"), 50);
      const chunks = await chunksOf(batchId);
      expect(chunks.map((c) => c.status)).toEqual(["pending", "pending", "pending"]);
      const docs = await docsOf(batchId);
      expect(docs).toHaveLength(120);
      expect(docs.every((d) => d.status === "not_submitted" && d.atlasBatchId === null)).toBe(true);
      expect(await batchRow(t.db, batchId)).toMatchObject({ status: "submitting", documentCount: 120 });
      expect(sim.sent).toEqual([]);
    });

    it("is idempotent on clientKey: a second submit gets the same batch and no new rows", async () => {
      const key = crypto.randomUUID();
      const first = await createBatch(t.db, input(key), SYSTEM_ACTOR);
      const second = await createBatch(t.db, input(key), SYSTEM_ACTOR);
      expect(first.created).toBe(true);
      expect(second).toEqual({ batchId: first.batchId, created: false });
      expect(await docsOf(first.batchId)).toHaveLength(120);
      expect(await chunksOf(first.batchId)).toHaveLength(3);
    });

    it("is idempotent under a double click (two concurrent submits)", async () => {
      const key = crypto.randomUUID();
      const results = await Promise.all([
        createBatch(t.db, input(key), SYSTEM_ACTOR),
        createBatch(t.db, input(key), SYSTEM_ACTOR),
      ]);
      expect(results[0]!.batchId).toBe(results[1]!.batchId);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await docsOf(results[0]!.batchId)).toHaveLength(120);
    });
  });

  it("a failed chunk is left not submitted with the reason; retrying twice at once sends it exactly once", async () => {
    const prefix = `retry${crypto.randomUUID().slice(0, 6)}`;
    const batchId = await newBatch(t.db, userId, sampleRows(sim.baseUrl, 150, prefix), 50);
    // The second chunk's request fails with a 500.
    sim.beforeSend = (request) => {
      if (request.path === "/v1/bulk/multiupload" && sim.uploadsSent() === 1)
        sim.sim.addFault({ kind: "status", status: 500, count: 1, endpoint: "/v1/bulk/multiupload" });
    };
    const atlas = sim.client();
    expect(await submitPendingChunks(t.db, atlas, batchId)).toEqual({
      submitted: 2,
      failed: 1,
      documentsSubmitted: 100,
    });
    // multiupload is not idempotent: the 500 was not retried.
    expect(sim.uploadsSent()).toBe(3);

    // A 500 after sending: whether Atlas received the rows is unknown, not "failed".
    const chunks = await chunksOf(batchId);
    expect(chunks.map((c) => c.status)).toEqual(["submitted", "unknown", "submitted"]);
    const reason = chunks[1]!.errorMessage;
    expect(reason).toMatch(
      /HTTP 500.*unknown whether Atlas received these rows; retrying may make Atlas process them twice/,
    );
    expect(chunks[1]!.answerBody).toMatch(/Internal Server Error/);
    expect(chunks[1]!.atlasBatchId).toBeNull();
    const failedRows = (await docsOf(batchId)).filter((d) => d.uploadId === chunks[1]!.id);
    expect(failedRows).toHaveLength(50);
    expect(failedRows.every((d) => d.status === "not_submitted" && d.submitError === reason)).toBe(true);
    expect(await batchRow(t.db, batchId)).toMatchObject({ notSubmittedCount: 50, submittedCount: 100 });

    // Two clicks on "retry": the chunk is requeued once…
    expect(await requeueFailedChunks(t.db, batchId)).toBe(1);
    expect(await requeueFailedChunks(t.db, batchId)).toBe(0);
    // …the batch is open again, so the background loop would pick it up…
    expect((await batchRow(t.db, batchId)).status).toBe("submitting");
    // …and two submitters racing send it once.
    const [a, b] = await Promise.all([
      submitPendingChunks(t.db, sim.client(), batchId),
      submitPendingChunks(t.db, sim.client(), batchId),
    ]);
    expect(a.submitted + b.submitted).toBe(1);
    expect(a.failed + b.failed).toBe(0);
    expect(sim.uploadsSent()).toBe(4);

    const chunksAfter = await chunksOf(batchId);
    expect(chunksAfter.map((c) => c.status)).toEqual(["submitted", "submitted", "submitted"]);
    expect(chunksAfter[1]).toMatchObject({ attemptCount: 2, errorMessage: null });
    expect((await docsOf(batchId)).every((d) => d.submitError === null && d.fileUuid !== null)).toBe(true);

    // Atlas received each of the 150 rows exactly once, over all requests.
    const times = receivedTimes(prefix);
    expect(times.size).toBe(150);
    expect([...times.values()].every((n) => n === 1)).toBe(true);

    await syncUntilDone(t.db, atlas, batchId);
    expect(await expectStoredExactlyOnce(t.db, batchId, sim.sim)).toBe(150);
    expect((await batchRow(t.db, batchId)).status).toBe("complete");
  });

  it("uploads go out several at once, and two parallel submitters still send each chunk exactly once", async () => {
    const prefix = `par${crypto.randomUUID().slice(0, 6)}`;
    const batchId = await newBatch(t.db, userId, sampleRows(sim.baseUrl, 500, prefix), 50);
    // Uploads answered after 150 ms, so that those sent at once overlap.
    sim.sim.addFault({ kind: "slow", delayMs: 150, count: 10, endpoint: "/v1/bulk/multiupload" });
    let inFlight = 0;
    let most = 0;
    let sent = 0;
    const client = () =>
      createAtlasClient({
        baseUrl: sim.baseUrl,
        clientId: DEMO_ATLAS_CLIENT_ID,
        clientSecret: DEMO_ATLAS_CLIENT_SECRET,
        timeoutMs: 5_000,
        maxRetries: 3,
        retryBaseDelayMs: 1,
        maxRetryDelayMs: 5,
        fetch: async (input, init) => {
          if (!String(input).includes("/multiupload")) return fetch(input, init);
          sent++;
          most = Math.max(most, ++inFlight);
          try {
            return await fetch(input, init);
          } finally {
            inFlight--;
          }
        },
      });
    const [a, b] = await Promise.all([
      submitPendingChunks(t.db, client(), batchId, { concurrency: 4 }),
      submitPendingChunks(t.db, client(), batchId, { concurrency: 4 }),
    ]);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(8);
    expect(a.submitted + b.submitted).toBe(10);
    expect(a.failed + b.failed).toBe(0);
    expect(sent).toBe(10);
    expect((await chunksOf(batchId)).every((c) => c.status === "submitted" && c.attemptCount === 1)).toBe(
      true,
    );
    const times = receivedTimes(prefix);
    expect(times.size).toBe(500);
    expect([...times.values()].every((n) => n === 1)).toBe(true);
  });

  it("a chunk Atlas refuses as invalid carries Atlas's own reason", async () => {
    // 60 rows in one chunk: more than the simulator's 50 files per upload.
    const batchId = await newBatch(t.db, userId, sampleRows(sim.baseUrl, 60, "big"), 60);
    expect(await submitPendingChunks(t.db, sim.client(), batchId)).toMatchObject({ submitted: 0, failed: 1 });
    const [chunk] = await chunksOf(batchId);
    expect(chunk!.errorMessage).toMatch(/at most 50 files per upload/);
    expect(await batchRow(t.db, batchId)).toMatchObject({ status: "partly_failed", notSubmittedCount: 60 });
  });

  it("a chunk left sending by a dead process becomes unknown, never pending", async () => {
    const batchId = await newBatch(t.db, userId, sampleRows(sim.baseUrl, 10, "dead"), 50);
    await t.db
      .update(atlasUploads)
      .set({ status: "sending", sendingSince: new Date(Date.now() - 60_000) })
      .where(eq(atlasUploads.batchId, batchId));
    expect(await releaseAbandonedChunks(t.db, 30_000)).toBeGreaterThanOrEqual(1);
    const [chunk] = await chunksOf(batchId);
    expect(chunk).toMatchObject({ status: "unknown" });
    expect(chunk!.errorMessage).toMatch(/unknown whether Atlas received them/);
    // Its rows say why, and the batch is no longer "submitting".
    const [explained] = await t.db
      .select({ n: count() })
      .from(documents)
      .where(and(eq(documents.batchId, batchId), like(documents.submitError, "%unknown whether Atlas%")));
    expect(Number(explained!.n)).toBe(10);
    expect(await batchRow(t.db, batchId)).toMatchObject({ status: "partly_failed", notSubmittedCount: 10 });
    expect(await submitPendingChunks(t.db, sim.client(), batchId)).toMatchObject({ submitted: 0 });
    expect(sim.uploadsSent()).toBe(0);
    const [waiting] = await t.db
      .select({ n: count() })
      .from(documents)
      .where(and(eq(documents.batchId, batchId), eq(documents.status, "not_submitted")));
    expect(Number(waiting!.n)).toBe(10);
  });
});
