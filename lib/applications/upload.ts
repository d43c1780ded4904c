import "server-only";
import { and, eq, isNull, lt, max, or, sql } from "drizzle-orm";
import type { AtlasClient } from "@/lib/atlas/client";
import type { Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { recordAudit, type AuditActor } from "@/lib/db/queries/audit";
import { atlasUploads, documents, applications } from "@/lib/db/schema";
import { UserError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { signFilesForAtlas } from "@/lib/s3/sign-late";
import { describeApplicationUploadFailure } from "./messages";

/**
 * Documents added to an application: recorded first (documents + one atlas_uploads row, both
 * with flow_id), then sent with `POST /v3/verification/multiupload` once. The form's client key
 * IS the upload's id, so a double click or a re-posted request finds the upload already
 * recorded; sending claims the row (pending → sending) first, so it is never sent twice.
 */

/** Atlas takes at most 50 files per multiupload (atlas-api.md 6 #1); one upload is one request. */
export const MAX_APPLICATION_UPLOAD_ROWS = 50;

export async function recordApplicationUpload(
  db: Db,
  input: { applicationId: string; uploadId: string; rows: { documentId: string; fileUrl: string }[] },
  actor: AuditActor,
): Promise<{ uploadId: string; created: boolean }> {
  if (input.rows.length === 0 || input.rows.length > MAX_APPLICATION_UPLOAD_ROWS) {
    throw new RangeError(`An upload carries 1–${MAX_APPLICATION_UPLOAD_ROWS} rows`);
  }
  try {
    return await db.transaction(async (tx) => {
      // Serialises uploads to one application, so chunk numbers never collide.
      const [application] = await tx
        .select({ id: applications.id, flowUuid: applications.flowUuid })
        .from(applications)
        .where(eq(applications.id, input.applicationId))
        .for("update");
      if (!application) throw new UserError("not_found", "That application no longer exists.");
      const [existing] = await tx
        .select({ applicationId: atlasUploads.applicationId })
        .from(atlasUploads)
        .where(eq(atlasUploads.id, input.uploadId));
      if (existing) {
        if (existing.applicationId !== input.applicationId)
          throw new UserError("conflict", "The form is out of date; reload the page.");
        return { uploadId: input.uploadId, created: false };
      }
      if (!application.flowUuid)
        throw new UserError(
          "conflict",
          "This application has not been started on Atlas yet. Start it first, then add documents.",
        );
      const [last] = await tx
        .select({ n: max(atlasUploads.chunkIndex) })
        .from(atlasUploads)
        .where(eq(atlasUploads.applicationId, input.applicationId));
      await tx.insert(atlasUploads).values({
        id: input.uploadId,
        applicationId: input.applicationId,
        chunkIndex: (last?.n ?? -1) + 1,
        status: "pending",
      });
      await tx.insert(documents).values(
        input.rows.map((row) => ({
          applicationId: input.applicationId,
          uploadId: input.uploadId,
          externalId: row.documentId,
          fileUrl: row.fileUrl,
          status: "not_submitted" as const,
        })),
      );
      await recordAudit(tx, {
        ...actor,
        action: "application.upload",
        targetType: "application",
        targetId: input.applicationId,
        after: { rows: input.rows.length, uploadId: input.uploadId },
      });
      return { uploadId: input.uploadId, created: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new UserError(
        "conflict",
        "Some of these document ids are already in this application (perhaps added from another tab). Reload the page and check the preview.",
      );
    }
    throw error;
  }
}

export type ApplicationUploadOutcome =
  | { sent: true; documents: number }
  | { sent: false; status: "already_sent" | "in_flight" | "failed"; message?: string };

/** Sends one recorded upload if it is still pending. A failure is recorded, never retried blindly. */
export async function submitApplicationUpload(
  db: Db,
  atlas: AtlasClient,
  uploadId: string,
  options: { appBaseUrl: string },
): Promise<ApplicationUploadOutcome> {
  const [claimed] = await db
    .update(atlasUploads)
    .set({
      status: "sending",
      sendingSince: new Date(),
      attemptCount: sql`${atlasUploads.attemptCount} + 1`,
      errorMessage: null,
    })
    .where(and(eq(atlasUploads.id, uploadId), eq(atlasUploads.status, "pending")))
    .returning({ applicationId: atlasUploads.applicationId, claimedAt: atlasUploads.sendingSince });
  if (!claimed?.applicationId) {
    const [row] = await db
      .select({ status: atlasUploads.status, errorMessage: atlasUploads.errorMessage })
      .from(atlasUploads)
      .where(eq(atlasUploads.id, uploadId));
    if (row?.status === "failed")
      return { sent: false, status: "failed", message: row.errorMessage ?? undefined };
    return { sent: false, status: row?.status === "sending" ? "in_flight" : "already_sent" };
  }
  const applicationId = claimed.applicationId;
  const [application] = await db
    .select({ flowUuid: applications.flowUuid })
    .from(applications)
    .where(eq(applications.id, applicationId));
  const rows = await db
    .select({ id: documents.id, externalId: documents.externalId, fileUrl: documents.fileUrl })
    .from(documents)
    .where(eq(documents.uploadId, uploadId))
    // id order, the order storeApplicationResults locks rows in (see there): no deadlock.
    .orderBy(documents.id);
  try {
    const result = await atlas.flow.upload({
      flowUuid: application!.flowUuid!,
      // s3:// rows are signed now (per attempt), never stored signed.
      files: await signFilesForAtlas(rows.map((r) => ({ documentId: r.externalId, fileUrl: r.fileUrl }))),
    });
    const fileUuidOf = new Map(result.items.map((item) => [item.documentId, item.fileUuid ?? null]));
    await db.transaction(async (tx) => {
      await tx
        .update(atlasUploads)
        .set({ status: "submitted", atlasBatchId: result.batchId, submittedAt: new Date() })
        .where(eq(atlasUploads.id, uploadId));
      for (const row of rows) {
        await tx
          .update(documents)
          .set({
            atlasBatchId: result.batchId,
            fileUuid: sql`coalesce(${documents.fileUuid}, ${fileUuidOf.get(row.externalId) ?? null})`,
            submitError: null,
            updatedAt: new Date(),
          })
          .where(eq(documents.id, row.id));
      }
      // A fast callback may already have stored results for these rows: never step them back.
      await tx
        .update(documents)
        .set({ status: "submitted" })
        .where(and(eq(documents.uploadId, uploadId), eq(documents.status, "not_submitted")));
      // An upload re-opens the flow at Atlas: the stage statuses are unknown until the next poll
      // (unless the callback for this very upload has already arrived).
      await tx
        .update(applications)
        .set({
          uploadStatus: null,
          processingStatus: null,
          crossheckStatus: null,
          masterStatus: "IN_PROGRESS",
          lastError: null,
          unknownStatusPolls: 0,
          nextPollAt: new Date(),
          updatedAt: new Date(),
        })
        .where(
          and(
            eq(applications.id, applicationId),
            or(
              isNull(applications.callbackReceivedAt),
              lt(applications.callbackReceivedAt, claimed.claimedAt!),
            ),
          ),
        );
    });
    return { sent: true, documents: rows.length };
  } catch (error) {
    const message = describeApplicationUploadFailure(error, {
      appBaseUrl: options.appBaseUrl,
      applicationId,
    });
    logger.warn("application.upload_failed", { applicationId, uploadId, error });
    await db.transaction(async (tx) => {
      await tx
        .update(atlasUploads)
        .set({ status: "failed", errorMessage: message })
        .where(eq(atlasUploads.id, uploadId));
      await tx
        .update(documents)
        .set({ submitError: message, updatedAt: new Date() })
        .where(eq(documents.uploadId, uploadId));
      await tx
        .update(applications)
        .set({ lastError: message, updatedAt: new Date() })
        .where(eq(applications.id, applicationId));
    });
    return { sent: false, status: "failed", message };
  }
}

/** A person asked to retry: the application's failed uploads become pending again. */
export async function requeueFailedApplicationUploads(db: Db, applicationId: string): Promise<string[]> {
  const rows = await db
    .update(atlasUploads)
    .set({ status: "pending" })
    .where(and(eq(atlasUploads.applicationId, applicationId), eq(atlasUploads.status, "failed")))
    .returning({ id: atlasUploads.id });
  return rows.map((r) => r.id);
}

export async function pendingApplicationUploads(db: Db, applicationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: atlasUploads.id })
    .from(atlasUploads)
    .where(and(eq(atlasUploads.applicationId, applicationId), eq(atlasUploads.status, "pending")))
    .orderBy(atlasUploads.chunkIndex);
  return rows.map((r) => r.id);
}
