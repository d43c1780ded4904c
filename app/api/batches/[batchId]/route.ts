import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/auth/route-guard";
import { getBatchSummary, shortMasked } from "@/lib/batches/queries";
import { isBatchOpen } from "@/lib/batches/status";
import { getDb } from "@/lib/db";
import { maskDeep } from "@/lib/masking";
import { missingDocuments } from "@/lib/documents/queries";

export const dynamic = "force-dynamic";

/**
 * Progress of one batch, for the batch page's polling. Reads our database only: however many
 * people watch a batch, Atlas sees the same traffic (the sync engine's).
 */
export const GET = guardedRoute<{ params: Promise<{ batchId: string }> }>(
  "batches:view",
  async (_request, { params }) => {
    const { batchId } = await params;
    const db = await getDb();
    const batch = await getBatchSummary(db, batchId);
    if (!batch) return NextResponse.json({ error: "No such batch." }, { status: 404 });
    const missing = batch.status === "stalled" ? await missingDocuments(db, batchId) : [];
    // Error texts and document ids come from outside: no Aadhaar number leaves unmasked.
    return NextResponse.json(
      maskDeep({
        id: batch.id,
        status: batch.status,
        open: isBatchOpen(batch.status),
        counts: {
          documents: batch.documentCount,
          notSubmitted: batch.notSubmittedCount,
          submitted: batch.submittedCount,
          extracted: batch.extractedCount,
          failed: batch.failedCount,
          needsReview: batch.needsReviewCount,
        },
        lastSyncedAt: batch.lastSyncedAt,
        lastProgressAt: batch.lastProgressAt,
        lastSyncError: batch.lastSyncError,
        chunks: batch.chunks.map((c) => ({
          index: c.chunkIndex,
          status: c.status,
          atlasBatchId: c.atlasBatchId,
          error: c.errorMessage,
          attempts: c.attemptCount,
          answer: shortMasked(c.answerBody),
        })),
        unreadable: batch.unreadable,
        missing: missing.map((m) => m.documentId),
      }),
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);
