import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { documents, fields } from "@/lib/db/schema";
import { isAadhaarDocumentType, isAadhaarField } from "@/lib/masking";

/**
 * What the document file route needs of a document: its stored link, names, Atlas's file data
 * (for the masked copy) and whether its scan shows an Aadhaar number (its type, or any field).
 * Undefined when there is no such document.
 */
export async function documentFileSource(db: Db, id: string) {
  const [doc] = await db
    .select({
      fileUrl: documents.fileUrl,
      externalId: documents.externalId,
      documentType: documents.documentType,
      fileData: documents.fileData,
    })
    .from(documents)
    .where(eq(documents.id, id));
  if (!doc) return undefined;
  const paths = await db.select({ path: fields.path }).from(fields).where(eq(fields.documentId, id));
  const type = doc.documentType ?? "UNKNOWN";
  const pii = isAadhaarDocumentType(type) || paths.some((f) => isAadhaarField(type, f.path));
  return { ...doc, type, pii };
}
