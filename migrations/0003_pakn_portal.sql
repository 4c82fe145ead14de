CREATE TABLE "feedback_answer" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"drafted_by" uuid,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"review_comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_assignment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"status" text DEFAULT 'forwarded' NOT NULL,
	"instruction" text,
	"forwarded_by" uuid,
	"forwarded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"return_reason" text,
	"returned_at" timestamp with time zone,
	"assigned_officer_id" uuid,
	"answer_due_on" date,
	"last_update_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_attachment" (
	"submission_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"info_request_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_attachment_submission_id_file_id_pk" PRIMARY KEY("submission_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "feedback_code_counter" (
	"year" integer PRIMARY KEY NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"type" text NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"actor_user_id" uuid,
	"unit_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_follower" (
	"submission_id" uuid NOT NULL,
	"follower_submission_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_follower_submission_id_follower_submission_id_pk" PRIMARY KEY("submission_id","follower_submission_id")
);
--> statement-breakpoint
CREATE TABLE "feedback_info_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"assignment_id" uuid,
	"question" text NOT NULL,
	"asked_by" uuid,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reply" text,
	"replied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "feedback_note" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_sla" (
	"kind" text PRIMARY KEY NOT NULL,
	"forward_working_days" integer DEFAULT 5 NOT NULL,
	"answer_days" integer DEFAULT 20 NOT NULL,
	"answer_in_working_days" boolean DEFAULT true NOT NULL,
	"update_every_days" integer DEFAULT 7 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_submission" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"topic_code" text,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"problem" text,
	"proposal" text,
	"expected_impact" text,
	"estimated_cost" text,
	"feasibility" text,
	"submitter_type" text NOT NULL,
	"submitter_name" text NOT NULL,
	"organisation_name" text,
	"submitter_email" text,
	"submitter_phone" text,
	"submitter_address" text,
	"submitter_id_number" text,
	"location_unit_id" uuid,
	"publish_consent" text DEFAULT 'none' NOT NULL,
	"channel" text DEFAULT 'web' NOT NULL,
	"recorded_by" uuid,
	"status" text DEFAULT 'received' NOT NULL,
	"reject_reason" text,
	"reject_note" text,
	"merged_into_id" uuid,
	"forward_due_on" date,
	"answer_due_on" date,
	"next_update_due_on" date,
	"paused_at" timestamp with time zone,
	"forwarded_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"public_answer" text,
	"published_at" timestamp with time zone,
	"rating" integer,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"decision" text,
	"decision_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"linked_task_id" uuid,
	"idempotency_key" text,
	"search_text" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "initiative_review" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"novelty" integer NOT NULL,
	"feasibility" integer NOT NULL,
	"impact" integer NOT NULL,
	"cost" integer NOT NULL,
	"comment" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "triage_example" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"kind" text NOT NULL,
	"topic_code" text NOT NULL,
	"agency_code" text NOT NULL,
	"source" text NOT NULL,
	"held_out" boolean DEFAULT false NOT NULL,
	"submission_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_bucket" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limit_bucket_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "calendar_day" (
	"date" date PRIMARY KEY NOT NULL,
	"is_working_day" boolean NOT NULL,
	"name" text NOT NULL,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_notice" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"assignment_id" uuid,
	"kind" text NOT NULL,
	"recipient_user_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "article" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"section_unit_id" uuid NOT NULL,
	"category_id" uuid,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"cover_file_id" uuid,
	"cover_alt" text,
	"cover_width" integer,
	"cover_height" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"publish_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"featured" boolean DEFAULT false NOT NULL,
	"author_id" uuid,
	"published_by" uuid,
	"review_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"search_title" text DEFAULT '' NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "article_revision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"tags" text[] NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_document" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"section_unit_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"number" text NOT NULL,
	"doc_type" text NOT NULL,
	"title" text NOT NULL,
	"issuer" text NOT NULL,
	"issued_on" date,
	"effective_on" date,
	"summary" text DEFAULT '' NOT NULL,
	"file_id" uuid,
	"file_name" text,
	"status" text DEFAULT 'in_force' NOT NULL,
	"note" text,
	"featured" boolean DEFAULT false NOT NULL,
	"search_title" text DEFAULT '' NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_category" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_content_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_menu_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"label" text NOT NULL,
	"href" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_page" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"section_unit_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plan" ADD COLUMN "is_public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback_answer" ADD CONSTRAINT "feedback_answer_assignment_id_feedback_assignment_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."feedback_assignment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_answer" ADD CONSTRAINT "feedback_answer_drafted_by_app_user_id_fk" FOREIGN KEY ("drafted_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_answer" ADD CONSTRAINT "feedback_answer_approved_by_app_user_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_assignment" ADD CONSTRAINT "feedback_assignment_submission_id_feedback_submission_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."feedback_submission"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_assignment" ADD CONSTRAINT "feedback_assignment_unit_id_org_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_assignment" ADD CONSTRAINT "feedback_assignment_forwarded_by_app_user_id_fk" FOREIGN KEY ("forwarded_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_assignment" ADD CONSTRAINT "feedback_assignment_assigned_officer_id_app_user_id_fk" FOREIGN KEY ("assigned_officer_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_attachment" ADD CONSTRAINT "feedback_attachment_submission_id_feedback_submission_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."feedback_submission"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_attachment" ADD CONSTRAINT "feedback_attachment_file_id_stored_file_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_file"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_attachment" ADD CONSTRAINT "feedback_attachment_info_request_id_feedback_info_request_id_fk" FOREIGN KEY ("info_request_id") REFERENCES "public"."feedback_info_request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_event" ADD CONSTRAINT "feedback_event_submission_id_feedback_submission_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."feedback_submission"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_event" ADD CONSTRAINT "feedback_event_actor_user_id_app_user_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_event" ADD CONSTRAINT "feedback_event_unit_id_org_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_follower" ADD CONSTRAINT "feedback_follower_submission_id_feedback_submission_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."feedback_submission"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_follower" ADD CONSTRAINT "feedback_follower_follower_submission_id_feedback_submission_id_fk" FOREIGN KEY ("follower_submission_id") REFERENCES "public"."feedback_submission"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_info_request" ADD CONSTRAINT "feedback_info_request_submission_id_feedback_submission_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."feedback_submission"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_info_request" ADD CONSTRAINT "feedback_info_request_assignment_id_feedback_assignment_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."feedback_assignment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_info_request" ADD CONSTRAINT "feedback_info_request_asked_by_app_user_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_note" ADD CONSTRAINT "feedback_note_submission_id_feedback_submission_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."feedback_submission"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_note" ADD CONSTRAINT "feedback_note_unit_id_org_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_note" ADD CONSTRAINT "feedback_note_author_id_app_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_submission" ADD CONSTRAINT "feedback_submission_topic_code_feedback_topic_code_fk" FOREIGN KEY ("topic_code") REFERENCES "public"."feedback_topic"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_submission" ADD CONSTRAINT "feedback_submission_location_unit_id_org_unit_id_fk" FOREIGN KEY ("location_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_submission" ADD CONSTRAINT "feedback_submission_recorded_by_app_user_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_submission" ADD CONSTRAINT "feedback_submission_merged_into_id_feedback_submission_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."feedback_submission"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_submission" ADD CONSTRAINT "feedback_submission_decided_by_app_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_submission" ADD CONSTRAINT "feedback_submission_linked_task_id_task_id_fk" FOREIGN KEY ("linked_task_id") REFERENCES "public"."task"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_review" ADD CONSTRAINT "initiative_review_submission_id_feedback_submission_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."feedback_submission"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_review" ADD CONSTRAINT "initiative_review_reviewer_id_app_user_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_example" ADD CONSTRAINT "triage_example_topic_code_feedback_topic_code_fk" FOREIGN KEY ("topic_code") REFERENCES "public"."feedback_topic"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_example" ADD CONSTRAINT "triage_example_submission_id_feedback_submission_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."feedback_submission"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_example" ADD CONSTRAINT "triage_example_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_notice" ADD CONSTRAINT "feedback_notice_submission_id_feedback_submission_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."feedback_submission"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_notice" ADD CONSTRAINT "feedback_notice_assignment_id_feedback_assignment_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."feedback_assignment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_notice" ADD CONSTRAINT "feedback_notice_recipient_user_id_app_user_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article" ADD CONSTRAINT "article_section_unit_id_org_unit_id_fk" FOREIGN KEY ("section_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article" ADD CONSTRAINT "article_category_id_portal_category_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."portal_category"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article" ADD CONSTRAINT "article_cover_file_id_stored_file_id_fk" FOREIGN KEY ("cover_file_id") REFERENCES "public"."stored_file"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article" ADD CONSTRAINT "article_author_id_app_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article" ADD CONSTRAINT "article_published_by_app_user_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_revision" ADD CONSTRAINT "article_revision_article_id_article_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."article"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_revision" ADD CONSTRAINT "article_revision_author_id_app_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_document" ADD CONSTRAINT "legal_document_section_unit_id_org_unit_id_fk" FOREIGN KEY ("section_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_document" ADD CONSTRAINT "legal_document_file_id_stored_file_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_file"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_page" ADD CONSTRAINT "portal_page_section_unit_id_org_unit_id_fk" FOREIGN KEY ("section_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_page" ADD CONSTRAINT "portal_page_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_answer_assignment_idx" ON "feedback_answer" USING btree ("assignment_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_assignment_uq" ON "feedback_assignment" USING btree ("submission_id","unit_id");--> statement-breakpoint
CREATE INDEX "feedback_assignment_unit_idx" ON "feedback_assignment" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "feedback_event_submission_idx" ON "feedback_event" USING btree ("submission_id","created_at");--> statement-breakpoint
CREATE INDEX "feedback_info_request_submission_idx" ON "feedback_info_request" USING btree ("submission_id","asked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_info_request_open_uq" ON "feedback_info_request" USING btree ("submission_id") WHERE replied_at IS NULL;--> statement-breakpoint
CREATE INDEX "feedback_note_submission_idx" ON "feedback_note" USING btree ("submission_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_submission_code_uq" ON "feedback_submission" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_submission_idem_uq" ON "feedback_submission" USING btree ("idempotency_key") WHERE idempotency_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX "feedback_submission_status_idx" ON "feedback_submission" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "feedback_submission_published_idx" ON "feedback_submission" USING btree ("published_at") WHERE published_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "feedback_submission_email_idx" ON "feedback_submission" USING btree ("submitter_email");--> statement-breakpoint
CREATE INDEX "feedback_submission_search_trgm" ON "feedback_submission" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "feedback_submission_published_fts" ON "feedback_submission" USING gin (to_tsvector('simple', "search_text")) WHERE published_at IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "initiative_review_uq" ON "initiative_review" USING btree ("submission_id","reviewer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "triage_example_submission_uq" ON "triage_example" USING btree ("submission_id") WHERE submission_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "rate_limit_bucket_window_idx" ON "rate_limit_bucket" USING btree ("window_start");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_notice_once_uq" ON "feedback_notice" USING btree ("submission_id",coalesce("assignment_id", '00000000-0000-0000-0000-000000000000'::uuid),"kind","recipient_user_id","due_on");--> statement-breakpoint
CREATE INDEX "feedback_notice_recipient_idx" ON "feedback_notice" USING btree ("recipient_user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "article_slug_uq" ON "article" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "article_status_published_idx" ON "article" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "article_public_date_idx" ON "article" USING btree (coalesce("published_at", "publish_at"));--> statement-breakpoint
CREATE INDEX "article_featured_date_idx" ON "article" USING btree (coalesce("published_at", "publish_at")) WHERE featured;--> statement-breakpoint
CREATE INDEX "article_section_idx" ON "article" USING btree ("section_unit_id","status");--> statement-breakpoint
CREATE INDEX "article_search_trgm_idx" ON "article" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "article_search_fts_idx" ON "article" USING gin (to_tsvector('simple', "search_text"));--> statement-breakpoint
CREATE UNIQUE INDEX "article_revision_version_uq" ON "article_revision" USING btree ("article_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_document_slug_uq" ON "legal_document" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "legal_document_issued_idx" ON "legal_document" USING btree ("issued_on");--> statement-breakpoint
CREATE INDEX "legal_document_search_trgm_idx" ON "legal_document" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "legal_document_search_fts_idx" ON "legal_document" USING gin (to_tsvector('simple', "search_text"));--> statement-breakpoint
CREATE UNIQUE INDEX "portal_category_slug_uq" ON "portal_category" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "portal_page_slug_uq" ON "portal_page" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "task_search_trgm_idx" ON "task" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "task_search_fts_idx" ON "task" USING gin (to_tsvector('simple', "search_text"));--> statement-breakpoint
CREATE INDEX "task_updated_idx" ON "task" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "task_deadline_sort_idx" ON "task" USING btree (coalesce("deadline", DATE '9999-12-31'),"id");--> statement-breakpoint
CREATE INDEX "task_status_deadline_sort_idx" ON "task" USING btree ("status",coalesce("deadline", DATE '9999-12-31'),"id");