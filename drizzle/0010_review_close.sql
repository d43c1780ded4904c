CREATE TYPE "public"."field_source" AS ENUM('atlas', 'manual');--> statement-breakpoint
ALTER TYPE "public"."review_status" ADD VALUE 'reupload_requested';--> statement-breakpoint
CREATE TABLE "review_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"field_id" uuid,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_skips" (
	"user_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"skipped_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_skips_user_id_document_id_pk" PRIMARY KEY("user_id","document_id")
);
--> statement-breakpoint
DROP INDEX "documents_queue_order_idx";--> statement-breakpoint
DROP INDEX "documents_queue_batch_order_idx";--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "reject_code" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "reclassified_from" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "reclassified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "fields" ADD COLUMN "source" "field_source" DEFAULT 'atlas' NOT NULL;--> statement-breakpoint
ALTER TABLE "fields" ADD COLUMN "previous_review" jsonb;--> statement-breakpoint
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_field_id_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."fields"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_skips" ADD CONSTRAINT "review_skips_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_skips" ADD CONSTRAINT "review_skips_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_comments_document_idx" ON "review_comments" USING btree ("document_id","created_at");--> statement-breakpoint
CREATE INDEX "documents_queue_order_idx" ON "documents" USING btree ("created_at","id") WHERE review_status in ('pending', 'in_review') and (status = 'failed' or (status = 'extracted' and needs_review_count > 0));--> statement-breakpoint
CREATE INDEX "documents_queue_batch_order_idx" ON "documents" USING btree ("batch_id","created_at","id") WHERE review_status in ('pending', 'in_review') and (status = 'failed' or (status = 'extracted' and needs_review_count > 0));
--> statement-breakpoint
-- Hand-written below: documents Atlas failed now wait in the review queue until someone closes
-- them (reject, re-upload requested, or reclassify), so "queued" in document_counts follows the
-- new membership: the three trigger functions of 0008 with the new predicate, then the counts
-- rebuilt from the documents (the old rows counted failed documents as not queued).
CREATE OR REPLACE FUNCTION "document_counts_inserted"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO document_counts (batch_id, document_type, status, has_error, needs_review, queued, validator_failure, low_confidence, n)
  SELECT r.batch_id, r.document_type, r.status,
    (r.error_code is not null or r.submit_error is not null),
    r.needs_review_count > 0,
    (r.review_status in ('pending', 'in_review') and (r.status = 'failed' or (r.status = 'extracted' and r.needs_review_count > 0))),
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
    (r.review_status in ('pending', 'in_review') and (r.status = 'failed' or (r.status = 'extracted' and r.needs_review_count > 0))),
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
    (r.review_status in ('pending', 'in_review') and (r.status = 'failed' or (r.status = 'extracted' and r.needs_review_count > 0))),
    r.validator_failure_count > 0,
    r.needs_review_count > r.validator_failure_count, 1 FROM new_rows r
    UNION ALL
    SELECT r.batch_id, r.document_type, r.status,
    (r.error_code is not null or r.submit_error is not null),
    r.needs_review_count > 0,
    (r.review_status in ('pending', 'in_review') and (r.status = 'failed' or (r.status = 'extracted' and r.needs_review_count > 0))),
    r.validator_failure_count > 0,
    r.needs_review_count > r.validator_failure_count, -1 FROM old_rows r
  ) AS k(batch_id, document_type, status, has_error, needs_review, queued, validator_failure, low_confidence, n)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(k.n) <> 0;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DELETE FROM "document_counts";
--> statement-breakpoint
INSERT INTO "document_counts" ("batch_id", "document_type", "status", "has_error", "needs_review", "queued", "validator_failure", "low_confidence", "n")
SELECT d.batch_id, d.document_type, d.status,
    (d.error_code is not null or d.submit_error is not null),
    d.needs_review_count > 0,
    (d.review_status in ('pending', 'in_review') and (d.status = 'failed' or (d.status = 'extracted' and d.needs_review_count > 0))),
    d.validator_failure_count > 0,
    d.needs_review_count > d.validator_failure_count, count(*)::int
FROM "documents" d GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
