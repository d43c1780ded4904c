import "server-only";
import { z } from "zod";
import { getEnv } from "@/lib/env";

/**
 * Demo mode only: the sample documents the embedded simulator serves, so that a demo batch can
 * be started with one click. The real Atlas has no such endpoint; outside demo mode this
 * returns an empty list without calling anything.
 */
const samplesSchema = z.object({
  samples: z.array(
    z.looseObject({ name: z.string(), fileUrl: z.string(), description: z.string().optional() }),
  ),
});

export type SampleDocument = { name: string; fileUrl: string; description: string };

export async function listSimulatorSamples(): Promise<SampleDocument[]> {
  const env = getEnv();
  if (!env.demoMode) return [];
  try {
    const res = await fetch(`${env.atlasBaseUrl}/samples`, {
      signal: AbortSignal.timeout(5000),
      headers: {
        "X-Forwarded-Host": new URL(env.appBaseUrl).host,
        "X-Forwarded-Proto": new URL(env.appBaseUrl).protocol.replace(":", ""),
      },
    });
    const parsed = samplesSchema.safeParse(await res.json());
    if (!parsed.success) return [];
    return parsed.data.samples.map((s) => ({
      name: s.name,
      fileUrl: s.fileUrl,
      description: s.description ?? "",
    }));
  } catch {
    return [];
  }
}
