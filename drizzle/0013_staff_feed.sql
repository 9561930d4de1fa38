-- The staff's private room calendar feed (rooms.staff-feed) acts on a user: a purpose and a record type more.
ALTER TABLE "capability_links" DROP CONSTRAINT "capability_links_purpose_check";--> statement-breakpoint
ALTER TABLE "capability_links" DROP CONSTRAINT "capability_links_record_type_check";--> statement-breakpoint
ALTER TABLE "capability_links" ADD CONSTRAINT "capability_links_purpose_check" CHECK ("capability_links"."purpose" in ('example.view', 'concern.status', 'concern.answer', 'booking.status', 'booking.cancel', 'event.moderate', 'rooms.staff-feed'));--> statement-breakpoint
ALTER TABLE "capability_links" ADD CONSTRAINT "capability_links_record_type_check" CHECK ("capability_links"."record_type" in ('example', 'concern', 'booking', 'event', 'user'));
