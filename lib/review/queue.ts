import "server-only";
import { and, asc, count, eq, gt, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { batches, documents, users } from "@/lib/db/schema";
import { lowConfidenceSql, validatorFailuresSql } from "@/lib/documents/thresholds-sql";
import type { ReviewReason } from "./types";
import { isUuid } from "@/lib/ids";

/**
 * The review queue: extracted documents, not yet approved or rejected, with at least one field
 * that needs a person, oldest first. Served by `documents_review_queue_idx`.
 */
export type QueueFilter = { batchId?: string | null; type?: string | null; reason?: ReviewReason | null };

export function queueWhere(filter: QueueFilter): SQL {
  const conditions: SQL[] = [
    eq(documents.status, "extracted"),
    inArray(documents.reviewStatus, ["pending", "in_review"]),
    gt(documents.needsReviewCount, 0),
  ];
  if (filter.batchId)
    conditions.push(isUuid(filter.batchId) ? eq(documents.batchId, filter.batchId) : sql`false`);
  if (filter.type) conditions.push(eq(documents.documentType, filter.type));
  if (filter.reason === "validator") conditions.push(sql`${validatorFailuresSql(sql`${documents.id}`)} > 0`);
  if (filter.reason === "low_confidence")
    conditions.push(sql`${lowConfidenceSql(sql`${documents.id}`, sql`${documents.documentType}`)} > 0`);
  return and(...conditions)!;
}

export async function listQueue(db: Db, filter: QueueFilter, page: number, pageSize: number) {
  const where = queueWhere(filter);
  const [rows, [total]] = await Promise.all([
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
        validatorCount: validatorFailuresSql(sql`${documents.id}`).mapWith(Number),
        lowConfidenceCount: lowConfidenceSql(sql`${documents.id}`, sql`${documents.documentType}`).mapWith(
          Number,
        ),
        reviewStatus: documents.reviewStatus,
        createdAt: documents.createdAt,
        extractedAt: documents.extractedAt,
        lockOwner: sql<
          string | null
        >`case when ${documents.lockExpiresAt} > now() then ${documents.lockOwner} end`,
        lockOwnerName: sql<
          string | null
        >`case when ${documents.lockExpiresAt} > now() then ${users.name} end`,
        lockExpiresAt: documents.lockExpiresAt,
      })
      .from(documents)
      .leftJoin(batches, eq(batches.id, documents.batchId))
      .leftJoin(users, eq(users.id, documents.lockOwner))
      .where(where)
      .orderBy(asc(documents.createdAt), asc(documents.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(documents).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Batches and types that have documents in the queue, for the filter's options. */
export async function queueFilterOptions(db: Db) {
  const where = queueWhere({});
  const [batchRows, typeRows] = await Promise.all([
    db
      .selectDistinct({
        id: batches.id,
        label: batches.label,
        createdAt: batches.createdAt,
        documentCount: batches.documentCount,
      })
      .from(documents)
      .innerJoin(batches, eq(batches.id, documents.batchId))
      .where(where)
      .orderBy(batches.createdAt),
    db
      .selectDistinct({ type: documents.documentType })
      .from(documents)
      .where(and(where, isNotNull(documents.documentType)))
      .orderBy(documents.documentType),
  ]);
  return { batches: batchRows, types: typeRows.map((r) => r.type!).filter(Boolean) };
}

/**
 * Hands `userId` the next document of the queue and locks it to them, atomically: the
 * candidate row is locked with FOR UPDATE SKIP LOCKED, and the update re-checks that the lock
 * is still free, so two reviewers asking at once are never given the same document. A document
 * the user already holds comes first (resuming); `after` continues past a document in queue order.
 */
export async function claimNextDocument(
  db: Db,
  userId: string,
  filter: QueueFilter,
  lockMs: number,
  options: { after?: string; exclude?: string } = {},
): Promise<string | null> {
  const free = sql`(d.lock_owner is null or d.lock_expires_at <= now() or d.lock_owner = ${userId})`;
  const after = options.after
    ? sql`and (d.created_at, d.id) > (select created_at, id from documents where id = ${options.after})`
    : sql``;
  const exclude = options.exclude ? sql`and d.id <> ${options.exclude}` : sql``;
  const result: unknown = await db.execute(sql`
    with candidate as (
      select d.id from documents d
      where d.id in (select ${documents.id} from ${documents} where ${queueWhere(filter)})
        and ${free} ${after} ${exclude}
      order by (d.lock_owner is not distinct from ${userId} and d.lock_expires_at > now()) desc,
        d.created_at, d.id
      limit 1
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
