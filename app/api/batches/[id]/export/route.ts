import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/auth/route-guard";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/db/queries/audit";
import { clientAddress } from "@/lib/auth";
import { XLSX_CONTENT_TYPE } from "@/lib/export/xlsx";
import {
  batchForExport,
  EXPORT_FORMATS,
  exportChunks,
  exportFileName,
  exportStream,
  exportXlsx,
  type ExportFormat,
} from "@/lib/review/export";

export const dynamic = "force-dynamic";

const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  xlsx: XLSX_CONTENT_TYPE,
};

/**
 * GET ?format=csv|json|xlsx — the batch's documents and fields with each document's decision,
 * one row per document field (one per document without fields, failed ones with Atlas's error),
 * streamed as the database is read (memory stays flat for large batches). Aadhaar masked; CSV is
 * UTF-8 with a BOM, typed for spreadsheets and formula-neutralised (lib/export/cells.ts); XLSX
 * has explicit cell types. Each export is audited.
 */
export const GET = guardedRoute<{ params: Promise<{ id: string }> }>(
  "batches:view",
  async (request, { params, user }) => {
    const { id: batchId } = await params;
    const asked = new URL(request.url).searchParams.get("format") ?? "csv";
    const format = EXPORT_FORMATS.find((f) => f === asked.toLowerCase());
    if (!format)
      return NextResponse.json(
        { error: `There is no "${asked.slice(0, 20)}" export: ask for format=csv, json or xlsx.` },
        { status: 400 },
      );
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
    const body = format === "xlsx" ? exportXlsx(db, batch) : exportStream(exportChunks(db, batch, format));
    return new Response(body, {
      headers: {
        "Content-Type": CONTENT_TYPE[format],
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
);
