CREATE TABLE "scheduled_jobs" (
	"name" text PRIMARY KEY NOT NULL,
	"schedule" text NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_status" text,
	"last_error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"locked_by" text,
	CONSTRAINT "scheduled_jobs_last_status_check" CHECK ("scheduled_jobs"."last_status" is null or "scheduled_jobs"."last_status" in ('ok', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "outbox_mails" ADD COLUMN "locale" text DEFAULT 'de' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_mails" ADD COLUMN "template_key" text DEFAULT 'unknown' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_mails" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_mails" ADD COLUMN "secrets" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_mails" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "outbox_mails" ADD COLUMN "locked_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox_mails" ADD COLUMN "scrubbed_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_mails_dedupe_key_idx" ON "outbox_mails" USING btree ("dedupe_key");