import "server-only";
import { getAtlasClient } from "@/lib/atlas";
import { getDb } from "@/lib/db";
import { loadThresholds } from "@/lib/documents/thresholds-store";
import { getEnv } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";
import { BatchEngine } from "./engine";
import { WorkerPool } from "./pool";

/**
 * The instance's one worker pool toward Atlas (SYNC_CONCURRENCY slots), shared by every batch
 * sync and submit and every flow poll; the Atlas request budget (ATLAS_MAX_RPS) paces them.
 */
export function getWorkerPool(): WorkerPool {
  return processSingleton("worker-pool", () => new WorkerPool(getEnv().SYNC_CONCURRENCY));
}

/** The process-wide batch engine, wired to the app's database, Atlas client and settings. */
export function getBatchEngine(): BatchEngine {
  return processSingleton(
    "batch-engine",
    () =>
      new BatchEngine({
        db: getDb,
        atlas: getAtlasClient,
        thresholds: loadThresholds,
        pool: getWorkerPool(),
        settings: () => {
          const env = getEnv();
          return {
            concurrency: env.SYNC_CONCURRENCY,
            stallAfterMs: env.SYNC_STALL_AFTER_MS,
            // Long enough for one sync of a 10,000-document batch; renewed on every run.
            leaseMs: Math.max(60_000, env.SYNC_INTERVAL_MS * 6),
            abandonedAfterMs: env.ATLAS_TIMEOUT_MS * 4,
            pollIntervalMs: env.SYNC_INTERVAL_MS,
          };
        },
      }),
  );
}

/** Starts the background sync loop (instrumentation.ts, once per server process). */
export function startBatchEngine(): void {
  const env = getEnv();
  if (!env.SYNC_ENABLED) return;
  getBatchEngine().start(env.SYNC_INTERVAL_MS);
}
