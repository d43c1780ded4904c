import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { refreshBatchCounts } from "@/lib/batches/counts";
import { getBatchSummary } from "@/lib/batches/queries";
import { documents } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { listQueue } from "@/lib/review/queue";
import { PAN_FIELDS, seedBatch, seedDocument, seedReviewer } from "@/lib/review/test-support";
import { batchCounts, sumCounts } from "./counts";
import { needsReview } from "./needs-review";
import { listBatchDocuments } from "./queries";
import { recomputeNeedsReview } from "./thresholds-store";

const CLEAR = Object.fromEntries(
  Object.entries(PAN_FIELDS).map(([k, v]) => [k, { ...v, confidence_score: 0.99 }]),
);

describe.each(testDrivers)("one definition of 'needs review' on %s", (driver) => {
  const t = useTestDatabase(driver);

  it("the batch's count, the filtered documents table and the queue list the same documents", async () => {
    const admin = await seedReviewer(t.db, "Counts Admin", "admin");
    const batchId = await seedBatch(t.db, admin.id, "counts");
    const id = (name: string, fields = PAN_FIELDS) => seedDocument(t.db, batchId, name, "PAN", fields);
    const pending = await id("pending");
    const inReview = await id("in-review");
    const approved = await id("approved");
    const rejected = await id("rejected");
    const clear = await id("clear", CLEAR);
    const failed = await id("failed");
    const set = (docId: string, values: Partial<typeof documents.$inferInsert>) =>
      t.db.update(documents).set(values).where(eq(documents.id, docId));
    // Someone is reviewing one; two were decided with a field still pending; one failed at Atlas.
    await set(inReview, { reviewStatus: "in_review" });
    await set(approved, { reviewStatus: "approved" });
    await set(rejected, { reviewStatus: "rejected", rejectReason: "blurred" });
    await set(failed, { status: "failed", errorCode: "INVALID_DOC" });
    await recomputeNeedsReview(t.db);
    await refreshBatchCounts(t.db, batchId);

    const rows = await t.db.select().from(documents).where(eq(documents.batchId, batchId));
    const expected = rows
      .filter(needsReview)
      .map((d) => d.externalId)
      .sort();
    // A document Atlas failed waits for a closing decision (reject, re-upload, reclassify): it counts.
    expect(expected).toEqual(["failed", "in-review", "pending"]);
    expect(rows.find((d) => d.id === rejected)!.needsReviewCount).toBeGreaterThan(0);
    expect(rows.find((d) => d.id === clear)!.needsReviewCount).toBe(0);
    expect(pending).toBeTruthy();

    const summary = await getBatchSummary(t.db, batchId);
    expect(summary!.needsReviewCount).toBe(expected.length);

    const table = await listBatchDocuments(t.db, batchId, {
      needsReview: true,
      sort: "document_id",
      seek: { dir: "first" },
      pageSize: 50,
    });
    expect(table.total).toBe(expected.length);
    expect(table.rows.map((r) => r.externalId).sort()).toEqual(expected);

    const queue = await listQueue(t.db, { batchId }, { dir: "first" }, 50);
    expect(queue.total).toBe(expected.length);
    expect(queue.rows.map((r) => r.externalId).sort()).toEqual(expected);

    // The counts the triggers keep (drizzle/0008, `queued`) say the same.
    expect(sumCounts(await batchCounts(t.db, batchId), (c) => c.queued)).toBe(expected.length);
  });
});
