import type { SimDocument } from "./store";

export interface CrossCheckItem {
  field_name: string;
  source_document_type: string;
  source_document_id: string;
  source_value: string;
  target_document_type: string;
  target_document_id: string;
  target_value: string;
  similarity_score: number;
}

const NOISE_WORDS = new Set(["NO", "MR", "MRS", "MS", "SHRI", "SMT", "M", "S"]);

function tokens(text: string): string[] {
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, " ")
    .split(" ")
    .filter((t) => t && !NOISE_WORDS.has(t));
}

function bigrams(text: string): string[] {
  const s = text.replace(/\s+/g, "");
  return Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2));
}

function dice(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const pool = new Map<string, number>();
  for (const g of a) pool.set(g, (pool.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of b) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      shared += 1;
      pool.set(g, n - 1);
    }
  }
  return (2 * shared) / (a.length + b.length);
}

/** An initial ("K") matches a word starting with it ("KUMAR"). */
function tokenOverlap(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const rest = [...b];
  let matched = 0;
  for (const t of a) {
    const i = rest.findIndex(
      (u) => u === t || (t.length === 1 && u.startsWith(t)) || (u.length === 1 && t.startsWith(u)),
    );
    if (i >= 0) {
      matched += 1;
      rest.splice(i, 1);
    }
  }
  return matched / Math.max(a.length, b.length);
}

/** 0–100 similarity, the scale of Atlas's Address Match API. */
export function similarity(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  const score = 0.5 * dice(bigrams(ta.join(" ")), bigrams(tb.join(" "))) + 0.5 * tokenOverlap(ta, tb);
  return Math.round(score * 1000) / 10;
}

interface Side {
  type: string;
  field: string;
}

const CUSTOMER_NAME_SIDES: Side[] = [
  { type: "INVOICE", field: "customer_name" },
  { type: "DELIVERY_ORDER", field: "customer_name" },
  { type: "AADHAAR", field: "name" },
  { type: "PAN", field: "name_as_per_pan" },
];

function fieldValue(doc: SimDocument, field: string): string | undefined {
  const entry = doc.generated.fileData[field];
  if (entry && typeof entry === "object" && "value" in entry && typeof entry.value === "string")
    return entry.value;
  return undefined;
}

/**
 * Simulator rules (atlas-api.md 5): for *_CDL products compare dealer_address and dealer_name
 * (DELIVERY_ORDER vs INVOICE) and customer_name across INVOICE, DELIVERY_ORDER, AADHAAR and PAN.
 * An item is emitted only when both documents exist and neither has an error_code.
 */
export function runCrossChecks(productType: string, documents: SimDocument[]): CrossCheckItem[] {
  if (!/_CDL$/i.test(productType)) return [];
  const usable = documents.filter((d) => !("error_code" in d.generated.fileData));
  const firstOfType = (type: string) => usable.find((d) => d.generated.documentType === type);

  const pairs: Array<[Side, Side, string]> = [
    [
      { type: "DELIVERY_ORDER", field: "dealer_address" },
      { type: "INVOICE", field: "dealer_address" },
      "dealer_address",
    ],
    [
      { type: "DELIVERY_ORDER", field: "dealer_name" },
      { type: "INVOICE", field: "dealer_name" },
      "dealer_name",
    ],
  ];
  CUSTOMER_NAME_SIDES.forEach((source, i) =>
    CUSTOMER_NAME_SIDES.slice(i + 1).forEach((target) => pairs.push([target, source, "customer_name"])),
  );

  const items: CrossCheckItem[] = [];
  for (const [source, target, fieldName] of pairs) {
    const sourceDoc = firstOfType(source.type);
    const targetDoc = firstOfType(target.type);
    if (!sourceDoc || !targetDoc) continue;
    const sourceValue = fieldValue(sourceDoc, source.field);
    const targetValue = fieldValue(targetDoc, target.field);
    if (sourceValue === undefined || targetValue === undefined) continue;
    items.push({
      field_name: fieldName,
      source_document_type: source.type,
      source_document_id: sourceDoc.documentId,
      source_value: sourceValue,
      target_document_type: target.type,
      target_document_id: targetDoc.documentId,
      target_value: targetValue,
      similarity_score: similarity(sourceValue, targetValue),
    });
  }
  return items;
}
