import "server-only";
import { and, asc, count, desc, eq, ilike, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { atlasUnreadableEntries, atlasUploads, batches, users } from "@/lib/db/schema";
import { maskAadhaarInText } from "@/lib/masking";

export type BatchListFilter = {
  status?: string | null;
  productType?: string | null;
  q?: string;
  sort: "newest" | "oldest" | "label" | "needs_review";
  page: number;
  pageSize: number;
};

const batchColumns = {
  id: batches.id,
  label: batches.label,
  productType: batches.productType,
  status: batches.status,
  createdAt: batches.createdAt,
  createdByName: users.name,
  createdByEmail: users.email,
  documentCount: batches.documentCount,
  notSubmittedCount: batches.notSubmittedCount,
  submittedCount: batches.submittedCount,
  extractedCount: batches.extractedCount,
  failedCount: batches.failedCount,
  needsReviewCount: batches.needsReviewCount,
  lastProgressAt: batches.lastProgressAt,
  lastSyncedAt: batches.lastSyncedAt,
  lastSyncError: batches.lastSyncError,
  completedAt: batches.completedAt,
};

export type BatchSummary = Awaited<ReturnType<typeof getBatchSummary>> & {};

export async function listBatches(db: Db, filter: BatchListFilter) {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(batches.status, filter.status));
  if (filter.productType) conditions.push(eq(batches.productType, filter.productType));
  if (filter.q) conditions.push(ilike(batches.label, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const where = conditions.length ? and(...conditions) : undefined;
  const order =
    filter.sort === "oldest"
      ? [asc(batches.createdAt)]
      : filter.sort === "label"
        ? [asc(batches.label), desc(batches.createdAt)]
        : filter.sort === "needs_review"
          ? [desc(batches.needsReviewCount), desc(batches.createdAt)]
          : [desc(batches.createdAt)];
  const [rows, [total]] = await Promise.all([
    db
      .select(batchColumns)
      .from(batches)
      .innerJoin(users, eq(users.id, batches.createdBy))
      .where(where)
      .orderBy(...order)
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(batches).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function getBatchSummary(db: Db, batchId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(batchId)) return undefined;
  const [row] = await db
    .select(batchColumns)
    .from(batches)
    .innerJoin(users, eq(users.id, batches.createdBy))
    .where(eq(batches.id, batchId));
  if (!row) return undefined;
  const chunks = await db
    .select({
      id: atlasUploads.id,
      chunkIndex: atlasUploads.chunkIndex,
      status: atlasUploads.status,
      atlasBatchId: atlasUploads.atlasBatchId,
      errorMessage: atlasUploads.errorMessage,
      attemptCount: atlasUploads.attemptCount,
      answerBody: atlasUploads.answerBody,
    })
    .from(atlasUploads)
    .where(eq(atlasUploads.batchId, batchId))
    .orderBy(asc(atlasUploads.chunkIndex));
  return { ...row, chunks, unreadable: await unreadableEntries(db, batchId) };
}

const UNREADABLE_LISTED = 20;

/**
 * Atlas answers the sync could not read for this batch: how many, and the latest few with
 * where they came from, why, and their content cut short with Aadhaar numbers masked.
 */
export async function unreadableEntries(db: Db, batchId: string) {
  const [total] = await db
    .select({ n: count() })
    .from(atlasUnreadableEntries)
    .where(eq(atlasUnreadableEntries.batchId, batchId));
  const rows = await db
    .select({
      id: atlasUnreadableEntries.id,
      atlasBatchId: atlasUnreadableEntries.atlasBatchId,
      page: atlasUnreadableEntries.page,
      entryIndex: atlasUnreadableEntries.entryIndex,
      reason: atlasUnreadableEntries.reason,
      raw: atlasUnreadableEntries.raw,
      seenCount: atlasUnreadableEntries.seenCount,
    })
    .from(atlasUnreadableEntries)
    .where(eq(atlasUnreadableEntries.batchId, batchId))
    .orderBy(desc(atlasUnreadableEntries.lastSeenAt))
    .limit(UNREADABLE_LISTED);
  return {
    count: Number(total?.n ?? 0),
    entries: rows.map(({ raw, ...r }) => ({
      ...r,
      content: shortMasked(JSON.stringify(raw) ?? String(raw)),
    })),
  };
}

/** Text from Atlas shown on a page: at most 300 characters, Aadhaar numbers masked. */
export function shortMasked(text: string | null): string | null {
  if (text === null) return null;
  const masked = maskAadhaarInText(text);
  return masked.length > 300 ? `${masked.slice(0, 300)}…` : masked;
}
