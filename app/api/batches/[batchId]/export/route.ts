import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/auth/route-guard";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/db/queries/audit";
import { clientAddress } from "@/lib/auth";
import {
  batchForExport,
  exportChunks,
  exportFileName,
  exportStream,
  type ExportFormat,
} from "@/lib/review/export";

export const dynamic = "force-dynamic";

/**
 * GET ?format=csv|json — the batch's fields, one row per document field, streamed as the
 * database is read (memory stays flat for large batches). Aadhaar masked; CSV is UTF-8 with a
 * BOM and formula-neutralised. Each export is audited.
 */
export const GET = guardedRoute<{ params: Promise<{ batchId: string }> }>(
  "batches:view",
  async (request, { params, user }) => {
    const { batchId } = await params;
    const format: ExportFormat = new URL(request.url).searchParams.get("format") === "json" ? "json" : "csv";
    const db = await getDb();
    const batch = await batchForExport(db, batchId);
    if (!batch) return NextResponse.json({ error: "No such batch." }, { status: 404 });
    await recordAudit(db, {
      actorUserId: user.id,
      actorEmail: user.email,
      ip: clientAddress(request.headers),
      action: "batch.export",
      targetType: "batch",
      targetId: batch.id,
      metadata: { format },
    });
    const name = exportFileName(batch.label, batch.id, format);
    return new Response(exportStream(exportChunks(db, batch, format)), {
      headers: {
        "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
);
