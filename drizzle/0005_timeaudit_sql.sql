-- Typed audit: entries written before the `area.verb` list get its names, so a record's history
-- shows them with their labels. Entries from the admin CLI and from lockouts had no actor id.
UPDATE "audit_log" SET "action" = CASE
	WHEN "action" IN ('create', 'update', 'delete') THEN
		CASE "entity"
			WHEN 'notice' THEN 'notice.'
			WHEN 'news_post' THEN 'news.'
			WHEN 'contact_person' THEN 'contact-person.'
			WHEN 'page' THEN 'page.'
			WHEN 'site_settings' THEN 'site-settings.'
			WHEN 'venue' THEN 'venue.'
		END || CASE "action" WHEN 'create' THEN 'created' WHEN 'update' THEN 'updated' ELSE 'deleted' END
	WHEN "action" = 'account.create' THEN 'account.created'
	WHEN "action" = 'account.link_sent' THEN 'account.link-sent'
	WHEN "action" = 'account.restore' THEN 'account.restored'
	WHEN "action" = 'account.password_set' THEN 'account.password-set'
	WHEN "action" = 'account.roles' THEN 'account.roles-changed'
	WHEN "action" = 'account.disable' THEN 'account.disabled'
	WHEN "action" = 'account.enable' THEN 'account.enabled'
	WHEN "action" = 'contact_message.answered' THEN 'contact-message.answered'
	WHEN "action" = 'outbox_mail.retry' THEN 'outbox.retried'
	ELSE "action"
END
WHERE "action" IN ('create', 'update', 'delete', 'account.create', 'account.link_sent',
	'account.restore', 'account.password_set', 'account.roles', 'account.disable', 'account.enable',
	'contact_message.answered', 'outbox_mail.retry')
	AND ("action" NOT IN ('create', 'update', 'delete')
		OR "entity" IN ('notice', 'news_post', 'contact_person', 'page', 'site_settings', 'venue'));
--> statement-breakpoint
UPDATE "audit_log" SET "actor_kind" = CASE WHEN "action" = 'account.locked' THEN 'system' ELSE 'cli' END
WHERE "actor_id" IS NULL AND "actor_kind" IS NULL AND "entity" = 'user';
