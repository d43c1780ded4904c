import { eq } from "drizzle-orm";
import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/auth/route-guard";
import { getDb } from "@/lib/db";
import { documents } from "@/lib/db/schema";
import { clientAddress } from "@/lib/auth";
import { recordAudit } from "@/lib/db/queries/audit";
import { fields } from "@/lib/db/schema";
import { logger } from "@/lib/logger";
import { isAadhaarField } from "@/lib/masking";
import { can } from "@/lib/roles";
import { expiryProblem, fileKind, storageProblem } from "@/lib/review/file-problem";
import { fetchFileSafely, simulatorSources } from "@/lib/net/safe-fetch";

export const dynamic = "force-dynamic";

const MAX_BYTES = 30 * 1024 * 1024;
const TIMEOUT_MS = 15_000;

const problem = (status: number, error: string, extra: Record<string, unknown> = {}) =>
  NextResponse.json({ error, ...extra }, { status, headers: { "Cache-Control": "no-store" } });

/**
 * The document's file, fetched by the server from its stored link and passed through. The
 * pre-signed link (a bearer credential) never reaches the browser, PDFs load without CORS, and
 * when storage refuses, the answer says why (expired link, missing file…) in words.
 *
 * A scan that shows an Aadhaar number is personal data like the number itself: it is served
 * only with `?reveal=1` to roles allowed to reveal, and every such view is audited.
 */
export const GET = guardedRoute<{ params: Promise<{ documentId: string }> }>(
  "documents:view",
  async (request, { params, user }) => {
    const { documentId } = await params;
    if (!/^[0-9a-f-]{36}$/i.test(documentId)) return problem(404, "No such document.");
    const db = await getDb();
    const [doc] = await db
      .select({
        fileUrl: documents.fileUrl,
        documentId: documents.documentId,
        documentType: documents.documentType,
      })
      .from(documents)
      .where(eq(documents.id, documentId));
    if (!doc) return problem(404, "No such document.");
    const paths = await db
      .select({ path: fields.path })
      .from(fields)
      .where(eq(fields.documentId, documentId));
    const type = doc.documentType ?? "UNKNOWN";
    if (type === "AADHAAR" || paths.some((f) => isAadhaarField(type, f.path))) {
      const allowed = can(user.role, "documents:reveal-pii");
      if (!allowed || new URL(request.url).searchParams.get("reveal") !== "1")
        return problem(
          403,
          allowed
            ? "This scan shows an Aadhaar number, so it is hidden until you choose to see it (the view is audited)."
            : "This scan shows an Aadhaar number; your role cannot view it.",
          { pii: true, canReveal: allowed },
        );
      await recordAudit(db, {
        actorUserId: user.id,
        actorEmail: user.email,
        ip: clientAddress(request.headers),
        action: "pii.reveal",
        targetType: "document",
        targetId: documentId,
        metadata: { scan: true, documentId: doc.documentId },
      });
    }
    const expired = expiryProblem(doc.fileUrl, new Date());
    if (expired) return problem(410, expired);
    let response: Response;
    try {
      response = await fetchFileSafely(doc.fileUrl, {
        // The simulator (embedded or standalone) lives on a private address by design.
        trustedOrigins: simulatorSources(),
        timeoutMs: TIMEOUT_MS,
      });
    } catch (error) {
      if (error instanceof Error && error.name === "UnsafeFileUrlError") return problem(422, error.message);
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      logger.warn("document_file.fetch_failed", { documentId, error });
      return problem(
        502,
        timedOut
          ? `Storage did not answer within ${TIMEOUT_MS / 1000} s; try again.`
          : "Storage could not be reached (network error); try again.",
      );
    }
    if (!response.ok) {
      const body = (await response.text().catch(() => "")).slice(0, 4000);
      return problem(502, storageProblem(response.status, body));
    }
    const contentType = response.headers.get("content-type");
    const kind = fileKind(contentType, doc.fileUrl);
    if (!kind) {
      await response.body?.cancel();
      return problem(
        415,
        `The file is ${contentType ?? "of an unknown type"}; the viewer shows images and PDFs only.`,
      );
    }
    const length = Number(response.headers.get("content-length") ?? 0);
    if (length > MAX_BYTES) {
      await response.body?.cancel();
      return problem(413, `The file is ${Math.round(length / 1048576)} MB, more than the viewer loads.`);
    }
    return new Response(response.body, {
      headers: {
        "Content-Type": kind === "pdf" ? "application/pdf" : contentType!,
        "Cache-Control": "private, no-store",
        // An SVG from storage must never run script in our origin, even if opened directly.
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
        "X-Content-Type-Options": "nosniff",
        "X-File-Kind": kind,
      },
    });
  },
);
