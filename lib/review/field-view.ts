/**
 * Builds what the workspace shows for one stored field: masked values, the threshold that
 * applies, and why it needs review. Pure, shared by the page and the server actions.
 */
import type { StoredValidation } from "@/lib/documents/extract";
import { type ThresholdSet, thresholdFor } from "@/lib/documents/thresholds";
import { maskFieldValue } from "@/lib/masking";
import { evidenceIssue, storedEvidence } from "@/lib/second-reader/evidence";
import type { FieldReviewState, FieldView, ReviewReason } from "./types";

export type StoredField = {
  id: string;
  path: string;
  position: number;
  value: unknown;
  confidence: number | null;
  validation: unknown;
  reviewState: FieldReviewState;
  correctedValue: unknown;
  reviewedAt: Date | null;
  version: number;
  source?: "atlas" | "manual";
  /** The second reader's evidence (fields.second_reader), when the scan has been read. */
  secondReader?: unknown;
};

const NO_ISSUES: StoredValidation = { ok: true, failed: [], issues: [] };

export function valueAsText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value, null, 2);
}

export function isStructured(value: unknown): boolean {
  return typeof value === "object" && value !== null;
}

export function reviewReasons(
  field: Pick<StoredField, "confidence" | "validation" | "reviewState" | "secondReader">,
  threshold: number,
): ReviewReason[] {
  const validation = (field.validation as StoredValidation | null) ?? NO_ISSUES;
  const reasons: ReviewReason[] = [];
  if (!validation.ok) reasons.push("validator");
  if (storedEvidence(field.secondReader)?.flagged) reasons.push("second_reader");
  if (field.confidence !== null && field.confidence < threshold) reasons.push("low_confidence");
  return reasons;
}

export function toFieldView(
  documentType: string | null,
  field: StoredField,
  thresholds: ThresholdSet,
  reviewerName: string | null,
): FieldView {
  const type = documentType ?? "UNKNOWN";
  const validation = (field.validation as StoredValidation | null) ?? NO_ISSUES;
  const threshold = thresholdFor(thresholds, documentType, field.path);
  const reasons = reviewReasons(field, threshold);
  const evidence = storedEvidence(field.secondReader);
  const shown = maskFieldValue(type, field.path, field.value);
  const corrected = field.reviewState === "corrected" ? field.correctedValue : null;
  const correctedShown = corrected === null ? null : maskFieldValue(type, field.path, corrected);
  const current = corrected ?? field.value;
  const currentShown = corrected === null ? shown : correctedShown;
  const masked = JSON.stringify(currentShown) !== JSON.stringify(current);
  return {
    id: field.id,
    path: field.path,
    position: field.position,
    shown,
    correctedShown,
    masked,
    editText: masked ? "" : valueAsText(current),
    structured: isStructured(field.value),
    confidence: field.confidence,
    threshold,
    issues: [...(validation.issues ?? []), ...evidenceIssue(field.path, evidence)],
    validatorOk: validation.ok,
    needsReview: field.reviewState === "pending" && reasons.length > 0,
    reasons,
    evidence,
    reviewState: field.reviewState,
    reviewedBy: reviewerName,
    reviewedAt: field.reviewedAt?.toISOString() ?? null,
    version: field.version,
    source: field.source ?? "atlas",
  };
}
