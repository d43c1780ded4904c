CREATE TABLE "second_reads" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"pages" jsonb,
	"page_count" integer,
	"word_count" integer,
	"mean_confidence" real,
	"ocr_ms" integer,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "second_reads_status_known" CHECK ("second_reads"."status" in ('queued', 'done', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "fields" ADD COLUMN "second_reader" jsonb;--> statement-breakpoint
ALTER TABLE "second_reads" ADD CONSTRAINT "second_reads_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "second_reads_status_idx" ON "second_reads" USING btree ("status");