import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, jsonb, maskedText, timestamptz, updatedAt } from "./columns";
import { uploadStatus } from "./enums";
import { applications } from "./applications";
import { users } from "./users";

/**
 * A batch as we know it. Atlas has no "list my batches", so this is the only list there is;
 * one batch is sent as several Atlas batches (see `atlas_uploads`).
 *
 * The counts are a cache the sync engine refreshes after each upsert, so the batch list never
 * aggregates 10,000 documents per row; they can always be recomputed from `documents`.
 */
export const batches = pgTable(
  "batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Idempotency key from the form: a re-posted submit finds its batch instead of making another. */
    clientKey: text("client_key").unique(),
    label: maskedText("label"),
    productType: text("product_type").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** submitting | processing | complete | partly_failed | stalled (derived by the sync engine). */
    status: text("status").notNull().default("submitting"),
    documentCount: integer("document_count").notNull().default(0),
    notSubmittedCount: integer("not_submitted_count").notNull().default(0),
    submittedCount: integer("submitted_count").notNull().default(0),
    extractedCount: integer("extracted_count").notNull().default(0),
    failedCount: integer("failed_count").notNull().default(0),
    needsReviewCount: integer("needs_review_count").notNull().default(0),
    lastProgressAt: timestamptz("last_progress_at"),
    completedAt: timestamptz("completed_at"),
    /** Sync lease: the instance that may sync this batch until `lease_until`. */
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamptz("lease_until"),
    lastSyncedAt: timestamptz("last_synced_at"),
    lastSyncError: maskedText("last_sync_error"),
    nextSyncAt: timestamptz("next_sync_at"),
  },
  (t) => [
    index("batches_created_at_idx").on(t.createdAt.desc()),
    index("batches_status_next_sync_idx").on(t.status, t.nextSyncAt),
  ],
);

/**
 * One request to Atlas carrying a chunk of a batch's (or an application's) rows. Rows are recorded
 * here before the request is sent, so a failure or a retry never loses or duplicates them.
 */
export const atlasUploads = pgTable(
  "atlas_uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    batchId: uuid("batch_id").references(() => batches.id, { onDelete: "cascade" }),
    applicationId: uuid("flow_id").references(() => applications.id, { onDelete: "cascade" }),
    chunkIndex: integer("chunk_index").notNull(),
    atlasBatchId: text("atlas_batch_id"),
    status: uploadStatus("status").notNull().default("pending"),
    errorMessage: maskedText("error_message"),
    attemptCount: integer("attempt_count").notNull().default(0),
    createdAt: createdAt(),
    /** When the chunk was claimed for sending: a claim this old means its process died mid-request. */
    sendingSince: timestamptz("sending_since"),
    submittedAt: timestamptz("submitted_at"),
    /** `total_items` seen on the last sync: when page 1 shows the same, the sync stops there. */
    lastTotalItems: integer("last_total_items"),
    /** What Atlas answered when the chunk failed or its fate is unknown (redacted, bounded). */
    answerBody: text("answer_body"),
    /** Adaptive polling: syncs in a row that brought nothing new, and when to look again. */
    unchangedPolls: integer("unchanged_polls").notNull().default(0),
    nextPollAt: timestamptz("next_poll_at"),
  },
  (t) => [
    unique("atlas_uploads_batch_chunk_unique").on(t.batchId, t.chunkIndex),
    unique("atlas_uploads_flow_chunk_unique").on(t.applicationId, t.chunkIndex),
    index("atlas_uploads_atlas_batch_id_idx").on(t.atlasBatchId),
    check("atlas_uploads_one_owner", sql`num_nonnulls(${t.batchId}, ${t.applicationId}) = 1`),
  ],
);

/**
 * A `data[]` entry of a Bulk extracts page that could not be understood (no document_id, not an
 * object, …): kept raw with where it came from and why, once per distinct entry, and listed on
 * the batch page. The other entries of the page are stored as usual.
 */
export const atlasUnreadableEntries = pgTable(
  "atlas_unreadable_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    batchId: uuid("batch_id")
      .notNull()
      .references(() => batches.id, { onDelete: "cascade" }),
    uploadId: uuid("upload_id").references(() => atlasUploads.id, { onDelete: "set null" }),
    atlasBatchId: text("atlas_batch_id").notNull(),
    page: integer("page").notNull(),
    entryIndex: integer("entry_index").notNull(),
    reason: text("reason").notNull(),
    raw: jsonb("raw"),
    /** sha256 of the entry as sent: the same entry on every poll is kept once. */
    fingerprint: text("fingerprint").notNull(),
    seenCount: integer("seen_count").notNull().default(1),
    firstSeenAt: createdAt(),
    lastSeenAt: timestamptz("last_seen_at").notNull().defaultNow(),
  },
  (t) => [unique("atlas_unreadable_entries_batch_fingerprint").on(t.batchId, t.fingerprint)],
);
