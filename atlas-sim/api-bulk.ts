import { publicBaseUrl } from "./files";
import { parseUpload, rejectToken, rejectTooManyFiles, type SimContext } from "./context";
import type { ConfidenceFormat, LostAnswer, SimFault, UnreadableVariant } from "./faults";
import { error, json, readJsonBody } from "./responses";
import { completedAt, documentEntry, isVisible, release, type SimDocument } from "./store";
import type { SimFamily } from "./tokens";

const MAX_PER_PAGE = 50;

/** POST /v1/bulk/multiupload (and /v1/docstream/multiupload). */
export async function handleBulkUpload(
  ctx: SimContext,
  request: Request,
  family: SimFamily,
  endpoint: string,
) {
  const rejected = rejectToken(ctx, request, family, endpoint);
  if (rejected) return rejected;
  const body = await readJsonBody(request);
  const parsed = parseUpload(body, ["product_type"]);
  if (!parsed.ok) return parsed.response;
  const tooMany = rejectTooManyFiles(ctx, parsed.files);
  if (tooMany) return tooMany;

  const holdCount = Math.min(parsed.files.length, ctx.faults.remaining("hold_documents"));
  for (let i = 0; i < holdCount; i++) ctx.faults.take("hold_documents");
  const productType = String((body as Record<string, unknown>).product_type);
  // split_batch: the first half of the files in one Atlas batch, the rest in another.
  const split =
    parsed.files.length >= 2 && ctx.faults.take("split_batch") ? Math.ceil(parsed.files.length / 2) : 0;
  const parts = split ? [parsed.files.slice(0, split), parsed.files.slice(split)] : [parsed.files];
  const documents = parts.flatMap((files, i) => {
    const held = i === parts.length - 1 ? holdCount : 0;
    return ctx.store.createBatch({
      family,
      productType,
      files,
      holdCount: Math.min(held, files.length),
      baseUrl: publicBaseUrl(ctx, request),
    }).documents;
  });
  const lost = ctx.faults.take("lost_upload_answer");
  if (lost) return lostAnswer(lost.answer ?? "502_html");
  return json(
    201,
    documents.map((d) => ({ batch_id: d.batchId, document_id: d.documentId, file_uuid: d.fileUuid })),
  );
}

/** The upload was processed, but this is what reaches the client. */
function lostAnswer(answer: LostAnswer): Response {
  const html = (status: number, title: string) =>
    new Response(
      `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
      { status, headers: { "content-type": "text/html" } },
    );
  switch (answer) {
    case "502_html":
      return html(502, "Bad Gateway");
    case "504":
      return html(504, "Gateway Time-out");
    case "500":
      return json(500, { error: "Internal Server Error" });
    case "408_html":
      // A proxy that gave up waiting for the upstream answer after forwarding the request.
      return html(408, "Request Time-out");
    case "499":
      // nginx's "client closed request", seen when a proxy in between dropped its side.
      return new Response("", { status: 499 });
    case "unreadable_2xx":
      return new Response('[{"batch_id": "BATCH-', {
        status: 201,
        headers: { "content-type": "application/json" },
      });
    case "empty_2xx":
      return new Response("", { status: 200, headers: { "content-type": "application/json" } });
  }
}

function positiveInt(raw: string | null, fallback: number): number {
  const n = Number.parseInt(raw ?? "", 10);
  return Number.isFinite(n) && n >= 1 ? n : fallback;
}

type Entry = Record<string, unknown>;
type Take<K extends SimFault["kind"]> = Extract<SimFault, { kind: K }> | undefined;

/** GET /v1/bulk/extracts (and /v1/docstream/extracts). */
export function handleBulkExtracts(ctx: SimContext, request: Request, family: SimFamily, endpoint: string) {
  const rejected = rejectToken(ctx, request, family, endpoint);
  if (rejected) return rejected;
  const params = new URL(request.url).searchParams;
  const batch = ctx.store.batches.get(params.get("batch_id") ?? "");
  if (!batch || batch.family !== family) return error(400, "Missing or invalid batch_id");

  const short: Take<"short_pages"> = ctx.faults.take("short_pages");
  const pending: Take<"pending_entries"> = ctx.faults.take("pending_entries");
  const duplicates: Take<"duplicate_entries"> = ctx.faults.take("duplicate_entries");
  const unreadable: Take<"unreadable_entry"> = ctx.faults.take("unreadable_entry");
  const confidence: Take<"confidence_format"> = ctx.faults.take("confidence_format");
  const nan: Take<"nan_tokens"> = ctx.faults.take("nan_tokens");
  const odd: Take<"odd_entry_shapes"> = ctx.faults.take("odd_entry_shapes");

  const now = ctx.now();
  const page = positiveInt(params.get("page"), 1);
  const asked = Math.min(MAX_PER_PAGE, positiveInt(params.get("per_page"), MAX_PER_PAGE));
  const perPage = short ? (short.pageSize ?? 20) : asked;
  // Stable order (completion time, then upload order) so that paging works while results arrive;
  // with pending_entries, documents still processing follow the results, in upload order.
  const visible = batch.documents
    .filter((d) => isVisible(d, now))
    .sort((a, b) => completedAt(a) - completedAt(b) || a.serial - b.serial);
  const processing =
    pending || odd
      ? batch.documents.filter((d) => !d.held && !isVisible(d, now)).sort((a, b) => a.serial - b.serial)
      : [];
  const listed = [...visible, ...processing];
  const totalPages = Math.ceil(listed.length / perPage);
  let data: unknown[] = listed
    .slice((page - 1) * perPage, page * perPage)
    .map((d) =>
      isVisible(d, now)
        ? odd
          ? oddResultEntry(d)
          : documentEntry(d)
        : odd
          ? oddProcessingEntry(d)
          : processingEntry(d),
    );
  const hasNext = page < totalPages;

  // hold_documents: what was held back appears for the next read, possibly on a page already read.
  for (const doc of batch.documents) if (doc.held && now >= doc.readyAt) release(doc, now);

  if (confidence) {
    const format = formatFor(confidence.format ?? "mixed");
    data = data.map((e) => rewriteScores(e as Entry, format));
  }
  if (duplicates) data = withDuplicates(data as Entry[]);
  if (unreadable)
    data = withUnreadable(data as Entry[], unreadable.variant ?? "no_document_id", batch.batchId);

  const envelope: Record<string, unknown> = {
    data,
    page,
    per_page: data.length,
    total_pages: totalPages,
    total_items: listed.length,
    has_next: ctx.faults.take("lie_has_next") ? !hasNext : hasNext,
    has_prev: page > 1,
  };
  if (short) {
    if (short.hasNext === "false") envelope.has_next = false;
    else if (short.hasNext === "true") envelope.has_next = true;
    else delete envelope.has_next;
    delete envelope.total_pages;
    if (short.totalItems === "documents") envelope.total_items = batch.documents.length;
    else if (short.totalItems === "results") envelope.total_items = visible.length;
    else delete envelope.total_items;
  }
  return nan ? pythonJson(envelope) : json(200, envelope);
}

/** How a document still processing is listed (the forms rotate by upload order). */
function processingEntry(doc: SimDocument): Entry {
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
function oddResultEntry(doc: SimDocument): Entry {
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
function oddProcessingEntry(doc: SimDocument): Entry {
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
function withDuplicates(data: Entry[]): Entry[] {
  return data.flatMap((entry, i) => {
    if (!entry.file_data || typeof entry.file_data !== "object") return [entry];
    const empty = { document_id: entry.document_id, batch_id: entry.batch_id, file_data: i % 2 ? null : {} };
    return i % 2 ? [entry, empty] : [empty, entry];
  });
}

/** One more entry that cannot be read, in the middle of the page. */
function withUnreadable(data: Entry[], variant: UnreadableVariant, batchId: string): unknown[] {
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
function formatFor(format: ConfidenceFormat): Exclude<ConfidenceFormat, "mixed"> {
  return format === "mixed" ? SCORE_FORMATS[mixedTurn++ % SCORE_FORMATS.length]! : format;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** The same scores in another form; the values themselves are never touched. */
function rewriteScores(entry: Entry, format: Exclude<ConfidenceFormat, "mixed">): Entry {
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
function pythonJson(envelope: Record<string, unknown>): Response {
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
