import "server-only";
import { and, asc, count, desc, eq, ilike, inArray, isNull, max, or, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { atlasUploads, crossChecks, documents, flows, users } from "@/lib/db/schema";
import type { APPLICATION_SORTS, APPLICATION_STATUS_FILTERS } from "./status";
import { masterMeans, masterUnknown } from "./status-sql";
import { isUuid } from "@/lib/ids";

export type ApplicationListFilter = {
  status?: (typeof APPLICATION_STATUS_FILTERS)[number] | null;
  productType?: string | null;
  q?: string;
  sort: (typeof APPLICATION_SORTS)[number];
  page: number;
  pageSize: number;
};

const flowColumns = {
  id: flows.id,
  applicationId: flows.applicationId,
  productType: flows.productType,
  flowParams: flows.flowParams,
  flowUuid: flows.flowUuid,
  uploadStatus: flows.uploadStatus,
  processingStatus: flows.processingStatus,
  crossheckStatus: flows.crossheckStatus,
  masterStatus: flows.masterStatus,
  lastStatusAt: flows.lastStatusAt,
  callbackReceivedAt: flows.callbackReceivedAt,
  lastError: flows.lastError,
  createdAt: flows.createdAt,
  createdByName: users.name,
};

/** Case-insensitive against the status-word table; a word it does not know counts as in progress. */
function statusCondition(status: NonNullable<ApplicationListFilter["status"]>): SQL | undefined {
  if (status === "success") return masterMeans("finished");
  if (status === "failed") return masterMeans("failed");
  if (status === "in_progress") return or(masterMeans("running"), masterUnknown());
  return or(isNull(flows.masterStatus), masterMeans("idle"));
}

export async function listApplications(db: Db, filter: ApplicationListFilter) {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(statusCondition(filter.status)!);
  if (filter.productType) conditions.push(eq(flows.productType, filter.productType));
  if (filter.q)
    conditions.push(ilike(flows.applicationId, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const where = conditions.length ? and(...conditions) : undefined;
  const order =
    filter.sort === "oldest"
      ? [asc(flows.createdAt)]
      : filter.sort === "application"
        ? [asc(flows.applicationId)]
        : [desc(flows.createdAt)];
  const [rows, [total]] = await Promise.all([
    db
      .select(flowColumns)
      .from(flows)
      .innerJoin(users, eq(users.id, flows.createdBy))
      .where(where)
      .orderBy(...order)
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(flows).where(where),
  ]);
  const ids = rows.map((r) => r.id);
  const docCounts = ids.length
    ? await db
        .select({ flowId: documents.flowId, n: count() })
        .from(documents)
        .where(inArray(documents.flowId, ids))
        .groupBy(documents.flowId)
    : [];
  const countOf = new Map(docCounts.map((c) => [c.flowId, Number(c.n)]));
  return {
    rows: rows.map((r) => ({ ...r, documentCount: countOf.get(r.id) ?? 0 })),
    total: Number(total?.n ?? 0),
  };
}

export async function getApplication(db: Db, flowId: string) {
  if (!isUuid(flowId)) return undefined;
  const [flow] = await db
    .select(flowColumns)
    .from(flows)
    .innerJoin(users, eq(users.id, flows.createdBy))
    .where(eq(flows.id, flowId));
  if (!flow) return undefined;
  const [uploads, [lastSubmit]] = await Promise.all([
    db
      .select({
        id: atlasUploads.id,
        chunkIndex: atlasUploads.chunkIndex,
        status: atlasUploads.status,
        errorMessage: atlasUploads.errorMessage,
        submittedAt: atlasUploads.submittedAt,
      })
      .from(atlasUploads)
      .where(eq(atlasUploads.flowId, flowId))
      .orderBy(asc(atlasUploads.chunkIndex)),
    db
      .select({ at: max(atlasUploads.submittedAt) })
      .from(atlasUploads)
      .where(eq(atlasUploads.flowId, flowId)),
  ]);
  // Results came by callback when the latest callback is newer than the latest upload.
  const resultsByCallback =
    !!flow.callbackReceivedAt && (!lastSubmit?.at || flow.callbackReceivedAt >= lastSubmit.at);
  return { ...flow, uploads, resultsByCallback };
}

export async function listApplicationDocuments(db: Db, flowId: string) {
  return db
    .select({
      id: documents.id,
      externalId: documents.externalId,
      fileUrl: documents.fileUrl,
      status: documents.status,
      submitError: documents.submitError,
      documentType: documents.documentType,
      errorCode: documents.errorCode,
      errorMessage: documents.errorMessage,
      fieldCount: documents.fieldCount,
      minConfidence: documents.minConfidence,
      needsReviewCount: documents.needsReviewCount,
      reviewStatus: documents.reviewStatus,
    })
    .from(documents)
    .where(eq(documents.flowId, flowId))
    .orderBy(asc(documents.createdAt), asc(documents.externalId));
}

export async function listCrossChecks(db: Db, flowId: string) {
  return db
    .select({
      id: crossChecks.id,
      fieldName: crossChecks.fieldName,
      sourceDocumentId: crossChecks.sourceDocumentId,
      sourceDocumentType: crossChecks.sourceDocumentType,
      sourceValue: crossChecks.sourceValue,
      targetDocumentId: crossChecks.targetDocumentId,
      targetDocumentType: crossChecks.targetDocumentType,
      targetValue: crossChecks.targetValue,
      similarityScore: crossChecks.similarityScore,
      raw: crossChecks.raw,
    })
    .from(crossChecks)
    .where(eq(crossChecks.flowId, flowId))
    .orderBy(asc(crossChecks.similarityScore), asc(crossChecks.fieldName));
}

export type ApplicationSummary = NonNullable<Awaited<ReturnType<typeof getApplication>>>;

/** Rows an upload of the application already recorded under this client key (0: not recorded). */
export async function uploadRowCount(db: Db, flowId: string, uploadId: string): Promise<number> {
  const [row] = await db
    .select({ rows: count() })
    .from(documents)
    .where(and(eq(documents.flowId, flowId), eq(documents.uploadId, uploadId)));
  return row?.rows ?? 0;
}

/** The document ids (Atlas's, as given in the upload) already on the application. */
export async function applicationDocumentIds(db: Db, flowId: string): Promise<string[]> {
  const rows = await db
    .select({ id: documents.externalId })
    .from(documents)
    .where(eq(documents.flowId, flowId));
  return rows.map((r) => r.id);
}
