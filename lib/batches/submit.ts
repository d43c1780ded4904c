import "server-only";
import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import type { AtlasClient } from "@/lib/atlas/client";
import type { UploadResult } from "@/lib/atlas/types";
import { isAtlasError, mayHaveReachedAtlas } from "@/lib/atlas/errors";
import type { Db } from "@/lib/db";
import { atlasUploads, batches, documents } from "@/lib/db/schema";
import { logger } from "@/lib/logger";
import { refreshBatchCounts } from "./counts";
import { inLanes, WorkerPool } from "./pool";

/**
 * Sends a batch's pending chunks to Atlas, one request per chunk, several chunks at once.
 *
 * `multiupload` is not idempotent, so each chunk is CLAIMED first (pending → sending, in one
 * statement that skips rows another process holds): two clicks, two tabs or two app instances
 * can never send the same chunk twice. A chunk that fails is marked failed with Atlas's reason
 * and waits for a person to retry it; it is never retried blindly. When the request went out but
 * its answer was lost or unreadable (timeout, 5xx, a proxy's error page, a 2xx we cannot read),
 * Atlas may have received the rows: the chunk is "unknown", keeps the answer, and the retry
 * button warns that Atlas may process those rows twice.
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

export const UNKNOWN_FATE_NOTE =
  "It is unknown whether Atlas received these rows; retrying may make Atlas process them twice.";

export function describeUploadFailure(error: unknown): string {
  if (isAtlasError(error)) {
    return mayHaveReachedAtlas(error) ? `${error.userMessage} ${UNKNOWN_FATE_NOTE}` : error.userMessage;
  }
  return "The upload failed for an unexpected reason. Try again; if it keeps failing, check the server log.";
}

/** What Atlas answered, kept on the chunk: the body when there was one, else what happened. */
function answerOf(error: unknown): string | null {
  if (!isAtlasError(error)) return null;
  if (error.body) return error.body;
  if (error.body === "") return "(an empty answer)";
  if (error.failure === "timeout") return "(no answer: the request timed out)";
  if (error.failure === "network") return "(no answer: the connection failed)";
  return error.atlasMessage ?? null;
}

/** Without a pool or a concurrency (direct calls, tests that fault the Nth request): one at a time. */
const DEFAULT_UPLOAD_CONCURRENCY = 1;

/**
 * Sends the pending chunks, several at once (bounded by the instance's pool when given): each
 * lane claims the next chunk and sends it. Claiming and reading a chunk's rows happen one lane at
 * a time, so the requests start in chunk order; the claim is what keeps a chunk from going twice.
 */
export async function submitPendingChunks(
  db: Db,
  atlas: AtlasClient,
  batchId: string,
  options: { pool?: WorkerPool; concurrency?: number } = {},
): Promise<SubmitOutcome> {
  const [batch] = await db
    .select({ productType: batches.productType })
    .from(batches)
    .where(eq(batches.id, batchId));
  if (!batch) throw new Error(`No batch ${batchId}`);
  const outcome: SubmitOutcome = { submitted: 0, failed: 0, documentsSubmitted: 0 };
  const pool = options.pool ?? new WorkerPool(options.concurrency ?? DEFAULT_UPLOAD_CONCURRENCY);
  let claiming: Promise<unknown> = Promise.resolve();
  const claimNext = () => {
    const next = claiming.then(async () => {
      const claimed = await claimNextChunk(db, batchId);
      if (!claimed) return null;
      const rows = await db
        .select({ id: documents.id, externalId: documents.externalId, fileUrl: documents.fileUrl })
        .from(documents)
        .where(eq(documents.uploadId, claimed.id));
      return { ...claimed, rows };
    });
    claiming = next.catch(() => undefined);
    return next;
  };

  await inLanes(pool.size, async () => {
    for (let claimed = await claimNext(); claimed; claimed = await claimNext()) {
      const { rows } = claimed;
      let result: UploadResult;
      try {
        result = await pool.run(() =>
          atlas.bulk.upload({
            productType: batch.productType,
            files: rows.map((r) => ({ documentId: r.externalId, fileUrl: r.fileUrl })),
          }),
        );
      } catch (error) {
        const unknown = mayHaveReachedAtlas(error);
        const message = describeUploadFailure(error);
        logger.warn(unknown ? "batch.chunk_unknown" : "batch.chunk_failed", {
          batchId,
          chunk: claimed.chunkIndex,
          error,
        });
        await markChunk(db, claimed.id, unknown ? "unknown" : "failed", message, answerOf(error));
        outcome.failed++;
        continue;
      }
      try {
        await recordSubmitted(db, claimed.id, result);
        outcome.submitted++;
        outcome.documentsSubmitted += rows.length;
      } catch (error) {
        // Atlas has the rows; only our bookkeeping failed. Never "failed": a retry would send them twice.
        logger.error("batch.chunk_record_failed", { batchId, chunk: claimed.chunkIndex, error });
        const message = `Atlas accepted these rows but the app could not record it. ${UNKNOWN_FATE_NOTE}`;
        await markChunk(db, claimed.id, "unknown", message, JSON.stringify(result).slice(0, 4000));
        outcome.failed++;
      }
    }
  });
  await refreshBatchCounts(db, batchId);
  return outcome;
}

async function markChunk(
  db: Db,
  uploadId: string,
  status: "failed" | "unknown",
  message: string,
  answer: string | null,
) {
  await db.transaction(async (tx) => {
    await tx
      .update(atlasUploads)
      .set({ status, errorMessage: message, answerBody: answer })
      .where(eq(atlasUploads.id, uploadId));
    await tx
      .update(documents)
      .set({ submitError: message, updatedAt: new Date() })
      .where(eq(documents.uploadId, uploadId));
  });
}

/**
 * The chunk is with Atlas: each row keeps the batch_id (and file_uuid) of its own answer entry,
 * in one statement (not one per row: a 5,000-row batch is 100 chunks).
 */
async function recordSubmitted(db: Db, uploadId: string, result: UploadResult) {
  await db.transaction(async (tx) => {
    await tx
      .update(atlasUploads)
      .set({
        status: "submitted",
        atlasBatchId: result.batchId,
        submittedAt: new Date(),
        errorMessage: null,
        answerBody: null,
        unchangedPolls: 0,
        nextPollAt: null,
      })
      .where(eq(atlasUploads.id, uploadId));
    const values = result.items.map(
      (item) => sql`(${item.documentId}::text, ${item.batchId}::text, ${item.fileUuid ?? null}::text)`,
    );
    await tx.execute(sql`
      update ${documents} set
        status = 'submitted',
        atlas_batch_id = v.batch_id,
        file_uuid = coalesce(v.file_uuid, ${documents.fileUuid}),
        submit_error = null,
        updated_at = now()
      from (values ${sql.join(values, sql`, `)}) as v(document_id, batch_id, file_uuid)
      where ${documents.uploadId} = ${uploadId} and ${documents.externalId} = v.document_id`);
  });
}

/** Chunks waiting for a person: refused ("failed") or possibly received ("unknown"). */
export const RETRYABLE_CHUNK_STATUSES = ["failed", "unknown"] as const;

/**
 * The person asked to retry: failed and unknown chunks become pending again (once, however often
 * they click). The page asked them to confirm first when some were "unknown".
 */
export async function requeueFailedChunks(db: Db, batchId: string): Promise<number> {
  const requeued = await db
    .update(atlasUploads)
    .set({ status: "pending" })
    .where(
      and(eq(atlasUploads.batchId, batchId), inArray(atlasUploads.status, [...RETRYABLE_CHUNK_STATUSES])),
    )
    .returning({ id: atlasUploads.id });
  // The batch is open again ("submitting"), so the background loop sends the chunks even when
  // the run that follows this click is skipped (another instance holds the lease).
  if (requeued.length > 0) await refreshBatchCounts(db, batchId);
  return requeued.length;
}

/**
 * A chunk left in "sending" by a process that died mid-request: whether Atlas got it is unknown,
 * so a batch's chunk becomes "unknown" (a flow's stays "failed", as the flow pages expect) with
 * that explanation and waits for a person's decision.
 */
export async function releaseAbandonedChunks(db: Db, olderThanMs: number): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanMs);
  const message =
    "The app stopped while sending these rows, so it is unknown whether Atlas received them. Retrying may make Atlas process them twice.";
  const released = await db.transaction(async (tx) => {
    const chunks = await tx
      .update(atlasUploads)
      .set({
        status: sql`case when ${atlasUploads.batchId} is not null then 'unknown'::upload_status else 'failed'::upload_status end`,
        errorMessage: message,
      })
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
