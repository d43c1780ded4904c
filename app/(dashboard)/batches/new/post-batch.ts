import type { SkippedSummary } from "@/lib/batches/input/skipped";

export type Recorded = {
  batchId: string;
  created: boolean;
  rows: number;
  recordedAt: string;
  label: string | null;
  skipped: SkippedSummary;
};

/**
 * Sends the list to POST /api/batches (a guarded route handler: a full batch is larger than a
 * server action may carry) and turns every failure into a sentence for the form.
 */
export async function postBatch(
  meta: { clientKey: string; label: string; productType: string; extensions: string },
  text: string,
): Promise<{ ok: true; data: Recorded } | { ok: false; message: string }> {
  const { extensions, ...rest } = meta;
  // The include filter only when `s3://` folder rows need it: other lists post what they did before.
  const params = new URLSearchParams(extensions ? meta : rest);
  let response: Response;
  try {
    response = await fetch(`/api/batches?${params}`, {
      method: "POST",
      headers: { "Content-Type": "text/csv; charset=utf-8", "X-Atlas-Review": "batch-form" },
      body: text,
    });
  } catch {
    return { ok: false, message: "The app could not be reached. Check the connection and submit again." };
  }
  const body = (await response.json().catch(() => null)) as (Recorded & { error?: string }) | null;
  if (response.ok && body) return { ok: true, data: body };
  if (response.status === 401) return { ok: false, message: "Your session has ended. Sign in again." };
  return { ok: false, message: body?.error ?? `Submitting failed (HTTP ${response.status}). Try again.` };
}
