import "server-only";
import { and, asc, count, desc, eq, ilike, inArray, isNull, lt, max, or, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { atlasUploads, crossChecks, documents, applications, users } from "@/lib/db/schema";
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
  /** Count each application's cross-checks below this similarity (0–100). */
  passMark?: number;
};

const applicationColumns = {
  id: applications.id,
  applicationNumber: applications.applicationNumber,
  productType: applications.productType,
  flowParams: applications.flowParams,
  flowUuid: applications.flowUuid,
  uploadStatus: applications.uploadStatus,
  processingStatus: applications.processingStatus,
  crossheckStatus: applications.crossheckStatus,
  masterStatus: applications.masterStatus,
  lastStatusAt: applications.lastStatusAt,
  callbackReceivedAt: applications.callbackReceivedAt,
  lastError: applications.lastError,
  createdAt: applications.createdAt,
  createdByName: users.name,
};

/** Case-insensitive against the status-word table; a word it does not know counts as in progress. */
function statusCondition(status: NonNullable<ApplicationListFilter["status"]>): SQL | undefined {
  if (status === "success") return masterMeans("finished");
  if (status === "failed") return masterMeans("failed");
  if (status === "in_progress") return or(masterMeans("running"), masterUnknown());
  return or(isNull(applications.masterStatus), masterMeans("idle"));
}

export async function listApplications(db: Db, filter: ApplicationListFilter) {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(statusCondition(filter.status)!);
  if (filter.productType) conditions.push(eq(applications.productType, filter.productType));
  if (filter.q)
    conditions.push(
      ilike(applications.applicationNumber, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
    );
  const where = conditions.length ? and(...conditions) : undefined;
  const order =
    filter.sort === "oldest"
      ? [asc(applications.createdAt)]
      : filter.sort === "application"
        ? [asc(applications.applicationNumber)]
        : [desc(applications.createdAt)];
  const [rows, [total]] = await Promise.all([
    db
      .select(applicationColumns)
      .from(applications)
      .innerJoin(users, eq(users.id, applications.createdBy))
      .where(where)
      .orderBy(...order)
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(applications).where(where),
  ]);
  const ids = rows.map((r) => r.id);
  const docCounts = ids.length
    ? await db
        .select({ applicationId: documents.applicationId, n: count() })
        .from(documents)
        .where(inArray(documents.applicationId, ids))
        .groupBy(documents.applicationId)
    : [];
  const countOf = new Map(docCounts.map((c) => [c.applicationId, Number(c.n)]));
  // Cross-checks below the pass mark, as crossCheckVerdict counts a mismatch (a score, below it).
  const belowRows =
    ids.length && filter.passMark !== undefined
      ? await db
          .select({ applicationId: crossChecks.applicationId, n: count() })
          .from(crossChecks)
          .where(
            and(inArray(crossChecks.applicationId, ids), lt(crossChecks.similarityScore, filter.passMark)),
          )
          .groupBy(crossChecks.applicationId)
      : [];
  const belowOf = new Map(belowRows.map((c) => [c.applicationId, Number(c.n)]));
  return {
    rows: rows.map((r) => ({
      ...r,
      documentCount: countOf.get(r.id) ?? 0,
      belowPassMark: belowOf.get(r.id) ?? 0,
    })),
    total: Number(total?.n ?? 0),
  };
}

export async function getApplication(db: Db, applicationId: string) {
  if (!isUuid(applicationId)) return undefined;
  const [application] = await db
    .select(applicationColumns)
    .from(applications)
    .innerJoin(users, eq(users.id, applications.createdBy))
    .where(eq(applications.id, applicationId));
  if (!application) return undefined;
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
      .where(eq(atlasUploads.applicationId, applicationId))
      .orderBy(asc(atlasUploads.chunkIndex)),
    db
      .select({ at: max(atlasUploads.submittedAt) })
      .from(atlasUploads)
      .where(eq(atlasUploads.applicationId, applicationId)),
  ]);
  // Results came by callback when the latest callback is newer than the latest upload.
  const resultsByCallback =
    !!application.callbackReceivedAt && (!lastSubmit?.at || application.callbackReceivedAt >= lastSubmit.at);
  return { ...application, uploads, resultsByCallback };
}

export async function listApplicationDocuments(db: Db, applicationId: string) {
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
    .where(eq(documents.applicationId, applicationId))
    .orderBy(asc(documents.createdAt), asc(documents.externalId));
}

export async function listCrossChecks(db: Db, applicationId: string) {
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
    .where(eq(crossChecks.applicationId, applicationId))
    .orderBy(asc(crossChecks.similarityScore), asc(crossChecks.fieldName));
}

export type ApplicationSummary = NonNullable<Awaited<ReturnType<typeof getApplication>>>;

/** Rows an upload of the application already recorded under this client key (0: not recorded). */
export async function uploadRowCount(db: Db, applicationId: string, uploadId: string): Promise<number> {
  const [row] = await db
    .select({ rows: count() })
    .from(documents)
    .where(and(eq(documents.applicationId, applicationId), eq(documents.uploadId, uploadId)));
  return row?.rows ?? 0;
}

/** The document ids (Atlas's, as given in the upload) already on the application. */
export async function applicationDocumentIds(db: Db, applicationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: documents.externalId })
    .from(documents)
    .where(eq(documents.applicationId, applicationId));
  return rows.map((r) => r.id);
}
