import "server-only";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { batches, documents } from "@/lib/db/schema";
import { fileIdentity } from "./input/file-url";

export type RecordedMatch = {
  kind: "file" | "document_id";
  /** The file identity or document id asked about. */
  value: string;
  batchId: string;
  batchLabel: string | null;
  documentId: string;
};

/**
 * Which of these files (by identity: a pre-signed link without its signature) and document ids
 * are already recorded in a batch. Both lookups use an index (`split_part(file_url, '?', 1)`
 * and `document_id`), so 5,000 rows cost two index scans, not a table scan.
 */
export async function findRecorded(
  db: Db,
  query: { files: { base: string; identity: string }[]; documentIds: string[] },
): Promise<RecordedMatch[]> {
  const matches: RecordedMatch[] = [];
  const wanted = new Set(query.files.map((f) => f.identity));
  const bases = [...new Set(query.files.map((f) => f.base))];
  if (bases.length > 0) {
    const rows = await db
      .select({
        fileUrl: documents.fileUrl,
        externalId: documents.externalId,
        batchId: documents.batchId,
        label: batches.label,
      })
      .from(documents)
      .innerJoin(batches, eq(batches.id, documents.batchId))
      .where(inArray(sql`split_part(${documents.fileUrl}, '?', 1)`, bases));
    const seen = new Set<string>();
    for (const row of rows) {
      const identity = fileIdentity(row.fileUrl);
      if (identity === null || !wanted.has(identity) || seen.has(identity)) continue;
      seen.add(identity);
      matches.push({
        kind: "file",
        value: identity,
        batchId: row.batchId!,
        batchLabel: row.label,
        documentId: row.externalId,
      });
    }
  }
  const ids = [...new Set(query.documentIds)];
  if (ids.length > 0) {
    const rows = await db
      .selectDistinctOn([documents.externalId], {
        externalId: documents.externalId,
        batchId: documents.batchId,
        label: batches.label,
      })
      .from(documents)
      .innerJoin(batches, eq(batches.id, documents.batchId))
      .where(and(inArray(documents.externalId, ids), isNotNull(documents.batchId)));
    for (const row of rows) {
      matches.push({
        kind: "document_id",
        value: row.externalId,
        batchId: row.batchId!,
        batchLabel: row.label,
        documentId: row.externalId,
      });
    }
  }
  return matches;
}
