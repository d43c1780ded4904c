import "server-only";
import { and, asc, eq, gt, inArray, or, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { batches, documents, fields, users } from "@/lib/db/schema";
import { CSV_BOM, toCsvLine } from "@/lib/export/csv";
import { EXPORT_COLUMNS, exportRowValues, toExportRows, type ExportRow } from "@/lib/export/rows";

/**
 * A batch's fields as CSV or JSON, one row per document field, streamed: documents are read in
 * keyset pages (by document id), so memory stays flat however large the batch. Aadhaar is
 * masked by `toExportRows`; CSV cells are formula-neutralised by `toCsvLine`.
 */
export type ExportFormat = "csv" | "json";

export const EXPORT_PAGE_SIZE = 200;

type Cursor = { documentId: string; id: string } | null;

async function documentPage(db: Db, batchId: string, cursor: Cursor, pageSize: number) {
  const conditions: SQL[] = [eq(documents.batchId, batchId), eq(documents.status, "extracted")];
  if (cursor)
    conditions.push(
      or(
        gt(documents.documentId, cursor.documentId),
        and(eq(documents.documentId, cursor.documentId), gt(documents.id, cursor.id)),
      )!,
    );
  return db
    .select({ id: documents.id, documentId: documents.documentId, documentType: documents.documentType })
    .from(documents)
    .where(and(...conditions))
    .orderBy(asc(documents.documentId), asc(documents.id))
    .limit(pageSize);
}

async function rowsFor(db: Db, batchLabel: string, docs: Awaited<ReturnType<typeof documentPage>>) {
  if (docs.length === 0) return [];
  const fieldRows = await db
    .select({
      documentId: fields.documentId,
      path: fields.path,
      value: fields.value,
      confidence: fields.confidence,
      reviewState: fields.reviewState,
      correctedValue: fields.correctedValue,
      reviewer: users.email,
    })
    .from(fields)
    .leftJoin(users, eq(users.id, fields.reviewedBy))
    .where(
      inArray(
        fields.documentId,
        docs.map((d) => d.id),
      ),
    )
    .orderBy(asc(fields.documentId), asc(fields.position));
  const byDocument = new Map<string, typeof fieldRows>();
  for (const row of fieldRows) {
    const list = byDocument.get(row.documentId) ?? [];
    list.push(row);
    byDocument.set(row.documentId, list);
  }
  return docs.flatMap((doc) =>
    toExportRows({
      documentId: doc.documentId,
      documentType: doc.documentType ?? "UNKNOWN",
      batchLabel,
      fields: (byDocument.get(doc.id) ?? []).map((f) => ({
        ...f,
        correctedValue: f.reviewState === "corrected" ? f.correctedValue : null,
      })),
    }),
  );
}

export async function batchForExport(db: Db, batchId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(batchId)) return undefined;
  const [batch] = await db
    .select({ id: batches.id, label: batches.label, createdAt: batches.createdAt })
    .from(batches)
    .where(eq(batches.id, batchId));
  return batch;
}

/** Chunks of text in order: header, rows page by page, footer. Pulled lazily by the stream. */
export async function* exportChunks(
  db: Db,
  batch: { id: string; label: string | null },
  format: ExportFormat,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<string> {
  const label = batch.label ?? batch.id;
  yield format === "csv" ? CSV_BOM + toCsvLine(EXPORT_COLUMNS) : "[";
  let cursor: Cursor = null;
  let first = true;
  for (;;) {
    const docs = await documentPage(db, batch.id, cursor, pageSize);
    if (docs.length === 0) break;
    const rows: ExportRow[] = await rowsFor(db, label, docs);
    if (rows.length)
      yield format === "csv"
        ? rows.map((row) => toCsvLine(exportRowValues(row))).join("")
        : rows.map((row, i) => (first && i === 0 ? "\n" : ",\n") + JSON.stringify(row)).join("");
    if (rows.length) first = false;
    const last = docs.at(-1)!;
    cursor = { documentId: last.documentId, id: last.id };
    if (docs.length < pageSize) break;
  }
  if (format === "json") yield first ? "]\n" : "\n]\n";
}

export function exportStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** `pune-branch-nov-fields.csv`: the batch label made safe for a file name. */
export function exportFileName(label: string | null, id: string, format: ExportFormat): string {
  const base =
    (label ?? "")
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .replace(/[\s_]+/g, "-")
      .toLowerCase()
      .slice(0, 60) || `batch-${id.slice(0, 8)}`;
  return `${base}-fields.${format}`;
}
