/**
 * What "needs review" means, once, for every count, filter and badge (the batch list, the batch
 * page's counts and its "Needs review only" filter, the review queue): an open document (not yet
 * approved, rejected or sent back for a re-upload) that is either extracted with at least one field
 * that still needs a person (pending, and below its threshold or failing a validator:
 * `needs_review_count`, lib/documents/thresholds-store.ts), or failed by Atlas (it needs a closing
 * decision: reject, re-upload requested or reclassify).
 * A document needs review exactly when it is in the review queue.
 *
 * The same predicate is in the `document_counts` triggers (drizzle/0010, column `queued`) and the
 * queue's partial indexes; lib/documents/needs-review.test.ts checks that all of them agree.
 * Client-safe: no imports.
 */

/** The predicate as SQL on `documents`, columns prefixed by `alias` when given (e.g. `d`). */
export function needsReviewSql(alias?: string): string {
  const a = alias ? `${alias}.` : "";
  return `${a}review_status in ('pending', 'in_review') and (${a}status = 'failed' or (${a}status = 'extracted' and ${a}needs_review_count > 0))`;
}

/** The predicate on a document row in code. */
export function needsReview(d: { status: string; reviewStatus: string; needsReviewCount: number }): boolean {
  return (
    (d.reviewStatus === "pending" || d.reviewStatus === "in_review") &&
    (d.status === "failed" || (d.status === "extracted" && d.needsReviewCount > 0))
  );
}
