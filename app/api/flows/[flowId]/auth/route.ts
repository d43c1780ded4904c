import { NextResponse } from "next/server";
import { publicRoute } from "@/lib/auth/route-guard";
import { getDb } from "@/lib/db";
import { answerAuthRequest } from "@/lib/flows/callbacks";
import { getCallbackTokenSigner } from "@/lib/flows/service";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Atlas's `auth_url` for one application: a short-lived callback token for the holder of its secret. */
export const POST = publicRoute<{ params: Promise<{ flowId: string }> }>(
  "Atlas calls it from outside without a session; it answers only to the per-application secret embedded in the auth_url",
  async (request, { params }) => {
    const { flowId } = await params;
    const key = new URL(request.url).searchParams.get("key");
    const { status, body } = await answerAuthRequest(await getDb(), {
      flowId,
      key,
      signer: getCallbackTokenSigner(),
    });
    return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store" } });
  },
);
