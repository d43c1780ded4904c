import "server-only";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readlinkSync, renameSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createWorker, type Worker } from "tesseract.js";
import { maskOcrLine } from "./mask-line";
import { syncIdle } from "./sync-gate";
import type { PageImage } from "./rasterise";
import type { OcrLine, OcrPage } from "./types";

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
    // Not while an Atlas sync pass runs in this process (sync-gate.ts): the sync keeps its pace.
    await syncIdle();
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
