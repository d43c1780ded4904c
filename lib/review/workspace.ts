import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { batches, documents, fields, users } from "@/lib/db/schema";
import { loadThresholds } from "@/lib/documents/thresholds-store";
import { inRegistryOrder } from "@/lib/fields/registry";
import { loadDocumentRead } from "@/lib/second-reader/document-read";
import { documentAuditTrail } from "./audit-trail";
import { toFieldView } from "./field-view";
import { lockView } from "./locks";

/** Everything the review workspace shows for one document, as the viewer may see it. */
export async function loadWorkspace(db: Db, id: string, viewerId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db
    .select({ doc: documents, reviewedByName: users.name })
    .from(documents)
    .leftJoin(users, eq(users.id, documents.reviewedBy))
    .where(eq(documents.id, id));
  if (!row) return undefined;
  const { doc } = row;
  const [fieldRows, thresholds, lock, trail, batchRows, secondRead] = await Promise.all([
    db
      .select({ field: fields, reviewer: users.name })
      .from(fields)
      .leftJoin(users, eq(users.id, fields.reviewedBy))
      .where(eq(fields.documentId, id)),
    loadThresholds(db),
    lockView(db, id, viewerId),
    documentAuditTrail(db, id),
    doc.batchId
      ? db
          .select({ id: batches.id, label: batches.label, documentCount: batches.documentCount })
          .from(batches)
          .where(eq(batches.id, doc.batchId))
      : Promise.resolve([]),
    loadDocumentRead(db, id),
  ]);
  const reviewerOf = new Map(fieldRows.map((f) => [f.field.id, f.reviewer]));
  return {
    doc,
    reviewedByName: row.reviewedByName,
    batch: batchRows[0],
    fields: inRegistryOrder(
      doc.documentType,
      fieldRows.map((f) => f.field),
    ).map((field) => toFieldView(doc.documentType, field, thresholds, reviewerOf.get(field.id) ?? null)),
    lock,
    trail,
    /** The second reader's read of the scan (page sizes, lines, words; masked), null before it is queued. */
    secondRead,
  };
}
