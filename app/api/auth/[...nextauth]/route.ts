import { NextRequest, NextResponse } from "next/server";
import { handlers } from "@/lib/auth";
import { getCurrentUser } from "@/lib/auth/current-user";
import { publicRoute } from "@/lib/auth/route-guard";
import { isBodyTooLarge, readBodyBytesCapped } from "@/lib/http/read-body";

/**
 * Auth.js's POST endpoints (credentials sign-in, sign-out, CSRF-checked forms) take a few form
 * fields from anyone, before any credential is known. Auth.js itself reads the whole body
 * (`request.formData()`), so the body is read here first, as a stream with a small cap that counts
 * chunked bodies too, and handed on only when it fits.
 */
const AUTH_MAX_BODY_BYTES = 16 * 1024;

export const GET = publicRoute("Auth.js endpoints: session, CSRF and sign-in callbacks", async (request) => {
  // Auth.js answers /session from the cookie alone; a cookie whose session was ended (sign-out,
  // password or role change, deactivation) must not still show who it belonged to.
  if (new URL(request.url).pathname.replace(/\/+$/, "").endsWith("/api/auth/session")) {
    if (!(await getCurrentUser()))
      return NextResponse.json(null, { headers: { "Cache-Control": "private, no-cache, no-store" } });
  }
  return handlers.GET(request as Parameters<typeof handlers.GET>[0]);
});
export const POST = publicRoute("Auth.js endpoints: sign-in and sign-out", async (request) => {
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = (await readBodyBytesCapped(request, AUTH_MAX_BODY_BYTES)) as Uint8Array<ArrayBuffer>;
  } catch (error) {
    if (isBodyTooLarge(error))
      return NextResponse.json(
        { error: `A sign-in or sign-out request is at most ${AUTH_MAX_BODY_BYTES / 1024} KB.` },
        { status: 413, headers: { Connection: "close" } },
      );
    throw error;
  }
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  return handlers.POST(new NextRequest(request.url, { method: "POST", headers, body }));
});
