ALTER TYPE "public"."upload_status" ADD VALUE 'sending' BEFORE 'submitted';--> statement-breakpoint
ALTER TABLE "atlas_uploads" ADD COLUMN "sending_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "client_key" text;--> statement-breakpoint
ALTER TABLE "batches" ADD CONSTRAINT "batches_client_key_unique" UNIQUE("client_key");