import "server-only";
import { createHash } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { betterResult } from "@/lib/atlas/entries";
import type { ExtractedDocument, ExtractsPage, UnreadableEntry } from "@/lib/atlas/types";
import type { Db } from "@/lib/db";
import { atlasUnreadableEntries } from "@/lib/db/schema";
import { extractFieldRows, summarise } from "@/lib/documents/extract";
import type { ThresholdSet } from "@/lib/documents/thresholds";
import { logger } from "@/lib/logger";
import { maskAadhaarInText } from "@/lib/masking";
import { rowKey, type Target } from "./sync-targets";

/**
 * Writes what the reads of several targets brought, in ONE transaction of two statements
 * whatever the number of documents: the documents' UPDATE with the INSERT of their fields (one
 * statement), then the uploads' "total recorded", each fed by arrays (`unnest`), so the
 * statement text and its parameter count do not grow with the batch and building it costs one
 * array push per value. Documents are addressed by their row id (read with the targets), so the
 * UPDATE is a primary-key lookup per document whatever the planner knows about the tables.
 *
 * Results are written only to documents still waiting for one (status "submitted", checked by
 * the UPDATE itself), and fields only for the documents that UPDATE changed, so a repeated page,
 * a repeated sync or a second instance changes nothing and never touches a reviewer's work.
 * `last_total_items` is recorded only once every result it announced is stored (counted inside
 * the same transaction), so a partial read is completed on the next poll.
 *
 * Each page's entries that could not be understood are kept in `atlas_unreadable_entries` (once
 * per distinct entry), logged without their content, and never block the others; of two entries
 * for one document, the one with content wins.
 */
type StoreTarget = Pick<Target, "uploadId" | "atlasBatchId" | "split">;
export type TargetPages = { target: StoreTarget; pages: ExtractsPage[] };
type StoreOptions = { thresholds: ThresholdSet; now?: () => Date };
/** Waiting documents' row ids by `rowKey(atlasBatchId, documentId)` (sync-targets.ts waitingRows). */
type WaitingRows = Map<string, string>;

type Row = { id: string; upload_id: string | null };
type Result = ExtractedDocument & { rowId: string };

/**
 * Stores the targets' results; returns how many documents each upload got. Everything is built
 * before the transaction opens (so it is held only while the database works, and a second
 * writer can build while the first writes).
 */
export async function storeReads(
  db: Db,
  batchId: string,
  reads: TargetPages[],
  waiting: WaitingRows,
  options: StoreOptions,
): Promise<Map<string, number>> {
  const today = options.now?.() ?? new Date();
  // One result per waiting document (by its row id): the one with content wins. Results for
  // documents that were not waiting when the sync began are not stored.
  const results = new Map<string, Result>();
  for (const { target, pages } of reads)
    for (const page of pages)
      for (const doc of page.data) {
        const rowId = waiting.get(rowKey(target.atlasBatchId, doc.documentId));
        if (rowId === undefined) continue;
        const kept = results.get(rowId);
        results.set(rowId, { ...(kept ? betterResult(kept, doc) : doc), rowId });
      }
  // Row-id order: two writers touching one row (two uploads in one Atlas batch) lock alike.
  const statement = results.size > 0 ? storeStatement(sortedById(results), today, options) : null;
  const totals = reads.flatMap(({ target, pages }) =>
    target.split ? [] : [{ target, total: Math.max(...pages.map((p) => p.totalItems ?? 0)) }],
  );
  const storedPerUpload = new Map<string, number>();
  await db.transaction(async (tx) => {
    const rows = statement ? ((await tx.execute(statement)) as unknown as { rows: Row[] }).rows : [];
    for (const row of rows)
      if (row.upload_id) storedPerUpload.set(row.upload_id, (storedPerUpload.get(row.upload_id) ?? 0) + 1);
    for (const { target, pages } of reads) await keepUnreadable(tx, batchId, target, pages);
    if (totals.length > 0) await recordTotalsIfComplete(tx, totals);
  });
  return storedPerUpload;
}

const sortedById = (results: Map<string, Result>) =>
  [...results.values()].sort((a, b) => (a.rowId < b.rowId ? -1 : a.rowId > b.rowId ? 1 : 0));

/** Column arrays for `unnest`: one push per value, one parameter per column. */
function columns<K extends string>(names: readonly K[]) {
  const cols = Object.fromEntries(names.map((n) => [n, [] as unknown[]])) as Record<K, unknown[]>;
  return {
    cols,
    push(values: Record<K, unknown>) {
      for (const n of names) cols[n].push(values[n]);
    },
  };
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/**
 * One statement: the documents still waiting get their result, and the fields of exactly those
 * documents (the UPDATE's RETURNING, through a data-modifying WITH) are inserted.
 */
function storeStatement(results: Result[], today: Date, options: StoreOptions): SQL {
  const docs = columns([
    "id",
    "status",
    "type",
    "errorCode",
    "errorMessage",
    "fileData",
    "fileUuid",
    "fieldCount",
    "minConfidence",
    "needsReview",
    "validatorFailures",
  ] as const);
  const fields = columns(["documentId", "path", "position", "value", "confidence", "validation"] as const);
  for (const result of results) {
    const failed = !!result.errorCode;
    const rows = failed ? [] : extractFieldRows(result, today);
    const summary = summarise(rows, result.documentType, options.thresholds);
    docs.push({
      id: result.rowId,
      status: failed ? "failed" : "extracted",
      type: result.documentType,
      errorCode: result.errorCode ?? null,
      errorMessage: result.errorMessage ? maskAadhaarInText(result.errorMessage) : null,
      fileData: json((result.raw as { file_data?: unknown })?.file_data ?? result.raw),
      fileUuid: result.fileUuid ?? null,
      fieldCount: summary.fieldCount,
      minConfidence: summary.minConfidence,
      needsReview: summary.needsReviewCount,
      validatorFailures: summary.validatorFailureCount,
    });
    for (const field of rows)
      fields.push({
        documentId: result.rowId,
        path: field.path,
        position: field.position,
        value: json(field.value),
        confidence: field.confidence,
        validation: json(field.validation),
      });
  }
  const d = docs.cols;
  const f = fields.cols;
  const at = today.toISOString();
  return sql`
    with stored as (
      update documents d set
        status = v.status::document_status,
        document_type = v.document_type,
        error_code = v.error_code,
        error_message = v.error_message,
        file_data = v.file_data::jsonb,
        file_uuid = coalesce(d.file_uuid, v.file_uuid),
        extracted_at = ${at}::timestamptz,
        field_count = v.field_count,
        min_confidence = v.min_confidence,
        needs_review_count = v.needs_review_count,
        validator_failure_count = v.validator_failure_count,
        updated_at = ${at}::timestamptz
      from unnest(
        ${sql.param(d.id)}::uuid[], ${sql.param(d.status)}::text[], ${sql.param(d.type)}::text[],
        ${sql.param(d.errorCode)}::text[], ${sql.param(d.errorMessage)}::text[],
        ${sql.param(d.fileData)}::text[], ${sql.param(d.fileUuid)}::text[],
        ${sql.param(d.fieldCount)}::int[], ${sql.param(d.minConfidence)}::real[],
        ${sql.param(d.needsReview)}::int[], ${sql.param(d.validatorFailures)}::int[]
      ) as v(id, status, document_type, error_code, error_message,
             file_data, file_uuid, field_count, min_confidence, needs_review_count,
             validator_failure_count)
      where d.id = v.id and d.status = 'submitted'
      returning d.id, d.upload_id
    ), inserted as (
      insert into fields (document_id, path, position, value, confidence, validation)
      select v.document_id, v.path, v.position, v.value::jsonb, v.confidence, v.validation::jsonb
      from unnest(
        ${sql.param(f.documentId)}::uuid[], ${sql.param(f.path)}::text[],
        ${sql.param(f.position)}::int[], ${sql.param(f.value)}::text[],
        ${sql.param(f.confidence)}::real[], ${sql.param(f.validation)}::text[]
      ) as v(document_id, path, position, value, confidence, validation)
      where v.document_id in (select id from stored)
      on conflict (document_id, path) do nothing
    )
    select id, upload_id from stored`;
}

/** "Total recorded" for each upload whose announced results are all stored, in one statement. */
async function recordTotalsIfComplete(tx: Db, totals: Array<{ target: StoreTarget; total: number }>) {
  await tx.execute(sql`
    update atlas_uploads u set last_total_items = v.total
    from unnest(
      ${sql.param(totals.map((t) => t.target.uploadId))}::uuid[],
      ${sql.param(totals.map((t) => t.target.atlasBatchId))}::text[],
      ${sql.param(totals.map((t) => t.total))}::int[]
    ) as v(upload_id, atlas_batch_id, total)
    where u.id = v.upload_id
      and (select count(*) from documents d
           where d.upload_id = v.upload_id and d.atlas_batch_id = v.atlas_batch_id
             and d.status in ('extracted', 'failed')) >= v.total`);
}

/** Entries that could not be read: kept once per distinct entry, counted on every sighting, logged. */
async function keepUnreadable(db: Db, batchId: string, target: StoreTarget, pages: ExtractsPage[]) {
  const found: Array<UnreadableEntry & { page: number }> = pages.flatMap((p) =>
    p.unreadable.map((u) => ({ ...u, page: p.page })),
  );
  if (found.length === 0) return;
  const rows = new Map<string, typeof atlasUnreadableEntries.$inferInsert>();
  for (const u of found) {
    const text = JSON.stringify(u.raw) ?? String(u.raw);
    const fingerprint = createHash("sha256").update(`${target.atlasBatchId}\n${text}`).digest("hex");
    rows.set(fingerprint, {
      batchId,
      uploadId: target.uploadId,
      atlasBatchId: target.atlasBatchId,
      page: u.page,
      entryIndex: u.index,
      reason: u.reason,
      raw: u.raw ?? null,
      fingerprint,
    });
    // The reason and where, and the entry's shape: never its values (names, numbers), which
    // stay in the database and show masked on the batch page.
    logger.warn("batch.unreadable_entry", {
      batchId,
      atlasBatchId: target.atlasBatchId,
      page: u.page,
      index: u.index,
      reason: u.reason,
      entry: shapeOf(u.raw),
    });
  }
  await db
    .insert(atlasUnreadableEntries)
    .values([...rows.values()])
    .onConflictDoUpdate({
      target: [atlasUnreadableEntries.batchId, atlasUnreadableEntries.fingerprint],
      set: {
        seenCount: sql`${atlasUnreadableEntries.seenCount} + 1`,
        lastSeenAt: sql`now()`,
        page: sql`excluded.page`,
        entryIndex: sql`excluded.entry_index`,
      },
    });
}

/** What an entry looks like without what it says: its type, or its keys. */
function shapeOf(raw: unknown): string {
  if (raw === null || typeof raw !== "object") return raw === null ? "null" : typeof raw;
  if (Array.isArray(raw)) return `array of ${raw.length}`;
  return `object with keys ${Object.keys(raw).slice(0, 12).join(", ") || "(none)"}`;
}
