CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_event" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body_text" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"related_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "api_token" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_token_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "password_reset" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "user_session" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"second_factor_done" boolean NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_user" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"full_name" text NOT NULL,
	"job_title" text,
	"phone" text,
	"home_unit_id" uuid NOT NULL,
	"password_hash" text,
	"status" text DEFAULT 'active' NOT NULL,
	"totp_secret" text,
	"totp_enabled_at" timestamp with time zone,
	"totp_last_step" integer,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_collective" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"name_en" text,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "org_unit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"name_en" text,
	"kind" text NOT NULL,
	"parent_id" uuid,
	"path" text NOT NULL,
	"level" integer NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"search_text" text NOT NULL,
	"former_names" text,
	"notes" text,
	"valid_from" date,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "role_assignment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"document_number" text,
	"issued_on" date,
	"issuing_unit_id" uuid,
	"description" text,
	"reporting_cadence" text DEFAULT 'monthly' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategic_technology" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_number" integer NOT NULL,
	"group_name" text NOT NULL,
	"product_number" integer,
	"product_name" text,
	"verified" boolean DEFAULT false NOT NULL,
	"sources" text,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "task" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"code" text NOT NULL,
	"group_number" text,
	"number" integer,
	"title" text NOT NULL,
	"description" text,
	"lead_unit_id" uuid,
	"lead_unit_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"coordinating_unit_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"lead_text" text,
	"coordinating_text" text,
	"output" text,
	"deadline_text" text,
	"deadline" date,
	"recurring" boolean DEFAULT false NOT NULL,
	"recurrence" text,
	"notes" text,
	"parent_task_id" uuid,
	"assigning_unit_id" uuid,
	"status" text DEFAULT 'not_started' NOT NULL,
	"status_reason" text,
	"percent_done" integer DEFAULT 0 NOT NULL,
	"completed_at" timestamp with time zone,
	"original_deadline" date,
	"priority" text DEFAULT 'normal' NOT NULL,
	"source" text,
	"bloc" text,
	"criteria_group" text,
	"reporting_cadence" text,
	"responsible_user_id" uuid,
	"responsible_name" text,
	"accountable_user_id" uuid,
	"accountable_name" text,
	"search_text" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_coordinator" (
	"task_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	CONSTRAINT "task_coordinator_task_id_org_unit_id_pk" PRIMARY KEY("task_id","org_unit_id")
);
--> statement-breakpoint
CREATE TABLE "task_extension_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"previous_deadline" date,
	"requested_deadline" date NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid,
	"decided_by" uuid,
	"decision_note" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_group" (
	"number" text PRIMARY KEY NOT NULL,
	"sort_order" integer NOT NULL,
	"code" text NOT NULL,
	"short_title" text NOT NULL,
	"title" text NOT NULL,
	"title_en" text,
	"resolution_section" text,
	CONSTRAINT "task_group_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "task_notice" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"recipient_user_id" uuid NOT NULL,
	"deadline" date NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"source" text NOT NULL,
	"number" text,
	"parent_number" text,
	"is_header" boolean DEFAULT false NOT NULL,
	"horizon" integer,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"unit" text,
	"target_text" text,
	"comparator" text,
	"target_value" numeric,
	"target_min" numeric,
	"target_max" numeric,
	"target_parts" jsonb,
	"direction" text,
	"qualitative" boolean DEFAULT false NOT NULL,
	"monitoring_unit_id" uuid,
	"monitoring_text" text,
	"related_codes" text[],
	"notes" text,
	"search_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_topic" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"usual_unit_codes" text[] NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stored_file" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hash" text NOT NULL,
	"size" bigint NOT NULL,
	"mime_type" text NOT NULL,
	"original_name" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bottleneck" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid,
	"report_id" uuid,
	"title" text NOT NULL,
	"description" text,
	"owner_unit_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"raised_by" uuid,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"reporting_unit_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"period_label" text,
	"period_start" date,
	"period_end" date,
	"percent_done" integer NOT NULL,
	"done_text" text NOT NULL,
	"obstacles_text" text,
	"proposals_text" text,
	"is_final" boolean DEFAULT false NOT NULL,
	"document_number" text,
	"document_date" date,
	"link" text,
	"status" text DEFAULT 'submitted' NOT NULL,
	"submitted_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"on_time" boolean,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_comment" text,
	"version" integer DEFAULT 1 NOT NULL,
	"supersedes_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "progress_report_percent_ck" CHECK ("progress_report"."percent_done" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "report_evidence" (
	"report_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_evidence_report_id_file_id_pk" PRIMARY KEY("report_id","file_id")
);
--> statement-breakpoint
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_reset" ADD CONSTRAINT "password_reset_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_session" ADD CONSTRAINT "user_session_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan" ADD CONSTRAINT "plan_issuing_unit_id_org_unit_id_fk" FOREIGN KEY ("issuing_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_group_number_task_group_number_fk" FOREIGN KEY ("group_number") REFERENCES "public"."task_group"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_lead_unit_id_org_unit_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_parent_task_id_task_id_fk" FOREIGN KEY ("parent_task_id") REFERENCES "public"."task"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_assigning_unit_id_org_unit_id_fk" FOREIGN KEY ("assigning_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_responsible_user_id_app_user_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_accountable_user_id_app_user_id_fk" FOREIGN KEY ("accountable_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_coordinator" ADD CONSTRAINT "task_coordinator_task_id_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."task"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_coordinator" ADD CONSTRAINT "task_coordinator_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_extension_request" ADD CONSTRAINT "task_extension_request_task_id_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."task"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_extension_request" ADD CONSTRAINT "task_extension_request_requested_by_app_user_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_extension_request" ADD CONSTRAINT "task_extension_request_decided_by_app_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_notice" ADD CONSTRAINT "task_notice_task_id_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."task"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_notice" ADD CONSTRAINT "task_notice_recipient_user_id_app_user_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_monitoring_unit_id_org_unit_id_fk" FOREIGN KEY ("monitoring_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_file" ADD CONSTRAINT "stored_file_uploaded_by_app_user_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bottleneck" ADD CONSTRAINT "bottleneck_task_id_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."task"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bottleneck" ADD CONSTRAINT "bottleneck_report_id_progress_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."progress_report"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bottleneck" ADD CONSTRAINT "bottleneck_owner_unit_id_org_unit_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bottleneck" ADD CONSTRAINT "bottleneck_raised_by_app_user_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bottleneck" ADD CONSTRAINT "bottleneck_resolved_by_app_user_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report" ADD CONSTRAINT "progress_report_task_id_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."task"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report" ADD CONSTRAINT "progress_report_reporting_unit_id_org_unit_id_fk" FOREIGN KEY ("reporting_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report" ADD CONSTRAINT "progress_report_author_id_app_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report" ADD CONSTRAINT "progress_report_reviewed_by_app_user_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report" ADD CONSTRAINT "progress_report_supersedes_id_progress_report_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."progress_report"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_evidence" ADD CONSTRAINT "report_evidence_report_id_progress_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."progress_report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_evidence" ADD CONSTRAINT "report_evidence_file_id_stored_file_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_file"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_event_entity_idx" ON "audit_event" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_event_actor_idx" ON "audit_event" USING btree ("actor_user_id");--> statement-breakpoint
CREATE INDEX "mail_outbox_created_idx" ON "mail_outbox" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "mail_outbox_status_idx" ON "mail_outbox" USING btree ("status");--> statement-breakpoint
CREATE INDEX "api_token_user_idx" ON "api_token" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_session_user_idx" ON "user_session" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_session_expires_idx" ON "user_session" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "app_user_email_uq" ON "app_user" USING btree ("email");--> statement-breakpoint
CREATE INDEX "app_user_home_unit_idx" ON "app_user" USING btree ("home_unit_id");--> statement-breakpoint
CREATE INDEX "app_user_search_trgm_idx" ON "app_user" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "org_unit_code_uq" ON "org_unit" USING btree ("code");--> statement-breakpoint
CREATE INDEX "org_unit_parent_idx" ON "org_unit" USING btree ("parent_id","sort_order");--> statement-breakpoint
CREATE INDEX "org_unit_path_idx" ON "org_unit" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "org_unit_search_trgm_idx" ON "org_unit" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "role_assignment_uq" ON "role_assignment" USING btree ("user_id","role","org_unit_id");--> statement-breakpoint
CREATE INDEX "role_assignment_unit_idx" ON "role_assignment" USING btree ("org_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_code_uq" ON "plan" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "strategic_technology_uq" ON "strategic_technology" USING btree ("group_number","product_number");--> statement-breakpoint
CREATE UNIQUE INDEX "task_plan_code_uq" ON "task" USING btree ("plan_id","code");--> statement-breakpoint
CREATE INDEX "task_lead_unit_idx" ON "task" USING btree ("lead_unit_id","status");--> statement-breakpoint
CREATE INDEX "task_deadline_idx" ON "task" USING btree ("deadline");--> statement-breakpoint
CREATE INDEX "task_status_deadline_idx" ON "task" USING btree ("status","deadline");--> statement-breakpoint
CREATE INDEX "task_parent_idx" ON "task" USING btree ("parent_task_id");--> statement-breakpoint
CREATE INDEX "task_coordinator_unit_idx" ON "task_coordinator" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "task_extension_task_idx" ON "task_extension_request" USING btree ("task_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "task_extension_pending_uq" ON "task_extension_request" USING btree ("task_id") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "task_notice_once_uq" ON "task_notice" USING btree ("task_id","kind","recipient_user_id","deadline");--> statement-breakpoint
CREATE INDEX "task_notice_recipient_idx" ON "task_notice" USING btree ("recipient_user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_code_uq" ON "indicator" USING btree ("code");--> statement-breakpoint
CREATE INDEX "indicator_source_idx" ON "indicator" USING btree ("source","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "stored_file_hash_uq" ON "stored_file" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "bottleneck_owner_idx" ON "bottleneck" USING btree ("owner_unit_id","status");--> statement-breakpoint
CREATE INDEX "bottleneck_task_idx" ON "bottleneck" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "bottleneck_status_idx" ON "bottleneck" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "progress_report_task_idx" ON "progress_report" USING btree ("task_id","created_at");--> statement-breakpoint
CREATE INDEX "progress_report_status_idx" ON "progress_report" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "progress_report_supersedes_uq" ON "progress_report" USING btree ("supersedes_id");--> statement-breakpoint
CREATE INDEX "report_evidence_file_idx" ON "report_evidence" USING btree ("file_id");