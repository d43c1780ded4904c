import "server-only";
import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { AtlasClient } from "@/lib/atlas/client";
import type { ExtractsPage } from "@/lib/atlas/types";
import type { Db } from "@/lib/db";
import { atlasUploads, documents } from "@/lib/db/schema";

/**
 * What a batch sync reads (see sync.ts): one "target" per (upload, Atlas batch id) that still has
 * documents waiting; an upload whose answer spread its rows over two Atlas batches has two
 * targets, each row keeping the batch_id its own answer entry carried.
 *
 * Paging goes by what Atlas returned, never by an assumed page size: the number of entries
 * actually on each page, `has_next` when sent, `total_pages`/`total_items` when sent. Reading
 * goes on while Atlas says there is more, while pages are full (by what was asked, or by the
 * size Atlas's own page 1 showed), or, when Atlas said nothing about the end, while documents of
 * the target still lack a result, until a page comes back empty (bounded). So pages smaller than
 * asked, `total_items` counting documents or results so far, and documents arriving between
 * reads are all covered.
 *
 * Adaptive polling (when `pollIntervalMs` is given, as the engine does): an upload that brought
 * nothing new is looked at again after a growing pause (2, 4, 8 … intervals, at most
 * `maxPollBackoffMs`), except the upload at the head of the queue (the oldest still waiting),
 * which is read on every poll: Atlas works through uploads in order, so a change there shows
 * within one interval, and a waiting 5,000-document batch costs a few requests per poll, not 100.
 * `force` (the "Sync now" button) reads everything.
 */
const PER_PAGE = 50;
/** Bound on the pages read for one target in one sync (a 50-row upload at one entry per page). */
const MAX_PAGES = 60;
const DEFAULT_MAX_POLL_BACKOFF_MS = 120_000;

export type Target = {
  uploadId: string;
  atlasBatchId: string;
  chunkIndex: number;
  lastTotalItems: number | null;
  /** The upload's rows went to more than one Atlas batch: no single total to compare against. */
  split: boolean;
  unchangedPolls: number;
  nextPollAt: Date | null;
  /** Our document ids still waiting for a result, each with its row id. */
  waiting: Map<string, string>;
};

/** Targets with at least one document still waiting for its result, head of the queue first. */
export async function openTargets(db: Db, batchId: string): Promise<Target[]> {
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
      id: documents.id,
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
        waiting: new Map(),
      };
      targets.set(key, target);
    }
    target.waiting.set(r.externalId, r.id);
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

/** Which targets this poll reads: all (no adaptive polling, or forced), else the head and those due. */
/** Row ids of the waiting documents of these targets, by Atlas batch id and document id. */
export function waitingRows(targets: Target[]): Map<string, string> {
  const rows = new Map<string, string>();
  for (const t of targets)
    for (const [documentId, id] of t.waiting) rows.set(rowKey(t.atlasBatchId, documentId), id);
  return rows;
}

export const rowKey = (atlasBatchId: string, documentId: string) => `${atlasBatchId}\n${documentId}`;

export function dueTargets(
  open: Target[],
  now: Date,
  options: { pollIntervalMs?: number; force?: boolean },
): Target[] {
  if (options.pollIntervalMs === undefined || options.force) return open;
  const head = open[0]?.uploadId;
  return open.filter(
    (t) => t.uploadId === head || t.nextPollAt === null || t.nextPollAt.getTime() <= now.getTime(),
  );
}

/** Page 1, then on by what Atlas returned (see the module comment). Throws on an Atlas error. */
export async function readTarget(
  atlas: AtlasClient,
  target: Target,
  report: { requests: number },
): Promise<ExtractsPage[]> {
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
    const missing = [...target.waiting.keys()].some((id) => !seen.has(id));
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

export async function updateBackoff(
  db: Db,
  polled: Map<string, Target>,
  storedPerUpload: Map<string, number>,
  now: Date,
  intervalMs: number,
  maxPollBackoffMs: number | undefined,
) {
  const maxMs = maxPollBackoffMs ?? DEFAULT_MAX_POLL_BACKOFF_MS;
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
