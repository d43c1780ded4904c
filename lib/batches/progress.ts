import "server-only";
import { maskAadhaarInText } from "@/lib/masking";
import { shortMasked, type BatchSummary } from "./queries";
import type { SecondReaderProgress } from "@/lib/second-reader/types";
import { isBatchOpen, type BatchProgress } from "./status";

/**
 * One batch's progress as the batch page renders it first and its polling route
 * (app/api/batches/[id]/route.ts) returns it afterwards: one builder, so the two never drift.
 * `missing` are the documents a stalled batch still waits for.
 */
export function toBatchProgress(
  batch: BatchSummary,
  missing: readonly { externalId: string }[],
  secondReader: SecondReaderProgress | null = null,
): BatchProgress {
  return {
    id: batch.id,
    status: batch.status,
    open: isBatchOpen(batch.status),
    counts: {
      documents: batch.documentCount,
      notSubmitted: batch.notSubmittedCount,
      submitted: batch.submittedCount,
      extracted: batch.extractedCount,
      failed: batch.failedCount,
      needsReview: batch.needsReviewCount,
    },
    lastSyncedAt: batch.lastSyncedAt?.toISOString() ?? null,
    lastProgressAt: batch.lastProgressAt?.toISOString() ?? null,
    lastSyncError: batch.lastSyncError,
    chunks: batch.chunks.map((c) => ({
      index: c.chunkIndex,
      status: c.status,
      atlasBatchId: c.atlasBatchId,
      error: c.errorMessage,
      attempts: c.attemptCount,
      answer: shortMasked(c.answerBody),
    })),
    unreadable: batch.unreadable,
    // Document ids come from outside: no Aadhaar number leaves unmasked.
    missing: missing.map((m) => maskAadhaarInText(m.externalId)),
    secondReader,
  };
}
