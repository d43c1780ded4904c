import { NextResponse } from "next/server";
import { publicRoute } from "@/lib/auth/route-guard";
import { getDb } from "@/lib/db";
import { presentedApplicationKeys } from "@/lib/applications/auth-credential";
import { answerAuthRequest } from "@/lib/applications/callbacks";
import { getCallbackTokenSigner } from "@/lib/applications/service";
import { isBodyTooLarge } from "@/lib/http/read-body";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const REASON =
  "Atlas calls it from outside without a session; it answers only to the per-application secret embedded in the auth_url";

/**
 * Atlas's `auth_url` for one application: a short-lived callback token for the holder of its
 * secret. GET or POST; the secret in the query string (as in the URL we gave Atlas), a header or
 * the body (see lib/applications/auth-credential.ts).
 */
async function answer(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id: applicationId } = await params;
  let presented: string[];
  try {
    presented = await presentedApplicationKeys(request);
  } catch (error) {
    if (!isBodyTooLarge(error)) throw error;
    return NextResponse.json({ error: "The auth request body is too large." }, { status: 413 });
  }
  const { status, body } = await answerAuthRequest(await getDb(), {
    applicationId,
    key: presented,
    signer: getCallbackTokenSigner(),
  });
  return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export const GET = publicRoute<{ params: Promise<{ id: string }> }>(REASON, answer);
export const POST = publicRoute<{ params: Promise<{ id: string }> }>(REASON, answer);
