import "server-only";
import { and, asc, eq, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { documents } from "@/lib/db/schema";
import { batchCounts, sumCounts, typesIn } from "./counts";
import { keysetKey, keysetPage, type KeyPart, type Seek } from "./keyset";
import { needsReviewSql } from "./needs-review";
import type { DocumentSort } from "./sort";

export type DocumentListFilter = {
  type?: string | null;
  needsReview?: boolean;
  errors?: "only" | "none" | null;
  sort: DocumentSort;
  seek: Seek;
  pageSize: number;
};

/** Each sort's key, ascending and unique within a batch; each has its index on (batch_id, …). */
export const DOCUMENT_SORT_KEYS: Record<DocumentSort, KeyPart[]> = {
  confidence: [
    { expr: sql`coalesce(${documents.minConfidence}, 'Infinity'::real)`, cast: "real" },
    { expr: sql`${documents.externalId}`, cast: "text" },
  ],
  document_id: [{ expr: sql`${documents.externalId}`, cast: "text" }],
  needs_review: [
    { expr: sql`(-${documents.needsReviewCount})`, cast: "int" },
    { expr: sql`${documents.externalId}`, cast: "text" },
  ],
  type: [
    { expr: sql`(${documents.documentType} is null)`, cast: "bool" },
    { expr: sql`coalesce(${documents.documentType}, '')`, cast: "text" },
    { expr: sql`${documents.externalId}`, cast: "text" },
  ],
};

/**
 * One page of a batch's documents, by keyset (lib/documents/keyset.ts), and the number matching
 * the filters, from the counts the triggers keep (lib/documents/counts.ts): neither grows with
 * the page number or the batch.
 */
export async function listBatchDocuments(db: Db, batchId: string, filter: DocumentListFilter) {
  const conditions: SQL[] = [eq(documents.batchId, batchId)];
  if (filter.type) conditions.push(eq(documents.documentType, filter.type));
  if (filter.needsReview) conditions.push(sql.raw(needsReviewSql(`"documents"`)));
  if (filter.errors === "only")
    conditions.push(or(isNotNull(documents.errorCode), isNotNull(documents.submitError))!);
  if (filter.errors === "none")
    conditions.push(sql`${documents.errorCode} is null and ${documents.submitError} is null`);
  const parts = DOCUMENT_SORT_KEYS[filter.sort];
  const counts = await batchCounts(db, batchId);
  const total = sumCounts(
    counts,
    (c) =>
      (!filter.type || c.documentType === filter.type) &&
      (!filter.needsReview || c.queued) &&
      (filter.errors === "only" ? c.hasError : filter.errors === "none" ? !c.hasError : true),
  );
  const page = await keysetPage(
    parts,
    filter.seek,
    filter.pageSize,
    (condition, order, limit) =>
      db
        .select({
          id: documents.id,
          externalId: documents.externalId,
          documentType: documents.documentType,
          status: documents.status,
          fieldCount: documents.fieldCount,
          minConfidence: documents.minConfidence,
          needsReviewCount: documents.needsReviewCount,
          errorCode: documents.errorCode,
          errorMessage: documents.errorMessage,
          submitError: documents.submitError,
          reviewStatus: documents.reviewStatus,
          cursorKey: keysetKey(parts),
        })
        .from(documents)
        .where(and(...conditions, condition))
        .orderBy(...order)
        .limit(limit),
    total,
  );
  return { ...page, total, types: typesIn(counts) };
}

/** Documents sent to Atlas that have no result yet (shown when a batch stalls). */
export async function missingDocuments(db: Db, batchId: string, limit = 100) {
  return db
    .select({ id: documents.id, externalId: documents.externalId, atlasBatchId: documents.atlasBatchId })
    .from(documents)
    .where(and(eq(documents.batchId, batchId), inArray(documents.status, ["submitted"])))
    .orderBy(asc(documents.externalId))
    .limit(limit);
}
