import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { AtlasClient } from "@/lib/atlas/client";
import type { Db } from "@/lib/db";
import { atlasUploads, batches } from "@/lib/db/schema";
import type { ThresholdSet } from "@/lib/documents/thresholds";
import { BackgroundLoop } from "@/lib/background-loop";
import { describeFailure } from "@/lib/failure";
import { logger } from "@/lib/logger";
import { acquireLease, releaseLease } from "./lease";
import { inLanes, WorkerPool } from "./pool";
import { BATCH_STATUSES } from "./status";
import { releaseAbandonedChunks, submitPendingChunks } from "./submit";
import { syncBatch, type SyncReport } from "./sync";

/**
 * Everything that moves batches forward, for one app instance: submitting pending chunks and
 * syncing results. Single-flight per batch inside the process (a "Sync now" click during a
 * background sync joins it) and a database lease across processes.
 */
export type EngineDeps = {
  db: () => Promise<Db>;
  atlas: () => AtlasClient;
  thresholds: (db: Db) => Promise<ThresholdSet>;
  /**
   * The instance's worker pool, shared with the flow poller (service.ts): every Atlas read and
   * upload of every batch takes a slot. Absent (tests, scripts): a pool of `concurrency`.
   */
  pool?: WorkerPool;
  settings: () => {
    concurrency: number;
    stallAfterMs: number;
    leaseMs: number;
    abandonedAfterMs: number;
    /** The background interval: uploads that bring nothing new are then polled less often. */
    pollIntervalMs?: number;
  };
};

export type BatchRunResult =
  { skipped: "leased-elsewhere" } | { skipped?: undefined; sync?: SyncReport; submitted: number };

const OPEN = BATCH_STATUSES.filter((s) => s === "submitting" || s === "processing" || s === "stalled");

export class BatchEngine {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private inFlight = new Map<string, Promise<BatchRunResult>>();
  private readonly loop = new BackgroundLoop("batch.engine_tick_failed", () => this.tick());
  private ownPool: WorkerPool | undefined;

  constructor(private readonly deps: EngineDeps) {}

  private get pool(): WorkerPool {
    return this.deps.pool ?? (this.ownPool ??= new WorkerPool(this.deps.settings().concurrency));
  }

  /**
   * Submit what is pending, then sync; concurrent callers for the same batch share one run.
   * `force` (a person's "Sync now") reads every open upload, whatever its polling backoff.
   */
  run(batchId: string, options: { force?: boolean } = {}): Promise<BatchRunResult> {
    const running = this.inFlight.get(batchId);
    if (running) return running;
    const promise = this.runOnce(batchId, options.force ?? false).finally(() =>
      this.inFlight.delete(batchId),
    );
    this.inFlight.set(batchId, promise);
    return promise;
  }

  private async runOnce(batchId: string, force: boolean): Promise<BatchRunResult> {
    const db = await this.deps.db();
    const settings = this.deps.settings();
    if (!(await acquireLease(db, batchId, this.owner, settings.leaseMs)))
      return { skipped: "leased-elsewhere" };
    // A long run (a 10,000-document batch on a slow Atlas) keeps its lease alive, so another
    // instance never takes the batch over mid-run.
    let renewing: Promise<unknown> = Promise.resolve();
    const renewal = setInterval(
      () => {
        renewing = acquireLease(db, batchId, this.owner, settings.leaseMs).catch((error) =>
          logger.warn("batch.lease_renewal_failed", { batchId, error }),
        );
      },
      Math.max(500, Math.floor(settings.leaseMs / 3)),
    );
    try {
      const atlas = this.deps.atlas();
      const { submitted } = await submitPendingChunks(db, atlas, batchId, { pool: this.pool });
      const [hasSubmitted] = await db
        .select({ id: atlasUploads.id })
        .from(atlasUploads)
        .where(and(eq(atlasUploads.batchId, batchId), eq(atlasUploads.status, "submitted")))
        .limit(1);
      if (!hasSubmitted) return { submitted };
      try {
        const sync = await syncBatch(db, atlas, batchId, {
          concurrency: settings.concurrency,
          pool: this.pool,
          thresholds: await this.deps.thresholds(db),
          stallAfterMs: settings.stallAfterMs,
          pollIntervalMs: settings.pollIntervalMs,
          force,
        });
        return { sync, submitted };
      } catch (error) {
        // What the batch page shows: a UserError's words, or (logged under a reference) the
        // generic message with that reference, never the internal error's text.
        const { failure } = describeFailure(error, { event: "batch.sync_failed", batchId });
        await db.update(batches).set({ lastSyncError: failure.message }).where(eq(batches.id, batchId));
        throw error;
      }
    } finally {
      clearInterval(renewal);
      await renewing; // so that a renewal in flight cannot take the lease back after the release
      await releaseLease(db, batchId, this.owner);
    }
  }

  /**
   * One pass over every open batch, several at once (oldest first): their reads share the pool,
   * so the instance works at its concurrency whatever the number of batches, instead of one
   * batch after another. Errors are logged per batch and do not stop the pass.
   */
  async tick(): Promise<void> {
    const db = await this.deps.db();
    const settings = this.deps.settings();
    await releaseAbandonedChunks(db, settings.abandonedAfterMs);
    const open = await db
      .select({ id: batches.id })
      .from(batches)
      .where(inArray(batches.status, OPEN))
      .orderBy(asc(batches.createdAt));
    // Twice the pool's size: while some batches finish (counts, lease), others keep it busy.
    let next = 0;
    await inLanes(Math.min(open.length, this.pool.size * 2), async () => {
      while (next < open.length && !this.loop.stopRequested) {
        const { id } = open[next++]!;
        try {
          await this.run(id);
        } catch (error) {
          logger.warn("batch.sync_failed", { batchId: id, error });
        }
      }
    });
  }

  start(intervalMs: number): void {
    this.loop.start(intervalMs);
  }

  stop(): void {
    this.loop.stop();
  }
}
