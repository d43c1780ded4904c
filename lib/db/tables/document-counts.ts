import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { documentStatus } from "./enums";

/**
 * How many documents have each combination of the properties the documents table and the review
 * queue filter on, as signed deltas: triggers on `documents` (migration 0008; `queued` follows the
 * queue's membership, widened to open failed documents in 0009) append one row per
 * key a statement changed, so concurrent writers never wait on a shared counter row and never
 * deadlock. A count is `sum(n)` over a key; lib/documents/counts.ts reads and compacts them.
 * `batch_id` is null for an application's documents; no foreign key, so a deleted batch's
 * negative rows can still be written (compaction drops keys that sum to zero).
 */
export const documentCounts = pgTable(
  "document_counts",
  {
    batchId: uuid("batch_id"),
    documentType: text("document_type"),
    status: documentStatus("status").notNull(),
    hasError: boolean("has_error").notNull(),
    needsReview: boolean("needs_review").notNull(),
    queued: boolean("queued").notNull(),
    validatorFailure: boolean("validator_failure").notNull(),
    lowConfidence: boolean("low_confidence").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    index("document_counts_batch_idx").on(t.batchId),
    index("document_counts_queued_idx")
      .on(t.batchId)
      .where(sql`${t.queued}`),
  ],
);
