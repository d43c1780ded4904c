import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/db/queries/audit";
import { documents, fields } from "@/lib/db/schema";
import { ReviewError } from "./errors";
import type { Reviewer } from "./field-review";
import { valueAsText } from "./field-view";

/** The unmasked value of one field, for roles allowed to see it. Every reveal is audited first. */
export async function revealField(
  db: Db,
  fieldId: string,
  reviewer: Reviewer,
): Promise<{ value: string; correctedValue: string | null }> {
  const [row] = await db
    .select({ field: fields, doc: { id: documents.id, externalId: documents.externalId } })
    .from(fields)
    .innerJoin(documents, eq(documents.id, fields.documentId))
    .where(eq(fields.id, fieldId));
  if (!row) throw new ReviewError("not_found", "This field no longer exists.");
  await recordAudit(db, {
    ...reviewer.actor,
    action: "pii.reveal",
    targetType: "document",
    targetId: row.doc.id,
    metadata: { field: row.field.path, fieldId, documentId: row.doc.externalId },
  });
  return {
    value: valueAsText(row.field.value),
    correctedValue: row.field.reviewState === "corrected" ? valueAsText(row.field.correctedValue) : null,
  };
}
