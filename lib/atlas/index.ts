import "server-only";
import { getEnv } from "@/lib/env";
import { forgetProcessSingleton, processSingleton } from "@/lib/process-singleton";
import { RequestBudget } from "./budget";
import { createAtlasClient, type AtlasClient } from "./client";

export type { AtlasClient, AtlasFamily } from "./client";
export type * from "./types";

const SINGLETON = "atlas-client";

/**
 * The process-wide client built from the environment. One per process (lib/process-singleton.ts)
 * because Next may load this module more than once; two instances would mean two token caches.
 */
export function getAtlasClient(): AtlasClient {
  return processSingleton(SINGLETON, () => {
    const env = getEnv();
    return createAtlasClient({
      baseUrl: env.atlasBaseUrl,
      baseUrls: env.atlasBaseUrls,
      batchApi: env.atlasBatchApi,
      // One budget per instance: every batch, flow and health check goes through this client.
      budget: new RequestBudget({ ratePerSecond: env.ATLAS_MAX_RPS }),
      clientId: env.atlasClientId,
      clientSecret: env.atlasClientSecret,
      timeoutMs: env.ATLAS_TIMEOUT_MS,
      maxRetries: env.ATLAS_MAX_RETRIES,
    });
  });
}

/** Tests only: drop the singleton (e.g. after changing the environment). */
export function resetAtlasClientForTests(): void {
  forgetProcessSingleton(SINGLETON);
}
