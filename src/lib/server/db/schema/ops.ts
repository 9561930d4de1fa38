import { bigint, integer, pgTable } from 'drizzle-orm/pg-core';

/**
 * One row whose number goes up, in the same transaction, with every change to the public
 * content (triggers on site_settings, venues, contact_persons, pages, notices, news_posts; see
 * the ops_sql migration). App instances compare it per request to know their cached pages
 * are stale, also when another instance made the change.
 */
export const contentVersion = pgTable('content_version', {
	id: integer('id').primaryKey().default(1),
	version: bigint('version', { mode: 'number' }).notNull().default(0)
});
