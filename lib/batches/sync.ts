import "server-only";
import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import type { AtlasClient } from "@/lib/atlas/client";
import { betterResult } from "@/lib/atlas/entries";
import { isAtlasError } from "@/lib/atlas/errors";
import type { ExtractedDocument, ExtractsPage, UnreadableEntry } from "@/lib/atlas/types";
import type { Db } from "@/lib/db";
import { atlasUnreadableEntries, atlasUploads, batches, documents, fields } from "@/lib/db/schema";
import { extractFieldRows, summarise, type FieldRow } from "@/lib/documents/extract";
import type { ThresholdSet } from "@/lib/documents/thresholds";
import { logger } from "@/lib/logger";
import { refreshBatchCounts } from "./counts";
import { mapWithLimit } from "./pool";

/**
 * The sync engine: pulls `GET /v1/bulk/extracts` for a batch's Atlas uploads and stores each
 * result exactly once.
 *
 * What is read: one "target" per (upload, Atlas batch id) that still has documents waiting; an
 * upload whose answer spread its rows over two Atlas batches has two targets, each row keeping
 * the batch_id its own answer entry carried.
 *
 * Paging goes by what Atlas returned, never by an assumed page size: the number of entries
 * actually on each page, `has_next` when sent, `total_pages`/`total_items` when sent. Reading
 * goes on while Atlas says there is more, while pages are full (by what was asked, or by the
 * size Atlas's own page 1 showed), or, when Atlas said nothing about the end, while documents of
 * the target still lack a result, until a page comes back empty (bounded). So pages smaller than
 * asked, `total_items` counting documents or results so far, and documents arriving between
 * reads are all covered.
 *
 * Each page is read entry by entry (lib/atlas/entries.ts): an entry that cannot be understood
 * is kept in `atlas_unreadable_entries` (once per distinct entry), logged without its content,
 * and never blocks the others; entries still processing leave their document waiting; of two
 * entries for one document in the same read, the one with content wins.
 *
 * Results are written only to documents still waiting for one (status "submitted"), so a
 * repeated page, a repeated sync or a second instance changes nothing and never touches a
 * reviewer's work. `last_total_items` is recorded only once every result it announced is
 * stored, so a partial read is completed on the next poll.
 *
 * Adaptive polling (when `pollIntervalMs` is given, as the engine does): an upload that brought
 * nothing new is looked at again after a growing pause (2, 4, 8 … intervals, at most
 * `maxPollBackoffMs`), except the upload at the head of the queue (the oldest still waiting),
 * which is read on every poll: Atlas works through uploads in order, so a change there shows
 * within one interval, and a waiting 5,000-document batch costs a few requests per poll, not 100.
 * `force` (the "Sync now" button) reads everything.
 */
export const PER_PAGE = 50;
/** Bound on the pages read for one target in one sync (a 50-row upload at one entry per page). */
const MAX_PAGES = 60;
const UPDATE_SLICE = 200;
const FIELD_SLICE = 1000;
export const DEFAULT_MAX_POLL_BACKOFF_MS = 120_000;

export type SyncOptions = {
  concurrency: number;
  thresholds: ThresholdSet;
  stallAfterMs?: number;
  now?: () => Date;
  /** The engine's interval: turns adaptive polling on. */
  pollIntervalMs?: number;
  maxPollBackoffMs?: number;
  /** Read every open upload now, whatever its backoff. */
  force?: boolean;
};
export type SyncReport = { requests: number; stored: number; uploadsChecked: number };

type Target = {
  uploadId: string;
  atlasBatchId: string;
  chunkIndex: number;
  lastTotalItems: number | null;
  /** The upload's rows went to more than one Atlas batch: no single total to compare against. */
  split: boolean;
  unchangedPolls: number;
  nextPollAt: Date | null;
  /** Our document ids still waiting for a result. */
  waiting: Set<string>;
};

type TargetRead = { target: Target; pages: ExtractsPage[] } | { target: Target; error: unknown };

export async function syncBatch(
  db: Db,
  atlas: AtlasClient,
  batchId: string,
  options: SyncOptions,
): Promise<SyncReport> {
  const report: SyncReport = { requests: 0, stored: 0, uploadsChecked: 0 };
  const now = options.now?.() ?? new Date();
  const open = await openTargets(db, batchId);
  const due = dueTargets(open, now, options);
  report.uploadsChecked = due.length;

  // Whether to start further reads after one failed: not when Atlas itself is unreachable or
  // refuses us (every other read would fail the same way); yes after one unreadable page.
  let atlasDown = false;
  const reads = await mapWithLimit(due, options.concurrency, async (target): Promise<TargetRead> => {
    if (atlasDown) return { target, error: undefined };
    try {
      return { target, pages: await readTarget(atlas, target, report) };
    } catch (error) {
      if (!isAtlasError(error) || error.kind !== "protocol") atlasDown = true;
      return { target, error };
    }
  });

  const storedPerUpload = new Map<string, number>();
  for (const read of reads) {
    if (!("pages" in read)) continue;
    const { target, pages } = read;
    const results = new Map<string, ExtractedDocument>();
    for (const page of pages)
      for (const doc of page.data) {
        const kept = results.get(doc.documentId);
        results.set(doc.documentId, kept ? betterResult(kept, doc) : doc);
      }
    const stored = await storeResults(db, target, [...results.values()], options);
    report.stored += stored;
    storedPerUpload.set(target.uploadId, (storedPerUpload.get(target.uploadId) ?? 0) + stored);
    await keepUnreadable(db, batchId, target, pages);
    if (!target.split) {
      const newestTotal = Math.max(...pages.map((p) => p.totalItems ?? 0));
      await recordTotalIfComplete(db, target, newestTotal);
    }
  }
  if (options.pollIntervalMs !== undefined) {
    await updateBackoff(db, reads, storedPerUpload, now, options.pollIntervalMs, options);
  }

  if (report.stored > 0) {
    await db.update(batches).set({ lastProgressAt: now }).where(eq(batches.id, batchId));
  }
  const failures = reads.flatMap((r) => ("error" in r && r.error !== undefined ? [r.error] : []));
  const failure = failures[0];
  await db
    .update(batches)
    .set({
      lastSyncedAt: now,
      lastSyncError:
        failure === undefined
          ? null
          : `${describeFailure(failure)}${failures.length > 1 ? ` (${failures.length} uploads could not be read)` : ""}`,
    })
    .where(eq(batches.id, batchId));
  await refreshBatchCounts(db, batchId, { stallAfterMs: options.stallAfterMs, now: options.now?.() });
  // What could be read is stored; the sync still reports the failure (the engine logs it).
  if (failure !== undefined) throw failure;
  return report;
}

function describeFailure(error: unknown): string {
  return isAtlasError(error) ? error.userMessage : "Sync failed; it will be retried.";
}

/** Which targets this poll reads: all (no adaptive polling, or forced), else the head and those due. */
function dueTargets(open: Target[], now: Date, options: SyncOptions): Target[] {
  if (options.pollIntervalMs === undefined || options.force) return open;
  const head = open[0]?.uploadId;
  return open.filter(
    (t) => t.uploadId === head || t.nextPollAt === null || t.nextPollAt.getTime() <= now.getTime(),
  );
}

async function updateBackoff(
  db: Db,
  reads: TargetRead[],
  storedPerUpload: Map<string, number>,
  now: Date,
  intervalMs: number,
  options: SyncOptions,
) {
  const maxMs = options.maxPollBackoffMs ?? DEFAULT_MAX_POLL_BACKOFF_MS;
  const polled = new Map<string, Target>();
  for (const r of reads) if ("pages" in r) polled.set(r.target.uploadId, r.target);
  const changed = [...polled.keys()].filter((id) => (storedPerUpload.get(id) ?? 0) > 0);
  if (changed.length > 0) {
    await db
      .update(atlasUploads)
      .set({ unchangedPolls: 0, nextPollAt: null })
      .where(inArray(atlasUploads.id, changed));
  }
  // Unchanged: wait 2, 4, 8 … intervals before the next look, bounded.
  const groups = new Map<number, string[]>();
  for (const [id, target] of polled) {
    if ((storedPerUpload.get(id) ?? 0) > 0) continue;
    const polls = Math.min(target.unchangedPolls + 1, 30);
    groups.set(polls, [...(groups.get(polls) ?? []), id]);
  }
  for (const [polls, ids] of groups) {
    const waitMs = Math.min(maxMs, intervalMs * 2 ** polls);
    await db
      .update(atlasUploads)
      .set({ unchangedPolls: polls, nextPollAt: new Date(now.getTime() + waitMs) })
      .where(inArray(atlasUploads.id, ids));
  }
}

/** Page 1, then on by what Atlas returned (see the module comment). Throws on an Atlas error. */
async function readTarget(atlas: AtlasClient, target: Target, report: SyncReport): Promise<ExtractsPage[]> {
  const read = async (page: number) => {
    report.requests++;
    return atlas.bulk.extracts({ batchId: target.atlasBatchId, page, perPage: PER_PAGE });
  };
  const first = await read(1);
  const pages = [first];
  // Unchanged since every result it announced was stored: that upload cost one request.
  if (
    target.lastTotalItems !== null &&
    first.totalItems !== undefined &&
    first.totalItems === target.lastTotalItems
  )
    return pages;
  const atlasPageSize = first.entryCount;
  // Documents listed so far (results and entries still processing): `total_items` counts
  // documents, not entries, and a page may list one document twice.
  const listed = new Set<string>();
  const seen = new Set<string>();
  while (pages.length < MAX_PAGES) {
    const last = pages.at(-1)!;
    if (last.entryCount === 0) break;
    const listedBefore = listed.size;
    for (const doc of last.data) {
      seen.add(doc.documentId);
      listed.add(doc.documentId);
    }
    for (const id of last.waiting) listed.add(id);
    // A later page that lists nothing new (Atlas ignoring `page`, say) ends the read.
    if (pages.length > 1 && listed.size === listedBefore && last.unreadable.length === 0) break;
    const missing = [...target.waiting].some((id) => !seen.has(id));
    // The page we asked for, not the `page` Atlas wrote back (which may be wrong or stuck at 1).
    const asked = pages.length;
    const more =
      last.hasNext ||
      (last.totalPages !== undefined && asked < last.totalPages) ||
      (last.totalItems !== undefined
        ? last.totalItems > listed.size
        : last.entryCount >= PER_PAGE || (pages.length > 1 && last.entryCount >= atlasPageSize)) ||
      // Documents of ours not seen yet: one more page, whatever has_next said (it may lie, and
      // pages may be smaller than asked). An empty page, or one listing nothing new, ends it.
      missing;
    if (!more) break;
    pages.push(await read(asked + 1));
  }
  return pages;
}

/** Targets with at least one document still waiting for its result, head of the queue first. */
async function openTargets(db: Db, batchId: string): Promise<Target[]> {
  const rows = await db
    .select({
      uploadId: atlasUploads.id,
      uploadAtlasBatchId: atlasUploads.atlasBatchId,
      chunkIndex: atlasUploads.chunkIndex,
      lastTotalItems: atlasUploads.lastTotalItems,
      unchangedPolls: atlasUploads.unchangedPolls,
      nextPollAt: atlasUploads.nextPollAt,
      atlasBatchId: documents.atlasBatchId,
      externalId: documents.externalId,
    })
    .from(documents)
    .innerJoin(atlasUploads, eq(atlasUploads.id, documents.uploadId))
    .where(
      and(
        eq(documents.batchId, batchId),
        eq(documents.status, "submitted"),
        isNotNull(documents.atlasBatchId),
        eq(atlasUploads.status, "submitted"),
      ),
    )
    .orderBy(asc(atlasUploads.chunkIndex), asc(documents.atlasBatchId));
  const targets = new Map<string, Target>();
  const idsPerUpload = new Map<string, Set<string>>();
  for (const r of rows) {
    const key = `${r.uploadId} ${r.atlasBatchId}`;
    let target = targets.get(key);
    if (!target) {
      target = {
        uploadId: r.uploadId,
        atlasBatchId: r.atlasBatchId!,
        chunkIndex: r.chunkIndex,
        lastTotalItems: r.lastTotalItems,
        split: false,
        unchangedPolls: r.unchangedPolls,
        nextPollAt: r.nextPollAt,
        waiting: new Set(),
      };
      targets.set(key, target);
    }
    target.waiting.add(r.externalId);
    const ids = idsPerUpload.get(r.uploadId) ?? new Set();
    ids.add(r.atlasBatchId!);
    if (r.uploadAtlasBatchId) ids.add(r.uploadAtlasBatchId);
    idsPerUpload.set(r.uploadId, ids);
  }
  const out = [...targets.values()];
  // An upload split over two Atlas batches has no single total to compare against.
  for (const t of out) {
    if ((idsPerUpload.get(t.uploadId)?.size ?? 0) > 1) {
      t.split = true;
      t.lastTotalItems = null;
    }
  }
  return out;
}

/** Entries that could not be read: kept once per distinct entry, counted on every sighting, logged. */
async function keepUnreadable(db: Db, batchId: string, target: Target, pages: ExtractsPage[]) {
  const found: Array<UnreadableEntry & { page: number }> = pages.flatMap((p) =>
    p.unreadable.map((u) => ({ ...u, page: p.page })),
  );
  if (found.length === 0) return;
  const rows = new Map<string, typeof atlasUnreadableEntries.$inferInsert>();
  for (const u of found) {
    const text = JSON.stringify(u.raw) ?? String(u.raw);
    const fingerprint = createHash("sha256").update(`${target.atlasBatchId}\n${text}`).digest("hex");
    rows.set(fingerprint, {
      batchId,
      uploadId: target.uploadId,
      atlasBatchId: target.atlasBatchId,
      page: u.page,
      entryIndex: u.index,
      reason: u.reason,
      raw: u.raw ?? null,
      fingerprint,
    });
    // The reason and where, and the entry's shape: never its values (names, numbers), which
    // stay in the database and show masked on the batch page.
    logger.warn("batch.unreadable_entry", {
      batchId,
      atlasBatchId: target.atlasBatchId,
      page: u.page,
      index: u.index,
      reason: u.reason,
      entry: shapeOf(u.raw),
    });
  }
  await db
    .insert(atlasUnreadableEntries)
    .values([...rows.values()])
    .onConflictDoUpdate({
      target: [atlasUnreadableEntries.batchId, atlasUnreadableEntries.fingerprint],
      set: {
        seenCount: sql`${atlasUnreadableEntries.seenCount} + 1`,
        lastSeenAt: sql`now()`,
        page: sql`excluded.page`,
        entryIndex: sql`excluded.entry_index`,
      },
    });
}

/** What an entry looks like without what it says: its type, or its keys. */
function shapeOf(raw: unknown): string {
  if (raw === null || typeof raw !== "object") return raw === null ? "null" : typeof raw;
  if (Array.isArray(raw)) return `array of ${raw.length}`;
  return `object with keys ${Object.keys(raw).slice(0, 12).join(", ") || "(none)"}`;
}

/** Stores results into the target's documents still waiting for one; returns how many. (Exported for scripts/bench-sync.ts.) */
export async function storeResults(
  db: Db,
  upload: Pick<Target, "atlasBatchId">,
  results: ExtractedDocument[],
  options: Pick<SyncOptions, "thresholds" | "now">,
): Promise<number> {
  if (results.length === 0) return 0;
  const today = options.now?.() ?? new Date();
  return db.transaction(async (tx) => {
    const waiting = await tx
      .select({ id: documents.id, externalId: documents.externalId })
      .from(documents)
      .where(
        and(
          eq(documents.atlasBatchId, upload.atlasBatchId),
          eq(documents.status, "submitted"),
          inArray(
            documents.externalId,
            results.map((r) => r.documentId),
          ),
        ),
      )
      .for("update");
    const byDocumentId = new Map(results.map((r) => [r.documentId, r]));
    const values: SQL[] = [];
    const fieldRows: Array<FieldRow & { documentId: string }> = [];
    for (const doc of waiting) {
      const result = byDocumentId.get(doc.externalId)!;
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

async function recordTotalIfComplete(db: Db, target: Target, total: number) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(documents)
    .where(
      and(
        eq(documents.uploadId, target.uploadId),
        eq(documents.atlasBatchId, target.atlasBatchId),
        inArray(documents.status, ["extracted", "failed"]),
      ),
    );
  if ((row?.n ?? 0) >= total) {
    await db.update(atlasUploads).set({ lastTotalItems: total }).where(eq(atlasUploads.id, target.uploadId));
  }
}
