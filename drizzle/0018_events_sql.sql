-- Public pages show events and their organisers: any change invalidates the cached pages (see 0010).
CREATE TRIGGER "groups_content_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "groups" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_version"();--> statement-breakpoint
CREATE TRIGGER "events_content_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "events" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_version"();--> statement-breakpoint
CREATE TRIGGER "event_occurrences_content_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "event_occurrences" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_version"();
