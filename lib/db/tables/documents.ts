import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, real, text, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { atlasUploads, batches } from "./batches";
import { createdAt, jsonb, maskedText, timestamptz, updatedAt } from "./columns";
import { documentStatus, fieldAcceptedVia, fieldReviewState, fieldSource, reviewStatus } from "./enums";
import { applications } from "./applications";
import { users } from "./users";
import { needsReviewSql } from "../../documents/needs-review";

/** The review queue's membership, i.e. "needs review" (lib/documents/needs-review.ts), for the partial indexes. */
const QUEUED_SQL = needsReviewSql();
const QUEUED = sql.raw(QUEUED_SQL);

/** Validator outcome stored with each field: which checks ran and which failed. */
export type FieldValidation = {
  ok: boolean;
  failed: string[];
  /** Every finding with its message, warnings included (see lib/documents/extract.ts). */
  issues?: { path: string; check: string; message: string; severity: "error" | "warning" }[];
};

/**
 * A document belongs to a batch or to an application, never both. `document_id` (property `externalId`)
 * is the id we send Atlas and Atlas echoes back; other tables' `document_id` columns reference
 * `documents.id` instead.
 *
 * `needs_review_count`, `min_confidence` and `field_count` are denormalised from `fields` so
 * that a 10,000-document batch lists, sorts and filters without touching `fields`. The table and
 * the review queue page by keyset (lib/documents/keyset.ts): each sort has an index whose key is
 * exactly its ORDER BY, so page 200 reads 50 index entries, not 10,000.
 */
export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    batchId: uuid("batch_id").references(() => batches.id, { onDelete: "cascade" }),
    applicationId: uuid("flow_id").references(() => applications.id, { onDelete: "cascade" }),
    uploadId: uuid("upload_id").references(() => atlasUploads.id, { onDelete: "set null" }),
    externalId: text("document_id").notNull(),
    fileUrl: text("file_url").notNull(),
    fileUuid: text("file_uuid"),
    atlasBatchId: text("atlas_batch_id"),
    status: documentStatus("status").notNull().default("not_submitted"),
    submitError: maskedText("submit_error"),
    documentType: text("document_type"),
    errorCode: text("error_code"),
    errorMessage: maskedText("error_message"),
    fileData: jsonb("file_data"),
    extractedAt: timestamptz("extracted_at"),
    reviewStatus: reviewStatus("review_status").notNull().default("pending"),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    reviewedAt: timestamptz("reviewed_at"),
    /** Free text of a rejection or of a re-upload request. */
    rejectReason: maskedText("reject_reason"),
    /** The reject reason's code, from the configured list (lib/review/reject-reasons.ts). */
    rejectCode: text("reject_code"),
    /** Set when a reviewer reclassified a document Atlas failed: the type (or error) it had. */
    reclassifiedFrom: text("reclassified_from"),
    reclassifiedAt: timestamptz("reclassified_at"),
    lockOwner: uuid("lock_owner").references(() => users.id),
    lockExpiresAt: timestamptz("lock_expires_at"),
    needsReviewCount: integer("needs_review_count").notNull().default(0),
    /** Of `needs_review_count`, the fields failing a validator (the rest are low confidence). */
    validatorFailureCount: integer("validator_failure_count").notNull().default(0),
    minConfidence: real("min_confidence"),
    fieldCount: integer("field_count").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    unique("documents_batch_document_id_unique").on(t.batchId, t.externalId),
    unique("documents_flow_document_id_unique").on(t.applicationId, t.externalId),
    // The sync engine upserts by Atlas's key; unsubmitted rows (null batch id) never collide.
    uniqueIndex("documents_atlas_key_unique").on(t.atlasBatchId, t.externalId),
    index("documents_batch_min_confidence_idx").on(t.batchId, t.minConfidence),
    index("documents_batch_status_idx").on(t.batchId, t.status),
    index("documents_batch_type_idx").on(t.batchId, t.documentType),
    index("documents_review_queue_idx").on(t.reviewStatus, t.createdAt),
    // Keyset pagination of the documents table: one index per sort (lib/documents/sort-keys.ts).
    index("documents_batch_confidence_key_idx").on(
      t.batchId,
      sql`coalesce(${t.minConfidence}, 'Infinity'::real)`,
      t.externalId,
    ),
    index("documents_batch_review_key_idx").on(t.batchId, sql`(-${t.needsReviewCount})`, t.externalId),
    index("documents_batch_type_key_idx").on(
      t.batchId,
      sql`(${t.documentType} is null)`,
      sql`coalesce(${t.documentType}, '')`,
      t.externalId,
    ),
    // The review queue in its order, holding only queued documents (lib/review/queue.ts).
    index("documents_queue_order_idx")
      .on(t.createdAt, t.id)
      .where(sql`${QUEUED}`),
    index("documents_queue_batch_order_idx")
      .on(t.batchId, t.createdAt, t.id)
      .where(sql`${QUEUED}`),
    index("documents_upload_idx").on(t.uploadId),
    // The new-batch preview points out files and ids already recorded in another batch.
    index("documents_document_id_idx").on(t.externalId),
    index("documents_file_url_base_idx").on(sql`split_part(${t.fileUrl}, '?', 1)`),
    check("documents_one_owner", sql`num_nonnulls(${t.batchId}, ${t.applicationId}) = 1`),
  ],
);

/** A field's review columns as they were before an action; `version` is the version that action wrote. */
export type PreviousReview = {
  version: number;
  reviewState: "pending" | "accepted" | "corrected" | "unreadable";
  correctedValue: unknown;
  acceptedVia: "reviewer" | "above_threshold" | "document_approval" | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
};

/** One extracted value. `path` is the top-level key in Atlas's `file_data` (arrays stay whole). */
export const fields = pgTable(
  "fields",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    path: text("path").notNull(),
    /** Display order, as Atlas returned the fields. */
    position: integer("position").notNull().default(0),
    value: jsonb("value"),
    confidence: real("confidence"),
    validation: jsonb("validation").$type<FieldValidation>(),
    reviewState: fieldReviewState("review_state").notNull().default("pending"),
    correctedValue: jsonb("corrected_value"),
    /** Set with review_state "accepted" only: an explicit accept or one implied by approval. */
    acceptedVia: fieldAcceptedVia("accepted_via"),
    /** `manual`: created empty by a reclassification, its value typed by the reviewer. */
    source: fieldSource("source").notNull().default("atlas"),
    /** The review state before the latest field action, so its author can undo it (lib/review/undo.ts). */
    previousReview: jsonb("previous_review").$type<PreviousReview>(),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    reviewedAt: timestamptz("reviewed_at"),
    /** Optimistic locking: an update names the version it read and bumps it. */
    version: integer("version").notNull().default(1),
    /** Where the second reader found the value on the scan (lib/second-reader/types.ts FieldEvidence). */
    secondReader: jsonb("second_reader"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique("fields_document_path_unique").on(t.documentId, t.path)],
);
