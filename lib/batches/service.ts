import "server-only";
import { getAtlasClient } from "@/lib/atlas";
import { getDb } from "@/lib/db";
import { loadThresholds } from "@/lib/documents/thresholds-store";
import { getEnv } from "@/lib/env";
import { BatchEngine } from "./engine";

/** The process-wide batch engine, wired to the app's database, Atlas client and settings. */
const holder = globalThis as typeof globalThis & { __atlasReviewBatchEngine?: BatchEngine };

export function getBatchEngine(): BatchEngine {
  return (holder.__atlasReviewBatchEngine ??= new BatchEngine({
    db: getDb,
    atlas: getAtlasClient,
    thresholds: loadThresholds,
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
  }));
}

/** Starts the background sync loop (instrumentation.ts, once per server process). */
export function startBatchEngine(): void {
  const env = getEnv();
  if (!env.SYNC_ENABLED) return;
  getBatchEngine().start(env.SYNC_INTERVAL_MS);
}
