import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";

/**
 * Reads `document_counts` (kept by triggers on `documents`, migration 0008): the documents
 * table's and the review queue's totals and filter options without counting documents. Rows are
 * deltas; a read sums them per key and, when a key has gathered many deltas, folds them into one.
 */
type CountRow = {
  batchId: string | null;
  documentType: string | null;
  status: string;
  hasError: boolean;
  needsReview: boolean;
  queued: boolean;
  validatorFailure: boolean;
  lowConfidence: boolean;
  n: number;
};

const KEY = sql.raw(
  "batch_id, document_type, status, has_error, needs_review, queued, validator_failure, low_confidence",
);
/** Fold a scope's deltas once it holds this many rows more than it has keys. */
const COMPACT_AFTER = 64;

type Raw = {
  batch_id: string | null;
  document_type: string | null;
  status: string;
  has_error: boolean;
  needs_review: boolean;
  queued: boolean;
  validator_failure: boolean;
  low_confidence: boolean;
  n: number | string;
  deltas: number | string;
};

async function readCounts(db: Db, scope: SQL): Promise<CountRow[]> {
  const result: unknown = await db.execute(sql`
    select ${KEY}, sum(n)::int as n, count(*)::int as deltas
    from document_counts where ${scope} group by ${KEY}`);
  const raw = (result as { rows: Raw[] }).rows;
  const deltas = raw.reduce((sum, r) => sum + Number(r.deltas), 0);
  if (deltas > raw.length + COMPACT_AFTER) await compactCounts(db, scope);
  return raw
    .filter((r) => Number(r.n) !== 0)
    .map((r) => ({
      batchId: r.batch_id,
      documentType: r.document_type,
      status: r.status,
      hasError: r.has_error,
      needsReview: r.needs_review,
      queued: r.queued,
      validatorFailure: r.validator_failure,
      lowConfidence: r.low_confidence,
      n: Number(r.n),
    }));
}

/**
 * Replaces a scope's deltas by one row per key, in one statement: rows a concurrent writer
 * appends meanwhile are not in the DELETE's snapshot, so they stay and nothing is counted twice.
 */
export async function compactCounts(db: Db, scope: SQL): Promise<void> {
  await db.execute(sql`
    with gone as (delete from document_counts where ${scope} returning *)
    insert into document_counts (${KEY}, n)
    select ${KEY}, sum(n)::int from gone group by ${KEY} having sum(n) <> 0`);
}

/** A batch's counts by key (a few dozen rows whatever the batch's size). */
export function batchCounts(db: Db, batchId: string): Promise<CountRow[]> {
  return readCounts(db, sql`batch_id = ${batchId}`);
}

/** The review queue's counts by key, across batches and applications. */
export function queueCounts(db: Db): Promise<CountRow[]> {
  return readCounts(db, sql`queued`);
}

export const sumCounts = (rows: CountRow[], keep: (row: CountRow) => boolean) =>
  rows.reduce((sum, row) => (keep(row) ? sum + row.n : sum), 0);

/** The document types present, sorted, for a filter's options. */
export function typesIn(rows: CountRow[]): string[] {
  const types = new Set(rows.filter((r) => r.n > 0 && r.documentType).map((r) => r.documentType!));
  return [...types].sort();
}
