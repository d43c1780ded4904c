/**
 * Finds each extracted value on the OCR'd page. Candidates are runs of consecutive words inside
 * a line and runs of up to three consecutive lines; each is put in the canonical form
 * (normalise.ts) and compared with the value's by edit distance (fastest-levenshtein). Pure.
 *
 * - Identifier-like values (a digit, few words: PAN, Aadhaar, dates, amounts) must match exactly
 *   to count as found; a candidate of the same outline (letters/digits pattern, e.g. a PAN-shaped
 *   word) or within a small edit distance means the page prints something else there: disagrees.
 * - Names, addresses and other text are found at `foundScore` and above (OCR noise tolerated),
 *   disagree between `nearScore` and it, and are not found below.
 * A disagreement is flagged when OCR read the candidate confidently; a value not found is
 * flagged when the page as a whole was read confidently and `flagMissing` is on.
 */
import { distance } from "fastest-levenshtein";
import { maskAadhaarInText } from "@/lib/masking";
import { canonical, isIdentifierLike, shapeOf } from "./normalise";
import type { Box, FieldEvidence, OcrLine, OcrPage } from "./types";

export type MatchSettings = {
  /** Text values: similarity (0–1) at and above which the value counts as printed. */
  foundScore: number;
  /** Similarity at and above which a different reading counts as "where the value should be". */
  nearScore: number;
  /** OCR confidence (0–100) a reading needs before it can send a field to review. */
  minOcrConfidence: number;
  /** Flag values that cannot be found on a page that was read confidently. */
  flagMissing: boolean;
};

export const DEFAULT_MATCH_SETTINGS: MatchSettings = {
  foundScore: 0.9,
  nearScore: 0.6,
  minOcrConfidence: 70,
  flagMissing: true,
};

type Candidate = { canon: string; text: string; boxes: Box[]; conf: number };

const MAX_VALUE_LENGTH = 200;

function union(boxes: Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.w));
  const bottom = Math.max(...boxes.map((b) => b.y + b.h));
  return { page: boxes[0]!.page, x, y, w: right - x, h: bottom - y };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Every run of consecutive words in a line, and runs of two and three consecutive lines. */
export function candidates(pages: OcrPage[]): Candidate[] {
  const out: Candidate[] = [];
  for (const page of pages) {
    const lines = page.lines;
    lines.forEach((line, li) => {
      const words = line.words;
      for (let i = 0; i < words.length; i++)
        for (let j = i; j < words.length; j++) {
          const run = words.slice(i, j + 1);
          const text = run.map((w) => w.text).join(" ");
          out.push({ canon: canonical(text), text, boxes: [union(run)], conf: mean(run.map((w) => w.conf)) });
        }
      // A value wrapped over lines (an address): the first line from any of its first words on
      // (a label may stand before the value), then whole lines.
      for (let span = 2; span <= 3 && li + span <= lines.length; span++) {
        const rest: OcrLine[] = lines.slice(li + 1, li + span);
        for (let from = 0; from < Math.min(words.length, 4); from++) {
          const head = words.slice(from);
          const text = [head.map((w) => w.text).join(" "), ...rest.map((l) => l.text)].join(" ");
          out.push({
            canon: canonical(text),
            text,
            boxes: [union(head), ...rest.map(({ page: p, x, y, w, h }) => ({ page: p, x, y, w, h }))],
            conf: mean([...head.map((w) => w.conf), ...rest.map((l) => l.conf)]),
          });
        }
      }
    });
  }
  return out.filter((c) => c.canon.length > 0);
}

const similarity = (a: string, b: string) => 1 - distance(a, b) / Math.max(a.length, b.length, 1);

/** The scalar text we look for, or null for tables, objects and empty values. */
export function printedText(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return null;
  const text = value.trim();
  return text.length > 0 && text.length <= MAX_VALUE_LENGTH ? text : null;
}

/** The evidence for one value against the page's candidates (`candidates(pages)`). */
export function matchValue(
  value: unknown,
  pool: Candidate[],
  pageConfidence: number,
  settings: MatchSettings = DEFAULT_MATCH_SETTINGS,
): FieldEvidence {
  const text = printedText(value);
  const canon = text === null ? "" : canonical(text);
  if (!canon) return evidence("not_matched", 0, null);
  const exact = pool.filter((c) => c.canon === canon);
  if (exact.length) {
    // The tightest exact run: fewest boxes, then the smallest area.
    const best = exact.reduce((a, b) => (area(b) < area(a) ? b : a));
    return evidence("found", 1, best, false);
  }
  const identifier = isIdentifierLike(text!);
  const shape = shapeOf(canon);
  let best: Candidate | null = null;
  let bestScore = -1;
  for (const c of pool) {
    // A longer run than the value can only add words around it; skip runs far off in length.
    if (Math.abs(c.canon.length - canon.length) > Math.max(3, canon.length * 0.4)) continue;
    let score = similarity(canon, c.canon);
    if (identifier && shapeOf(c.canon) === shape) score = Math.max(score, settings.nearScore);
    if (score > bestScore || (score === bestScore && best && area(c) < area(best))) {
      best = c;
      bestScore = score;
    }
  }
  const foundAt = identifier ? 1 : settings.foundScore;
  if (best && bestScore >= foundAt) return evidence("found", bestScore, best, false);
  if (best && bestScore >= settings.nearScore) {
    const flagged = best.conf >= settings.minOcrConfidence;
    return evidence("disagrees", bestScore, best, flagged);
  }
  const flagged = settings.flagMissing && pageConfidence >= settings.minOcrConfidence;
  return evidence("not_found", Math.max(0, bestScore), null, flagged);
}

function area(c: Candidate): number {
  return c.boxes.length * 1e9 + c.boxes.reduce((s, b) => s + b.w * b.h, 0);
}

function evidence(
  status: FieldEvidence["status"],
  score: number,
  at: Candidate | null,
  flagged = false,
): FieldEvidence {
  return {
    status,
    score: Math.round(score * 1000) / 1000,
    boxes: status === "not_found" || !at ? [] : at.boxes,
    reading: status === "disagrees" && at ? at.text : null,
    readingConfidence: at ? Math.round(at.conf) : null,
    flagged,
  };
}

/** Mean word confidence over the pages (0–100), 0 for a page with no words. */
export function pageConfidence(pages: OcrPage[]): number {
  return mean(pages.flatMap((p) => p.lines.flatMap((l) => l.words.map((w) => w.conf))));
}

/** Evidence for every field (by path) of one document. */
export function matchFields(
  fields: Array<{ path: string; value: unknown }>,
  pages: OcrPage[],
  settings: MatchSettings = DEFAULT_MATCH_SETTINGS,
): Map<string, FieldEvidence> {
  const pool = candidates(pages);
  const confidence = pageConfidence(pages);
  // The page text is stored Aadhaar-masked: compare a value the same way (last four digits).
  const masked = (v: unknown) => (typeof v === "string" ? maskAadhaarInText(v) : v);
  return new Map(fields.map((f) => [f.path, matchValue(masked(f.value), pool, confidence, settings)]));
}
