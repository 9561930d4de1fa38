-- serial -> identity, step 3 of 3 (after 0002_infradb added the identity columns, which start at 1):
-- continue each identity after the highest existing id, so existing rows keep their ids and new
-- rows never collide with them.
SELECT setval(pg_get_serial_sequence('"users"', 'id'), coalesce(max("id"), 0) + 1, false) FROM "users";
--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('"audit_log"', 'id'), coalesce(max("id"), 0) + 1, false) FROM "audit_log";
--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('"contact_messages"', 'id'), coalesce(max("id"), 0) + 1, false) FROM "contact_messages";
--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('"outbox_mails"', 'id'), coalesce(max("id"), 0) + 1, false) FROM "outbox_mails";
--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('"news_posts"', 'id'), coalesce(max("id"), 0) + 1, false) FROM "news_posts";
--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('"notices"', 'id'), coalesce(max("id"), 0) + 1, false) FROM "notices";
--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('"contact_persons"', 'id'), coalesce(max("id"), 0) + 1, false) FROM "contact_persons";
--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('"pages"', 'id'), coalesce(max("id"), 0) + 1, false) FROM "pages";
--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('"venues"', 'id'), coalesce(max("id"), 0) + 1, false) FROM "venues";
