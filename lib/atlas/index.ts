import "server-only";
import { getEnv } from "@/lib/env";
import { RequestBudget } from "./budget";
import { createAtlasClient, type AtlasClient } from "./client";

export type { AtlasClient, AtlasFamily } from "./client";
export type * from "./types";

const GLOBAL_KEY = Symbol.for("atlas-review.atlas-client");
type WithClient = typeof globalThis & { [GLOBAL_KEY]?: AtlasClient };

/**
 * The process-wide client built from the environment. Kept on globalThis because Next may load
 * this module more than once (per bundle/route); two instances would mean two token caches.
 */
export function getAtlasClient(): AtlasClient {
  const holder = globalThis as WithClient;
  if (!holder[GLOBAL_KEY]) {
    const env = getEnv();
    holder[GLOBAL_KEY] = createAtlasClient({
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
  }
  return holder[GLOBAL_KEY];
}

/** Tests only: drop the singleton (e.g. after changing the environment). */
export function resetAtlasClientForTests(): void {
  delete (globalThis as WithClient)[GLOBAL_KEY];
}
