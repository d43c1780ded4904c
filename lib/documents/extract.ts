/**
 * Turns one extracted Atlas document into the rows we store: one per top-level field, with its
 * value, confidence and validator outcome, plus the per-document summary the lists sort and
 * filter on (field count, lowest confidence, fields needing review). Pure.
 */
import { readField } from "@/lib/atlas/fields";
import type { ExtractedDocument } from "@/lib/atlas/types";
import { validateDocument, type ValidationResult } from "@/lib/validators";
import { type ThresholdSet, thresholdFor } from "./thresholds";

export type FieldIssue = { path: string; check: string; message: string; severity: "error" | "warning" };
export type StoredValidation = { ok: boolean; failed: string[]; issues: FieldIssue[] };

export type FieldRow = {
  path: string;
  position: number;
  value: unknown;
  confidence: number | null;
  validation: StoredValidation;
};

export type DocumentSummary = {
  fieldCount: number;
  minConfidence: number | null;
  needsReviewCount: number;
  /** Of `needsReviewCount`, the fields failing a validator (column `validator_failure_count`). */
  validatorFailureCount: number;
};

/** Top-level key a validator path such as `formatted_address.postcode` or `transactions[2].date` belongs to. */
function topLevelKey(path: string): string {
  return path.split(/[.[]/, 1)[0] ?? path;
}

export function extractFieldRows(
  doc: Pick<ExtractedDocument, "documentType" | "fields" | "confidenceScale">,
  today: Date,
): FieldRow[] {
  const results = validateDocument(doc.documentType, doc.fields, { today });
  const issuesByKey = new Map<string, FieldIssue[]>();
  for (const [path, list] of Object.entries(results)) {
    for (const result of list as ValidationResult[]) {
      if (result.ok) continue;
      const key = topLevelKey(path);
      const issues = issuesByKey.get(key) ?? [];
      issues.push({ path, check: result.check, message: result.message, severity: result.severity });
      issuesByKey.set(key, issues);
    }
  }
  return Object.entries(doc.fields).map(([path, raw], position) => {
    const field = readField(raw, doc.confidenceScale);
    const issues = [...(issuesByKey.get(path) ?? [])];
    // A score Atlas did not give (or gave out of range) sends the field to a person, with why.
    if (field.confidenceProblem)
      issues.push({ path, check: "confidence", message: field.confidenceProblem, severity: "error" });
    // Warnings (soft checks) are shown but do not send the field to review.
    const blocking = issues.filter((i) => i.severity === "error");
    return {
      path,
      position,
      value: field.value,
      confidence: typeof field.confidenceScore === "number" ? field.confidenceScore : null,
      validation: { ok: blocking.length === 0, failed: blocking.map((i) => i.check), issues },
    };
  });
}

/** Below its threshold, or failing a validator (which overrules any confidence). */
export function fieldNeedsReview(
  row: Pick<FieldRow, "path" | "confidence" | "validation">,
  documentType: string | null,
  thresholds: ThresholdSet,
): boolean {
  if (!row.validation.ok) return true;
  return row.confidence !== null && row.confidence < thresholdFor(thresholds, documentType, row.path);
}

export function summarise(
  rows: FieldRow[],
  documentType: string | null,
  thresholds: ThresholdSet,
): DocumentSummary {
  let minConfidence: number | null = null;
  let needsReviewCount = 0;
  let validatorFailureCount = 0;
  for (const row of rows) {
    if (!row.validation.ok) validatorFailureCount++;
    if (row.confidence !== null)
      minConfidence = minConfidence === null ? row.confidence : Math.min(minConfidence, row.confidence);
    if (fieldNeedsReview(row, documentType, thresholds)) needsReviewCount++;
  }
  return { fieldCount: rows.length, minConfidence, needsReviewCount, validatorFailureCount };
}
