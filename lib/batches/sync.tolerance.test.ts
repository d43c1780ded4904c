/**
 * Issue 12, end to end: the real Atlas client, submit and sync, and the database, against the
 * simulator in each of the modes Atlas's public docs allow (atlas-sim/profiles.ts and faults.ts).
 * Every scenario ends with every document stored exactly once with its fields (values as Atlas
 * sent them, scores normalised or flagged), none stuck, none stored empty, and the entries that
 * could not be read listed.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimulatorOptions } from "@/atlas-sim/options";
import { atlasUnreadableEntries, atlasUploads, documents, fields } from "@/lib/db/schema";
import { testDrivers, useTestDatabase, type TestDatabase } from "@/lib/db/test-utils";
import { requeueFailedChunks, submitPendingChunks } from "./submit";
import { syncBatch } from "./sync";
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
} from "@/test/batch-pipeline";

type Db = TestDatabase["db"];
type Truth = SimUnderTest["sim"];

/** No document stored "extracted" without fields or with a made-up type; none still waiting. */
async function expectNoneStuckOrEmpty(db: Db, batchId: string) {
  const docs = await db
    .select({ status: documents.status, fieldCount: documents.fieldCount, type: documents.documentType })
    .from(documents)
    .where(eq(documents.batchId, batchId));
  expect(docs.filter((d) => d.status === "submitted" || d.status === "not_submitted")).toEqual([]);
  expect(
    docs.filter((d) => d.status === "extracted" && (d.fieldCount === 0 || d.type === "UNKNOWN")),
  ).toEqual([]);
  expect((await batchRow(db, batchId)).submittedCount).toBe(0);
}

type Scores = "exact" | "flag-missing" | "clamped";

/**
 * Every stored field holds the value Atlas generated (never an object made of a score), and a
 * score equal to Atlas's (0–1) or, when Atlas gave none, no score and a reason for the reviewer.
 */
async function expectFieldsAsSent(db: Db, batchId: string, sim: Truth, scores: Scores = "exact") {
  // Read as text: drizzle's jsonb reader parses a string value that looks like JSON a second
  // time ("2731…" would come back as a number), which is not what is stored.
  const result = await db.execute(sql`
    select d.document_id, d.atlas_batch_id, f.path, f.value::text as value, f.confidence, f.validation
    from ${fields} f join ${documents} d on d.id = f.document_id
    where d.batch_id = ${batchId}`);
  type Raw = {
    document_id: string;
    atlas_batch_id: string;
    path: string;
    value: string;
    confidence: number | null;
    validation: { ok: boolean; issues?: { check: string; message: string }[] } | string | null;
  };
  const rows = ((result as { rows?: Raw[] }).rows ?? (result as unknown as Raw[])).map((r) => {
    const validation = (typeof r.validation === "string" ? JSON.parse(r.validation) : r.validation) as {
      ok: boolean;
      issues?: { check: string; message: string }[];
    } | null;
    return {
      documentId: r.document_id,
      atlasBatchId: r.atlas_batch_id,
      path: r.path,
      value: JSON.parse(r.value) as unknown,
      confidence: r.confidence === null ? null : Number(r.confidence),
      validation,
    };
  });
  expect(rows.length).toBeGreaterThan(0);
  const truth = new Map(sim.documents().map((d) => [`${d.batchId}/${d.documentId}`, d.generated.fileData]));
  let flagged = 0;
  for (const row of rows) {
    const sent = truth.get(`${row.atlasBatchId}/${row.documentId}`)![row.path] as {
      value: unknown;
      confidence_score: number;
    };
    expect(row.value, `${row.documentId}.${row.path}`).toEqual(sent.value);
    const reasons = (row.validation?.issues ?? []).filter((i) => i.check === "confidence");
    if (row.confidence === null) {
      expect(scores, `${row.documentId}.${row.path} lost its score`).not.toBe("exact");
      expect(reasons.map((r) => r.message)).toEqual(["Atlas gave no confidence"]);
      expect(row.validation?.ok).toBe(false);
      flagged++;
    } else if (reasons.length > 0) {
      expect(scores, reasons[0]!.message).toBe("clamped");
      expect([0, 1]).toContain(row.confidence);
      expect(reasons[0]!.message).toMatch(/outside 0–1; taken as [01]/);
      flagged++;
    } else {
      expect(row.confidence, `${row.documentId}.${row.path}`).toBeCloseTo(sent.confidence_score, 4);
    }
  }
  if (scores !== "exact") expect(flagged).toBeGreaterThan(0);
}

async function unreadableOf(db: Db, batchId: string) {
  return db.select().from(atlasUnreadableEntries).where(eq(atlasUnreadableEntries.batchId, batchId));
}

describe.each(testDrivers)("batch sync against every answer Atlas may give (%s)", (driver) => {
  const t = useTestDatabase(driver);
  let userId: string;
  const sims: SimUnderTest[] = [];
  const simWith = async (options: SimulatorOptions) => {
    const sim = await SimUnderTest.start({ maxFilesPerUpload: 200, ...options });
    sims.push(sim);
    return sim;
  };

  beforeAll(async () => {
    userId = await createTestUser(t.db);
  });
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
  });

  /** 2 uploads of 60 on an instant simulator: submit, sync to the end, and the common checks. */
  async function roundTrip(sim: SimUnderTest, prefix: string, scores: Scores = "exact") {
    const atlas = sim.client();
    const batchId = await submittedBatch(t.db, atlas, userId, sampleRows(sim.baseUrl, 120, prefix), 60);
    const reports = await syncUntilDone(t.db, atlas, batchId);
    expect(await expectStoredExactlyOnce(t.db, batchId, sim.sim)).toBe(120);
    await expectNoneStuckOrEmpty(t.db, batchId);
    await expectFieldsAsSent(t.db, batchId, sim.sim, scores);
    return { batchId, reports, atlas };
  }

  it.each(["no_document_id", "not_an_object", "bad_file_data", "empty_document_id"] as const)(
    "an entry that cannot be read (%s) is kept and listed, and blocks nothing",
    async (variant) => {
      const sim = await simWith({});
      sim.sim.addFault({ kind: "unreadable_entry", variant, count: 1_000 });
      const { batchId } = await roundTrip(sim, `unread-${variant}`);
      const kept = await unreadableOf(t.db, batchId);
      // One per page of each Atlas batch (60 documents: pages of 50 and 10), each kept once
      // however often it is read.
      expect(kept.length).toBeGreaterThanOrEqual(2);
      expect(kept.length).toBeLessThanOrEqual(4);
      for (const entry of kept) {
        expect(entry.reason).toMatch(/document_id|not an object|file_data/);
        expect(entry.page).toBeGreaterThanOrEqual(1);
        expect(entry.raw).not.toBeUndefined();
      }
    },
  );

  it("entries still processing (file_data null or {}, status PROCESSING/queued) leave documents waiting", async () => {
    const sim = await simWith({ latency: 10_000, profile: "pending-entries" });
    const atlas = sim.client();
    const batchId = await submittedBatch(t.db, atlas, userId, sampleRows(sim.baseUrl, 80, "pending"), 40);
    // Every entry is a processing entry: nothing is stored, the batch is not "complete".
    expect(await syncBatch(t.db, atlas, batchId, SYNC)).toMatchObject({ stored: 0 });
    expect(await batchRow(t.db, batchId)).toMatchObject({ status: "processing", submittedCount: 80 });
    sim.sim.advance(10_000);
    await syncUntilDone(t.db, atlas, batchId);
    expect(await expectStoredExactlyOnce(t.db, batchId, sim.sim)).toBe(80);
    await expectNoneStuckOrEmpty(t.db, batchId);
    await expectFieldsAsSent(t.db, batchId, sim.sim);
  });

  it("an empty duplicate of a document in the same read never replaces its result", async () => {
    const sim = await simWith({ profile: "duplicate-entries" });
    await roundTrip(sim, "dup");
  });

  it.each(["short-pages", "short-pages-results-total", "short-pages-documents-total"])(
    "pages smaller than asked (%s) are all read",
    async (profile) => {
      const sim = await simWith({ profile });
      const { reports } = await roundTrip(sim, profile);
      // 60 documents in pages of 20: at least three pages per upload.
      expect(reports[0]!.requests).toBeGreaterThanOrEqual(6);
      expect(reports[0]!.stored).toBe(120);
    },
  );

  it.each(["short-pages-lying", "endless-pages"])(
    "pages smaller than asked whose has_next lies (%s) are all read, and the read ends",
    async (profile) => {
      const sim = await simWith({ profile });
      const { reports } = await roundTrip(sim, profile);
      expect(reports).toHaveLength(1);
      // 60 documents in pages of 20 per upload: 3 pages and one empty page to end on, each.
      expect(reports[0]!.requests).toBeLessThanOrEqual(2 * 5);
    },
  );

  it("results in other shapes are stored with their fields; classified entries still processing wait", async () => {
    const sim = await simWith({ profile: "odd-entry-shapes", latency: { minMs: 0, maxMs: 8_000 } });
    const atlas = sim.client();
    const batchId = await submittedBatch(t.db, atlas, userId, sampleRows(sim.baseUrl, 100, "odd"), 50);
    await syncBatch(t.db, atlas, batchId, SYNC);
    // Whatever is stored by now is a real result: none empty, none made up.
    const early = await t.db
      .select({ status: documents.status, fieldCount: documents.fieldCount })
      .from(documents)
      .where(eq(documents.batchId, batchId));
    expect(early.filter((d) => d.status === "extracted" && d.fieldCount === 0)).toEqual([]);
    expect(early.some((d) => d.status === "submitted")).toBe(true);
    sim.sim.advance(10_000);
    await syncUntilDone(t.db, atlas, batchId);
    expect(await expectStoredExactlyOnce(t.db, batchId, sim.sim)).toBe(100);
    await expectNoneStuckOrEmpty(t.db, batchId);
    await expectFieldsAsSent(t.db, batchId, sim.sim);
    expect(await unreadableOf(t.db, batchId)).toEqual([]);
  });

  it("short pages while documents arrive between reads, and while results are partial", async () => {
    const sim = await simWith({ profile: "short-pages", latency: { minMs: 1_000, maxMs: 9_000 } });
    const atlas = sim.client();
    const batchId = await submittedBatch(t.db, atlas, userId, sampleRows(sim.baseUrl, 100, "arrive"), 50);
    for (let step = 0; step < 5; step++) {
      sim.sim.advance(2_000);
      await syncBatch(t.db, atlas, batchId, SYNC);
    }
    sim.sim.advance(10_000);
    await syncUntilDone(t.db, atlas, batchId);
    expect(await expectStoredExactlyOnce(t.db, batchId, sim.sim)).toBe(100);
    await expectNoneStuckOrEmpty(t.db, batchId);
  });

  it("documents held back appear on a later short page of the same read", async () => {
    const sim = await simWith({ profile: "short-pages" });
    sim.sim.addFault({ kind: "hold_documents", count: 25 });
    const atlas = sim.client();
    const batchId = await submittedBatch(t.db, atlas, userId, sampleRows(sim.baseUrl, 60, "held"), 60);
    const reports = await syncUntilDone(t.db, atlas, batchId);
    expect(reports).toHaveLength(1);
    expect(await expectStoredExactlyOnce(t.db, batchId, sim.sim)).toBe(60);
    await expectNoneStuckOrEmpty(t.db, batchId);
  });

  it("a body with NaN and -Infinity (Python's json) is read; those scores are missing and flagged", async () => {
    const sim = await simWith({ profile: "nan" });
    await roundTrip(sim, "nan", "flag-missing");
  });

  it.each<[string, Scores]>([
    ["string", "exact"],
    ["leading_dot", "exact"],
    ["percent", "exact"],
    ["comma", "exact"],
    ["hundred", "exact"],
    ["missing", "flag-missing"],
    ["out_of_range", "clamped"],
  ])("confidence scores written as %s are normalised in one place", async (format, scores) => {
    const sim = await simWith({});
    sim.sim.addFault({ kind: "confidence_format", format: format as "string", count: 1_000 });
    await roundTrip(sim, `conf-${format}`, scores);
  });

  it("an upload answer with two batch_ids: each row keeps its own, and both are fetched", async () => {
    const sim = await simWith({ profile: "split-batches" });
    const { batchId } = await roundTrip(sim, "split");
    const docs = await t.db
      .select({ uploadId: documents.uploadId, atlasBatchId: documents.atlasBatchId })
      .from(documents)
      .where(eq(documents.batchId, batchId));
    const perUpload = new Map<string, Set<string>>();
    for (const d of docs)
      perUpload.set(d.uploadId!, (perUpload.get(d.uploadId!) ?? new Set()).add(d.atlasBatchId!));
    expect([...perUpload.values()].map((ids) => ids.size)).toEqual([2, 2]);
  });

  it.each(["502_html", "500", "504", "408_html", "499", "unreadable_2xx", "empty_2xx"] as const)(
    "an upload whose answer is lost (%s) is 'unknown', keeps the answer, and can be retried",
    async (answer) => {
      const sim = await simWith({});
      const atlas = sim.client();
      const batchId = await newBatch(t.db, userId, sampleRows(sim.baseUrl, 60, `lost-${answer}`), 30);
      sim.sim.addFault({ kind: "lost_upload_answer", answer, count: 1 });
      expect(await submitPendingChunks(t.db, atlas, batchId)).toMatchObject({ submitted: 1, failed: 1 });
      const [chunk] = await t.db
        .select()
        .from(atlasUploads)
        .where(and(eq(atlasUploads.batchId, batchId), eq(atlasUploads.status, "unknown")));
      expect(chunk!.errorMessage).toMatch(/unknown whether Atlas received these rows/);
      expect(chunk!.answerBody).toBeTruthy();
      if (answer === "502_html") expect(chunk!.answerBody).toMatch(/502 Bad Gateway/);
      expect(await batchRow(t.db, batchId)).toMatchObject({ notSubmittedCount: 30 });

      // The person confirms the retry: the rows go again and end stored once in our database.
      expect(await requeueFailedChunks(t.db, batchId)).toBe(1);
      expect(await submitPendingChunks(t.db, atlas, batchId)).toMatchObject({ submitted: 1, failed: 0 });
      await syncUntilDone(t.db, atlas, batchId);
      expect(await expectStoredExactlyOnce(t.db, batchId, sim.sim)).toBe(60);
      await expectNoneStuckOrEmpty(t.db, batchId);
    },
  );

  it("everything at once (python-backend profile)", async () => {
    const sim = await simWith({ profile: "python-backend", latency: { minMs: 0, maxMs: 4_000 } });
    const atlas = sim.client();
    const batchId = await submittedBatch(t.db, atlas, userId, sampleRows(sim.baseUrl, 120, "python"), 60);
    await syncBatch(t.db, atlas, batchId, SYNC);
    sim.sim.advance(5_000);
    await syncUntilDone(t.db, atlas, batchId);
    expect(await expectStoredExactlyOnce(t.db, batchId, sim.sim)).toBe(120);
    await expectNoneStuckOrEmpty(t.db, batchId);
    await expectFieldsAsSent(t.db, batchId, sim.sim, "flag-missing");
    const kept = await unreadableOf(t.db, batchId);
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(kept.every((k) => k.reason === "no document_id")).toBe(true);
  });

  it("adaptive polling: unchanged uploads are read less often, the head of the queue every time", async () => {
    const sim = await simWith({ latency: 60_000 });
    const atlas = sim.client();
    const batchId = await submittedBatch(t.db, atlas, userId, sampleRows(sim.baseUrl, 200, "adapt"), 20);
    let clock = Date.now();
    const poll = { ...SYNC, pollIntervalMs: 5_000, maxPollBackoffMs: 40_000, now: () => new Date(clock) };
    const perPoll: number[] = [];
    for (let i = 0; i < 8; i++) {
      const before = sim.extractsSent();
      await syncBatch(t.db, atlas, batchId, poll);
      perPoll.push(sim.extractsSent() - before);
      clock += 5_000;
    }
    // First poll reads all 10 uploads; then only the head and those whose backoff ran out.
    expect(perPoll[0]).toBe(10);
    expect(perPoll[1]).toBe(1);
    expect(perPoll.slice(1).reduce((a, b) => a + b, 0)).toBeLessThan(10 * 7);
    // A change at the head shows within one interval.
    sim.sim.advance(60_000);
    const stored = await syncBatch(t.db, atlas, batchId, poll);
    expect(stored.stored).toBeGreaterThanOrEqual(20);
    // A forced sync ("Sync now") reads everything.
    clock += 5_000;
    await syncUntilDone(t.db, atlas, batchId, { ...poll, force: true });
    expect(await expectStoredExactlyOnce(t.db, batchId, sim.sim)).toBe(200);
    const state = await t.db
      .select({ polls: atlasUploads.unchangedPolls })
      .from(atlasUploads)
      .where(and(eq(atlasUploads.batchId, batchId), inArray(atlasUploads.status, ["submitted"])));
    expect(state).toHaveLength(10);
  });
});
