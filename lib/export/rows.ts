import { maskFieldValue } from "@/lib/masking";

export type ExportField = {
  path: string;
  value: unknown;
  confidence: number | null;
  reviewState: string;
  correctedValue: unknown;
  reviewer: string | null;
};

export type ExportDocument = {
  documentId: string;
  documentType: string;
  batchLabel?: string | null;
  fields: readonly ExportField[];
};

export const EXPORT_COLUMNS = [
  "batch",
  "document_id",
  "document_type",
  "field",
  "original_value",
  "confidence",
  "corrected_value",
  "review_state",
  "reviewer",
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** One row per document field; also the shape of each item in the JSON export. */
export type ExportRow = {
  batch: string;
  document_id: string;
  document_type: string;
  field: string;
  original_value: string;
  confidence: number | null;
  corrected_value: string;
  review_state: string;
  reviewer: string;
};

function valueText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  return JSON.stringify(value) ?? "";
}

/** Export rows for one document, Aadhaar numbers masked in original and corrected values. */
export function toExportRows(document: ExportDocument): ExportRow[] {
  const safe = (path: string, value: unknown) =>
    valueText(maskFieldValue(document.documentType, path, value));
  return document.fields.map((field) => ({
    batch: document.batchLabel ?? "",
    document_id: document.documentId,
    document_type: document.documentType,
    field: field.path,
    original_value: safe(field.path, field.value),
    confidence: field.confidence,
    corrected_value: safe(field.path, field.correctedValue),
    review_state: field.reviewState,
    reviewer: field.reviewer ?? "",
  }));
}

/** The row's values in `EXPORT_COLUMNS` order, for `toCsvLine`. */
export function exportRowValues(row: ExportRow): unknown[] {
  return EXPORT_COLUMNS.map((column) => row[column]);
}
