import { NextResponse } from "next/server";
import { z } from "zod";
import { guardedRoute } from "@/lib/auth/route-guard";
import { batchMetaSchema, recordBatchFromText } from "@/lib/batches/record-input";
import { formatMegabytes, maxBatchTextBytes } from "@/lib/batches/limits";
import { getEnv } from "@/lib/env";
import { isBodyTooLarge, readBodyBytesCapped } from "@/lib/http/read-body";
import { maskAadhaarInText, maskDeep } from "@/lib/masking";

export const dynamic = "force-dynamic";

// Answers name rows, labels and product types the person sent: no Aadhaar number leaves unmasked.
const fail = (status: number, error: string) =>
  NextResponse.json({ error: maskAadhaarInText(error) }, { status });

/**
 * A cross-site page cannot post here with the user's cookies: it could not set the custom
 * header without a CORS preflight (which this app never answers), and browsers name its origin.
 */
function sameOrigin(request: Request): boolean {
  if (request.headers.get("x-atlas-review") !== "batch-form") return false;
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") return false;
  const origin = request.headers.get("origin");
  if (!origin) return true;
  // Behind a proxy the Host header may be internal: the public address (APP_BASE_URL) counts too.
  const hosts = [
    request.headers.get("host"),
    request.headers.get("x-forwarded-host")?.split(",")[0]?.trim(),
    new URL(getEnv().appBaseUrl).host,
  ];
  try {
    return hosts.includes(new URL(origin).host);
  } catch {
    return false;
  }
}

/**
 * POST /api/batches?clientKey=…&label=…&productType=… with the pasted text or file as the body
 * (text/csv, UTF-8). A route handler, not a server action: a 5,000-row batch of pre-signed URLs
 * with session tokens is about 8 MB, past the 1 MB server-action body limit. The user and role
 * are checked before a byte of the body is read, and the body is read with a cap.
 */
export const POST = guardedRoute("batches:create", async (request, { user }) => {
  if (!sameOrigin(request)) return fail(403, "Submit the batch from the New batch page of this app.");
  const limit = maxBatchTextBytes(getEnv().BATCH_MAX_ROWS);
  const meta = batchMetaSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!meta.success) {
    const fieldErrors: Record<string, string[] | undefined> = z.flattenError(meta.error).fieldErrors;
    return fail(400, Object.values(fieldErrors).flat()[0] ?? "The form has errors.");
  }
  let text: string;
  try {
    const bytes = await readBodyBytesCapped(request, limit);
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    if (isBodyTooLarge(error)) {
      return fail(413, `The list is larger than ${formatMegabytes(limit)}. Split it into several batches.`);
    }
    return fail(400, "The list is not UTF-8 text. Save it as CSV UTF-8 and drop it again.");
  }
  // A refusal (a UserError) and any other failure are answered by the route guard.
  return NextResponse.json(maskDeep(await recordBatchFromText(meta.data, text, user)), {
    headers: { "Cache-Control": "no-store" },
  });
});
