ALTER TABLE "cross_checks" ADD COLUMN "raw" jsonb;--> statement-breakpoint
ALTER TABLE "flows" ADD COLUMN "unknown_status_polls" integer DEFAULT 0 NOT NULL;