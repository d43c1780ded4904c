CREATE TABLE "document_counts" (
	"batch_id" uuid,
	"document_type" text,
	"status" "document_status" NOT NULL,
	"has_error" boolean NOT NULL,
	"needs_review" boolean NOT NULL,
	"queued" boolean NOT NULL,
	"validator_failure" boolean NOT NULL,
	"low_confidence" boolean NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "validator_failure_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "document_counts_batch_idx" ON "document_counts" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "document_counts_queued_idx" ON "document_counts" USING btree ("batch_id") WHERE "document_counts"."queued";--> statement-breakpoint
CREATE INDEX "documents_batch_confidence_key_idx" ON "documents" USING btree ("batch_id",coalesce("min_confidence", 'Infinity'::real),"document_id");--> statement-breakpoint
CREATE INDEX "documents_batch_review_key_idx" ON "documents" USING btree ("batch_id",(-"needs_review_count"),"document_id");--> statement-breakpoint
CREATE INDEX "documents_batch_type_key_idx" ON "documents" USING btree ("batch_id",("document_type" is null),coalesce("document_type", ''),"document_id");--> statement-breakpoint
CREATE INDEX "documents_queue_order_idx" ON "documents" USING btree ("created_at","id") WHERE status = 'extracted' and review_status in ('pending', 'in_review') and needs_review_count > 0;--> statement-breakpoint
CREATE INDEX "documents_queue_batch_order_idx" ON "documents" USING btree ("batch_id","created_at","id") WHERE status = 'extracted' and review_status in ('pending', 'in_review') and needs_review_count > 0;
--> statement-breakpoint
-- Hand-written below: backfill, then the triggers that keep document_counts (see
-- lib/db/tables/document-counts.ts). Statement-level with transition tables, so a bulk write of
-- 500 documents appends at most a few delta rows, never one per document.
UPDATE "documents" d SET "validator_failure_count" = c.n
FROM (
  SELECT f.document_id, count(*)::int AS n FROM "fields" f
  WHERE f.review_state = 'pending' AND coalesce((f.validation->>'ok')::boolean, true) = false
  GROUP BY f.document_id
) c
WHERE d.id = c.document_id AND d.status = 'extracted';
--> statement-breakpoint
INSERT INTO "document_counts" ("batch_id", "document_type", "status", "has_error", "needs_review", "queued", "validator_failure", "low_confidence", "n")
SELECT d.batch_id, d.document_type, d.status,
    (d.error_code is not null or d.submit_error is not null),
    d.needs_review_count > 0,
    (d.status = 'extracted' and d.review_status in ('pending', 'in_review') and d.needs_review_count > 0),
    d.validator_failure_count > 0,
    d.needs_review_count > d.validator_failure_count, count(*)::int
FROM "documents" d GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "document_counts_inserted"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO document_counts (batch_id, document_type, status, has_error, needs_review, queued, validator_failure, low_confidence, n)
  SELECT r.batch_id, r.document_type, r.status,
    (r.error_code is not null or r.submit_error is not null),
    r.needs_review_count > 0,
    (r.status = 'extracted' and r.review_status in ('pending', 'in_review') and r.needs_review_count > 0),
    r.validator_failure_count > 0,
    r.needs_review_count > r.validator_failure_count, count(*)::int
  FROM new_rows r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "document_counts_deleted"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO document_counts (batch_id, document_type, status, has_error, needs_review, queued, validator_failure, low_confidence, n)
  SELECT r.batch_id, r.document_type, r.status,
    (r.error_code is not null or r.submit_error is not null),
    r.needs_review_count > 0,
    (r.status = 'extracted' and r.review_status in ('pending', 'in_review') and r.needs_review_count > 0),
    r.validator_failure_count > 0,
    r.needs_review_count > r.validator_failure_count, -count(*)::int
  FROM old_rows r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "document_counts_updated"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO document_counts (batch_id, document_type, status, has_error, needs_review, queued, validator_failure, low_confidence, n)
  SELECT k.batch_id, k.document_type, k.status, k.has_error, k.needs_review, k.queued,
    k.validator_failure, k.low_confidence, sum(k.n)::int
  FROM (
    SELECT r.batch_id, r.document_type, r.status,
    (r.error_code is not null or r.submit_error is not null),
    r.needs_review_count > 0,
    (r.status = 'extracted' and r.review_status in ('pending', 'in_review') and r.needs_review_count > 0),
    r.validator_failure_count > 0,
    r.needs_review_count > r.validator_failure_count, 1 FROM new_rows r
    UNION ALL
    SELECT r.batch_id, r.document_type, r.status,
    (r.error_code is not null or r.submit_error is not null),
    r.needs_review_count > 0,
    (r.status = 'extracted' and r.review_status in ('pending', 'in_review') and r.needs_review_count > 0),
    r.validator_failure_count > 0,
    r.needs_review_count > r.validator_failure_count, -1 FROM old_rows r
  ) AS k(batch_id, document_type, status, has_error, needs_review, queued, validator_failure, low_confidence, n)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(k.n) <> 0;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "document_counts_on_insert" AFTER INSERT ON "documents"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "document_counts_inserted"();
--> statement-breakpoint
CREATE TRIGGER "document_counts_on_delete" AFTER DELETE ON "documents"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "document_counts_deleted"();
--> statement-breakpoint
CREATE TRIGGER "document_counts_on_update" AFTER UPDATE ON "documents"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "document_counts_updated"();
