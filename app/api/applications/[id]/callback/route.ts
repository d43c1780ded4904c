import { NextResponse } from "next/server";
import { publicRoute } from "@/lib/auth/route-guard";
import { getDb } from "@/lib/db";
import { loadThresholds } from "@/lib/documents/thresholds-store";
import {
  answerCallback,
  callbackAuthorised,
  callbackUnauthorised,
  MAX_CALLBACK_BYTES,
} from "@/lib/applications/callbacks";
import { getCallbackTokenSigner } from "@/lib/applications/service";
import { isBodyTooLarge, readBodyCapped } from "@/lib/http/read-body";
import { logger } from "@/lib/logger";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * Atlas's `callback_url` for one application: the CallbackData, with a token from its auth_url.
 * The token is checked on the headers before any of the body is read, and the body is then read
 * as a stream with a byte cap that also holds for chunked bodies (no Content-Length).
 */
export const POST = publicRoute<{ params: Promise<{ id: string }> }>(
  "Atlas posts results from outside without a session; it is accepted only with a valid token issued for this same application",
  async (request, { params }) => {
    const { id: applicationId } = await params;
    const signer = getCallbackTokenSigner();
    if (!callbackAuthorised({ applicationId, headers: request.headers, url: request.url, signer })) {
      const { status, body } = callbackUnauthorised();
      return NextResponse.json(body, { status });
    }
    let bodyText: string;
    try {
      bodyText = await readBodyCapped(request, MAX_CALLBACK_BYTES);
    } catch (error) {
      if (!isBodyTooLarge(error)) throw error;
      return NextResponse.json({ error: "The callback body is too large." }, { status: 413 });
    }
    try {
      const { status, body } = await answerCallback(await getDb(), {
        applicationId,
        headers: request.headers,
        url: request.url,
        bodyText,
        signer,
        thresholds: loadThresholds,
      });
      return NextResponse.json(body, { status });
    } catch (error) {
      // Atlas retries on a non-2xx; nothing was stored (the write is one transaction).
      logger.error("application.callback_failed", { applicationId, error });
      return NextResponse.json(
        { error: "The callback could not be stored; send it again." },
        { status: 500 },
      );
    }
  },
);
