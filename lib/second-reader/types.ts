/**
 * What the second reader (our own OCR of the scan) stores and what the workspace gets per field.
 * Client-safe: no server imports. Boxes are in image pixels of the page as OCR saw it.
 */
export type Box = { page: number; x: number; y: number; w: number; h: number };

export type OcrWord = { text: string; conf: number } & Box;

/** A line of the page: its words (in reading order) and its box. Text is stored Aadhaar-masked. */
export type OcrLine = { text: string; conf: number; words: OcrWord[] } & Box;

/** One page as OCR read it: size in pixels and lines. */
export type OcrPage = { page: number; width: number; height: number; lines: OcrLine[] };

/**
 * found: the value is printed on the page (boxes say where); disagrees: the page prints something
 * else where the value should be (`reading`); not_found: nothing like it on the page;
 * not_matched: a value we do not look for (tables, objects, empty).
 */
export const EVIDENCE_STATUSES = ["found", "disagrees", "not_found", "not_matched"] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

export type FieldEvidence = {
  status: EvidenceStatus;
  /** 0–1: how closely the best candidate on the page matches the value (1: the same after normalising). */
  score: number;
  boxes: Box[];
  /** The page's text at the best candidate (masked), when it is not the value itself. */
  reading: string | null;
  /** Mean OCR confidence (0–100) of the words read there. */
  readingConfidence: number | null;
  /** The second reader sends this field to review ("page reads …"). */
  flagged: boolean;
};

/**
 * One batch's OCR progress (documents): read, could not be read, still to read; of those read,
 * how many are being matched again with new thresholds; and how many have a flagged field.
 */
export type SecondReaderProgress = {
  done: number;
  failed: number;
  queued: number;
  rechecking: number;
  flaggedDocuments: number;
};
