import "server-only";
import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { CrossCheck, FlowExtracts } from "@/lib/atlas/types";
import type { Db } from "@/lib/db";
import { atlasUploads, crossChecks, documents, fields } from "@/lib/db/schema";
import { documentResult } from "@/lib/documents/result-row";
import type { ThresholdSet } from "@/lib/documents/thresholds";

/**
 * Stores an application's CallbackData (from the callback or from `GET /v3/verification/extracts`).
 * Call inside a transaction. Results are written only to documents still waiting for one, and
 * cross-checks are upserted by their comparison, so storing the same payload twice, or the
 * callback and the poll both, changes nothing the second time and never touches review work.
 */
export type StoredApplicationResults = { documents: number; crossChecks: number; unknownDocuments: number };

export async function storeApplicationResults(
  db: Db,
  applicationId: string,
  extracts: FlowExtracts,
  options: { thresholds: ThresholdSet; now: Date },
): Promise<StoredApplicationResults> {
  const byDocumentId = new Map(extracts.ocrData.map((d) => [d.documentId, d]));
  // A row whose upload is still "sending" is waiting too: Atlas naming it proves it got it.
  const known = byDocumentId.size
    ? await db
        .select({
          id: documents.id,
          externalId: documents.externalId,
          status: documents.status,
          upload: atlasUploads.status,
        })
        .from(documents)
        .leftJoin(atlasUploads, eq(atlasUploads.id, documents.uploadId))
        .where(
          and(
            eq(documents.applicationId, applicationId),
            inArray(documents.externalId, [...byDocumentId.keys()]),
          ),
        )
        // Rows are locked in id order, as the upload submitter updates them: two writers
        // taking the same rows in different orders deadlock (seen: a callback racing a submit).
        .orderBy(documents.id)
        .for("update", { of: documents })
    : [];
  const waiting = known.filter(
    (d) =>
      d.status === "submitted" ||
      (d.status === "not_submitted" && (d.upload === "sending" || d.upload === "submitted")),
  );
  let stored = 0;
  for (const doc of waiting) {
    const result = byDocumentId.get(doc.externalId)!;
    const { rows, values } = documentResult(result, options.now, options.thresholds);
    await db
      .update(documents)
      .set({ ...values, fileUuid: sql`coalesce(${documents.fileUuid}, ${result.fileUuid ?? null})` })
      .where(and(eq(documents.id, doc.id), inArray(documents.status, ["not_submitted", "submitted"])));
    if (rows.length) {
      await db
        .insert(fields)
        .values(rows.map((row) => ({ documentId: doc.id, ...row })))
        .onConflictDoNothing({ target: [fields.documentId, fields.path] });
    }
    stored++;
  }
  const checks = await upsertCrossChecks(db, applicationId, extracts.crossChecks, options.now);
  return { documents: stored, crossChecks: checks, unknownDocuments: byDocumentId.size - known.length };
}

/**
 * The identity of one comparison: field and both documents. An item whose keys the dashboard
 * does not know (no field name or document ids) is kept too, raw, under a key derived from its
 * content, and shown generically; it is never dropped.
 */
function checkIdentity(c: CrossCheck) {
  const complete = !!c.fieldName && !!c.sourceDocumentId && !!c.targetDocumentId;
  if (complete)
    return {
      fieldName: c.fieldName!,
      sourceDocumentId: c.sourceDocumentId!,
      targetDocumentId: c.targetDocumentId!,
    };
  const digest = createHash("sha256")
    .update(JSON.stringify(c.raw ?? null))
    .digest("hex")
    .slice(0, 16);
  return {
    fieldName: `${c.fieldName ?? ""}#raw:${digest}`,
    sourceDocumentId: c.sourceDocumentId ?? "",
    targetDocumentId: c.targetDocumentId ?? "",
  };
}

async function upsertCrossChecks(db: Db, applicationId: string, items: CrossCheck[], now: Date) {
  // One row per comparison: a payload naming the same comparison twice keeps the last.
  const unique = new Map<string, { id: ReturnType<typeof checkIdentity>; check: CrossCheck }>();
  for (const check of items) {
    const id = checkIdentity(check);
    unique.set(JSON.stringify([id.fieldName, id.sourceDocumentId, id.targetDocumentId]), { id, check });
  }
  for (const { id, check: c } of unique.values()) {
    const values = {
      sourceDocumentType: c.sourceDocumentType ?? null,
      sourceValue: c.sourceValue ?? null,
      targetDocumentType: c.targetDocumentType ?? null,
      targetValue: c.targetValue ?? null,
      similarityScore: c.similarityScore,
      raw: c.raw ?? null,
    };
    await db
      .insert(crossChecks)
      .values({ applicationId, ...id, ...values })
      .onConflictDoUpdate({
        target: [
          crossChecks.applicationId,
          crossChecks.fieldName,
          crossChecks.sourceDocumentId,
          crossChecks.targetDocumentId,
        ],
        set: { ...values, updatedAt: now },
      });
  }
  return unique.size;
}
