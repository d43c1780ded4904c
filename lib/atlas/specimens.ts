import "server-only";
import { z } from "zod";
import { getEnv } from "@/lib/env";

/**
 * The specimen documents a simulator serves (the embedded one in demo mode, or a standalone one
 * reached over http), so that a demo batch can be started with one click. The real Atlas has no
 * such endpoint and is https-only: then this returns an empty list without calling anything.
 */
const specimensSchema = z.object({
  specimens: z.array(
    z.looseObject({ name: z.string(), fileUrl: z.string(), description: z.string().optional() }),
  ),
});

export type SpecimenDocument = { name: string; fileUrl: string; description: string };

export async function listSimulatorSpecimens(): Promise<SpecimenDocument[]> {
  const env = getEnv();
  if (!env.allowHttpFileUrls) return [];
  try {
    // The embedded simulator builds file URLs from the host it is asked on: ask it as the
    // browser will see the app, not as 127.0.0.1. A standalone simulator uses its own address.
    const app = new URL(env.appBaseUrl);
    const res = await fetch(`${env.atlasBaseUrl}/specimens`, {
      signal: AbortSignal.timeout(5000),
      headers: env.demoMode
        ? { "X-Forwarded-Host": app.host, "X-Forwarded-Proto": app.protocol.replace(":", "") }
        : {},
    });
    const parsed = specimensSchema.safeParse(await res.json());
    if (!parsed.success) return [];
    return parsed.data.specimens.map((s) => ({
      name: s.name,
      fileUrl: s.fileUrl,
      description: s.description ?? "",
    }));
  } catch {
    return [];
  }
}
