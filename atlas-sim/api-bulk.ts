import { parseUpload, rejectToken, rejectTooManyFiles, type SimContext } from "./context";
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
  const batch = ctx.store.createBatch({
    family,
    productType: String((body as Record<string, unknown>).product_type),
    files: parsed.files,
    holdCount,
  });
  return json(
    201,
    batch.documents.map((d) => ({ batch_id: d.batchId, document_id: d.documentId, file_uuid: d.fileUuid })),
  );
}

function positiveInt(raw: string | null, fallback: number): number {
  const n = Number.parseInt(raw ?? "", 10);
  return Number.isFinite(n) && n >= 1 ? n : fallback;
}

/** GET /v1/bulk/extracts (and /v1/docstream/extracts). */
export function handleBulkExtracts(ctx: SimContext, request: Request, family: SimFamily, endpoint: string) {
  const rejected = rejectToken(ctx, request, family, endpoint);
  if (rejected) return rejected;
  const params = new URL(request.url).searchParams;
  const batch = ctx.store.batches.get(params.get("batch_id") ?? "");
  if (!batch || batch.family !== family) return error(400, "Missing or invalid batch_id");

  const now = ctx.now();
  const page = positiveInt(params.get("page"), 1);
  const perPage = Math.min(MAX_PER_PAGE, positiveInt(params.get("per_page"), MAX_PER_PAGE));
  // Stable order (completion time, then upload order) so that paging works while results arrive.
  const visible = batch.documents
    .filter((d) => isVisible(d, now))
    .sort((a, b) => completedAt(a) - completedAt(b) || a.serial - b.serial);
  const totalPages = Math.ceil(visible.length / perPage);
  const data = visible.slice((page - 1) * perPage, page * perPage).map(documentEntry);
  const hasNext = page < totalPages;

  // hold_documents: what was held back appears for the next read, possibly on a page already read.
  for (const doc of batch.documents) if (doc.held && now >= doc.readyAt) release(doc, now);

  return json(200, {
    data,
    page,
    per_page: data.length,
    total_pages: totalPages,
    total_items: visible.length,
    has_next: ctx.faults.take("lie_has_next") ? !hasNext : hasNext,
    has_prev: page > 1,
  });
}
