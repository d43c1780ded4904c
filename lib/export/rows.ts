import { fieldKey } from "@/lib/fields/key";
import { fieldLabel, fieldSpec } from "@/lib/fields/registry";
import { createFormatter, type Formatter } from "@/lib/format";
import { maskAadhaarInText, maskFieldValue } from "@/lib/masking";
import type { CellKind } from "./cells";

/**
 * The rows of a batch export, the same for CSV, JSON and XLSX: one row per document field, and
 * one row (field columns empty) for a document without fields, a failed one with Atlas's error
 * for instance. Every row carries the batch label and the document's decision.
 */
export type ExportField = {
  path: string;
  value: unknown;
  confidence: number | null;
  reviewState: string;
  correctedValue: unknown;
  reviewer: string | null;
  /** How an accepted field was accepted: "reviewer", "above_threshold", "document_approval". */
  acceptedVia?: string | null;
  reviewedAt?: Date | null;
  /** "atlas", or "manual" for a field typed by a reviewer after a reclassification. */
  source?: string | null;
  comments?: readonly ExportComment[];
};

/** A comment on a document or a field: who, when, what (masked on the way out). */
export type ExportComment = { author: string | null; at: Date; text: string };

export type ExportDecision = {
  /** The document's review status: pending, in_review, approved, rejected, reupload_requested. */
  status: string;
  reason?: string | null;
  /** The reject reason's code (lib/review/reject-reasons.ts). */
  code?: string | null;
  by?: string | null;
  at?: Date | null;
};

export type ExportDocument = {
  documentId: string;
  documentType: string | null;
  batchLabel?: string | null;
  /** Atlas processing status: extracted, failed, submitted, not_submitted. */
  status?: string;
  errorCode?: string | null;
  errorMessage?: string | null;
  decision?: ExportDecision;
  comments?: readonly ExportComment[];
  fields: readonly ExportField[];
};

export const EXPORT_COLUMNS = [
  "batch",
  "document_id",
  "document_type",
  "document_status",
  "error_code",
  "error_message",
  "decision",
  "decision_reason",
  "decided_by",
  "decided_at",
  "decided_at_local",
  "field",
  "field_label",
  "original_value",
  "confidence",
  "corrected_value",
  "review_state",
  "accepted_via",
  "reviewer",
  "reviewed_at",
  "reviewed_at_local",
  "decision_code",
  "field_source",
  "field_comments",
  "document_comments",
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/**
 * One row; also the shape of each item in the JSON export. `decided_at` and `reviewed_at` are
 * ISO 8601 UTC (machine-readable) or ""; their `_local` twins are the same moments as people read
 * them, in the display time zone ("30/11/2026, 14:28 IST", lib/format).
 */
export type ExportRow = {
  batch: string;
  document_id: string;
  document_type: string;
  document_status: string;
  error_code: string;
  error_message: string;
  /** approved, rejected, or the review status while undecided (pending, in_review); "" if not extracted. */
  decision: string;
  decision_reason: string;
  decided_by: string;
  decided_at: string;
  decided_at_local: string;
  field: string;
  /** The field's label from the registry ("PAN number"); the key Atlas sent is in `field`. */
  field_label: string;
  original_value: string;
  confidence: number | null;
  corrected_value: string;
  review_state: string;
  /**
   * For accepted fields: reviewer (explicit), above_threshold (bulk accept), document_approval
   * (implicit), not_recorded (accepted before this was recorded); "" for other states.
   */
  accepted_via: string;
  reviewer: string;
  reviewed_at: string;
  reviewed_at_local: string;
  /** The reject reason's code (ILLEGIBLE, WRONG_DOCUMENT …) of a rejected document; "" otherwise. */
  decision_code: string;
  /** atlas, or manual for a value typed after a reclassification; "" without a field. */
  field_source: string;
  /** The field's comments, one a line: `author (time): text`. */
  field_comments: string;
  /** The document's own comments, on every row of the document. */
  document_comments: string;
};

// Field names whose values are identifiers: kept as text in spreadsheets even when all digits
// (account numbers, PIN codes, IMEI, mobile numbers), so they are never summed or rounded.
const IDENTIFIER_KEY =
  /(?:^|_)(?:number|no|num|id|code|uid|vid|pin|pincode|postcode|postal|zip|ifsc|micr|pan|gstin|gst|tan|imei|mobile|phone|account|acc|aadhaar|aadhar|voter|epic|dl|passport|reference|ref|serial|cin|udyam)(?:_|$)/i;

/** True for a field path whose value is an identifier (`account_number`, `imei`, `pin_code`). */
export function isIdentifierField(path: string): boolean {
  return IDENTIFIER_KEY.test(fieldKey(path));
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  return JSON.stringify(value) ?? "";
}

const iso = (at: Date | null | undefined) => (at ? at.toISOString() : "");
const masked = (text: string | null | undefined) => maskAadhaarInText(text ?? "");
const commentLines = (comments: readonly ExportComment[] | undefined) =>
  (comments ?? []).map((c) => masked(`${c.author ?? "someone"} (${iso(c.at)}): ${c.text}`)).join("\n");
const CLOSED = ["approved", "rejected", "reupload_requested"];

/**
 * Export rows for one document, Aadhaar numbers masked in values and in free text; `format` writes
 * the `_local` times (the server passes the one in DISPLAY_TIME_ZONE).
 */
export function toExportRows(document: ExportDocument, format: Formatter = createFormatter()): ExportRow[] {
  const local = (at: Date | null | undefined) => (at ? format.dateTime(at) : "");
  const type = document.documentType ?? "";
  const safe = (path: string, value: unknown) => valueText(maskFieldValue(type || "UNKNOWN", path, value));
  const status = document.status ?? "extracted";
  const decision = document.decision;
  const decided = !!decision && CLOSED.includes(decision.status);
  const common = {
    batch: masked(document.batchLabel),
    // A person's own id may be the applicant's Aadhaar number (ids made from file names are masked).
    document_id: masked(document.documentId),
    document_type: type,
    document_status: status,
    error_code: masked(document.errorCode),
    error_message: masked(document.errorMessage),
    decision: status === "extracted" || status === "failed" ? (decision?.status ?? "pending") : "",
    decision_reason: decided ? masked(decision?.reason) : "",
    decided_by: decided ? masked(decision?.by) : "",
    decided_at: decided ? iso(decision?.at) : "",
    decided_at_local: decided ? local(decision?.at) : "",
    decision_code: decided ? masked(decision?.code) : "",
    document_comments: commentLines(document.comments),
  };
  const none = {
    field: "",
    field_label: "",
    original_value: "",
    confidence: null,
    corrected_value: "",
    review_state: "",
    accepted_via: "",
    reviewer: "",
    reviewed_at: "",
    reviewed_at_local: "",
    field_source: "",
    field_comments: "",
  };
  if (document.fields.length === 0) return [{ ...common, ...none }];
  return document.fields.map((field) => ({
    ...common,
    field: masked(field.path),
    field_label: masked(fieldLabel(document.documentType, field.path)),
    original_value: safe(field.path, field.value),
    confidence: field.confidence,
    corrected_value: field.reviewState === "corrected" ? safe(field.path, field.correctedValue) : "",
    review_state: field.reviewState,
    // Fields accepted before the app recorded how say so rather than pass for "not accepted".
    accepted_via: field.reviewState === "accepted" ? (field.acceptedVia ?? "not_recorded") : "",
    reviewer: field.reviewState === "pending" ? "" : (field.reviewer ?? ""),
    reviewed_at: field.reviewState === "pending" ? "" : iso(field.reviewedAt),
    reviewed_at_local: field.reviewState === "pending" ? "" : local(field.reviewedAt),
    field_source: field.source ?? "atlas",
    field_comments: commentLines(field.comments),
  }));
}

/** The row's values in `EXPORT_COLUMNS` order, for `toCsvLine` and the XLSX writer. */
export function exportRowValues(row: ExportRow): unknown[] {
  return EXPORT_COLUMNS.map((column) => row[column]);
}

const COLUMN_KIND: Record<ExportColumn, CellKind> = {
  batch: "text",
  document_id: "text",
  document_type: "text",
  document_status: "text",
  error_code: "text",
  error_message: "text",
  decision: "text",
  decision_reason: "text",
  decided_by: "text",
  decided_at: "date",
  decided_at_local: "text",
  field: "text",
  field_label: "text",
  original_value: "auto",
  confidence: "auto",
  corrected_value: "auto",
  review_state: "text",
  accepted_via: "text",
  reviewer: "text",
  reviewed_at: "date",
  reviewed_at_local: "text",
  decision_code: "text",
  field_source: "text",
  field_comments: "text",
  document_comments: "text",
};

/**
 * How each of the row's cells is typed in a spreadsheet: identifiers and labels as text, the
 * values of identifier fields (account numbers, PIN codes) as text, other values by what they
 * hold (amounts as numbers), timestamps as dates.
 */
export function exportRowKinds(row: ExportRow): CellKind[] {
  const identifier =
    isIdentifierField(row.field) || fieldSpec(row.document_type || null, row.field).kind === "identifier";
  const valueKind: CellKind = identifier ? "text" : "auto";
  return EXPORT_COLUMNS.map((column) =>
    column === "original_value" || column === "corrected_value" ? valueKind : COLUMN_KIND[column],
  );
}
