/**
 * The second reader's evidence drawn over the scan, and the page's words picked into an editor.
 * Pure and client-safe: the workspace (components/review/evidence-layer.tsx) calls these.
 */
import { asciiDigits } from "@/lib/text/digits";
import { canonicalDates } from "./normalise";
import type { Box, FieldEvidence, OcrPage } from "./types";

/** A box on the page as shown: left, top, width and height in percent of the shown page. */
export type PercentBox = { left: number; top: number; width: number; height: number };

/**
 * Where `box` (image pixels of the page OCR read, `page` its size) sits on the page as shown,
 * turned clockwise by `rotation` degrees (0, 90, 180 or 270; anything else counts as the nearest
 * quarter turn), in percent of the turned page. The shown page may be any size: OCR read an SVG
 * at 1600 px wide and a PDF at 144 dpi, the viewer draws them as wide as the pane.
 */
export function boxOnPage(box: Box, page: { width: number; height: number }, rotation: number): PercentBox {
  const W = Math.max(1, page.width);
  const H = Math.max(1, page.height);
  const x = box.x / W;
  const y = box.y / H;
  const w = box.w / W;
  const h = box.h / H;
  const turn = ((Math.round(rotation / 90) % 4) + 4) % 4;
  const [left, top, width, height] =
    turn === 1
      ? [1 - y - h, x, h, w]
      : turn === 2
        ? [1 - x - w, 1 - y - h, w, h]
        : turn === 3
          ? [y, 1 - x - w, h, w]
          : [x, y, w, h];
  return { left: left * 100, top: top * 100, width: width * 100, height: height * 100 };
}

/** Where the shown field's boxes are: the pages they are on, first page first. */
export function pagesOf(boxes: readonly Box[]): number[] {
  return [...new Set(boxes.map((b) => b.page))].sort((a, b) => a - b);
}

/** The page's size as OCR read it, or null when that page was not read. */
export function pageSize(pages: readonly OcrPage[], page: number): { width: number; height: number } | null {
  const found = pages.find((p) => p.page === page);
  return found ? { width: found.width, height: found.height } : null;
}

/**
 * A word whose digits the second reader's masking hid (mask-line.ts: `XXXX`, `XXX-XXXX-6789`,
 * `XXXXXXXX0123`, `No:XXXX`): a run of X not inside a word of other letters ("XXL" is not).
 */
const MASKED_RUN = /(?<![A-WYZa-z])X{2,}(?![A-WYZa-z])/;
export const isMaskedWord = (text: string) => MASKED_RUN.test(text);

/**
 * What a click on word `index` of an OCR line puts in the editor: the word, or the whole line
 * (a double-click); null for a masked word. A line holding a masked word gives only the word
 * clicked: masked groups are not what the page prints and are never picked.
 */
export function pickFromLine(
  words: readonly { text: string }[],
  index: number,
  wholeLine: boolean,
): string | null {
  const word = words[index];
  if (!word || isMaskedWord(word.text)) return null;
  if (!wholeLine || words.some((w) => isMaskedWord(w.text))) return word.text;
  return words.map((w) => w.text).join(" ");
}

const pad = (n: string) => n.padStart(2, "0");

/**
 * Text picked on the scan as the editor wants it. A date editor (`kind` "date") gets the first
 * real date in the text as DD/MM/YYYY, however the page prints it (16-07-1986, 16 Jul 1986,
 * 1986-07-16); an amount editor gets the number without ₹/Rs. and "/-" (its grouping commas
 * stay: the editor reads them). Anything else gets the text as printed, spacing tidied.
 */
export function pickedText(kind: string | undefined, text: string): string {
  const tidy = text.replace(/\s+/g, " ").trim();
  if (kind === "date") {
    const canon = canonicalDates(asciiDigits(tidy.normalize("NFKC")).toLowerCase());
    for (const [, y, m, d] of canon.matchAll(/(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/g)) {
      if (Number(m) >= 1 && Number(m) <= 12 && Number(d) >= 1 && Number(d) <= 31)
        return `${pad(d!)}/${pad(m!)}/${y}`;
    }
    return tidy;
  }
  if (kind === "amount") {
    const amount = /(?:₹|rs\.?|inr)?\s*(\d[\d,]*(?:\.\d+)?)\s*(?:\/-)?/i.exec(asciiDigits(tidy));
    return amount ? amount[1]! : tidy;
  }
  return tidy;
}

/**
 * What the second reader says about the selected field, in a sentence for the scan pane; null
 * when it is switched off (SECOND_READER=off) and never read this scan: nothing to say.
 */
export function evidenceSentence(
  label: string,
  evidence: FieldEvidence | null,
  read: { status: "off" | "queued" | "done" | "failed"; error: string | null },
): string | null {
  if (read.status === "off") return null;
  if (read.status === "queued")
    return "The second reader is reading this scan; the boxes appear here when it is done.";
  if (read.status === "failed")
    return `The second reader could not read this scan${read.error ? `: ${read.error}` : ""}.`;
  if (!evidence) return `${label}: not looked for on the page (read before this field existed).`;
  const pages = pagesOf(evidence.boxes);
  const where = pages.length ? ` on page ${pages.join(", ")}` : "";
  switch (evidence.status) {
    case "found":
      return `${label}: found${where}${evidence.score < 1 ? ` (close match, ${Math.round(evidence.score * 100)} %)` : ""}.`;
    case "disagrees":
      return `${label}: page reads “${evidence.reading ?? "something else"}”${where}${evidence.flagged ? " — check it" : ""}.`;
    case "not_found":
      return `${label}: not found on the page.`;
    default:
      return `${label}: not looked for on the page (a table or list, or a value Atlas derives rather than reads).`;
  }
}
