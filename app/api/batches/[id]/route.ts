import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/auth/route-guard";
import { toBatchProgress } from "@/lib/batches/progress";
import { getBatchSummary } from "@/lib/batches/queries";
import { getDb } from "@/lib/db";
import { maskDeep } from "@/lib/masking";
import { missingDocuments } from "@/lib/documents/queries";
import { secondReaderProgress } from "@/lib/second-reader/progress";

export const dynamic = "force-dynamic";

/**
 * Progress of one batch, for the batch page's polling. Reads our database only: however many
 * people watch a batch, Atlas sees the same traffic (the sync engine's).
 */
export const GET = guardedRoute<{ params: Promise<{ id: string }> }>(
  "batches:view",
  async (_request, { params }) => {
    const { id: batchId } = await params;
    const db = await getDb();
    const batch = await getBatchSummary(db, batchId);
    if (!batch) return NextResponse.json({ error: "No such batch." }, { status: 404 });
    const missing = batch.status === "stalled" ? await missingDocuments(db, batchId) : [];
    const secondReader = await secondReaderProgress(db, batchId);
    // Error texts and document ids come from outside: no Aadhaar number leaves unmasked.
    return NextResponse.json(maskDeep(toBatchProgress(batch, missing, secondReader)), {
      headers: { "Cache-Control": "no-store" },
    });
  },
);
