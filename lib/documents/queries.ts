import "server-only";
import { and, asc, count, desc, eq, gt, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { documents } from "@/lib/db/schema";

import type { DocumentSort } from "./sort";

export type DocumentListFilter = {
  type?: string | null;
  needsReview?: boolean;
  errors?: "only" | "none" | null;
  sort: DocumentSort;
  page: number;
  pageSize: number;
};

/** One page of a batch's documents; every filter and sort is served by an index on (batch_id, …). */
export async function listBatchDocuments(db: Db, batchId: string, filter: DocumentListFilter) {
  const conditions: SQL[] = [eq(documents.batchId, batchId)];
  if (filter.type) conditions.push(eq(documents.documentType, filter.type));
  if (filter.needsReview) conditions.push(gt(documents.needsReviewCount, 0));
  if (filter.errors === "only")
    conditions.push(or(isNotNull(documents.errorCode), isNotNull(documents.submitError))!);
  if (filter.errors === "none")
    conditions.push(sql`${documents.errorCode} is null and ${documents.submitError} is null`);
  const where = and(...conditions);
  const order =
    filter.sort === "document_id"
      ? [asc(documents.externalId)]
      : filter.sort === "needs_review"
        ? [desc(documents.needsReviewCount), asc(documents.externalId)]
        : filter.sort === "type"
          ? [asc(documents.documentType), asc(documents.externalId)]
          : [sql`${documents.minConfidence} asc nulls last`, asc(documents.externalId)];
  const [rows, [total]] = await Promise.all([
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
      })
      .from(documents)
      .where(where)
      .orderBy(...order)
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(documents).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function batchDocumentTypes(db: Db, batchId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ type: documents.documentType })
    .from(documents)
    .where(and(eq(documents.batchId, batchId), isNotNull(documents.documentType)))
    .orderBy(documents.documentType);
  return rows.map((r) => r.type!).filter(Boolean);
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
