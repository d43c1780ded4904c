/**
 * What storing one Atlas result writes: the document's new columns and its field rows. The same
 * for a batch document (lib/batches/sync.ts does this inline) and a flow document
 * (lib/applications/results.ts), so a document reads the same in the review workspace either way. Pure.
 */
import type { ExtractedDocument } from "@/lib/atlas/types";
import { extractFieldRows, summarise, type FieldRow } from "./extract";
import type { ThresholdSet } from "./thresholds";

export function documentResult(result: ExtractedDocument, today: Date, thresholds: ThresholdSet) {
  const failed = !!result.errorCode;
  const rows: FieldRow[] = failed ? [] : extractFieldRows(result, today);
  const summary = summarise(rows, result.documentType, thresholds);
  return {
    rows,
    values: {
      status: failed ? ("failed" as const) : ("extracted" as const),
      documentType: result.documentType,
      errorCode: result.errorCode ?? null,
      errorMessage: result.errorMessage ?? null,
      fileData: (result.raw as { file_data?: unknown })?.file_data ?? result.raw,
      extractedAt: today,
      fieldCount: summary.fieldCount,
      minConfidence: summary.minConfidence,
      needsReviewCount: summary.needsReviewCount,
      validatorFailureCount: summary.validatorFailureCount,
      updatedAt: today,
    },
  };
}
