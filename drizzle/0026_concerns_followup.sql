ALTER TABLE "concern_entries" DROP CONSTRAINT "concern_entries_kind_check";--> statement-breakpoint
ALTER TABLE "concern_entries" DROP CONSTRAINT "concern_entries_note_private_check";--> statement-breakpoint
ALTER TABLE "concerns" ADD COLUMN "followup_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "concern_entries" ADD CONSTRAINT "concern_entries_kind_check" CHECK ("concern_entries"."kind" in ('status', 'answer', 'note', 'assigned', 'not_solved', 'confirmed'));--> statement-breakpoint
ALTER TABLE "concern_entries" ADD CONSTRAINT "concern_entries_note_private_check" CHECK ("concern_entries"."kind" not in ('note', 'assigned', 'not_solved', 'confirmed') or not "concern_entries"."is_public");