import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { secondReads } from "@/lib/db/schema";
import type { OcrPage } from "./types";

/**
 * What the workspace needs of a document's second read: its status, and each page's size (boxes
 * are in the pixels of the image OCR read, which may be larger than the file shown: an SVG is
 * read at 1600 px wide) with its lines and words (masked) for clicking a word into a field.
 */
export type DocumentRead = {
  status: "queued" | "done" | "failed";
  error: string | null;
  readAt: string | null;
  pages: OcrPage[];
};

export async function loadDocumentRead(db: Db, documentId: string): Promise<DocumentRead | null> {
  const [row] = await db
    .select({
      status: secondReads.status,
      error: secondReads.error,
      readAt: secondReads.readAt,
      pages: secondReads.pages,
    })
    .from(secondReads)
    .where(eq(secondReads.documentId, documentId));
  if (!row) return null;
  return {
    status: row.status as DocumentRead["status"],
    error: row.error,
    readAt: row.readAt?.toISOString() ?? null,
    pages: Array.isArray(row.pages) ? (row.pages as OcrPage[]) : [],
  };
}
