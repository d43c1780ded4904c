import { NextResponse } from "next/server";
import { clientAddress } from "@/lib/auth";
import { guardedRoute } from "@/lib/auth/route-guard";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/db/queries/audit";
import { isUuid } from "@/lib/ids";
import { can } from "@/lib/roles";
import { documentFileSource } from "@/lib/review/file-source";
import { fileResponseHeaders, redactedCopyUrl, safeFileName } from "@/lib/review/file-response";
import { openStoredFile } from "@/lib/review/stored-file";

export const dynamic = "force-dynamic";

const TIMEOUT_MS = 15_000;

const problem = (status: number, error: string, extra: Record<string, unknown> = {}) =>
  NextResponse.json(
    { error, ...extra },
    { status, headers: { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } },
  );

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

    // `s3://` locations are read (and re-signed) by the server on every view, so they never expire.
    const fetched = await openStoredFile(link, { timeoutMs: TIMEOUT_MS, documentId });
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
