-- Room photos are public content: a change must show on the very next request (the page cache,
-- ops/content-cache.ts). images alone is not shown anywhere; room_photos points to it.
CREATE TRIGGER "room_photos_content_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "room_photos" FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_version"();
