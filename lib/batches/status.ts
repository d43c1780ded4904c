import type { SecondReaderProgress } from "@/lib/second-reader/types";

/**
 * A batch's status, derived from its counts (pure, client-safe):
 * - submitting: chunks are waiting to be sent or being sent;
 * - processing: sent documents are still waiting for Atlas's result;
 * - stalled: still waiting, but nothing new has arrived for `stallAfterMs`;
 * - complete: every row was sent and every sent document has a result;
 * - partly_failed: nothing is waiting any more, but some rows were not submitted or came back
 *   with an error code.
 */
export const BATCH_STATUSES = ["submitting", "processing", "stalled", "complete", "partly_failed"] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const BATCH_STATUS_LABEL: Record<BatchStatus, string> = {
  submitting: "Submitting",
  processing: "Processing",
  stalled: "Stalled",
  complete: "Complete",
  partly_failed: "Partly failed",
};

export function deriveBatchStatus(input: {
  notSubmittedCount: number;
  submittedCount: number;
  extractedCount: number;
  failedCount: number;
  chunksInFlight: number;
  lastProgressAt: Date;
  now: Date;
  stallAfterMs?: number;
}): BatchStatus {
  if (input.chunksInFlight > 0) return "submitting";
  if (input.submittedCount > 0) {
    const quietFor = input.now.getTime() - input.lastProgressAt.getTime();
    return input.stallAfterMs !== undefined && quietFor > input.stallAfterMs ? "stalled" : "processing";
  }
  return input.notSubmittedCount > 0 || input.failedCount > 0 ? "partly_failed" : "complete";
}

export function isBatchOpen(status: string): boolean {
  return status === "submitting" || status === "processing" || status === "stalled";
}

/** What the batch page shows and its polling route returns (built by lib/batches/progress.ts). */
export type BatchProgress = {
  id: string;
  status: string;
  open: boolean;
  counts: {
    documents: number;
    notSubmitted: number;
    submitted: number;
    extracted: number;
    failed: number;
    needsReview: number;
  };
  lastSyncedAt: string | null;
  lastProgressAt: string | null;
  lastSyncError: string | null;
  chunks: {
    index: number;
    status: string;
    atlasBatchId: string | null;
    error: string | null;
    attempts: number;
    /** What Atlas answered when the chunk failed or its fate is unknown (short, masked). */
    answer: string | null;
  }[];
  missing: string[];
  /** The second reader's OCR of the extracted documents (null when SECOND_READER=off). */
  secondReader: SecondReaderProgress | null;
  /** Atlas answers the sync could not read (kept aside; the rest of the page was stored). */
  unreadable: {
    count: number;
    entries: {
      id: string;
      atlasBatchId: string;
      page: number;
      entryIndex: number;
      reason: string;
      seenCount: number;
      content: string | null;
    }[];
  };
};
