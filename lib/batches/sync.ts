import "server-only";
import { eq } from "drizzle-orm";
import type { AtlasClient } from "@/lib/atlas/client";
import { isAtlasError } from "@/lib/atlas/errors";
import type { ExtractsPage } from "@/lib/atlas/types";
import type { Db } from "@/lib/db";
import { batches } from "@/lib/db/schema";
import type { ThresholdSet } from "@/lib/documents/thresholds";
import { refreshBatchCounts } from "./counts";
import { inLanes, WorkerPool } from "./pool";
import { queueSecondReads } from "@/lib/second-reader/queue";
import { whileSyncing } from "@/lib/second-reader/sync-gate";
import { storeReads, type TargetPages } from "./sync-store";
import { dueTargets, openTargets, readTarget, updateBackoff, waitingRows, type Target } from "./sync-targets";
import { WriteBehind } from "./write-behind";

/**
 * The sync engine: pulls `GET /v1/bulk/extracts` for a batch's Atlas uploads and stores each
 * result exactly once. What is read and how pages are followed: sync-targets.ts; how results
 * are written: sync-store.ts.
 *
 * Reading and writing overlap: each upload's results are handed to a writer as soon as its pages
 * have arrived, and the writer stores whatever has arrived meanwhile in one transaction while
 * the reads go on (write-behind.ts). Reads run in a worker pool, the instance's shared one when
 * the engine passes it (so many batches and flows at once stay within one bound), else one of
 * `concurrency` workers.
 */
export type SyncOptions = {
  concurrency: number;
  /** The instance's shared pool; `concurrency` sizes a private one when absent. */
  pool?: WorkerPool;
  thresholds: ThresholdSet;
  stallAfterMs?: number;
  now?: () => Date;
  /** The engine's interval: turns adaptive polling on. */
  pollIntervalMs?: number;
  maxPollBackoffMs?: number;
  /** Read every open upload now, whatever its backoff. */
  force?: boolean;
};
export type SyncReport = { requests: number; stored: number; uploadsChecked: number };

/**
 * Documents per write transaction, at most: large enough that a 5,000-document batch is a few
 * dozen transactions, small enough that another request waiting for the database (a progress
 * poll on the embedded one, which runs one transaction at a time) waits only briefly.
 */
const MAX_DOCUMENTS_PER_WRITE = 400;
/**
 * Writes under way at once: one builds its arrays (JavaScript) while the other's statement runs
 * in the database; PostgreSQL runs two at once, the embedded database queues the second.
 */
const WRITERS = 2;
/** Uploads read but not yet written before the readers wait for the writer. */
const MAX_QUEUED_UPLOADS = 32;

export function syncBatch(
  db: Db,
  atlas: AtlasClient,
  batchId: string,
  options: SyncOptions,
): Promise<SyncReport> {
  // The second reader's OCR does not start a page while this pass runs (lib/second-reader/sync-gate.ts).
  return whileSyncing(() => syncPass(db, atlas, batchId, options));
}

async function syncPass(
  db: Db,
  atlas: AtlasClient,
  batchId: string,
  options: SyncOptions,
): Promise<SyncReport> {
  const report: SyncReport = { requests: 0, stored: 0, uploadsChecked: 0 };
  const now = options.now?.() ?? new Date();
  const open = await openTargets(db, batchId);
  const waiting = waitingRows(open);
  const due = dueTargets(open, now, options);
  report.uploadsChecked = due.length;
  const pool = options.pool ?? new WorkerPool(options.concurrency);

  const storedPerUpload = new Map<string, number>();
  const writer = new WriteBehind<TargetPages>(
    async (reads) => {
      for (const [uploadId, n] of await storeReads(db, batchId, reads, waiting, options)) {
        storedPerUpload.set(uploadId, (storedPerUpload.get(uploadId) ?? 0) + n);
        report.stored += n;
      }
    },
    {
      weight: (read) => read.pages.reduce((n, page) => n + page.data.length, 0),
      maxWeight: MAX_DOCUMENTS_PER_WRITE,
      maxQueued: MAX_QUEUED_UPLOADS,
      writers: WRITERS,
    },
  );

  // Whether to start further reads after one failed: not when Atlas itself is unreachable or
  // refuses us (every other read would fail the same way); yes after one unreadable page.
  let atlasDown = false;
  const failures: unknown[] = [];
  const polled = new Map<string, Target>();
  let next = 0;
  await inLanes(Math.min(pool.size, due.length), async () => {
    while (!atlasDown && !writer.failed && next < due.length) {
      const target = due[next++]!;
      let pages: ExtractsPage[] | null;
      try {
        pages = await pool.run(async () => (atlasDown ? null : readTarget(atlas, target, report)));
      } catch (error) {
        if (!isAtlasError(error) || error.kind !== "protocol") atlasDown = true;
        failures.push(error);
        continue;
      }
      if (!pages) continue;
      polled.set(target.uploadId, target);
      await writer.push({ target, pages });
    }
  });
  await writer.finish();

  if (options.pollIntervalMs !== undefined) {
    await updateBackoff(db, polled, storedPerUpload, now, options.pollIntervalMs, options.maxPollBackoffMs);
  }
  const failure = failures[0];
  await db
    .update(batches)
    .set({
      ...(report.stored > 0 ? { lastProgressAt: now } : {}),
      lastSyncedAt: now,
      lastSyncError:
        failure === undefined
          ? null
          : `${describeFailure(failure)}${failures.length > 1 ? ` (${failures.length} uploads could not be read)` : ""}`,
    })
    .where(eq(batches.id, batchId));
  await refreshBatchCounts(db, batchId, { stallAfterMs: options.stallAfterMs, now: options.now?.() });
  // The second reader's OCR jobs: queued after the writes, not awaited (the sync's pace stays Atlas's).
  if (report.stored > 0) queueSecondReads({ batchId });
  // What could be read is stored; the sync still reports the failure (the engine logs it).
  if (failure !== undefined) throw failure;
  return report;
}

function describeFailure(error: unknown): string {
  return isAtlasError(error) ? error.userMessage : "Sync failed; it will be retried.";
}
