"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions";
import { UserError } from "@/lib/errors";
import { actorOf } from "@/lib/auth/actor";
import { getBatchSummary } from "@/lib/batches/queries";
import { getBatchEngine } from "@/lib/batches/service";
import { requeueFailedChunks } from "@/lib/batches/submit";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/db/queries/audit";

const batchInput = z.object({ batchId: z.string().uuid("Unknown batch.") });
const guard = { kind: "permission", permission: "batches:create" } as const;

/** Sends the chunks that failed again. Each chunk is sent once however often this is clicked. */
export const retryFailedChunksAction = defineAction(
  { name: "batches.retryFailed", guard, input: batchInput },
  async ({ batchId }, { user }) => {
    const db = await getDb();
    if (!(await getBatchSummary(db, batchId)))
      throw new UserError("not_found", "That batch no longer exists.");
    const requeued = await requeueFailedChunks(db, batchId);
    if (requeued > 0) {
      await recordAudit(db, {
        ...(await actorOf(user)),
        action: "batch.retry_failed",
        targetType: "batch",
        targetId: batchId,
        metadata: { chunks: requeued },
      });
    }
    const result = await getBatchEngine().run(batchId);
    return { requeued, submitted: "submitted" in result ? result.submitted : 0 };
  },
);

/** Syncs now instead of waiting for the next interval (joins a sync already running). */
export const syncNowAction = defineAction(
  { name: "batches.syncNow", guard, input: batchInput },
  async ({ batchId }) => {
    const db = await getDb();
    if (!(await getBatchSummary(db, batchId)))
      throw new UserError("not_found", "That batch no longer exists.");
    // A failure Atlas explains (a UserError) reaches the person through defineAction as it is.
    const result = await getBatchEngine().run(batchId, { force: true });
    if (result.skipped) return { message: "Another app instance is syncing this batch right now." };
    return {
      message: result.sync ? `Synced: ${result.sync.stored} new result(s).` : "Nothing to sync yet.",
    };
  },
);
