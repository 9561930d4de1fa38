-- An event in a room of the house holds it with bookings of kind 'event' (rooms/hold-room-for-event.ts).
-- The key is here, not in the schema files: rooms and events would import each other. Deleting an
-- event (removing the examples) keeps its released bookings for the statistics, without the link.
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE SET NULL;--> statement-breakpoint
CREATE INDEX "bookings_event_id_index" ON "bookings" ("event_id") WHERE "event_id" IS NOT NULL;
