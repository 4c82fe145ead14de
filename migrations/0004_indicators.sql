CREATE TABLE "checklist_answer" (
	"criterion_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"period" text NOT NULL,
	"self_met" boolean NOT NULL,
	"self_comment" text,
	"evidence_text" text,
	"assessed_by" uuid,
	"assessed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_met" boolean,
	"confirm_comment" text,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "checklist_answer_criterion_id_org_unit_id_period_pk" PRIMARY KEY("criterion_id","org_unit_id","period")
);
--> statement-breakpoint
CREATE TABLE "checklist_criterion" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_confidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"reason" text NOT NULL,
	"set_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_confidence_level_ck" CHECK ("indicator_confidence"."level" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "indicator_submission" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"period" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_message" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_target" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"period" text NOT NULL,
	"value" numeric NOT NULL,
	"note" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_value" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"period" text NOT NULL,
	"value" numeric NOT NULL,
	"comment" text,
	"evidence_text" text,
	"evidence_file_id" uuid,
	"evidence_file_name" text,
	"entered_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "score_config" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"weights" jsonb NOT NULL,
	"is_active" boolean DEFAULT false NOT NULL,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "score_snapshot" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period" text NOT NULL,
	"config_id" uuid NOT NULL,
	"as_of" text NOT NULL,
	"taken_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "score_snapshot_row" (
	"snapshot_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"score" numeric,
	"rank" integer,
	"components" jsonb NOT NULL,
	CONSTRAINT "score_snapshot_row_snapshot_id_dimension_org_unit_id_pk" PRIMARY KEY("snapshot_id","dimension","org_unit_id")
);
--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "kind" text DEFAULT 'strategic' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "parent_id" uuid;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "weight" numeric DEFAULT '1' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "aggregation" text DEFAULT 'sum' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "weight_indicator_id" uuid;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "frequency" text DEFAULT 'year' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "baseline_value" numeric;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "baseline_period" text;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "responsible_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "data_source" text;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "definition" text;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "on_track_ratio" numeric DEFAULT '0.95' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "at_risk_ratio" numeric DEFAULT '0.8' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "green_ratio" numeric DEFAULT '1' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "yellow_ratio" numeric DEFAULT '0.7' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "is_active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "checklist_answer" ADD CONSTRAINT "checklist_answer_criterion_id_checklist_criterion_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."checklist_criterion"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_answer" ADD CONSTRAINT "checklist_answer_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_answer" ADD CONSTRAINT "checklist_answer_assessed_by_app_user_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_answer" ADD CONSTRAINT "checklist_answer_confirmed_by_app_user_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_criterion" ADD CONSTRAINT "checklist_criterion_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_confidence" ADD CONSTRAINT "indicator_confidence_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_confidence" ADD CONSTRAINT "indicator_confidence_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_confidence" ADD CONSTRAINT "indicator_confidence_set_by_app_user_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_submission" ADD CONSTRAINT "indicator_submission_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_submission" ADD CONSTRAINT "indicator_submission_submitted_by_app_user_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_submission" ADD CONSTRAINT "indicator_submission_decided_by_app_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_target" ADD CONSTRAINT "indicator_target_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_target" ADD CONSTRAINT "indicator_target_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_value" ADD CONSTRAINT "indicator_value_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_value" ADD CONSTRAINT "indicator_value_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_value" ADD CONSTRAINT "indicator_value_evidence_file_id_stored_file_id_fk" FOREIGN KEY ("evidence_file_id") REFERENCES "public"."stored_file"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_value" ADD CONSTRAINT "indicator_value_entered_by_app_user_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_config" ADD CONSTRAINT "score_config_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_snapshot" ADD CONSTRAINT "score_snapshot_config_id_score_config_id_fk" FOREIGN KEY ("config_id") REFERENCES "public"."score_config"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_snapshot" ADD CONSTRAINT "score_snapshot_taken_by_app_user_id_fk" FOREIGN KEY ("taken_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_snapshot_row" ADD CONSTRAINT "score_snapshot_row_snapshot_id_score_snapshot_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."score_snapshot"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_snapshot_row" ADD CONSTRAINT "score_snapshot_row_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checklist_answer_unit_period_idx" ON "checklist_answer" USING btree ("org_unit_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "checklist_criterion_uq" ON "checklist_criterion" USING btree ("indicator_id","code");--> statement-breakpoint
CREATE INDEX "indicator_confidence_latest_idx" ON "indicator_confidence" USING btree ("indicator_id","org_unit_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_submission_uq" ON "indicator_submission" USING btree ("org_unit_id","period");--> statement-breakpoint
CREATE INDEX "indicator_submission_status_idx" ON "indicator_submission" USING btree ("status","period");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_target_uq" ON "indicator_target" USING btree ("indicator_id","org_unit_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_value_uq" ON "indicator_value" USING btree ("indicator_id","period","org_unit_id");--> statement-breakpoint
CREATE INDEX "indicator_value_unit_period_idx" ON "indicator_value" USING btree ("org_unit_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "score_config_code_uq" ON "score_config" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "score_snapshot_period_uq" ON "score_snapshot" USING btree ("period");--> statement-breakpoint
CREATE INDEX "score_snapshot_row_unit_idx" ON "score_snapshot_row" USING btree ("org_unit_id","dimension");--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_parent_id_indicator_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."indicator"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_weight_indicator_id_indicator_id_fk" FOREIGN KEY ("weight_indicator_id") REFERENCES "public"."indicator"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_responsible_unit_id_org_unit_id_fk" FOREIGN KEY ("responsible_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_parent_idx" ON "indicator" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "indicator_kind_idx" ON "indicator" USING btree ("kind","sort_order");