/**
 * Cross-check items of the Flow API (atlas-api.md 5), read tolerantly: keys that are not the
 * simulator's are mapped through known aliases, every item is kept raw, and the similarity scale
 * (0–1 or 0–100) is detected per answer so that scores come back on 0–100. Pure: no server imports.
 */
import type { CrossCheck } from "./types";

// ---- cross-checks (5)

export const FIELD_KEYS = [
  "field_name",
  "field",
  "check_name",
  "check",
  "name",
  "attribute",
  "parameter",
  "key",
  "check_type",
];
export const SCORE_KEYS = [
  "similarity_score",
  "similarity",
  "score",
  "match_score",
  "match_percentage",
  "similarity_percentage",
  "similarity_pct",
];
const SIDES = {
  source: {
    type: [
      "source_document_type",
      "source_doc_type",
      "source_type",
      "document_type_1",
      "doc1_type",
      "left_document_type",
    ],
    id: ["source_document_id", "source_doc_id", "source_id", "document_id_1", "doc1_id", "left_document_id"],
    value: ["source_value", "value_1", "doc1_value", "left_value"],
    nested: ["source", "source_document", "left", "document_1", "doc1"],
  },
  target: {
    type: [
      "target_document_type",
      "target_doc_type",
      "target_type",
      "document_type_2",
      "doc2_type",
      "right_document_type",
    ],
    id: ["target_document_id", "target_doc_id", "target_id", "document_id_2", "doc2_id", "right_document_id"],
    value: ["target_value", "value_2", "doc2_value", "right_value"],
    nested: ["target", "target_document", "right", "document_2", "doc2"],
  },
} as const;

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const first = (record: Record<string, unknown>, keys: readonly string[]): unknown => {
  for (const key of keys) if (record[key] !== undefined && record[key] !== null) return record[key];
  return undefined;
};

const asText = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : undefined;

/** A score as sent: number, "91.4", "91,4", "91.4%" (percent means the 0–100 scale). */
export function readScore(v: unknown): { value: number; percent: boolean } | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? { value: v, percent: false } : undefined;
  if (typeof v !== "string") return undefined;
  const m = v.trim().match(/^([-+]?\d*(?:[.,]\d+)?|[-+]?\d+[.,]?)\s*(%?)$/);
  if (!m || !m[1] || !/\d/.test(m[1])) return undefined;
  const value = Number(m[1].replace(",", "."));
  return Number.isFinite(value) ? { value, percent: m[2] === "%" } : undefined;
}

function side(item: Record<string, unknown>, keys: (typeof SIDES)["source" | "target"]) {
  const nested = first(item, keys.nested);
  const n = isRecord(nested) ? nested : {};
  return {
    type: asText(first(item, keys.type) ?? first(n, ["document_type", "doc_type", "type"])),
    id: asText(first(item, keys.id) ?? first(n, ["document_id", "doc_id", "id"])),
    value: first(item, keys.value) ?? first(n, ["value", "field_value", "text"]),
  };
}

export type SimilarityScale = "0-1" | "0-100" | "none";

/**
 * Items in any shape: the documented/simulator keys, common aliases, or nested source/target
 * objects. Scores come back on 0–100: when every numeric score of the answer lies within 0–1
 * (and none was written as a percentage), the answer is taken to use the 0–1 scale.
 */
export function normaliseCrossChecks(items: unknown[]): { checks: CrossCheck[]; scale: SimilarityScale } {
  const read = items.map((raw) => {
    const item = isRecord(raw) ? raw : { value: raw };
    return { raw, item, score: readScore(first(item, SCORE_KEYS)) };
  });
  const scores = read.flatMap((r) => (r.score ? [r.score] : []));
  const scale: SimilarityScale = !scores.length
    ? "none"
    : scores.some((s) => s.percent || s.value > 1)
      ? "0-100"
      : "0-1";
  const checks = read.map(({ raw, item, score }): CrossCheck => {
    const source = side(item, SIDES.source);
    const target = side(item, SIDES.target);
    let similarity: number | null = null;
    if (score) {
      const onHundred = scale === "0-1" && !score.percent ? score.value * 100 : score.value;
      similarity = Math.round(Math.min(100, Math.max(0, onHundred)) * 100) / 100;
    }
    return {
      fieldName: asText(first(item, FIELD_KEYS)),
      sourceDocumentType: source.type,
      sourceDocumentId: source.id,
      sourceValue: source.value,
      targetDocumentType: target.type,
      targetDocumentId: target.id,
      targetValue: target.value,
      similarityScore: similarity,
      raw,
    };
  });
  return { checks, scale };
}
