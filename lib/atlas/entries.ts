/**
 * One Bulk extracts page, read entry by entry (pure: no server imports).
 *
 * The envelope is validated by the schema; each `data[]` entry is then read on its own, so one
 * entry Atlas got wrong (no `document_id`, not an object, …) is kept raw with its reason and
 * never blocks the others. An entry is a RESULT only when it carries a document type or an error
 * code and is not marked as still processing; anything else leaves its document waiting.
 */
import type { z } from "zod";
import { withResponseScale } from "./confidence";
import { parseAtlasJson } from "./json";
import { normaliseDocument } from "./normalise";
import { extractEntrySchema, type bulkExtractsResponseSchema } from "./schemas";
import { canonicalStatus, statusMeaning } from "./status-words";
import type { ExtractedDocument, ExtractsPage, UnreadableEntry } from "./types";

/** Status words that mean "not finished yet" beyond the shared table (canonical spelling). */
const PROCESSING_WORDS = new Set(["RECEIVED", "SCHEDULED", "DOWNLOADING", "ENQUEUED", "IN_QUEUE"]);
/** An unknown word that still reads as "not finished" ("OCR_IN_PROGRESS", "EXTRACTION_PENDING"). */
const PROCESSING_PATTERN =
  /(^|_)(IN_?PROGRESS|PROGRESS|PENDING|PROCESSING|QUEUED?|WAITING|RUNNING|EXTRACTING|CLASSIFYING|DOWNLOADING|UPLOADING|STARTED|SCHEDULED)($|_)/;
const FINISHED_PATTERN = /SUCCESS|SUCCEEDED|COMPLETE|DONE|FINISHED|PROCESSED|FAIL|ERROR/;
/** Boolean markers: `processing: true` or `processed: false` means the entry is no result yet. */
const TRUE_MEANS_WAITING = ["processing", "is_processing", "in_progress", "pending", "is_pending"];
const FALSE_MEANS_WAITING = [
  "processed",
  "is_processed",
  "ready",
  "is_ready",
  "completed",
  "is_completed",
  "done",
];
/**
 * Keys that hold an entry's progress (on the entry or in its file_data). Not every `…_status`:
 * a `validation_status` of "PENDING" on a finished result says nothing about extraction.
 */
const STATUS_KEYS = [
  "status",
  "processing_status",
  "document_status",
  "file_status",
  "extraction_status",
  "ocr_status",
  "job_status",
  "upload_status",
  "state",
];

type StatusWord = { canonical: string; meaning: "waiting" | "failed" | "other" };

function readStatusWord(v: unknown): StatusWord | undefined {
  if (typeof v !== "string" || v.trim() === "") return undefined;
  const canonical = canonicalStatus(v);
  const meaning = statusMeaning(v);
  if (meaning === "running" || meaning === "idle" || PROCESSING_WORDS.has(canonical))
    return { canonical, meaning: "waiting" };
  if (meaning === "failed") return { canonical, meaning: "failed" };
  if (meaning === "unknown" && PROCESSING_PATTERN.test(canonical) && !FINISHED_PATTERN.test(canonical))
    return { canonical, meaning: "waiting" };
  return { canonical, meaning: "other" };
}

const nonEmpty = (v: unknown) => typeof v === "string" && v.trim() !== "";

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * What Atlas says about the entry's progress, from every status key on the entry and in its
 * file_data, and from boolean markers: "waiting" wins over everything, then "failed".
 */
function progressOf(entry: Record<string, unknown>): StatusWord | undefined {
  const fileData = isPlainObject(entry.file_data) ? entry.file_data : {};
  const words: StatusWord[] = [];
  for (const record of [entry, fileData])
    for (const key of STATUS_KEYS) {
      const w = readStatusWord(record[key]);
      if (w) words.push(w);
    }
  for (const record of [entry, fileData]) {
    if (
      TRUE_MEANS_WAITING.some((k) => record[k] === true) ||
      FALSE_MEANS_WAITING.some((k) => record[k] === false)
    )
      return { canonical: "PROCESSING", meaning: "waiting" };
  }
  return words.find((w) => w.meaning === "waiting") ?? words.find((w) => w.meaning === "failed") ?? words[0];
}

/** A field object as Atlas writes one: `{value, confidence_score}` (either key is enough). */
const looksLikeField = (v: unknown) => isPlainObject(v) && ("value" in v || "confidence_score" in v);

/** Keys an entry may wrap its results in instead of `file_data`. */
const WRAPPER_KEYS = [
  "fileData",
  "result",
  "results",
  "extraction",
  "extracted_data",
  "extract",
  "data",
  "output",
];
const ENTRY_KEYS = new Set([
  "document_id",
  "file_uuid",
  "batch_id",
  "document_type",
  "error_code",
  "error_message",
]);

/** A JSON text where an object was expected (a double-encoded file_data), read; else as is. */
function decoded(v: unknown): unknown {
  if (typeof v !== "string" || !/^\s*\{/.test(v)) return v;
  try {
    return parseAtlasJson(v);
  } catch {
    return v;
  }
}

/**
 * The entry in the documented shape, whatever shape it came in: `file_data` sent as a JSON
 * string, results wrapped in another key (`result`, `data`, …, itself holding `file_data` or the
 * fields), or the fields sent next to `document_id` with no `file_data` at all. Never invents a
 * result: an entry with none of these stays as it was.
 */
export function documentedShape(entry: unknown): unknown {
  if (!isPlainObject(entry)) return entry;
  const out: Record<string, unknown> = { ...entry };
  if (out.document_id === undefined || out.document_id === null) {
    const alias = out.documentId ?? out.doc_id;
    if (alias !== undefined) out.document_id = alias;
  }
  out.file_data = decoded(out.file_data);
  if (out.file_data === undefined || out.file_data === null) {
    for (const key of WRAPPER_KEYS) {
      const inner = decoded(out[key]);
      if (!isPlainObject(inner)) continue;
      const fileData = decoded(inner.file_data);
      if (isPlainObject(fileData)) {
        out.file_data = fileData;
        break;
      }
      if (Object.values(inner).some(looksLikeField) || "document_type" in inner || "error_code" in inner) {
        out.file_data = inner;
        break;
      }
    }
  }
  if (out.file_data === undefined || out.file_data === null) {
    const fieldsHere = Object.entries(out).filter(([k, v]) => !ENTRY_KEYS.has(k) && looksLikeField(v));
    if (fieldsHere.length > 0) out.file_data = Object.fromEntries(fieldsHere);
  }
  return out;
}

export type EntryReading =
  | { kind: "result"; doc: ExtractedDocument }
  | { kind: "waiting"; documentId: string }
  | { kind: "unreadable"; reason: string };

function describeProblem(entry: unknown, issues: z.core.$ZodIssue[]): string {
  if (!isPlainObject(entry))
    return `the entry is ${Array.isArray(entry) ? "a list" : String(entry === null ? "null" : typeof entry)}, not an object`;
  const first = issues[0];
  if (first?.path[0] === "document_id")
    return entry.document_id === undefined || entry.document_id === null
      ? "no document_id"
      : "document_id is not text or a number";
  return first ? `${first.path.join(".") || "(entry)"}: ${first.message}` : "unknown problem";
}

/** One `data[]` entry: a result, a document still waiting, or an entry that cannot be read. */
export function readEntry(sent: unknown): EntryReading {
  const entry = documentedShape(sent);
  const parsed = extractEntrySchema.safeParse(entry);
  if (!parsed.success) return { kind: "unreadable", reason: describeProblem(entry, parsed.error.issues) };
  const e = parsed.data;
  if (e.document_id.trim() === "") return { kind: "unreadable", reason: "document_id is empty" };
  const raw = entry as Record<string, unknown>;
  const progress = progressOf(raw);
  if (progress?.meaning === "waiting") return { kind: "waiting", documentId: e.document_id };
  const doc = normaliseDocument(e);
  const fd = e.file_data ?? {};
  const typed = nonEmpty(fd.document_type) || nonEmpty(e.document_type);
  if (!doc.errorCode && progress?.meaning === "failed") {
    doc.errorCode = progress.canonical;
    if (!typed) doc.documentType = "UNRECOGNISED";
    return { kind: "result", doc };
  }
  if (!typed && !doc.errorCode) return { kind: "waiting", documentId: e.document_id };
  return { kind: "result", doc };
}

/** How much a result holds: fields beat a bare type or error code. */
const weight = (doc: ExtractedDocument) => (Object.keys(doc.fields).length > 0 ? 2 : 1);

/** Of two results for one document in the same read, the one to keep (the first on a tie). */
export function betterResult(kept: ExtractedDocument, other: ExtractedDocument): ExtractedDocument {
  return weight(other) > weight(kept) ? other : kept;
}

export function normaliseExtractsPage(
  answer: z.infer<typeof bulkExtractsResponseSchema>,
  requestedPage: number,
): ExtractsPage {
  const page = answer.page ?? requestedPage;
  const results = new Map<string, ExtractedDocument>();
  const waiting = new Set<string>();
  const unreadable: UnreadableEntry[] = [];
  answer.data.forEach((entry, index) => {
    const reading = readEntry(entry);
    if (reading.kind === "unreadable") unreadable.push({ index, reason: reading.reason, raw: entry });
    else if (reading.kind === "waiting") waiting.add(reading.documentId);
    else {
      const kept = results.get(reading.doc.documentId);
      results.set(reading.doc.documentId, kept ? betterResult(kept, reading.doc) : reading.doc);
    }
  });
  for (const id of results.keys()) waiting.delete(id);
  const endKnown = answer.has_next !== undefined || answer.total_pages !== undefined;
  const hasNext = answer.has_next ?? (answer.total_pages !== undefined ? page < answer.total_pages : false);
  return {
    data: withResponseScale([...results.values()]),
    waiting: [...waiting],
    unreadable,
    entryCount: answer.data.length,
    page,
    perPage: answer.per_page ?? answer.data.length,
    totalPages: answer.total_pages,
    totalItems: answer.total_items,
    hasNext,
    endKnown,
    hasPrev: answer.has_prev ?? page > 1,
  };
}
