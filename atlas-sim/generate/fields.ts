import type { Rng } from "./random";
import type { DeliberateError, DocumentType } from "./types";

/** What kind of value a field holds; drives how confident the fake OCR is about it. */
export type FieldKind = "id" | "date" | "text" | "amount" | "address" | "table";

// Share of fields that come back below 0.8. Fixed-format ids are read well, free-text addresses
// and tables badly (atlas-api.md 3.1). Overall this lands around 13–15% of all fields.
const LOW_CONFIDENCE_SHARE: Record<FieldKind, number> = {
  id: 0.05,
  date: 0.08,
  text: 0.12,
  amount: 0.1,
  address: 0.35,
  table: 0.3,
};

const round2 = (n: number) => Math.round(n * 100) / 100;

export function drawConfidence(rng: Rng, kind: FieldKind): number {
  if (rng.chance(LOW_CONFIDENCE_SHARE[kind])) return round2(rng.float(0.45, 0.79));
  return kind === "id" ? round2(rng.float(0.93, 0.99)) : round2(rng.float(0.82, 0.98));
}

/** Accumulates a document's `file_data` and any values planted wrong on purpose. */
export class FieldSet {
  readonly fileData: Record<string, unknown>;
  readonly deliberateErrors: DeliberateError[] = [];

  constructor(
    private readonly confidenceRng: Rng,
    documentType: DocumentType,
  ) {
    this.fileData = { document_type: documentType };
  }

  add(key: string, value: unknown, kind: FieldKind, extra: Record<string, unknown> = {}): this {
    this.fileData[key] = { value, confidence_score: drawConfidence(this.confidenceRng, kind), ...extra };
    return this;
  }

  /** Replace a field's value with a wrong one the model is nevertheless sure about. */
  plant(key: string, wrongValue: string, reason: string): void {
    const existing = this.fileData[key];
    if (typeof existing !== "object" || existing === null) throw new Error(`no field ${key} to plant into`);
    this.fileData[key] = {
      ...existing,
      value: wrongValue,
      confidence_score: round2(this.confidenceRng.float(0.95, 0.98)),
    };
    this.deliberateErrors.push({ field: key, reason });
  }
}
