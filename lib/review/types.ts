/**
 * Shapes the review workspace passes from server to client. Client-safe: no server imports.
 * Values arrive already masked (Aadhaar); the stored value only reaches the browser through an
 * audited reveal.
 */
import type { FieldIssue } from "@/lib/documents/extract";
import type { FieldEvidence } from "@/lib/second-reader/types";

export const FIELD_REVIEW_STATES = ["pending", "accepted", "corrected", "unreadable"] as const;
export type FieldReviewState = (typeof FIELD_REVIEW_STATES)[number];

/** second_reader: our OCR of the scan reads something else, or cannot find the value (lib/second-reader). */
export type ReviewReason = "low_confidence" | "validator" | "second_reader";

export type FieldView = {
  id: string;
  path: string;
  position: number;
  /** Original value as Atlas read it, masked for display. */
  shown: unknown;
  /** The reviewer's correction, masked for display; null when not corrected. */
  correctedShown: unknown;
  /** True when `shown` hides part of the stored value (so editing starts from a blank box). */
  masked: boolean;
  /** Text the edit box starts with: the current value, or "" when it is masked. */
  editText: string;
  /** The stored value is an object or array: edited part by part or as a grid, sent as JSON. */
  structured: boolean;
  confidence: number | null;
  threshold: number;
  issues: FieldIssue[];
  validatorOk: boolean;
  needsReview: boolean;
  reasons: ReviewReason[];
  /**
   * Where the second reader found the value on the scan (boxes in image pixels, match score,
   * the page's reading when it disagrees); null until the scan has been read.
   */
  evidence: FieldEvidence | null;
  reviewState: FieldReviewState;
  reviewedBy: string | null;
  reviewedAt: string | null;
  version: number;
  /** "manual": created empty by a reclassification, typed in by a reviewer. */
  source: "atlas" | "manual";
};

export type LockView = {
  ownerId: string | null;
  ownerName: string | null;
  expiresAt: string | null;
  /** Held by someone other than the viewer, and not yet expired. */
  heldByOther: boolean;
  mine: boolean;
};

/** Review statuses that close a document: no field changes until it is reopened. */
const CLOSED_REVIEW_STATUSES = ["approved", "rejected", "reupload_requested"] as const;
export type ClosedReviewStatus = (typeof CLOSED_REVIEW_STATUSES)[number];

export function isClosedReview(status: string): status is ClosedReviewStatus {
  return (CLOSED_REVIEW_STATUSES as readonly string[]).includes(status);
}

/** How a review status reads in lists and banners. */
export const REVIEW_STATUS_LABEL: Record<string, string> = {
  pending: "pending",
  in_review: "in review",
  approved: "approved",
  rejected: "rejected",
  reupload_requested: "re-upload requested",
};

/** A comment on a document (`fieldId` null) or one of its fields; text already masked. */
export type CommentView = {
  id: string;
  fieldId: string | null;
  fieldPath: string | null;
  author: string;
  at: string;
  text: string;
};
