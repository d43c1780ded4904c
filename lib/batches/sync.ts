import "server-only";
import { and, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import type { AtlasClient } from "@/lib/atlas/client";
import type { ExtractedDocument, ExtractsPage } from "@/lib/atlas/types";
import type { Db } from "@/lib/db";
import { atlasUploads, batches, documents, fields } from "@/lib/db/schema";
import { extractFieldRows, summarise, type FieldRow } from "@/lib/documents/extract";
import type { ThresholdSet } from "@/lib/documents/thresholds";
import { refreshBatchCounts } from "./counts";
import { mapWithLimit } from "./pool";

/**
 * The sync engine: pulls `GET /v1/bulk/extracts` for a batch's Atlas uploads and stores each
 * result exactly once.
 *
 * Per Atlas batch id: page 1 first; when its `total_items` equals what we stored last time,
 * that upload costs one request. Otherwise the remaining pages are read concurrently (bounded),
 * and, because `has_next` may lie and documents may appear between page reads, reading goes on
 * past the announced last page until a page comes back empty. Results are written only to
 * documents still waiting for one (status "submitted"), so a repeated page, a repeated sync or
 * a second instance changes nothing and never touches a reviewer's work. `last_total_items` is
 * recorded only once every result it announced is stored, so a partial read is completed on the
 * next poll.
 */
export const PER_PAGE = 50;
const MAX_EXTRA_PAGES = 20;
const UPDATE_SLICE = 200;
const FIELD_SLICE = 1000;

export type SyncOptions = {
  concurrency: number;
  thresholds: ThresholdSet;
  stallAfterMs?: number;
  now?: () => Date;
};
export type SyncReport = { requests: number; stored: number; uploadsChecked: number };

type OpenUpload = { id: string; atlasBatchId: string; lastTotalItems: number | null };

export async function syncBatch(
  db: Db,
  atlas: AtlasClient,
  batchId: string,
  options: SyncOptions,
): Promise<SyncReport> {
  const report: SyncReport = { requests: 0, stored: 0, uploadsChecked: 0 };
  const uploads = await openUploads(db, batchId);
  report.uploadsChecked = uploads.length;

  // Page 1 of every open upload, bounded concurrency across uploads.
  const firsts = await mapWithLimit(uploads, options.concurrency, async (upload) => {
    report.requests++;
    return {
      upload,
      page: await atlas.bulk.extracts({ batchId: upload.atlasBatchId, page: 1, perPage: PER_PAGE }),
    };
  });
  const changed = firsts.filter(
    ({ upload, page }) => page.totalItems === undefined || page.totalItems !== upload.lastTotalItems,
  );

  // Remaining pages of the uploads that changed, again bounded across all of them.
  const more = changed.flatMap(({ upload, page }) =>
    range(2, announcedPages(page)).map((n) => ({ upload, n })),
  );
  const pages = await mapWithLimit(more, options.concurrency, async ({ upload, n }) => {
    report.requests++;
    return {
      upload,
      page: await atlas.bulk.extracts({ batchId: upload.atlasBatchId, page: n, perPage: PER_PAGE }),
    };
  });

  // Past the announced end: new documents may have pushed results onto a later page. Every
  // upload that needs it reads its next page in the same bounded round, until none does.
  const own = new Map(
    changed.map(({ upload, page }) => [
      upload.id,
      [page, ...pages.filter((p) => p.upload.id === upload.id).map((p) => p.page)],
    ]),
  );
  const lastOf = (upload: OpenUpload) => own.get(upload.id)!.at(-1)!;
  // Read on when Atlas says there is more, or when its own count on this page says more results
  // exist than the pages up to here hold (they arrived between reads). Without a count, a full
  // page is the only hint.
  const readsOn = (page: ExtractsPage) =>
    page.hasNext ||
    (page.totalItems !== undefined ? page.totalItems > page.page * PER_PAGE : page.data.length === PER_PAGE);
  let reading = changed.map(({ upload }) => upload).filter((upload) => readsOn(lastOf(upload)));
  for (let extra = 0; reading.length > 0 && extra < MAX_EXTRA_PAGES; extra++) {
    const next = await mapWithLimit(reading, options.concurrency, async (upload) => {
      report.requests++;
      const page = await atlas.bulk.extracts({
        batchId: upload.atlasBatchId,
        page: lastOf(upload).page + 1,
        perPage: PER_PAGE,
      });
      own.get(upload.id)!.push(page);
      return { upload, page };
    });
    reading = next.filter(({ page }) => page.data.length > 0 && readsOn(page)).map(({ upload }) => upload);
  }

  for (const { upload } of changed) {
    const read = own.get(upload.id)!;
    const seen = new Map<string, ExtractedDocument>();
    for (const page of read)
      for (const doc of page.data) if (!seen.has(doc.documentId)) seen.set(doc.documentId, doc);
    report.stored += await storeResults(db, upload, [...seen.values()], options);
    const newestTotal = Math.max(...read.map((p) => p.totalItems ?? 0));
    await recordTotalIfComplete(db, upload, newestTotal);
  }

  if (report.stored > 0) {
    await db
      .update(batches)
      .set({ lastProgressAt: options.now?.() ?? new Date() })
      .where(eq(batches.id, batchId));
  }
  await db
    .update(batches)
    .set({ lastSyncedAt: options.now?.() ?? new Date(), lastSyncError: null })
    .where(eq(batches.id, batchId));
  await refreshBatchCounts(db, batchId, { stallAfterMs: options.stallAfterMs, now: options.now?.() });
  return report;
}

function announcedPages(page: ExtractsPage): number {
  if (page.totalPages !== undefined) return page.totalPages;
  if (page.totalItems !== undefined) return Math.ceil(page.totalItems / PER_PAGE);
  return 1;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n++) out.push(n);
  return out;
}

/** Submitted uploads with at least one document still waiting for its result. */
async function openUploads(db: Db, batchId: string): Promise<OpenUpload[]> {
  const waiting = db
    .selectDistinct({ id: documents.uploadId })
    .from(documents)
    .where(
      and(eq(documents.batchId, batchId), eq(documents.status, "submitted"), isNotNull(documents.uploadId)),
    );
  const rows = await db
    .select({
      id: atlasUploads.id,
      atlasBatchId: atlasUploads.atlasBatchId,
      lastTotalItems: atlasUploads.lastTotalItems,
    })
    .from(atlasUploads)
    .where(
      and(
        eq(atlasUploads.batchId, batchId),
        eq(atlasUploads.status, "submitted"),
        inArray(atlasUploads.id, waiting),
      ),
    )
    .orderBy(atlasUploads.chunkIndex);
  return rows.filter((r): r is OpenUpload => r.atlasBatchId !== null);
}

/** Stores results into the upload's documents still waiting for one; returns how many. (Exported for scripts/bench-sync.ts.) */
export async function storeResults(
  db: Db,
  upload: Pick<OpenUpload, "atlasBatchId">,
  results: ExtractedDocument[],
  options: Pick<SyncOptions, "thresholds" | "now">,
): Promise<number> {
  if (results.length === 0) return 0;
  const today = options.now?.() ?? new Date();
  return db.transaction(async (tx) => {
    const waiting = await tx
      .select({ id: documents.id, documentId: documents.documentId })
      .from(documents)
      .where(
        and(
          eq(documents.atlasBatchId, upload.atlasBatchId),
          eq(documents.status, "submitted"),
          inArray(
            documents.documentId,
            results.map((r) => r.documentId),
          ),
        ),
      )
      .for("update");
    const byDocumentId = new Map(results.map((r) => [r.documentId, r]));
    const values: SQL[] = [];
    const fieldRows: Array<FieldRow & { documentId: string }> = [];
    for (const doc of waiting) {
      const result = byDocumentId.get(doc.documentId)!;
      const failed = !!result.errorCode;
      const rows = failed ? [] : extractFieldRows(result, today);
      const summary = summarise(rows, result.documentType, options.thresholds);
      const fileData = (result.raw as { file_data?: unknown })?.file_data ?? result.raw;
      values.push(
        sql`(${doc.id}::uuid, ${failed ? "failed" : "extracted"}::document_status, ${result.documentType}::text, ${result.errorCode ?? null}::text, ${result.errorMessage ?? null}::text, ${fileData == null ? null : JSON.stringify(fileData)}::jsonb, ${result.fileUuid ?? null}::text, ${summary.fieldCount}::int, ${summary.minConfidence}::real, ${summary.needsReviewCount}::int)`,
      );
      fieldRows.push(...rows.map((row) => ({ documentId: doc.id, ...row })));
    }
    // One UPDATE … FROM (VALUES …) and one INSERT per slice, not two statements per document:
    // those round trips were most of a large sync's time, and the lease (service.ts) assumes a
    // 10,000-document sync fits in a minute.
    const at = today.toISOString();
    for (const slice of slices(values, UPDATE_SLICE)) {
      await tx.execute(sql`
        update ${documents} set
          status = v.status,
          document_type = v.document_type,
          error_code = v.error_code,
          error_message = v.error_message,
          file_data = v.file_data,
          file_uuid = coalesce(${documents.fileUuid}, v.file_uuid),
          extracted_at = ${at}::timestamptz,
          field_count = v.field_count,
          min_confidence = v.min_confidence,
          needs_review_count = v.needs_review_count,
          updated_at = ${at}::timestamptz
        from (values ${sql.join(slice, sql`, `)})
          as v(id, status, document_type, error_code, error_message, file_data, file_uuid, field_count, min_confidence, needs_review_count)
        where ${documents.id} = v.id and ${documents.status} = 'submitted'`);
    }
    for (const slice of slices(fieldRows, FIELD_SLICE)) {
      await tx
        .insert(fields)
        .values(slice)
        .onConflictDoNothing({ target: [fields.documentId, fields.path] });
    }
    return waiting.length;
  });
}

function slices<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function recordTotalIfComplete(db: Db, upload: OpenUpload, total: number) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(documents)
    .where(and(eq(documents.uploadId, upload.id), inArray(documents.status, ["extracted", "failed"])));
  if ((row?.n ?? 0) >= total) {
    await db.update(atlasUploads).set({ lastTotalItems: total }).where(eq(atlasUploads.id, upload.id));
  }
}
