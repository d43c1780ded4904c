ALTER TYPE "public"."upload_status" ADD VALUE 'unknown';--> statement-breakpoint
CREATE TABLE "atlas_unreadable_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"upload_id" uuid,
	"atlas_batch_id" text NOT NULL,
	"page" integer NOT NULL,
	"entry_index" integer NOT NULL,
	"reason" text NOT NULL,
	"raw" jsonb,
	"fingerprint" text NOT NULL,
	"seen_count" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "atlas_unreadable_entries_batch_fingerprint" UNIQUE("batch_id","fingerprint")
);
--> statement-breakpoint
ALTER TABLE "atlas_uploads" ADD COLUMN "answer_body" text;--> statement-breakpoint
ALTER TABLE "atlas_uploads" ADD COLUMN "unchanged_polls" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "atlas_uploads" ADD COLUMN "next_poll_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "atlas_unreadable_entries" ADD CONSTRAINT "atlas_unreadable_entries_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atlas_unreadable_entries" ADD CONSTRAINT "atlas_unreadable_entries_upload_id_atlas_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."atlas_uploads"("id") ON DELETE set null ON UPDATE no action;