-- A photo hidden or deleted by staff must leave the cached public pages at once (see 0030).
CREATE TRIGGER "concern_photos_content_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "concern_photos" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_version"();
