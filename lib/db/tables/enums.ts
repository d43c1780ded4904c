import { pgEnum } from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", ["admin", "reviewer", "qa"]);

/**
 * One chunk of rows sent to Atlas in one request. `sending` is claimed before the request goes
 * out, so two processes never send the same chunk (Atlas's upload is not idempotent). `unknown`:
 * the request went out but the answer was lost or unreadable (timeout, 5xx, proxy error), so
 * Atlas may have received the rows; like `failed`, it waits for a person's decision.
 */
export const uploadStatus = pgEnum("upload_status", ["pending", "sending", "submitted", "failed", "unknown"]);

export const documentStatus = pgEnum("document_status", [
  "not_submitted",
  "submitted",
  "extracted",
  "failed",
]);

/**
 * `reupload_requested` closes a document (like approved and rejected) asking for a new file
 * instead of deciding on this one; `reject_reason` holds its note.
 */
export const reviewStatus = pgEnum("review_status", [
  "pending",
  "in_review",
  "approved",
  "rejected",
  "reupload_requested",
]);

/** Where a field's value came from: Atlas, or typed by a reviewer after a reclassification. */
export const fieldSource = pgEnum("field_source", ["atlas", "manual"]);

export const fieldReviewState = pgEnum("field_review_state", [
  "pending",
  "accepted",
  "corrected",
  "unreadable",
]);

/**
 * How an accepted field came to be accepted: the reviewer accepted it (`reviewer`), "accept all
 * above threshold" did (`above_threshold`), or approving the document accepted what was left
 * pending (`document_approval`). Null for any other state.
 */
export const fieldAcceptedVia = pgEnum("field_accepted_via", [
  "reviewer",
  "above_threshold",
  "document_approval",
]);

export const thresholdScope = pgEnum("threshold_scope", ["global", "document_type", "field"]);

export type UserRole = (typeof userRole.enumValues)[number];
export type UploadStatus = (typeof uploadStatus.enumValues)[number];
export type DocumentStatus = (typeof documentStatus.enumValues)[number];
export type ReviewStatus = (typeof reviewStatus.enumValues)[number];
export type FieldReviewState = (typeof fieldReviewState.enumValues)[number];
export type FieldAcceptedVia = (typeof fieldAcceptedVia.enumValues)[number];
export type FieldSource = (typeof fieldSource.enumValues)[number];
export type ThresholdScope = (typeof thresholdScope.enumValues)[number];
