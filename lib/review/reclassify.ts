import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/db/queries/audit";
import { documents, fields, type FieldValidation } from "@/lib/db/schema";
import { recomputeNeedsReview } from "@/lib/documents/thresholds-store";
import { checkVersion } from "./document-review";
import { documentTypeWithCode } from "@/lib/fields/registry";
import { fieldKeysOf, RECLASSIFY_TYPES } from "./document-types";
import { ReviewError } from "./errors";
import type { Reviewer } from "./field-review";
import { acquireLock } from "./locks";
import { isClosedReview } from "./types";

const MANUAL_ENTRY_CHECK = "manual_entry";

const manualValidation = (path: string): FieldValidation => ({
  ok: false,
  failed: [MANUAL_ENTRY_CHECK],
  issues: [
    {
      path,
      check: MANUAL_ENTRY_CHECK,
      message: "Atlas could not read this document: type the value from the scan, or mark it unreadable.",
      severity: "error",
    },
  ],
});

/**
 * Reclassifies a document Atlas failed (UNRECOGNISED, INVALID_DOC …) to a known type: it gets
 * that type's fields, empty and marked `manual`, each needing review until the reviewer types its
 * value (a correction, validated as usual) or marks it unreadable; then it is approved as usual.
 * The document counts as extracted from then on; Atlas's error code stays on it, and the type
 * (or code) it had is kept in `reclassified_from`. Audited.
 */
export async function reclassifyDocument(
  db: Db,
  input: { documentId: string; version: number; documentType: string },
  reviewer: Reviewer,
  options: { lockMs: number },
): Promise<{ fieldCount: number }> {
  const keys = fieldKeysOf(input.documentType);
  if (!keys)
    throw new ReviewError(
      "invalid_input",
      `"${input.documentType}" is not a type this screen knows; choose one of ${RECLASSIFY_TYPES.map(documentTypeWithCode).join(", ")}.`,
    );
  return db.transaction(async (tx) => {
    const [doc] = await tx.select().from(documents).where(eq(documents.id, input.documentId));
    if (!doc) throw new ReviewError("not_found", "This document no longer exists.");
    if (doc.status !== "failed")
      throw new ReviewError(
        "invalid_input",
        "Only a document Atlas could not extract can be reclassified; this one has its fields.",
      );
    if (isClosedReview(doc.reviewStatus))
      throw new ReviewError("closed", "This document is closed; reopen it to reclassify it.");
    await acquireLock(tx, doc.id, reviewer.id, options.lockMs);
    await checkVersion(tx, doc.id, input.version);
    await tx.delete(fields).where(eq(fields.documentId, doc.id));
    await tx.insert(fields).values(
      keys.map((path, position) => ({
        documentId: doc.id,
        path,
        position,
        value: null,
        confidence: null,
        validation: manualValidation(path),
        source: "manual" as const,
      })),
    );
    const from = doc.documentType ?? doc.errorCode ?? "UNKNOWN";
    await tx
      .update(documents)
      .set({
        status: "extracted",
        documentType: input.documentType,
        reclassifiedFrom: from,
        reclassifiedAt: new Date(),
        fieldCount: keys.length,
        minConfidence: null,
        version: sql`${documents.version} + 1`,
      })
      .where(eq(documents.id, doc.id));
    await recordAudit(tx, {
      ...reviewer.actor,
      action: "document.reclassify",
      targetType: "document",
      targetId: doc.id,
      before: { documentType: from, status: doc.status },
      after: { documentType: input.documentType, status: "extracted", fields: [...keys] },
      metadata: { documentId: doc.externalId, errorCode: doc.errorCode },
    });
    await recomputeNeedsReview(tx, doc.id);
    return { fieldCount: keys.length };
  });
}
