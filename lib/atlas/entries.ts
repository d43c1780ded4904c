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
import { normaliseDocument } from "./normalise";
import { extractEntrySchema, type bulkExtractsResponseSchema } from "./schemas";
import type { ExtractedDocument, ExtractsPage, UnreadableEntry } from "./types";

/** Status words that mean "not finished yet", compared case-insensitively (spaces/hyphens = "_"). */
const PROCESSING_WORDS = new Set([
  "processing",
  "pending",
  "queued",
  "in_progress",
  "inprogress",
  "running",
  "started",
  "not_started",
  "submitted",
  "received",
  "uploaded",
  "accepted",
  "waiting",
  "scheduled",
  "downloading",
  "created",
  "new",
]);
/** Status words that mean "finished without a result"; used only when there is no error code. */
const FAILED_WORDS = new Set(["failed", "failure", "error", "errored", "rejected"]);

const word = (v: unknown) =>
  typeof v === "string"
    ? v
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, "_")
    : undefined;

const nonEmpty = (v: unknown) => typeof v === "string" && v.trim() !== "";

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** The status Atlas put on the entry or inside its file_data, if any. */
function statusOf(entry: Record<string, unknown>): string | undefined {
  const fileData = isPlainObject(entry.file_data) ? entry.file_data : {};
  for (const v of [
    entry.status,
    entry.processing_status,
    entry.document_status,
    fileData.status,
    fileData.processing_status,
  ]) {
    const w = word(v);
    if (w) return w;
  }
  return undefined;
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
export function readEntry(entry: unknown): EntryReading {
  const parsed = extractEntrySchema.safeParse(entry);
  if (!parsed.success) return { kind: "unreadable", reason: describeProblem(entry, parsed.error.issues) };
  const e = parsed.data;
  if (e.document_id.trim() === "") return { kind: "unreadable", reason: "document_id is empty" };
  const raw = entry as Record<string, unknown>;
  const status = statusOf(raw);
  if (status && PROCESSING_WORDS.has(status)) return { kind: "waiting", documentId: e.document_id };
  const doc = normaliseDocument(e);
  const fd = e.file_data ?? {};
  const typed = nonEmpty(fd.document_type) || nonEmpty(e.document_type);
  if (!doc.errorCode && status && FAILED_WORDS.has(status)) {
    doc.errorCode = status.toUpperCase();
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
