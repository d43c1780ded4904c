-- A batch's "needs review" count now uses the one definition (lib/documents/needs-review.ts): the
-- documents in the review queue, in_review ones included. Recount what the old definition cached.
UPDATE "batches" b SET "needs_review_count" = coalesce((
  SELECT count(*)::int FROM "documents" d
  WHERE d.batch_id = b.id AND d.review_status IN ('pending', 'in_review') AND (d.status = 'failed' OR (d.status = 'extracted' AND d.needs_review_count > 0))
), 0);
