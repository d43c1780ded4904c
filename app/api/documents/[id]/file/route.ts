import { NextResponse } from "next/server";
import { clientAddress } from "@/lib/auth";
import { guardedRoute } from "@/lib/auth/route-guard";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/db/queries/audit";
import { isUuid } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { can } from "@/lib/roles";
import { expiryProblem, storageProblem } from "@/lib/review/file-problem";
import { documentFileSource } from "@/lib/review/file-source";
import {
  fileMedia,
  fileResponseHeaders,
  redactedCopyUrl,
  safeFileName,
  type FileMedia,
} from "@/lib/review/file-response";
import { byteCap } from "@/lib/http/read-body";
import { fetchFileSafely, simulatorSources } from "@/lib/net/safe-fetch";
import { isS3FileLink, openS3File, type OpenedFile } from "@/lib/s3/file-read";

export const dynamic = "force-dynamic";

const MAX_BYTES = 30 * 1024 * 1024;
const TIMEOUT_MS = 15_000;

const problem = (status: number, error: string, extra: Record<string, unknown> = {}) =>
  NextResponse.json(
    { error, ...extra },
    { status, headers: { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } },
  );

type Fetched =
  | { ok: true; body: ReadableStream<Uint8Array> | null; media: FileMedia }
  | { ok: false; status: number; message: string };

/** The file at a stored link, through the one guarded fetcher; failures in words. */
async function openHttpFile(link: string, documentId: string): Promise<OpenedFile> {
  const expired = expiryProblem(link, new Date());
  if (expired) return { ok: false, status: 410, message: expired };
  let response: Response;
  try {
    response = await fetchFileSafely(link, {
      // The simulator (embedded or standalone) lives on a private address by design.
      trustedOrigins: simulatorSources(),
      timeoutMs: TIMEOUT_MS,
    });
  } catch (error) {
    if (error instanceof Error && error.name === "UnsafeFileUrlError")
      return { ok: false, status: 422, message: error.message };
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    logger.warn("document_file.fetch_failed", { documentId, error });
    return {
      ok: false,
      status: 502,
      message: timedOut
        ? `Storage did not answer within ${TIMEOUT_MS / 1000} s; try again.`
        : "Storage could not be reached (network error); try again.",
    };
  }
  if (!response.ok) {
    const body = (await response.text().catch(() => "")).slice(0, 4000);
    return { ok: false, status: 502, message: storageProblem(response.status, body) };
  }
  const length = Number(response.headers.get("content-length") ?? 0);
  return { ok: true, body: response.body, contentType: response.headers.get("content-type"), length };
}

/**
 * The file behind a stored link: an `s3://` location is read through the S3 SDK (re-signed on
 * every view, so it never expires), any other link fetched as it is. Then typed and capped.
 */
async function fetchStored(link: string, documentId: string): Promise<Fetched> {
  const opened = isS3FileLink(link) ? await openS3File(link) : await openHttpFile(link, documentId);
  if (!opened.ok) return opened;
  const { contentType, length } = opened;
  const media = fileMedia(contentType, link.replace(/^s3:\/\//i, "https://"));
  if (!media) {
    await opened.body?.cancel();
    return {
      ok: false,
      status: 415,
      message: `The file is ${contentType ?? "of an unknown type"}; the viewer shows images and PDFs only.`,
    };
  }
  if (length > MAX_BYTES) {
    await opened.body?.cancel();
    return {
      ok: false,
      status: 413,
      message: `The file is ${Math.round(length / 1048576)} MB, more than the viewer loads.`,
    };
  }
  // A chunked answer declares no length: the cap holds on the bytes relayed too.
  return { ok: true, body: opened.body?.pipeThrough(byteCap(MAX_BYTES)) ?? null, media };
}

/**
 * The document's file, fetched by the server from its stored link and passed through: the one
 * way any screen shows a document (review, QA, applications). The pre-signed link (a bearer
 * credential) never reaches the browser, PDFs load without CORS, and when storage refuses, the
 * answer says why (expired link, missing file…) in words. Answers are sandboxed and typed so
 * that no file runs script in our origin (lib/review/file-response.ts).
 *
 * A scan that shows an Aadhaar number is personal data like the number itself. By default the
 * masked copy Atlas provides (`redact_url`) is served, or nothing when there is none; the full
 * scan is served only with `?reveal=1` to roles allowed to reveal scans, and every such view is
 * audited. `?download=1` asks for an attachment.
 */
export const GET = guardedRoute<{ params: Promise<{ id: string }> }>(
  "documents:view",
  async (request, { params, user }) => {
    const { id: documentId } = await params;
    if (!isUuid(documentId)) return problem(404, "No such document.");
    const search = new URL(request.url).searchParams;
    const wantsReveal = search.get("reveal") === "1";
    const download = search.get("download") === "1";
    const db = await getDb();
    const doc = await documentFileSource(db, documentId);
    if (!doc) return problem(404, "No such document.");
    const { type, pii } = doc;
    const canReveal = pii && can(user.role, "documents:reveal-scan");

    const hiddenUntil = canReveal
      ? "The full scan is hidden until you choose to see it (the view is audited)."
      : "Your role cannot view the full scan.";
    let link = doc.fileUrl;
    let variant: "original" | "redacted" = "original";
    if (pii && wantsReveal) {
      if (!canReveal)
        return problem(403, "This scan shows an Aadhaar number; your role cannot view the full scan.", {
          pii: true,
          canReveal: false,
        });
      await recordAudit(db, {
        actorUserId: user.id,
        actorEmail: user.email,
        ip: clientAddress(request.headers),
        action: "pii.reveal",
        targetType: "document",
        targetId: documentId,
        metadata: { scan: true, documentId: doc.externalId },
      });
    } else if (pii) {
      const redacted = redactedCopyUrl(type, doc.fileData);
      if (!redacted)
        return problem(
          403,
          `This scan shows an Aadhaar number, and Atlas gave no masked copy of it. ${hiddenUntil}`,
          { pii: true, canReveal },
        );
      link = redacted;
      variant = "redacted";
    }

    const fetched = await fetchStored(link, documentId);
    if (!fetched.ok) {
      if (variant === "redacted")
        return problem(
          fetched.status,
          `This scan shows an Aadhaar number, and its masked copy from Atlas could not be loaded (${fetched.message.replace(/\.$/, "")}). ${hiddenUntil}`,
          { pii: true, canReveal },
        );
      return problem(fetched.status, fetched.message);
    }
    const headers = fileResponseHeaders({
      media: fetched.media,
      fileName: safeFileName(
        doc.externalId,
        fetched.media.extension,
        variant === "redacted" ? "-masked" : "",
      ),
      download,
    });
    headers["X-File-Variant"] = variant;
    if (variant === "redacted" && canReveal) headers["X-Scan-Can-Reveal"] = "1";
    return new Response(fetched.body, { headers });
  },
);
