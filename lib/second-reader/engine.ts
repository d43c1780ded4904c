import "server-only";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readlinkSync, renameSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createWorker, type Worker } from "tesseract.js";
import { maskAadhaarInText } from "@/lib/masking";
import { CONFUSABLE } from "./match";
import type { PageImage } from "./rasterise";
import type { OcrLine, OcrPage, OcrWord } from "./types";

/**
 * Tesseract (tesseract.js, WebAssembly) run fully offline: the core from node_modules, the
 * language data from `@tesseract.js-data/<lang>` packages linked into one folder (tesseract.js
 * reads every language from one `langPath`). One worker is created on first use and reused.
 *
 * Text is masked (Aadhaar numbers: last four digits kept) before it leaves this module, so the
 * full number is never stored nor logged.
 */
// Resolved from the app's folder, not this module's: inside Next's server bundle this module's
// own location is a chunk, from which the data packages cannot be found.
const require = createRequire(path.join(process.cwd(), "package.json"));

type Bbox = { x0: number; y0: number; x1: number; y1: number };
type TWord = { text: string; confidence: number; bbox: Bbox };
type TLine = { text: string; confidence: number; bbox: Bbox; words: TWord[] };
type TBlock = { paragraphs: Array<{ lines: TLine[] }> };

function linkTarget(file: string): string | null {
  try {
    return readlinkSync(file);
  } catch {
    return null; // missing, or not a link
  }
}

/** Links each language's traineddata into `folder`; throws naming the package to install. */
export function languageFolder(languages: string[], folder: string): string {
  mkdirSync(folder, { recursive: true });
  for (const lang of languages) {
    const target = path.join(folder, `${lang}.traineddata.gz`);
    let packageDir: string;
    try {
      packageDir = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
    } catch {
      throw new Error(
        `SECOND_READER_LANGUAGES: no data for "${lang}"; install it with npm i -E @tesseract.js-data/${lang}@1.0.0`,
      );
    }
    // The integer "best" model reads better than the fast one at a similar speed.
    const source = ["4.0.0_best_int", "4.0.0"]
      .map((v) => path.join(packageDir, v, `${lang}.traineddata.gz`))
      .find((p) => existsSync(p));
    if (!source) throw new Error(`@tesseract.js-data/${lang} holds no ${lang}.traineddata.gz`);
    if (linkTarget(target) === source) continue;
    // A link left by another checkout (perhaps dangling), or one a concurrent start is writing:
    // made under a private name, then renamed over the old one, which is atomic.
    const temporary = `${target}.${process.pid}.${randomUUID()}`;
    symlinkSync(source, temporary);
    renameSync(temporary, target);
  }
  return folder;
}

const box = (page: number, b: Bbox) => ({ page, x: b.x0, y: b.y0, w: b.x1 - b.x0, h: b.y1 - b.y0 });

/**
 * Masks the line as a whole (an Aadhaar number spans three words) and carries the masking to
 * its words: a word whose digits were masked in the line is masked the same way.
 */
export function maskedLine(page: number, line: TLine): OcrLine {
  return maskOcrLine({
    text: line.text.trim().replace(/\s+/g, " "),
    conf: Math.round(line.confidence),
    words: line.words
      .filter((w) => w.text.trim())
      .map((w) => ({ text: w.text.trim(), conf: Math.round(w.confidence), ...box(page, w.bbox) })),
    ...box(page, line.bbox),
  });
}

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
    // Keep only the last four digits of the line; every digit before them becomes X.
    let keep = 4;
    for (let i = words.length - 1; i >= 0; i--) {
      const word = words[i]!;
      if (sameSplit) word.text = maskedTokens[i]!;
      else
        word.text = [...word.text]
          .reverse()
          .map((c) => (/\p{Nd}/u.test(c) ? (keep-- > 0 ? c : "X") : c))
          .reverse()
          .join("");
    }
  }
  const misread = maskMisreadNumbers(words);
  return { ...line, text: misread ? words.map((w) => w.text).join(" ") : masked, words };
}

const DIGIT = /\p{Nd}/u;
const digitLike = (c: string) => DIGIT.test(c) || c.toLowerCase() in CONFUSABLE;
/** The word without punctuation OCR attaches at its ends ("0123," ":2345"). */
const core = (text: string) => text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
/** Only digits and the glyphs OCR reads for them, one real digit at least (not "SOIL"). */
const numberish = (w: OcrWord) => {
  const chars = [...core(w.text)];
  return chars.length > 0 && chars.some((c) => DIGIT.test(c)) && chars.every(digitLike);
};

/**
 * An Aadhaar number or VID as OCR misreads it escapes `maskAadhaarInText`, which wants exactly
 * 12 or 16 digits in groups of four: a glyph read as a letter ("2345 6789 O123", "234S 67B9
 * 0123"), a digit dropped or doubled ("2345 6789 012"). So a run of neighbouring words made only
 * of digits and the glyphs OCR reads for them — 11 to 13 characters (17 to 15 for a VID, in 3+
 * words), 8 real digits at least, in groups of four or holding a misread glyph — keeps its last
 * four; every character before them becomes X. Dates, amounts (their "/", ".", ","), phone
 * numbers (10), one plain 11-digit account number, an IMEI (one 15-digit word) and PAN, IFSC or
 * GSTIN (letters OCR does not take for digits) stay as printed. True when it masked anything.
 */
export function maskMisreadNumbers(words: OcrWord[]): boolean {
  let changed = false;
  for (let i = 0; i < words.length; i++) {
    if (!numberish(words[i]!)) continue;
    let end = i;
    while (end + 1 < words.length && numberish(words[end + 1]!)) end++;
    const run = words.slice(i, end + 1);
    i = end;
    const cores = run.map((w) => [...core(w.text)]);
    const chars = cores.flat();
    const digits = chars.filter((c) => DIGIT.test(c)).length;
    const misreadGlyph = digits < chars.length;
    const grouped = run.length > 1 && cores.some((c) => c.length === 4);
    const aadhaarLength = chars.length >= 11 && chars.length <= 13;
    const vidLength = chars.length >= 15 && chars.length <= 17 && run.length >= 3;
    if (digits < 8 || !(aadhaarLength || vidLength) || !(misreadGlyph || grouped)) continue;
    let keep = 4;
    for (let k = run.length - 1; k >= 0; k--) {
      const word = run[k]!;
      word.text = [...word.text]
        .reverse()
        .map((c) => (digitLike(c) ? (keep-- > 0 ? c : "X") : c))
        .reverse()
        .join("");
    }
    changed = true;
  }
  return changed;
}

export class OcrEngine {
  private worker: Promise<Worker> | undefined;
  private stopped = false;

  constructor(
    private readonly languages: string[],
    private readonly dataDir: string,
  ) {}

  private start(): Promise<Worker> {
    // A job still running when the queue stopped must not start a new worker behind it.
    if (this.stopped) return Promise.reject(new Error("the OCR engine was stopped"));
    this.worker ??= (async () => {
      const langPath = languageFolder(this.languages, path.join(this.dataDir, "tessdata"));
      return createWorker(this.languages, 1, {
        langPath,
        corePath: path.dirname(require.resolve("tesseract.js-core/package.json")),
        cacheMethod: "none",
        gzip: true,
      });
    })();
    return this.worker;
  }

  async read(image: PageImage): Promise<OcrPage> {
    const worker = await this.start();
    const result = await worker.recognize(image.png, {}, { blocks: true, text: false });
    const blocks = (result.data.blocks ?? []) as unknown as TBlock[];
    const lines = blocks
      .flatMap((b) => b.paragraphs.flatMap((p) => p.lines))
      .map((l) => maskedLine(image.page, l))
      .filter((l) => l.words.length > 0);
    return { page: image.page, width: image.width, height: image.height, lines };
  }

  /** Ends the tesseract worker (thread); the engine reads nothing after this. */
  async stop(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await (await worker).terminate();
  }
}
