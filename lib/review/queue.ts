import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { batches, documents, users } from "@/lib/db/schema";
import { queueCounts, sumCounts, typesIn } from "@/lib/documents/counts";
import { keysetKey, keysetPage, type KeyPart, type Seek } from "@/lib/documents/keyset";
import type { ReviewReason } from "./types";
import { isUuid } from "@/lib/ids";
import { needsReviewSql } from "@/lib/documents/needs-review";

/**
 * The review queue: open documents (not yet approved, rejected or sent back for a re-upload)
 * with at least one field that needs a person, or that Atlas failed to extract (they need a
 * closing decision), oldest first. Its membership is the predicate of the partial indexes
 * `documents_queue_order_idx` and `documents_queue_batch_order_idx` (QUEUED_SQL in
 * lib/db/tables/documents.ts, written with literal values so the planner can match them); the reason reads the denormalised counts.
 */
export type QueueFilter = { batchId?: string | null; type?: string | null; reason?: ReviewReason | null };

export function queueWhere(filter: QueueFilter): SQL {
  const conditions: SQL[] = [sql.raw(needsReviewSql(`"documents"`))];
  if (filter.batchId)
    conditions.push(isUuid(filter.batchId) ? eq(documents.batchId, filter.batchId) : sql`false`);
  if (filter.type) conditions.push(eq(documents.documentType, filter.type));
  if (filter.reason === "validator") conditions.push(sql`${documents.validatorFailureCount} > 0`);
  if (filter.reason === "low_confidence")
    conditions.push(sql`${documents.needsReviewCount} > ${documents.validatorFailureCount}`);
  return and(...conditions)!;
}

/** Queue order, oldest first; `id` makes the key unique. */
export const QUEUE_KEY: KeyPart[] = [
  { expr: sql`${documents.createdAt}`, cast: "timestamptz" },
  { expr: sql`${documents.id}`, cast: "uuid" },
];

/** One page of the queue by keyset, and its total from the trigger-kept counts. */
export async function listQueue(db: Db, filter: QueueFilter, seek: Seek, pageSize: number) {
  const where = queueWhere(filter);
  const counts = await queueCounts(db);
  const total = sumCounts(
    counts,
    (c) =>
      (!filter.batchId || c.batchId === filter.batchId.toLowerCase()) &&
      (!filter.type || c.documentType === filter.type) &&
      (filter.reason === "validator"
        ? c.validatorFailure
        : filter.reason === "low_confidence"
          ? c.lowConfidence
          : true),
  );
  const page = await keysetPage(
    QUEUE_KEY,
    seek,
    pageSize,
    (condition, order, limit) =>
      db
        .select({
          id: documents.id,
          externalId: documents.externalId,
          documentType: documents.documentType,
          batchId: documents.batchId,
          batchLabel: batches.label,
          batchDocumentCount: batches.documentCount,
          batchCreatedAt: batches.createdAt,
          needsReviewCount: documents.needsReviewCount,
          validatorCount: documents.validatorFailureCount,
          lowConfidenceCount:
            sql<number>`(${documents.needsReviewCount} - ${documents.validatorFailureCount})`.mapWith(Number),
          reviewStatus: documents.reviewStatus,
          status: documents.status,
          errorCode: documents.errorCode,
          createdAt: documents.createdAt,
          extractedAt: documents.extractedAt,
          lockOwner: sql<
            string | null
          >`case when ${documents.lockExpiresAt} > now() then ${documents.lockOwner} end`,
          lockOwnerName: sql<
            string | null
          >`case when ${documents.lockExpiresAt} > now() then ${users.name} end`,
          lockExpiresAt: documents.lockExpiresAt,
          cursorKey: keysetKey(QUEUE_KEY),
        })
        .from(documents)
        .leftJoin(batches, eq(batches.id, documents.batchId))
        .leftJoin(users, eq(users.id, documents.lockOwner))
        .where(and(where, condition))
        .orderBy(...order)
        .limit(limit),
    total,
  );
  return { ...page, total };
}

/** Batches and types that have documents in the queue, for the filter's options (from the counts). */
export async function queueFilterOptions(db: Db) {
  const counts = (await queueCounts(db)).filter((c) => c.n > 0);
  const ids = [...new Set(counts.map((c) => c.batchId).filter((id): id is string => !!id))];
  const batchRows = ids.length
    ? await db
        .select({
          id: batches.id,
          label: batches.label,
          createdAt: batches.createdAt,
          documentCount: batches.documentCount,
        })
        .from(batches)
        .where(inArray(batches.id, ids))
        .orderBy(asc(batches.createdAt))
    : [];
  return { batches: batchRows, types: typesIn(counts) };
}

/**
 * Hands `userId` the next document of the queue and locks it to them, atomically: the
 * candidate row is locked with FOR UPDATE SKIP LOCKED, and the update re-checks that the lock
 * is still free, so two reviewers asking at once are never given the same document. A document
 * the user already holds comes first (resuming); documents the user skipped come last, oldest
 * skip first (lib/review/skip.ts); `after` continues past a document in queue order.
 */
export async function claimNextDocument(
  db: Db,
  userId: string,
  filter: QueueFilter,
  lockMs: number,
  options: { after?: string; exclude?: string } = {},
): Promise<string | null> {
  const free = freeFor(userId);
  const result: unknown = await db.execute(sql`
    with candidate as (
      ${candidates(userId, filter, options)}
      for update of d skip locked
    )
    update documents d set
      lock_owner = ${userId},
      lock_expires_at = now() + (${Math.round(lockMs)} * interval '1 millisecond'),
      review_status = case when d.review_status = 'pending' then 'in_review'::review_status else d.review_status end,
      updated_at = now()
    from candidate c
    where d.id = c.id and ${free}
    returning d.id
  `);
  const rows = (result as { rows: { id: string }[] }).rows;
  return rows[0]?.id ?? null;
}

const freeFor = (userId: string) =>
  sql`(d.lock_owner is null or d.lock_expires_at <= now() or d.lock_owner = ${userId})`;

/** The next queue document `userId` may take, in the order claimNextDocument hands them out. */
function candidates(userId: string, filter: QueueFilter, options: { after?: string; exclude?: string }) {
  const after = options.after
    ? sql`and (d.created_at, d.id) > (select created_at, id from documents where id = ${options.after})`
    : sql``;
  const exclude = options.exclude ? sql`and d.id <> ${options.exclude}` : sql``;
  return sql`
      select d.id from documents d
      left join review_skips s on s.document_id = d.id and s.user_id = ${userId}
      where d.id in (select ${documents.id} from ${documents} where ${queueWhere(filter)})
        and ${freeFor(userId)} ${after} ${exclude}
      order by (d.lock_owner is not distinct from ${userId} and d.lock_expires_at > now()) desc,
        s.skipped_at nulls first, d.created_at, d.id
      limit 1`;
}

/**
 * The document "next" would most likely hand `userId` after `currentId` (what nextDocumentAction
 * claims, read without claiming it), so the workspace can fetch it ahead. Only a guess: the claim
 * still decides, and someone else may take it first.
 */
export async function peekNextDocument(
  db: Db,
  userId: string,
  filter: QueueFilter,
  currentId: string,
): Promise<string | null> {
  const read = async (options: { after?: string; exclude?: string }) => {
    const result: unknown = await db.execute(candidates(userId, filter, options));
    return (result as { rows: { id: string }[] }).rows[0]?.id ?? null;
  };
  return (await read({ after: currentId, exclude: currentId })) ?? (await read({ exclude: currentId }));
}

/** The documents before and after one in its batch (by document id), for [ and ]. */
export async function batchNeighbours(db: Db, batchId: string, externalId: string) {
  const base = and(eq(documents.batchId, batchId), eq(documents.status, "extracted"));
  const [previous] = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(base, sql`${documents.externalId} < ${externalId}`))
    .orderBy(sql`${documents.externalId} desc`)
    .limit(1);
  const [next] = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(base, sql`${documents.externalId} > ${externalId}`))
    .orderBy(asc(documents.externalId))
    .limit(1);
  return { previous: previous?.id ?? null, next: next?.id ?? null };
}

/** The document before one in queue order (going back needs no claim: it is only viewing). */
export async function queuePrevious(db: Db, filter: QueueFilter, id: string): Promise<string | null> {
  const [row] = await db
    .select({ id: documents.id })
    .from(documents)
    .where(
      and(
        queueWhere(filter),
        sql`(${documents.createdAt}, ${documents.id}) < (select created_at, id from documents where id = ${id})`,
      ),
    )
    .orderBy(sql`${documents.createdAt} desc, ${documents.id} desc`)
    .limit(1);
  return row?.id ?? null;
}
