CREATE TYPE "public"."document_status" AS ENUM('not_submitted', 'submitted', 'extracted', 'failed');--> statement-breakpoint
CREATE TYPE "public"."field_review_state" AS ENUM('pending', 'accepted', 'corrected', 'unreadable');--> statement-breakpoint
CREATE TYPE "public"."review_status" AS ENUM('pending', 'in_review', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."threshold_scope" AS ENUM('global', 'document_type', 'field');--> statement-breakpoint
CREATE TYPE "public"."upload_status" AS ENUM('pending', 'submitted', 'failed');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('admin', 'reviewer', 'qa');--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "user_role" NOT NULL,
	"password_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_email_lower_case" CHECK ("users"."email" = lower("users"."email"))
);
--> statement-breakpoint
CREATE TABLE "cross_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"flow_id" uuid NOT NULL,
	"field_name" text NOT NULL,
	"source_document_id" text NOT NULL,
	"source_document_type" text,
	"source_value" jsonb,
	"target_document_id" text NOT NULL,
	"target_document_type" text,
	"target_value" jsonb,
	"similarity_score" real,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cross_checks_comparison_unique" UNIQUE("flow_id","field_name","source_document_id","target_document_id")
);
--> statement-breakpoint
CREATE TABLE "flow_callbacks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "flow_callbacks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"flow_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flow_callbacks_flow_key_unique" UNIQUE("flow_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "flows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" text NOT NULL,
	"product_type" text NOT NULL,
	"flow_params" jsonb,
	"flow_uuid" text,
	"auth_secret_hash" text NOT NULL,
	"upload_status" text,
	"processing_status" text,
	"crossheck_status" text,
	"master_status" text,
	"last_status_at" timestamp with time zone,
	"callback_received_at" timestamp with time zone,
	"last_error" text,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"next_poll_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flows_application_id_unique" UNIQUE("application_id"),
	CONSTRAINT "flows_flow_uuid_unique" UNIQUE("flow_uuid")
);
--> statement-breakpoint
CREATE TABLE "atlas_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid,
	"flow_id" uuid,
	"chunk_index" integer NOT NULL,
	"atlas_batch_id" text,
	"status" "upload_status" DEFAULT 'pending' NOT NULL,
	"error_message" text,
	"attempt_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"last_total_items" integer,
	CONSTRAINT "atlas_uploads_batch_chunk_unique" UNIQUE("batch_id","chunk_index"),
	CONSTRAINT "atlas_uploads_flow_chunk_unique" UNIQUE("flow_id","chunk_index"),
	CONSTRAINT "atlas_uploads_one_owner" CHECK (num_nonnulls("atlas_uploads"."batch_id", "atlas_uploads"."flow_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"label" text,
	"product_type" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'submitting' NOT NULL,
	"document_count" integer DEFAULT 0 NOT NULL,
	"not_submitted_count" integer DEFAULT 0 NOT NULL,
	"submitted_count" integer DEFAULT 0 NOT NULL,
	"extracted_count" integer DEFAULT 0 NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"needs_review_count" integer DEFAULT 0 NOT NULL,
	"last_progress_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"last_synced_at" timestamp with time zone,
	"last_sync_error" text,
	"next_sync_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid,
	"flow_id" uuid,
	"upload_id" uuid,
	"document_id" text NOT NULL,
	"file_url" text NOT NULL,
	"file_uuid" text,
	"atlas_batch_id" text,
	"status" "document_status" DEFAULT 'not_submitted' NOT NULL,
	"submit_error" text,
	"document_type" text,
	"error_code" text,
	"error_message" text,
	"file_data" jsonb,
	"extracted_at" timestamp with time zone,
	"review_status" "review_status" DEFAULT 'pending' NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reject_reason" text,
	"lock_owner" uuid,
	"lock_expires_at" timestamp with time zone,
	"needs_review_count" integer DEFAULT 0 NOT NULL,
	"min_confidence" real,
	"field_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "documents_batch_document_id_unique" UNIQUE("batch_id","document_id"),
	CONSTRAINT "documents_flow_document_id_unique" UNIQUE("flow_id","document_id"),
	CONSTRAINT "documents_one_owner" CHECK (num_nonnulls("documents"."batch_id", "documents"."flow_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "fields" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"path" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"value" jsonb,
	"confidence" real,
	"validation" jsonb,
	"review_state" "field_review_state" DEFAULT 'pending' NOT NULL,
	"corrected_value" jsonb,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fields_document_path_unique" UNIQUE("document_id","path")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_email" text,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"before" jsonb,
	"after" jsonb,
	"ip" text,
	"metadata" jsonb
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "thresholds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope" "threshold_scope" NOT NULL,
	"document_type" text,
	"field_path" text,
	"threshold" real NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "thresholds_scope_unique" UNIQUE NULLS NOT DISTINCT("scope","document_type","field_path"),
	CONSTRAINT "thresholds_range" CHECK ("thresholds"."threshold" >= 0 and "thresholds"."threshold" <= 1),
	CONSTRAINT "thresholds_scope_shape" CHECK (("thresholds"."scope" = 'global' and "thresholds"."document_type" is null and "thresholds"."field_path" is null)
        or ("thresholds"."scope" = 'document_type' and "thresholds"."document_type" is not null and "thresholds"."field_path" is null)
        or ("thresholds"."scope" = 'field' and "thresholds"."field_path" is not null))
);
--> statement-breakpoint
CREATE TABLE "qa_sample_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sample_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "qa_sample_items_sample_document_unique" UNIQUE("sample_id","document_id")
);
--> statement-breakpoint
CREATE TABLE "qa_samples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text,
	"created_by" uuid NOT NULL,
	"seed" text NOT NULL,
	"params" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_verdicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sample_item_id" uuid NOT NULL,
	"field_id" uuid NOT NULL,
	"correct" boolean NOT NULL,
	"right_value" jsonb,
	"confidence" real,
	"document_type" text,
	"field_path" text NOT NULL,
	"checked_by" uuid NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qa_verdicts_item_field_unique" UNIQUE("sample_item_id","field_id")
);
--> statement-breakpoint
ALTER TABLE "cross_checks" ADD CONSTRAINT "cross_checks_flow_id_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."flows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_callbacks" ADD CONSTRAINT "flow_callbacks_flow_id_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."flows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flows" ADD CONSTRAINT "flows_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atlas_uploads" ADD CONSTRAINT "atlas_uploads_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "atlas_uploads" ADD CONSTRAINT "atlas_uploads_flow_id_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."flows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batches" ADD CONSTRAINT "batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_flow_id_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."flows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_upload_id_atlas_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."atlas_uploads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_lock_owner_users_id_fk" FOREIGN KEY ("lock_owner") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fields" ADD CONSTRAINT "fields_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fields" ADD CONSTRAINT "fields_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thresholds" ADD CONSTRAINT "thresholds_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_sample_items" ADD CONSTRAINT "qa_sample_items_sample_id_qa_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."qa_samples"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_sample_items" ADD CONSTRAINT "qa_sample_items_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_samples" ADD CONSTRAINT "qa_samples_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_verdicts" ADD CONSTRAINT "qa_verdicts_sample_item_id_qa_sample_items_id_fk" FOREIGN KEY ("sample_item_id") REFERENCES "public"."qa_sample_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_verdicts" ADD CONSTRAINT "qa_verdicts_field_id_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."fields"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_verdicts" ADD CONSTRAINT "qa_verdicts_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "flows_created_at_idx" ON "flows" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "atlas_uploads_atlas_batch_id_idx" ON "atlas_uploads" USING btree ("atlas_batch_id");--> statement-breakpoint
CREATE INDEX "batches_created_at_idx" ON "batches" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "batches_status_next_sync_idx" ON "batches" USING btree ("status","next_sync_at");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_atlas_key_unique" ON "documents" USING btree ("atlas_batch_id","document_id");--> statement-breakpoint
CREATE INDEX "documents_batch_min_confidence_idx" ON "documents" USING btree ("batch_id","min_confidence");--> statement-breakpoint
CREATE INDEX "documents_batch_status_idx" ON "documents" USING btree ("batch_id","status");--> statement-breakpoint
CREATE INDEX "documents_batch_type_idx" ON "documents" USING btree ("batch_id","document_type");--> statement-breakpoint
CREATE INDEX "documents_review_queue_idx" ON "documents" USING btree ("review_status","created_at");--> statement-breakpoint
CREATE INDEX "documents_upload_idx" ON "documents" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_events_actor_at_idx" ON "audit_events" USING btree ("actor_user_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_events_action_at_idx" ON "audit_events" USING btree ("action","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_events_target_idx" ON "audit_events" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "qa_sample_items_document_idx" ON "qa_sample_items" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "qa_verdicts_type_path_idx" ON "qa_verdicts" USING btree ("document_type","field_path");