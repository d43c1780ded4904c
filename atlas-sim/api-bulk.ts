import {
  formatFor,
  oddProcessingEntry,
  oddResultEntry,
  processingEntry,
  pythonJson,
  rewriteScores,
  withDuplicates,
  withUnreadable,
} from "./bulk-shapes";
import { publicBaseUrl } from "./files";
import { parseUpload, rejectToken, rejectTooManyFiles, type SimContext } from "./context";
import type { LostAnswer, SimFault } from "./faults";
import { error, json, readJsonBody } from "./responses";
import { completedAt, documentEntry, isVisible, release } from "./store";
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
  ctx.startDownloads(documents);
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
