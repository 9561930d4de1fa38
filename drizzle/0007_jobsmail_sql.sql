-- Mails sent before outbox v2 kept their one-time links (set password, reset, confirm address).
-- Remove the token from every link in mails already sent; the recipients have them.
UPDATE "outbox_mails"
SET "text_body" = regexp_replace("text_body", '([?&]token=)[^[:space:]&]+', '\1[entfernt]', 'g'),
	"scrubbed_at" = now()
WHERE "status" = 'sent' AND "text_body" ~ '[?&]token=';
