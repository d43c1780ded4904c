/**
 * The shapes a bulk extracts page may take besides the plain one (atlas-api.md 2.6 and the
 * contract-tolerance profiles): documents still processing in rotating forms, odd result
 * entries, duplicates, unreadable entries, confidence scores in other formats, and bodies as
 * Python's json module writes them (NaN, -Infinity).
 */
import type { ConfidenceFormat, UnreadableVariant } from "./faults";
import { documentEntry, type SimDocument } from "./store";

type Entry = Record<string, unknown>;

/** How a document still processing is listed (the forms rotate by upload order). */
export function processingEntry(doc: SimDocument): Entry {
  const ids = { document_id: doc.documentId, file_uuid: doc.fileUuid, batch_id: doc.batchId };
  switch (doc.serial % 4) {
    case 0:
      return { ...ids, file_data: null };
    case 1:
      return { ...ids, file_data: {} };
    case 2:
      return { ...ids, status: "PROCESSING", file_data: null };
    default:
      return { ...ids, status: "queued" };
  }
}

/** A result in one of the shapes the docs do not rule out (odd_entry_shapes), by serial. */
export function oddResultEntry(doc: SimDocument): Entry {
  const entry = documentEntry(doc);
  const { file_data: fileData, ...ids } = entry as { file_data: Record<string, unknown> } & Entry;
  switch (doc.serial % 5) {
    case 0:
      return { ...ids, ...fileData };
    case 1:
      return { ...ids, result: { file_data: fileData } };
    case 2:
      return { ...ids, data: fileData };
    case 3:
      return { ...ids, file_data: JSON.stringify(fileData) };
    default:
      return {
        ...ids,
        status: "Completed",
        file_data:
          typeof fileData.error_code === "string" ? { ...fileData, error_code: 4000 + doc.serial } : fileData,
      };
  }
}

/** A document still processing, already classified, marked by another word or flag (odd_entry_shapes). */
export function oddProcessingEntry(doc: SimDocument): Entry {
  const ids = { document_id: doc.documentId, file_uuid: doc.fileUuid, batch_id: doc.batchId };
  const typed = { document_type: doc.generated.documentType };
  switch (doc.serial % 5) {
    case 0:
      return { ...ids, file_data: typed, status: "OCR_IN_PROGRESS" };
    case 1:
      return { ...ids, file_data: typed, extraction_status: "Pending" };
    case 2:
      return { ...ids, file_data: typed, processing: true };
    case 3:
      return { ...ids, file_data: { ...typed, state: "In Queue" } };
    default:
      return { ...ids, ...typed, processed: false };
  }
}

/** Every result also appears as an empty entry for the same document, before or after it. */
export function withDuplicates(data: Entry[]): Entry[] {
  return data.flatMap((entry, i) => {
    if (!entry.file_data || typeof entry.file_data !== "object") return [entry];
    const empty = { document_id: entry.document_id, batch_id: entry.batch_id, file_data: i % 2 ? null : {} };
    return i % 2 ? [entry, empty] : [empty, entry];
  });
}

/** One more entry that cannot be read, in the middle of the page. */
export function withUnreadable(data: Entry[], variant: UnreadableVariant, batchId: string): unknown[] {
  const example = data.find((e) => e.file_data && typeof e.file_data === "object");
  const fileData = example?.file_data ?? { document_type: "PAN" };
  const bad: unknown =
    variant === "not_an_object"
      ? "ERROR: document could not be serialised"
      : variant === "bad_file_data"
        ? { document_id: `unknown-${batchId}`, batch_id: batchId, file_data: "<unavailable>" }
        : variant === "empty_document_id"
          ? { document_id: "", batch_id: batchId, file_data: fileData }
          : { batch_id: batchId, file_uuid: null, file_data: fileData };
  const at = Math.floor(data.length / 2);
  return [...data.slice(0, at), bad, ...data.slice(at)];
}

const SCORE_FORMATS: Exclude<ConfidenceFormat, "mixed">[] = [
  "string",
  "leading_dot",
  "percent",
  "comma",
  "hundred",
  "missing",
];
let mixedTurn = 0;

/** One form per answer: "mixed" takes the next form in turn. */
export function formatFor(format: ConfidenceFormat): Exclude<ConfidenceFormat, "mixed"> {
  return format === "mixed" ? SCORE_FORMATS[mixedTurn++ % SCORE_FORMATS.length]! : format;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** The same scores in another form; the values themselves are never touched. */
export function rewriteScores(entry: Entry, format: Exclude<ConfidenceFormat, "mixed">): Entry {
  const fileData = entry.file_data;
  if (!fileData || typeof fileData !== "object") return entry;
  let n = 0;
  const out: Entry = {};
  for (const [key, field] of Object.entries(fileData as Entry)) {
    if (
      !field ||
      typeof field !== "object" ||
      Array.isArray(field) ||
      typeof (field as Entry).confidence_score !== "number"
    ) {
      out[key] = field;
      continue;
    }
    const { confidence_score, ...rest } = field as Entry & { confidence_score: number };
    const i = n++;
    const score = confidence_score;
    switch (format) {
      case "string":
        out[key] = { ...rest, confidence_score: String(score) };
        break;
      case "leading_dot":
        out[key] = { ...rest, confidence_score: String(score).replace(/^0\./, ".") };
        break;
      case "percent":
        out[key] = { ...rest, confidence_score: `${round(score * 100)}%` };
        break;
      case "comma":
        out[key] = { ...rest, confidence_score: String(score).replace(".", ",") };
        break;
      case "hundred":
        out[key] = { ...rest, confidence_score: round(score * 100) };
        break;
      case "missing":
        out[key] = i % 2 === 0 ? rest : { ...rest, confidence_score: score };
        break;
      case "out_of_range":
        out[key] = { ...rest, confidence_score: i === 0 ? 1.25 : i === 1 ? -0.2 : score };
        break;
    }
  }
  return { ...entry, file_data: out };
}

const NAN = "__SIM_NAN__";
const INFINITY = "__SIM_INFINITY__";

/**
 * The body as Python's json module writes it by default: every third score NaN, one per page
 * -Infinity, and `total_pages` NaN when it is sent (has_next still tells the truth).
 */
export function pythonJson(envelope: Record<string, unknown>): Response {
  let n = 0;
  const data = (envelope.data as unknown[]).map((entry) => {
    const e = entry as Entry;
    if (!e || typeof e !== "object" || !e.file_data || typeof e.file_data !== "object") return entry;
    const fileData: Entry = {};
    for (const [key, field] of Object.entries(e.file_data as Entry)) {
      const isScored =
        field && typeof field === "object" && !Array.isArray(field) && "confidence_score" in field;
      if (!isScored) {
        fileData[key] = field;
        continue;
      }
      const i = n++;
      fileData[key] =
        i % 3 === 0 ? { ...(field as Entry), confidence_score: i === 0 ? INFINITY : NAN } : field;
    }
    return { ...e, file_data: fileData };
  });
  const body = { ...envelope, data, ...("total_pages" in envelope ? { total_pages: NAN } : {}) };
  const text = JSON.stringify(body).replaceAll(`"${NAN}"`, "NaN").replaceAll(`"${INFINITY}"`, "-Infinity");
  return new Response(text, {
    status: 200,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}
