/**
 * Aadhaar numbers and VIDs in the second reader's page text, masked as they leave OCR: clean
 * ones by `maskAadhaarInText` (lib/masking.ts), and the shapes OCR misreads them into, which that
 * masker cannot recognise (`maskMisreadNumbers`). Pure and client-safe; the matcher masks a field
 * value the same way before it compares (`maskLikePage`), so masking never hides a value from it.
 */
import { maskAadhaarInText } from "@/lib/masking";
import { CONFUSABLE } from "./normalise";
import type { OcrLine, OcrWord } from "./types";

/**
 * A line with its Aadhaar numbers masked in its text and its words, misreads included
 * (maskMisreadNumbers). Pure; also re-masks lines stored by a version that masked less.
 */
export function maskOcrLine(line: OcrLine): OcrLine {
  const text = line.text;
  const masked = maskAadhaarInText(text);
  const words: OcrWord[] = line.words.map((w) => ({ ...w }));
  if (masked !== text) {
    const maskedTokens = masked.split(" ");
    const sameSplit = maskedTokens.length === words.length;
    // Keep only the last four digits of the line; every digit before them becomes X, and so
    // does a glyph read for one in a word with digits ("ZO00" of "ZO00 20000000 0000": the
    // misread masker no longer sees a number in "ZOXX").
    const shown = { left: 4 };
    for (let i = words.length - 1; i >= 0; i--) {
      const word = words[i]!;
      // (Not in a label run into the number: "No:" of "No:2345-6789-0123" stays.)
      const label = LABELLED.exec(word.text)?.[1] ?? "";
      const withDigits = DIGIT.test(word.text.slice(label.length));
      const shows = (c: string) => DIGIT.test(c) || (withDigits && c !== "X" && digitLike(c));
      word.text = sameSplit ? maskedTokens[i]! : maskBeforeLast(word.text, label, shows, shown);
    }
  }
  const misread = maskMisreadNumbers(words);
  // The text is the words again whenever anything was masked: when the masker split a word
  // ("2345-6789-0123-45" reads "XXXX XXXX 0123-45"), the words were masked differently.
  return { ...line, text: misread || masked !== text ? words.map((w) => w.text).join(" ") : text, words };
}

/**
 * A field value masked as the page text it is compared with: its words (split at white space)
 * masked like one OCR line. A string in, a string out.
 */
export function maskLikePage(value: string): string {
  const words = value.split(/\s+/).filter(Boolean);
  if (words.length === 0) return value;
  const place = { conf: 0, page: 1, x: 0, y: 0, w: 0, h: 0 };
  return maskOcrLine({ ...place, text: words.join(" "), words: words.map((text) => ({ ...place, text })) })
    .text;
}

const DIGIT = /\p{Nd}/u;
/** A digit, a glyph OCR reads for one, or a digit masked before (X). */
const digitLike = (c: string) => DIGIT.test(c) || c === "X" || c.toLowerCase() in CONFUSABLE;
/** The word without punctuation OCR attaches at its ends ("0123," ":2345"); "|" is read for 1. */
const core = (text: string) => text.replace(/^[^\p{L}\p{N}|]+|[^\p{L}\p{N}|]+$/gu, "");
/** Dashes inside a word separate groups of a number as a space does ("2345-6789-O123"). */
const DASH = /[-‐‑‒–—]/u;
/** The text's groups: runs of digit-like characters between dashes; null when not a number. */
const groupsOf = (text: string): string[][] | null => {
  const chars = [...core(text)];
  if (chars.length === 0 || !chars.every((c) => digitLike(c) || DASH.test(c))) return null;
  const groups = core(text)
    .split(DASH)
    .map((g) => [...g]);
  // A real digit at least ("SOIL", "BOSS", "BOX" are words), or digits masked before ("XXXX",
  // "ZXXXX": mostly X).
  const masked = chars.filter((c) => c === "X").length * 2 > chars.length;
  if (!(masked || chars.some((c) => DIGIT.test(c)))) return null;
  // Dashed groups of a number have three digits at least; "16-07-1986" is a date, "12--34" nothing.
  if (groups.length > 1 && groups.some((g) => g.length < 3)) return null;
  return groups;
};

/** A label OCR ran into the number's first group ("No:2345", "VID:9123", "आधार:2345"): label, number. */
const LABELLED = /^(.*\p{L}.*[:.#])(.+)$/u;
type Part = { label: string; groups: string[][] };
/** The word as part of a number: its groups, and the label glued before them (kept as printed). */
const partOf = (w: OcrWord): Part | null => {
  const groups = groupsOf(w.text);
  if (groups) return { label: "", groups };
  const labelled = LABELLED.exec(w.text);
  const after = labelled && groupsOf(labelled[2]!);
  return after ? { label: labelled![1]!, groups: after } : null;
};

/**
 * An Aadhaar number or VID as OCR misreads it escapes `maskAadhaarInText`, which wants exactly
 * 12 or 16 digits in groups of four: a glyph read as a letter ("2345 6789 O123", "234S 67B9
 * 0123"), a digit dropped or doubled ("2345 6789 012"), groups joined by dashes, or a VID with a
 * digit dropped, whose first twelve digits that masker took for an Aadhaar number ("XXXX XXXX
 * 9012 345"). So a run of neighbouring words made only of digits, the glyphs OCR reads for them
 * and digits masked before (X), in groups split by spaces or dashes — 11 to 13 characters (15 to
 * 17 for a VID, in 3+ groups), 8 digits at least, with a group of four (or eight: two run
 * together) or a misread glyph —
 * keeps its last four; every character before them becomes X. Dates, amounts (their "/", ".",
 * ","), phone numbers (10), one plain 11-digit account number, an IMEI (one 15-digit word) and
 * PAN, IFSC or GSTIN (letters OCR does not take for digits) stay as printed. True when it masked
 * anything.
 */
export function maskMisreadNumbers(words: OcrWord[]): boolean {
  let changed = false;
  const parts = words.map(partOf);
  for (let i = 0; i < words.length; i++) {
    if (!parts[i]) continue;
    // A labelled word starts a number, never continues one.
    let end = i;
    while (end + 1 < words.length && parts[end + 1] && !parts[end + 1]!.label) end++;
    if (maskNumbersIn(words, parts as Part[], i, end)) changed = true;
    i = end;
  }
  return changed;
}

/**
 * Masks the longest stretch of words[from..to] that is a misread number (the whole run, unless
 * a number beside it, "12 2345 6789 O123", makes it too long), then the next longest, until none
 * is left: two stretches that overlap ("22000 0000 0000 10000") are both masked.
 */
function maskNumbersIn(words: OcrWord[], parts: Part[], from: number, to: number): boolean {
  let changed = false;
  for (;;) {
    // As the words read now (masked by an earlier stretch: each pass shows fewer, so it ends).
    const now = words.map(partOf);
    let best: { from: number; to: number; length: number } | undefined;
    for (let a = from; a <= to; a++)
      for (let b = a; b <= to; b++) {
        const stretch = now.slice(a, b + 1);
        if (stretch.some((p) => !p)) continue;
        const length = misreadLength(stretch as Part[]);
        if (length > 0 && length >= (best?.length ?? 0)) best = { from: a, to: b, length };
      }
    if (!best) return changed;
    const shown = { left: 4 };
    for (let k = best.to; k >= best.from; k--)
      words[k]!.text = maskBeforeLast(words[k]!.text, parts[k]!.label, digitLike, shown);
    changed = true;
  }
}

/**
 * The word with every character `shows` picks masked (X) once `shown.left` of them, counted from
 * the end across the words of one number (last word first), have been kept; its label stays.
 */
function maskBeforeLast(
  text: string,
  label: string,
  shows: (c: string) => boolean,
  shown: { left: number },
): string {
  const masked = [...text.slice(label.length)]
    .reverse()
    .map((c) => (shows(c) ? (shown.left-- > 0 ? c : "X") : c))
    .reverse()
    .join("");
  return label + masked;
}

/** The number's length in characters when these words are a misread Aadhaar number or VID, else 0. */
function misreadLength(parts: Part[]): number {
  const groups = parts.flatMap((p) => p.groups);
  const chars = groups.flat();
  const real = chars.filter((c) => DIGIT.test(c)).length;
  const digits = real + chars.filter((c) => c === "X").length;
  const glyphs = chars.length - digits; // letters read for digits
  // Printed in fours: a group of four, or two run together (a space OCR did not see).
  const grouped = groups.length > 1 && groups.some((g) => g.length === 4 || g.length === 8);
  const aadhaarLength = chars.length >= 11 && chars.length <= 13;
  const vidLength = chars.length >= 15 && chars.length <= 17 && groups.length >= 3;
  if (real + glyphs <= 4) return 0; // masked already: four shown at most
  if (digits < 8 || !(aadhaarLength || vidLength) || !(glyphs > 0 || grouped)) return 0;
  return chars.length;
}
