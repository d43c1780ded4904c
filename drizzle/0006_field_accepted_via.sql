CREATE TYPE "public"."field_accepted_via" AS ENUM('reviewer', 'above_threshold', 'document_approval');--> statement-breakpoint
ALTER TABLE "fields" ADD COLUMN "accepted_via" "field_accepted_via";