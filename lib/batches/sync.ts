import "server-only";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { AtlasClient } from "@/lib/atlas/client";
import type { ExtractedDocument, ExtractsPage } from "@/lib/atlas/types";
import type { Db } from "@/lib/db";
import { atlasUploads, batches, documents, fields } from "@/lib/db/schema";
import { extractFieldRows, summarise } from "@/lib/documents/extract";
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

  for (const { upload, page: first } of changed) {
    const own = [first, ...pages.filter((p) => p.upload.id === upload.id).map((p) => p.page)];
    let last = own[own.length - 1]!;
    // Past the announced end: new documents may have pushed results onto a later page.
    for (let extra = 0; (last.hasNext || last.data.length === PER_PAGE) && extra < MAX_EXTRA_PAGES; extra++) {
      report.requests++;
      last = await atlas.bulk.extracts({
        batchId: upload.atlasBatchId,
        page: last.page + 1,
        perPage: PER_PAGE,
      });
      own.push(last);
      if (last.data.length === 0) break;
    }
    const seen = new Map<string, ExtractedDocument>();
    for (const page of own)
      for (const doc of page.data) if (!seen.has(doc.documentId)) seen.set(doc.documentId, doc);
    report.stored += await storeResults(db, upload, [...seen.values()], options);
    const newestTotal = Math.max(...own.map((p) => p.totalItems ?? 0));
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

async function storeResults(
  db: Db,
  upload: OpenUpload,
  results: ExtractedDocument[],
  options: SyncOptions,
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
    let stored = 0;
    for (const doc of waiting) {
      const result = byDocumentId.get(doc.documentId)!;
      const failed = !!result.errorCode;
      const rows = failed ? [] : extractFieldRows(result, today);
      const summary = summarise(rows, result.documentType, options.thresholds);
      await tx
        .update(documents)
        .set({
          status: failed ? "failed" : "extracted",
          documentType: result.documentType,
          errorCode: result.errorCode ?? null,
          errorMessage: result.errorMessage ?? null,
          fileData: (result.raw as { file_data?: unknown })?.file_data ?? result.raw,
          fileUuid: sql`coalesce(${documents.fileUuid}, ${result.fileUuid ?? null})`,
          extractedAt: today,
          fieldCount: summary.fieldCount,
          minConfidence: summary.minConfidence,
          needsReviewCount: summary.needsReviewCount,
          updatedAt: today,
        })
        .where(and(eq(documents.id, doc.id), eq(documents.status, "submitted")));
      if (rows.length) {
        await tx
          .insert(fields)
          .values(rows.map((row) => ({ documentId: doc.id, ...row })))
          .onConflictDoNothing({ target: [fields.documentId, fields.path] });
      }
      stored++;
    }
    return stored;
  });
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
