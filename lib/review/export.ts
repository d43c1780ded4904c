import "server-only";
import { and, asc, eq, gt, inArray, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/db";
import { batches, documents, fields, reviewComments, users } from "@/lib/db/schema";
import { CSV_BOM, toCsvLine } from "@/lib/export/csv";
import {
  EXPORT_COLUMNS,
  exportRowKinds,
  exportRowValues,
  toExportRows,
  type ExportRow,
} from "@/lib/export/rows";
import { xlsxStream, type XlsxRow } from "@/lib/export/xlsx";
import { serverFormatter } from "@/lib/format/server";
import { inRegistryOrder } from "@/lib/fields/registry";

/**
 * A batch as CSV, JSON or XLSX, one row per document field (and one per document without fields,
 * failed ones with Atlas's error), each with the batch label and the document's decision;
 * streamed: documents are read in keyset pages (by document id), so memory stays flat however
 * large the batch. Aadhaar is masked by `toExportRows`; spreadsheet cells are typed by
 * lib/export/cells.ts (CSV and XLSX alike).
 */
export const EXPORT_FORMATS = ["csv", "json", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_PAGE_SIZE = 200;

type Cursor = { documentId: string; id: string } | null;

const decider = alias(users, "decider");

async function documentPage(db: Db, batchId: string, cursor: Cursor, pageSize: number) {
  const conditions: SQL[] = [eq(documents.batchId, batchId)];
  if (cursor)
    conditions.push(
      or(
        gt(documents.externalId, cursor.documentId),
        and(eq(documents.externalId, cursor.documentId), gt(documents.id, cursor.id)),
      )!,
    );
  return db
    .select({
      id: documents.id,
      externalId: documents.externalId,
      documentType: documents.documentType,
      status: documents.status,
      errorCode: documents.errorCode,
      errorMessage: documents.errorMessage,
      submitError: documents.submitError,
      reviewStatus: documents.reviewStatus,
      rejectReason: documents.rejectReason,
      rejectCode: documents.rejectCode,
      decidedBy: decider.email,
      decidedAt: documents.reviewedAt,
    })
    .from(documents)
    .leftJoin(decider, eq(decider.id, documents.reviewedBy))
    .where(and(...conditions))
    .orderBy(asc(documents.externalId), asc(documents.id))
    .limit(pageSize);
}

async function rowsFor(db: Db, batchLabel: string, docs: Awaited<ReturnType<typeof documentPage>>) {
  if (docs.length === 0) return [];
  const fieldRows = await db
    .select({
      id: fields.id,
      documentId: fields.documentId,
      path: fields.path,
      position: fields.position,
      value: fields.value,
      confidence: fields.confidence,
      reviewState: fields.reviewState,
      correctedValue: fields.correctedValue,
      acceptedVia: fields.acceptedVia,
      source: fields.source,
      reviewer: users.email,
      reviewedAt: fields.reviewedAt,
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
  const commentRows = await db
    .select({
      documentId: reviewComments.documentId,
      fieldId: reviewComments.fieldId,
      author: users.email,
      at: reviewComments.createdAt,
      text: reviewComments.body,
    })
    .from(reviewComments)
    .leftJoin(users, eq(users.id, reviewComments.authorId))
    .where(
      inArray(
        reviewComments.documentId,
        docs.map((d) => d.id),
      ),
    )
    .orderBy(asc(reviewComments.createdAt), asc(reviewComments.id));
  const commentsOf = (documentId: string, fieldId: string | null) =>
    commentRows.filter((c) => c.documentId === documentId && c.fieldId === fieldId);
  const byDocument = new Map<string, typeof fieldRows>();
  for (const row of fieldRows) {
    const list = byDocument.get(row.documentId) ?? [];
    list.push(row);
    byDocument.set(row.documentId, list);
  }
  const format = serverFormatter();
  return docs.flatMap((doc) =>
    toExportRows(
      {
        documentId: doc.externalId,
        documentType: doc.documentType,
        batchLabel,
        status: doc.status,
        errorCode: doc.errorCode,
        errorMessage: doc.errorMessage ?? doc.submitError,
        decision: {
          status: doc.reviewStatus,
          reason: doc.rejectReason,
          code: doc.rejectCode,
          by: doc.decidedBy,
          at: doc.decidedAt,
        },
        comments: commentsOf(doc.id, null),
        fields: inRegistryOrder(doc.documentType, byDocument.get(doc.id) ?? []).map((f) => ({
          ...f,
          comments: commentsOf(doc.id, f.id),
        })),
      },
      format,
    ),
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

/** The batch's export rows, page by page of documents, in document id order. */
export async function* exportRowPages(
  db: Db,
  batch: { id: string; label: string | null },
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<ExportRow[]> {
  const label = batch.label ?? batch.id;
  let cursor: Cursor = null;
  for (;;) {
    const docs = await documentPage(db, batch.id, cursor, pageSize);
    if (docs.length === 0) break;
    yield await rowsFor(db, label, docs);
    const last = docs.at(-1)!;
    cursor = { documentId: last.externalId, id: last.id };
    if (docs.length < pageSize) break;
  }
}

/** CSV or JSON text in order: header, rows page by page, footer. Pulled lazily by the stream. */
export async function* exportChunks(
  db: Db,
  batch: { id: string; label: string | null },
  format: "csv" | "json",
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<string> {
  yield format === "csv" ? CSV_BOM + toCsvLine(EXPORT_COLUMNS) : "[";
  let first = true;
  for await (const rows of exportRowPages(db, batch, pageSize)) {
    if (rows.length === 0) continue;
    yield format === "csv"
      ? rows.map((row) => toCsvLine(exportRowValues(row), exportRowKinds(row))).join("")
      : rows.map((row, i) => (first && i === 0 ? "\n" : ",\n") + JSON.stringify(row)).join("");
    first = false;
  }
  if (format === "json") yield first ? "]\n" : "\n]\n";
}

async function* xlsxPages(pages: AsyncGenerator<ExportRow[]>): AsyncGenerator<XlsxRow[]> {
  try {
    for await (const rows of pages)
      yield rows.map((row) => ({ values: exportRowValues(row), kinds: exportRowKinds(row) }));
  } finally {
    await pages.return(undefined);
  }
}

const XLSX_WIDTHS: Partial<Record<(typeof EXPORT_COLUMNS)[number], number>> = {
  batch: 24,
  document_id: 28,
  error_message: 40,
  decision_reason: 40,
  decided_by: 28,
  decided_at: 20,
  decided_at_local: 24,
  field: 24,
  field_label: 24,
  original_value: 40,
  corrected_value: 40,
  reviewer: 28,
  reviewed_at: 20,
  reviewed_at_local: 24,
};

/** The batch as an XLSX workbook, one sheet "Fields", streamed. */
export function exportXlsx(
  db: Db,
  batch: { id: string; label: string | null },
  pageSize = EXPORT_PAGE_SIZE,
): ReadableStream<Uint8Array> {
  return xlsxStream(
    {
      name: "Fields",
      columns: EXPORT_COLUMNS,
      widths: EXPORT_COLUMNS.map((c) => XLSX_WIDTHS[c] ?? Math.max(12, c.length + 2)),
    },
    xlsxPages(exportRowPages(db, batch, pageSize)),
  );
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
