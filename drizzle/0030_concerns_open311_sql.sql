-- /anliegen, /anliegen/<KAS-…> and the Open311 reads are cached pages (shareWithEveryone): any change to a concern, its timeline or the categories invalidates them (see 0010).
CREATE TRIGGER "concerns_content_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "concerns" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_version"();--> statement-breakpoint
CREATE TRIGGER "concern_entries_content_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "concern_entries" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_version"();--> statement-breakpoint
CREATE TRIGGER "concern_categories_content_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "concern_categories" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_version"();
