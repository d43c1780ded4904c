import "server-only";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { atlasUploads, batches, documents } from "@/lib/db/schema";
import { needsReviewSql } from "@/lib/documents/needs-review";
import { deriveBatchStatus } from "./status";

/**
 * Recomputes a batch's cached counts and status from its documents (indexed by batch + status,
 * so this stays cheap at 10,000 documents). The list page reads only the cache.
 */
export async function refreshBatchCounts(
  db: Db,
  batchId: string,
  options: { stallAfterMs?: number; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  const byStatus = await db
    .select({ status: documents.status, n: count() })
    .from(documents)
    .where(eq(documents.batchId, batchId))
    .groupBy(documents.status);
  const [review] = await db
    .select({ n: count() })
    .from(documents)
    .where(
      // The one definition of "needs review", so this count equals the queue's and the filtered table's.
      and(eq(documents.batchId, batchId), sql.raw(needsReviewSql(`"documents"`))),
    );
  const [inFlight] = await db
    .select({ n: count() })
    .from(atlasUploads)
    .where(and(eq(atlasUploads.batchId, batchId), inArray(atlasUploads.status, ["pending", "sending"])));
  const [batch] = await db
    .select({
      lastProgressAt: batches.lastProgressAt,
      createdAt: batches.createdAt,
      completedAt: batches.completedAt,
    })
    .from(batches)
    .where(eq(batches.id, batchId));
  if (!batch) return;

  const n = (s: string) => Number(byStatus.find((r) => r.status === s)?.n ?? 0);
  const counts = {
    notSubmittedCount: n("not_submitted"),
    submittedCount: n("submitted"),
    extractedCount: n("extracted"),
    failedCount: n("failed"),
  };
  const status = deriveBatchStatus({
    ...counts,
    chunksInFlight: Number(inFlight?.n ?? 0),
    lastProgressAt: batch.lastProgressAt ?? batch.createdAt,
    now,
    stallAfterMs: options.stallAfterMs,
  });
  const done = status === "complete" || status === "partly_failed";
  await db
    .update(batches)
    .set({
      ...counts,
      documentCount:
        counts.notSubmittedCount + counts.submittedCount + counts.extractedCount + counts.failedCount,
      needsReviewCount: Number(review?.n ?? 0),
      status,
      completedAt: done ? (batch.completedAt ?? now) : null,
      updatedAt: sql`now()`,
    })
    .where(eq(batches.id, batchId));
}
