import type { AtlasErrorKind } from "@/lib/atlas/errors";

/**
 * An Atlas failure recognised by its shape rather than `instanceof`: the app's Atlas client is a
 * process-wide singleton, and it may have been created by another server bundle (e.g. the
 * background poller started from instrumentation) whose copy of the AtlasError class differs.
 */
export type AtlasFailure = { kind: AtlasErrorKind; userMessage: string; failure?: string };

export function asAtlasFailure(error: unknown): AtlasFailure | undefined {
  if (!(error instanceof Error) || error.name !== "AtlasError") return undefined;
  const e = error as Error & Partial<AtlasFailure>;
  return typeof e.kind === "string" && typeof e.userMessage === "string"
    ? { kind: e.kind, userMessage: e.userMessage, failure: e.failure }
    : undefined;
}
