/**
 * Finds each extracted value on the OCR'd page. Candidates are runs of consecutive words inside
 * a line and runs over up to three consecutive lines (a wrapped address); each is put in the
 * canonical form (normalise.ts) and compared with the value's by edit distance
 * (fastest-levenshtein). Pure.
 *
 * - Exactly the value (after normalising): found.
 * - The same but for characters OCR is known to confuse (0/O, 1/I/l, 5/S, 8/B, 2/Z, 6/G):
 *   found — the page agrees, OCR misread a glyph.
 * - Close (similarity ≥ `nearScore`; for identifiers also any run of the same outline, e.g. a
 *   PAN-shaped word): the page prints something else where the value should be — disagrees. It
 *   is flagged when OCR read the words that differ confidently (their lowest confidence ≥
 *   `minOcrConfidence`); unsure differences in text at ≥ `foundScore` are OCR noise (found).
 * - Nothing close: not found; flagged when `flagMissing`, the page as a whole was read
 *   confidently and the value is distinctive enough to look for (3+ characters).
 */
import { distance } from "fastest-levenshtein";
import { fieldKey } from "@/lib/fields/key";
import { isPrintedField } from "@/lib/fields/printed";
import { ruleFor } from "@/lib/validators/registry";
import { maskLikePage } from "./mask-line";
import { canonical, CONFUSABLE, isIdentifierLike, shapeOf } from "./normalise";
import type { Box, FieldEvidence, OcrPage, OcrWord } from "./types";

export type MatchSettings = {
  /** Text values: similarity (0–1) from which an unsure difference counts as OCR noise. */
  foundScore: number;
  /** Similarity from which a different reading counts as "where the value should be". */
  nearScore: number;
  /** OCR confidence (0–100) the differing words need before they send a field to review. */
  minOcrConfidence: number;
  /** Flag values that cannot be found on a page that was read confidently. */
  flagMissing: boolean;
};

export const DEFAULT_MATCH_SETTINGS: MatchSettings = {
  foundScore: 0.9,
  nearScore: 0.6,
  minOcrConfidence: 50,
  flagMissing: true,
};

type Candidate = { canon: string; text: string; boxes: Box[]; words: Pick<OcrWord, "text" | "conf">[] };

const MAX_VALUE_LENGTH = 200;
const MIN_DISTINCTIVE_LENGTH = 3;

function union(boxes: Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.w));
  const bottom = Math.max(...boxes.map((b) => b.y + b.h));
  return { page: boxes[0]!.page, x, y, w: right - x, h: bottom - y };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const boxOf = ({ page, x, y, w, h }: Box): Box => ({ page, x, y, w, h });

/** Every run of consecutive words in a line, and runs over two and three consecutive lines. */
export function candidates(pages: OcrPage[]): Candidate[] {
  const out: Candidate[] = [];
  const push = (words: OcrWord[], boxes: Box[]) => {
    const text = words.map((w) => w.text).join(" ");
    const canon = canonical(text);
    if (canon) out.push({ canon, text, boxes, words });
  };
  for (const page of pages) {
    const lines = page.lines;
    lines.forEach((line, li) => {
      const words = line.words;
      for (let i = 0; i < words.length; i++)
        for (let j = i; j < words.length; j++) push(words.slice(i, j + 1), [union(words.slice(i, j + 1))]);
      // A value wrapped over lines: the first line from any of its first words on (a label may
      // stand before the value), then whole lines.
      for (let span = 2; span <= 3 && li + span <= lines.length; span++) {
        const rest = lines.slice(li + 1, li + span);
        for (let from = 0; from < Math.min(words.length, 4); from++) {
          const head = words.slice(from);
          push([...head, ...rest.flatMap((l) => l.words)], [union(head), ...rest.map(boxOf)]);
        }
      }
    });
  }
  return out;
}

const similarity = (a: string, b: string) => 1 - distance(a, b) / Math.max(a.length, b.length, 1);

/** The canonical form with the glyphs OCR confuses folded together. */
const folded = (canon: string) => canon.replace(/[oqdilsbzg]/g, (c) => CONFUSABLE[c] ?? c);

/** The scalar text we look for, or null for tables, objects and empty values. */
export function printedText(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return null;
  const text = value.trim();
  return text.length > 0 && text.length <= MAX_VALUE_LENGTH ? text : null;
}

/** The lowest OCR confidence among the candidate's words that are not words of the value. */
function differingConfidence(value: string, at: Candidate): number {
  const own = new Set(value.split(/\s+/).map(canonical));
  const differing = at.words.filter((w) => !own.has(canonical(w.text)));
  return Math.min(...(differing.length ? differing : at.words).map((w) => w.conf));
}

/** The value (folded) is the masked page text (folded) with each X a digit; 4+ characters shown. */
function fitsMasked(value: string, page: string): boolean {
  if (!page.includes("x") || page.replace(/x/g, "").length < 4) return false;
  for (let i = 0; i < page.length; i++)
    if (page[i] !== value[i] && !(page[i] === "x" && /\p{Nd}/u.test(value[i]!))) return false;
  return true;
}

function area(c: Candidate): number {
  return c.boxes.length * 1e9 + c.boxes.reduce((s, b) => s + b.w * b.h, 0);
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
  if (!text || !canon) return evidence("not_matched", 0, null, null);
  const tightest = (list: Candidate[]) => list.reduce((a, b) => (area(b) < area(a) ? b : a));
  const exact = pool.filter((c) => c.canon === canon);
  if (exact.length) return evidence("found", 1, tightest(exact), null);
  const fold = folded(canon);
  const lookalike = pool.filter((c) => c.canon.length === canon.length && folded(c.canon) === fold);
  if (lookalike.length)
    return evidence("found", similarity(canon, lookalike[0]!.canon), tightest(lookalike), null);
  // Digits the page's masking hid (X, mask-line.ts) stand for any digit: "02223456789" is on a
  // page reading "022-2345-6789", stored "XXX-XXXX-6789". Four characters shown at least.
  const hidden = pool.filter((c) => c.canon.length === canon.length && fitsMasked(fold, folded(c.canon)));
  if (hidden.length) return evidence("found", 1, tightest(hidden), null);

  const identifier = isIdentifierLike(text);
  const shape = shapeOf(canon);
  let best: Candidate | null = null;
  let bestScore = -1;
  for (const c of pool) {
    // A much longer or shorter run cannot be this value misread.
    if (Math.abs(c.canon.length - canon.length) > Math.max(3, canon.length * 0.4)) continue;
    let score = similarity(canon, c.canon);
    if (identifier && shapeOf(c.canon) === shape) score = Math.max(score, settings.nearScore);
    if (score > bestScore || (score === bestScore && best && area(c) < area(best))) {
      best = c;
      bestScore = score;
    }
  }
  if (best && bestScore >= settings.nearScore) {
    const confidence = differingConfidence(text, best);
    const sure = confidence >= settings.minOcrConfidence;
    // An unsure difference in text that is otherwise the value: OCR noise, the page agrees.
    if (!sure && !identifier && bestScore >= settings.foundScore)
      return evidence("found", bestScore, best, null);
    return { ...evidence("disagrees", bestScore, best, confidence), flagged: sure };
  }
  const flagged =
    settings.flagMissing &&
    pageConfidence >= settings.minOcrConfidence &&
    canon.length >= MIN_DISTINCTIVE_LENGTH;
  return { ...evidence("not_found", Math.max(0, bestScore), null, null), flagged };
}

function evidence(
  status: FieldEvidence["status"],
  score: number,
  at: Candidate | null,
  confidence: number | null,
): FieldEvidence {
  return {
    status,
    score: Math.round(score * 1000) / 1000,
    boxes: at ? at.boxes : [],
    reading: status === "disagrees" && at ? at.text : null,
    readingConfidence: confidence ?? (at ? Math.round(mean(at.words.map((w) => w.conf))) : null),
    flagged: false,
  };
}

/** Mean word confidence over the pages (0–100), 0 for a page with no words. */
export function pageConfidence(pages: OcrPage[]): number {
  return mean(pages.flatMap((p) => p.lines.flatMap((l) => l.words.map((w) => w.conf))));
}

/**
 * Evidence for every field (by path) of one document. Fields Atlas derives rather than reads
 * (lib/fields/printed.ts: document type, quality flag, normalised address) are not looked for.
 * With the document's type, a reading the field's own check (lib/validators/registry.ts) refuses,
 * of a value that check accepts, is OCR noise, not a disagreement: `CHIPKO0440V` (an O read
 * twice) is no PAN, so the page is taken to print `CHIPK0440V`.
 */
export function matchFields(
  fields: Array<{ path: string; value: unknown }>,
  pages: OcrPage[],
  settings: MatchSettings = DEFAULT_MATCH_SETTINGS,
  documentType?: string | null,
): Map<string, FieldEvidence> {
  const pool = candidates(pages);
  const confidence = pageConfidence(pages);
  // The page text is stored Aadhaar-masked: compare a value masked the same way (mask-line.ts).
  const masked = (v: unknown) => (typeof v === "string" ? maskLikePage(v) : v);
  return new Map(
    fields.map((f) => {
      if (!isPrintedField(f.path)) return [f.path, matchValue(null, pool, confidence, settings)];
      const found = matchValue(masked(f.value), pool, confidence, settings);
      return [f.path, documentType ? unlessInvalidReading(found, f, documentType) : found];
    }),
  );
}

function unlessInvalidReading(
  found: FieldEvidence,
  field: { path: string; value: unknown },
  documentType: string,
): FieldEvidence {
  if (found.status !== "disagrees" || !found.reading || typeof field.value !== "string") return found;
  const key = fieldKey(field.path);
  const rule = key ? ruleFor(documentType, key) : undefined;
  if (!rule) return found;
  const context = { today: new Date(), documentType };
  const checks = (text: string) => {
    const result = rule.validate(text, context);
    return result.ok && !("note" in result);
  };
  if (!checks(field.value) || checks(found.reading)) return found;
  return { ...found, status: "found", reading: null, flagged: false };
}
