ALTER TABLE "audit_event" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_event" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
-- rows chained before this migration were chained in insertion order
UPDATE "audit_event" SET "chain_seq" = "seq" WHERE "hash" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_event_chain_uq" ON "audit_event" USING btree ("chain_seq");--> statement-breakpoint
CREATE INDEX "audit_event_unchained_idx" ON "audit_event" USING btree ("seq") WHERE "audit_event"."chain_seq" IS NULL;