ALTER TABLE "event_occurrences" ADD COLUMN "cancelled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "event_occurrences" ADD COLUMN "cancel_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "event_occurrences" ADD COLUMN "moved" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "event_occurrences" ADD COLUMN "note" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "event_occurrences_exceptions_idx" ON "event_occurrences" USING btree ("event_id") WHERE "event_occurrences"."cancelled" or "event_occurrences"."moved" or "event_occurrences"."note" <> '';--> statement-breakpoint
ALTER TABLE "event_occurrences" ADD CONSTRAINT "event_occurrences_reason_check" CHECK (length("event_occurrences"."cancel_reason") <= 500);--> statement-breakpoint
ALTER TABLE "event_occurrences" ADD CONSTRAINT "event_occurrences_note_check" CHECK (length("event_occurrences"."note") <= 500);