import "server-only";
import { getAtlasClient } from "@/lib/atlas";
import { getAuthSecret } from "@/lib/auth/secret";
import { getDb } from "@/lib/db";
import { loadThresholds } from "@/lib/documents/thresholds-store";
import { getWorkerPool } from "@/lib/batches/service";
import { getEnv } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";
import { ApplicationPoller } from "./poller";
import { createCallbackTokenSigner, type CallbackTokenSigner } from "./secrets";

/** The process-wide application poller and token signer, wired to the app's database, Atlas and settings. */
export function getApplicationPoller(): ApplicationPoller {
  return processSingleton(
    "application-poller",
    () =>
      new ApplicationPoller({
        db: getDb,
        atlas: getAtlasClient,
        thresholds: loadThresholds,
        // The batch engine's pool: one bound on the instance's work toward Atlas.
        pool: getWorkerPool(),
        settings: () => {
          const env = getEnv();
          return {
            appBaseUrl: env.appBaseUrl,
            // Atlas asks for 5–10 s between status polls; never faster than the sync interval.
            intervalMs: Math.max(env.SYNC_INTERVAL_MS, env.demoMode ? 0 : 5_000),
            leaseMs: Math.max(60_000, env.SYNC_INTERVAL_MS * 6),
            // Long enough for Atlas's first callback attempt (10 s timeout) to land.
            callbackGraceMs: 15_000,
          };
        },
      }),
  );
}

export function getCallbackTokenSigner(): CallbackTokenSigner {
  return processSingleton("application-signer", () => createCallbackTokenSigner(getAuthSecret()));
}

/** Starts the background polling fallback (lib/bootstrap.ts, once per server process). */
export function startApplicationPoller(): void {
  const env = getEnv();
  if (!env.SYNC_ENABLED) return;
  getApplicationPoller().start(env.SYNC_INTERVAL_MS);
}
