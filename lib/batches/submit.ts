import "server-only";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { AtlasClient } from "@/lib/atlas/client";
import type { UploadResult } from "@/lib/atlas/types";
import { isAtlasError, mayHaveReachedAtlas } from "@/lib/atlas/errors";
import type { Db } from "@/lib/db";
import { atlasUploads, batches, documents } from "@/lib/db/schema";
import { isUserError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { describeSignFailure, signFilesForAtlas } from "@/lib/s3/sign-late";
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

type ClaimedChunk = {
  id: string;
  chunkIndex: number;
  rows: Array<{ externalId: string; fileUrl: string }>;
};

/**
 * Claims the batch's next pending chunk (pending → sending, skipping rows another process holds)
 * and reads its rows, in ONE statement: one round trip per chunk, and no lane waits for another.
 */
async function claimNextChunk(db: Db, batchId: string): Promise<ClaimedChunk | null> {
  const result = (await db.execute(sql`
    with next as (
      select id from atlas_uploads
      where batch_id = ${batchId} and status = 'pending'
      order by chunk_index limit 1
      for update skip locked
    ), claimed as (
      update atlas_uploads u set
        status = 'sending',
        sending_since = ${new Date().toISOString()}::timestamptz,
        attempt_count = u.attempt_count + 1,
        error_message = null
      from next where u.id = next.id and u.status = 'pending'
      returning u.id, u.chunk_index
    )
    select c.id, c.chunk_index, d.document_id, d.file_url
    from claimed c left join documents d on d.upload_id = c.id`)) as unknown as {
    rows: Array<{ id: string; chunk_index: number; document_id: string | null; file_url: string | null }>;
  };
  const [first] = result.rows;
  if (!first) return null;
  return {
    id: first.id,
    chunkIndex: first.chunk_index,
    rows: result.rows
      .filter((r) => r.document_id !== null)
      .map((r) => ({ externalId: r.document_id!, fileUrl: r.file_url! })),
  };
}

export const UNKNOWN_FATE_NOTE =
  "It is unknown whether Atlas received these rows; retrying may make Atlas process them twice.";

export function describeUploadFailure(error: unknown): string {
  // AtlasError is a UserError too: a sign failure is any other UserError (nothing was sent).
  if (isUserError(error) && !isAtlasError(error)) return describeSignFailure(error);
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
 * lane claims the next chunk (lowest chunk index first; one statement, so lanes never wait for
 * each other) and sends it; the claim is what keeps a chunk from going twice. What Atlas answered
 * is recorded while the lane already claims and sends its next chunk (one record per lane under
 * way at a time; every record is done before this returns).
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

  /** Records what Atlas answered; a lane sends its next chunk while this runs (one at a time per lane). */
  const record = async (claimed: ClaimedChunk, result: UploadResult) => {
    try {
      await recordSubmitted(db, claimed.id, result);
      outcome.submitted++;
      outcome.documentsSubmitted += claimed.rows.length;
    } catch (error) {
      // Atlas has the rows; only our bookkeeping failed. Never "failed": a retry would send them twice.
      logger.error("batch.chunk_record_failed", { batchId, chunk: claimed.chunkIndex, error });
      const message = `Atlas accepted these rows but the app could not record it. ${UNKNOWN_FATE_NOTE}`;
      await markChunk(db, claimed.id, "unknown", message, JSON.stringify(result).slice(0, 4000));
      outcome.failed++;
    }
  };

  await inLanes(pool.size, async () => {
    let recording: Promise<void> = Promise.resolve();
    try {
      for (
        let claimed = await claimNextChunk(db, batchId);
        claimed;
        claimed = await claimNextChunk(db, batchId)
      ) {
        const { rows } = claimed;
        let result: UploadResult;
        try {
          // s3:// rows are signed now, per attempt, so a retried or late chunk sends fresh links.
          result = await pool.run(async () =>
            atlas.bulk.upload({
              productType: batch.productType,
              files: await signFilesForAtlas(
                rows.map((r) => ({ documentId: r.externalId, fileUrl: r.fileUrl })),
              ),
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
        await recording;
        recording = record(claimed, result);
      }
    } finally {
      await recording;
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
  // One statement (atomic on its own, one round trip): the chunk's row, then its documents.
  await db.execute(sql`
    with upload as (
      update atlas_uploads set
        status = 'submitted',
        atlas_batch_id = ${result.batchId},
        submitted_at = ${new Date().toISOString()}::timestamptz,
        error_message = null,
        answer_body = null,
        unchanged_polls = 0,
        next_poll_at = null
      where id = ${uploadId}
    )
    update documents d set
      status = 'submitted',
      atlas_batch_id = v.batch_id,
      file_uuid = coalesce(v.file_uuid, d.file_uuid),
      submit_error = null,
      updated_at = now()
    from unnest(
      ${sql.param(result.items.map((i) => i.documentId))}::text[],
      ${sql.param(result.items.map((i) => i.batchId))}::text[],
      ${sql.param(result.items.map((i) => i.fileUuid ?? null))}::text[]
    ) as v(document_id, batch_id, file_uuid)
    where d.upload_id = ${uploadId} and d.document_id = v.document_id`);
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
