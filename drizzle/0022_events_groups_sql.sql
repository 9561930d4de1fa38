-- The event page shows its image: a new, replaced or removed image invalidates the cached pages (see 0010).
CREATE TRIGGER "event_images_content_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "event_images" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_version"();
