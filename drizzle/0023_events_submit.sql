ALTER TABLE "capability_links" DROP CONSTRAINT "capability_links_purpose_check";--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "submitter_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "submitter_email" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "organiser_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "rejection_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "moderated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "moderated_by" integer;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_moderated_by_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capability_links" ADD CONSTRAINT "capability_links_purpose_check" CHECK ("capability_links"."purpose" in ('example.view', 'concern.status', 'concern.answer', 'booking.status', 'booking.cancel', 'event.moderate', 'event.proposal-status', 'rooms.staff-feed'));--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_rejection_reason_check" CHECK ("events"."moderation" <> 'rejected' or "events"."rejection_reason" <> '');