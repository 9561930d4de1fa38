import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/**
 * Keys that let another service (a city app, a FixMyStreet instance) post concerns through
 * Open311 GeoReport v2. Admins issue them; the key itself is shown once and only its SHA-256 is
 * kept. A key is revoked, never deleted, so the audit log can still name it.
 */
export const open311ApiKeys = pgTable(
	'open311_api_keys',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		label: text('label').notNull(),
		keyHash: text('key_hash').notNull(),
		/** The key's first characters, so an admin can tell which key a client uses. */
		keyPrefix: text('key_prefix').notNull(),
		createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		revokedBy: integer('revoked_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [
		uniqueIndex('open311_api_keys_hash_unique').on(t.keyHash),
		index('open311_api_keys_created_idx').on(t.createdAt),
		check('open311_api_keys_label_check', sql`length(trim(${t.label})) between 1 and 100`)
	]
);
