/**
 * The second reader's settings, as part of the one environment schema (lib/env.ts spreads
 * them in; it stays the only reader of process.env). Documented in the README.
 */
import { z } from "zod";
import { blankToUndefined, int as wholeNumber } from "../env-shapes";

const int = (min: number, max: number, fallback: number) =>
  z.preprocess(blankToUndefined, wholeNumber(min, max).default(fallback));

export const SECOND_READER_SETTINGS = {
  /** on: every extracted document's scan is OCR'd in the background; off: nothing is started. */
  SECOND_READER: z.preprocess(
    blankToUndefined,
    z.enum(["on", "off"], { message: 'must be "on" or "off"' }).default("on"),
  ),
  /** OCR jobs this instance runs at once (each keeps one core busy while it reads). */
  SECOND_READER_CONCURRENCY: int(1, 8, 1),
  /** Tesseract languages, comma-separated, each from an installed @tesseract.js-data/<code> package. */
  SECOND_READER_LANGUAGES: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default("eng")
      .transform((s) =>
        s
          .split(/[,+]/)
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .refine((l) => l.length > 0 && l.every((x) => /^[a-z][a-z_]{1,15}$/.test(x)), {
        message: "must be tesseract language codes separated by commas, such as eng,fra",
      }),
  ),
  /** Pages of a PDF read at most. */
  SECOND_READER_MAX_PAGES: int(1, 50, 5),
  /** Names and other text: similarity (percent) from which a value counts as printed on the page. */
  SECOND_READER_FOUND_PERCENT: int(50, 100, 90),
  /** Similarity (percent) from which a different reading counts as where the value should be. */
  SECOND_READER_NEAR_PERCENT: int(10, 100, 60),
  /** OCR confidence (0–100) a reading needs before it can send a field to review. */
  SECOND_READER_MIN_OCR_CONFIDENCE: int(0, 100, 50),
  /** true: a value not found on a page read confidently is sent to review ("not found on the page"). */
  SECOND_READER_FLAG_MISSING: z.preprocess(
    blankToUndefined,
    z
      .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
      .default("true")
      .transform((v) => v === "true" || v === "1" || v === "yes"),
  ),
};
