import "server-only";
import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import type { AtlasClient } from "@/lib/atlas/client";
import { isAtlasError } from "@/lib/atlas/errors";
import type { Db } from "@/lib/db";
import { atlasUploads, batches, documents } from "@/lib/db/schema";
import { logger } from "@/lib/logger";
import { refreshBatchCounts } from "./counts";

/**
 * Sends a batch's pending chunks to Atlas, one request per chunk.
 *
 * `multiupload` is not idempotent, so each chunk is CLAIMED first (pending → sending, in one
 * statement that skips rows another process holds): two clicks, two tabs or two app instances
 * can never send the same chunk twice. A chunk that fails is marked failed with Atlas's reason
 * and waits for a person to retry it; it is never retried blindly.
 */
export type SubmitOutcome = { submitted: number; failed: number; documentsSubmitted: number };

async function claimNextChunk(db: Db, batchId: string) {
  const next = db
    .select({ id: atlasUploads.id })
    .from(atlasUploads)
    .where(and(eq(atlasUploads.batchId, batchId), eq(atlasUploads.status, "pending")))
    .orderBy(asc(atlasUploads.chunkIndex))
    .limit(1)
    .for("update", { skipLocked: true });
  const [claimed] = await db
    .update(atlasUploads)
    .set({
      status: "sending",
      sendingSince: new Date(),
      attemptCount: sql`${atlasUploads.attemptCount} + 1`,
      errorMessage: null,
    })
    .where(and(inArray(atlasUploads.id, next), eq(atlasUploads.status, "pending")))
    .returning({ id: atlasUploads.id, chunkIndex: atlasUploads.chunkIndex });
  return claimed;
}

export function describeUploadFailure(error: unknown): string {
  if (isAtlasError(error)) {
    if (error.kind === "unavailable" && error.failure === "timeout") {
      return `${error.userMessage} Atlas may or may not have received these rows; retrying could submit them twice.`;
    }
    return error.userMessage;
  }
  return "The upload failed for an unexpected reason. Try again; if it keeps failing, check the server log.";
}

export async function submitPendingChunks(
  db: Db,
  atlas: AtlasClient,
  batchId: string,
): Promise<SubmitOutcome> {
  const [batch] = await db
    .select({ productType: batches.productType })
    .from(batches)
    .where(eq(batches.id, batchId));
  if (!batch) throw new Error(`No batch ${batchId}`);
  const outcome: SubmitOutcome = { submitted: 0, failed: 0, documentsSubmitted: 0 };

  for (
    let claimed = await claimNextChunk(db, batchId);
    claimed;
    claimed = await claimNextChunk(db, batchId)
  ) {
    const rows = await db
      .select({ id: documents.id, documentId: documents.documentId, fileUrl: documents.fileUrl })
      .from(documents)
      .where(eq(documents.uploadId, claimed.id));
    try {
      const result = await atlas.bulk.upload({
        productType: batch.productType,
        files: rows.map((r) => ({ documentId: r.documentId, fileUrl: r.fileUrl })),
      });
      const fileUuids = result.items.filter((item) => item.fileUuid);
      await db.transaction(async (tx) => {
        await tx
          .update(atlasUploads)
          .set({ status: "submitted", atlasBatchId: result.batchId, submittedAt: new Date() })
          .where(eq(atlasUploads.id, claimed.id));
        await tx
          .update(documents)
          .set({
            status: "submitted",
            atlasBatchId: result.batchId,
            submitError: null,
            updatedAt: new Date(),
          })
          .where(eq(documents.uploadId, claimed.id));
        // The file_uuids in one statement (not one per row): a 5,000-row batch is 100 chunks.
        if (fileUuids.length > 0) {
          const values = fileUuids.map((item) => sql`(${item.documentId}::text, ${item.fileUuid!}::text)`);
          await tx.execute(sql`
            update ${documents} set file_uuid = v.file_uuid
            from (values ${sql.join(values, sql`, `)}) as v(document_id, file_uuid)
            where ${documents.uploadId} = ${claimed.id} and ${documents.documentId} = v.document_id`);
        }
      });
      outcome.submitted++;
      outcome.documentsSubmitted += rows.length;
    } catch (error) {
      const message = describeUploadFailure(error);
      logger.warn("batch.chunk_failed", { batchId, chunk: claimed.chunkIndex, error });
      await db.transaction(async (tx) => {
        await tx
          .update(atlasUploads)
          .set({ status: "failed", errorMessage: message })
          .where(eq(atlasUploads.id, claimed.id));
        await tx
          .update(documents)
          .set({ submitError: message, updatedAt: new Date() })
          .where(eq(documents.uploadId, claimed.id));
      });
      outcome.failed++;
    }
  }
  await refreshBatchCounts(db, batchId);
  return outcome;
}

/** The person asked to retry: failed chunks become pending again (once, however often they click). */
export async function requeueFailedChunks(db: Db, batchId: string): Promise<number> {
  const requeued = await db
    .update(atlasUploads)
    .set({ status: "pending" })
    .where(and(eq(atlasUploads.batchId, batchId), eq(atlasUploads.status, "failed")))
    .returning({ id: atlasUploads.id });
  // The batch is open again ("submitting"), so the background loop sends the chunks even when
  // the run that follows this click is skipped (another instance holds the lease).
  if (requeued.length > 0) await refreshBatchCounts(db, batchId);
  return requeued.length;
}

/**
 * A chunk left in "sending" by a process that died mid-request: whether Atlas got it is unknown,
 * so it becomes failed with that explanation and waits for a person's decision.
 */
export async function releaseAbandonedChunks(db: Db, olderThanMs: number): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanMs);
  const message =
    "The app stopped while sending these rows, so it is unknown whether Atlas received them. Retrying could submit them twice.";
  const released = await db.transaction(async (tx) => {
    const chunks = await tx
      .update(atlasUploads)
      .set({ status: "failed", errorMessage: message })
      .where(and(eq(atlasUploads.status, "sending"), lt(atlasUploads.sendingSince, cutoff)))
      .returning({ id: atlasUploads.id, batchId: atlasUploads.batchId });
    if (chunks.length > 0) {
      await tx
        .update(documents)
        .set({ submitError: message, updatedAt: new Date() })
        .where(
          inArray(
            documents.uploadId,
            chunks.map((c) => c.id),
          ),
        );
    }
    return chunks;
  });
  // Their batches leave "submitting" (partly failed, with the rows shown as not submitted).
  for (const batchId of new Set(released.map((c) => c.batchId).filter((id): id is string => !!id))) {
    await refreshBatchCounts(db, batchId);
  }
  return released.length;
}
