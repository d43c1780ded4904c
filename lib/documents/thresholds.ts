/**
 * Confidence thresholds: a global default, per document type, and per field (optionally within
 * one document type). The most specific one wins. Pure, so the sync engine, the pages and the
 * tests resolve thresholds the same way.
 */
export const DEFAULT_THRESHOLD = 0.85;

export type ThresholdRow = {
  scope: "global" | "document_type" | "field";
  documentType: string | null;
  fieldPath: string | null;
  threshold: number;
};

export type ThresholdSet = {
  global: number;
  byType: Map<string, number>;
  /** key: `${documentType}\u0000${fieldPath}`, documentType "" = any type */
  byField: Map<string, number>;
};

export function buildThresholdSet(rows: ThresholdRow[]): ThresholdSet {
  const set: ThresholdSet = { global: DEFAULT_THRESHOLD, byType: new Map(), byField: new Map() };
  for (const row of rows) {
    if (row.scope === "global") set.global = row.threshold;
    else if (row.scope === "document_type" && row.documentType)
      set.byType.set(row.documentType, row.threshold);
    else if (row.scope === "field" && row.fieldPath)
      set.byField.set(`${row.documentType ?? ""}\u0000${row.fieldPath}`, row.threshold);
  }
  return set;
}

export function thresholdFor(
  set: ThresholdSet,
  documentType: string | null | undefined,
  path: string,
): number {
  const type = documentType ?? "";
  return (
    set.byField.get(`${type}\u0000${path}`) ??
    set.byField.get(`\u0000${path}`) ??
    (type ? set.byType.get(type) : undefined) ??
    set.global
  );
}
