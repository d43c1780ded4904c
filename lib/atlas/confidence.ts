/**
 * Confidence scores, normalised in ONE place (pure: no server imports).
 *
 * Atlas documents `confidence_score` as a number from 0 to 1, but answers also carry numeric
 * strings (".95", "0.95"), percentages ("95%"), decimal commas ("0,95"), a 0–100 scale, NaN
 * (read as missing) or nothing at all. Every reader of a score goes through `readConfidence`:
 * the result is a number in [0, 1] or undefined, plus the reason a reviewer should see when
 * the score could not be taken as sent.
 *
 * The scale is decided per response (`detectConfidenceScale` over every score of one Atlas
 * answer), never per field: in a 0–100 answer a field scored 0.9 is 0.9 %, not 90 %.
 */
import type { ExtractedDocument } from "./types";

export type ConfidenceScale = "unit" | "percent";

export type ConfidenceReading = {
  /** In [0, 1]; undefined when Atlas gave none (or nothing readable). */
  score?: number;
  /** Why the field must be looked at: no score, unreadable score, or a score out of range. */
  problem?: string;
};

const NUMERIC = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[+-]?\d+)?$/i;

type Parsed = { n: number; percentSign: boolean } | { unreadable: string } | undefined;

/** A raw score as a number, with whether it carried a % sign; undefined when missing. */
function parseRaw(raw: unknown): Parsed {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === "number") return Number.isFinite(raw) ? { n: raw, percentSign: false } : undefined;
  if (typeof raw === "string") {
    let text = raw.trim();
    if (text === "" || /^(nan|null|none|n\/a|-?infinity)$/i.test(text)) return undefined;
    const percentSign = text.endsWith("%");
    if (percentSign) text = text.slice(0, -1).trim();
    // A decimal comma ("0,95") only when there is no dot: "1,234.5" is not a score anyway.
    if (NUMERIC.test(text)) {
      const n = Number(text.includes(".") ? text.replace(/,/g, "") : text.replace(",", "."));
      if (Number.isFinite(n)) return { n, percentSign };
    }
    return { unreadable: raw.length > 20 ? `${raw.slice(0, 20)}…` : raw };
  }
  return { unreadable: typeof raw };
}

/**
 * The scale of one response: "percent" when most of its plain scores (those without a % sign)
 * are above 1. A single outlier does not flip the scale; it is clamped and flagged instead.
 */
export function detectConfidenceScale(raws: Iterable<unknown>): ConfidenceScale {
  let above = 0;
  let total = 0;
  for (const raw of raws) {
    const p = parseRaw(raw);
    if (!p || "unreadable" in p || p.percentSign) continue;
    total++;
    if (p.n > 1) above++;
  }
  return total > 0 && above * 2 > total ? "percent" : "unit";
}

const shown = (n: number) => String(Math.round(n * 10_000) / 10_000);

export function readConfidence(raw: unknown, scale: ConfidenceScale = "unit"): ConfidenceReading {
  const p = parseRaw(raw);
  if (p === undefined) return { problem: "Atlas gave no confidence" };
  if ("unreadable" in p) return { problem: `Atlas gave a confidence that cannot be read (${p.unreadable})` };
  const value = p.percentSign || scale === "percent" ? p.n / 100 : p.n;
  if (value < 0 || value > 1) {
    const clamped = value < 0 ? 0 : 1;
    const range = p.percentSign || scale === "percent" ? "0–100" : "0–1";
    return {
      score: clamped,
      problem: `Atlas gave confidence ${typeof raw === "string" ? `"${raw}"` : shown(p.n)}, outside ${range}; taken as ${clamped}`,
    };
  }
  return { score: value };
}

/** Every `confidence_score` found one level inside a document's fields (for scale detection). */
export function confidenceScoresOf(fields: Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  for (const raw of Object.values(fields)) {
    if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
      const r = raw as { confidence_score?: unknown; confidence?: unknown; value?: unknown };
      if (r.confidence_score !== undefined) out.push(r.confidence_score);
      else if ("value" in r && r.confidence !== undefined) out.push(r.confidence);
    }
  }
  return out;
}

/** Sets one confidence scale on every document of one Atlas answer (Bulk page or v3 ocr_data). */
export function withResponseScale(docs: ExtractedDocument[]): ExtractedDocument[] {
  const scale = detectConfidenceScale(docs.flatMap((d) => confidenceScoresOf(d.fields)));
  for (const doc of docs) doc.confidenceScale = scale;
  return docs;
}
