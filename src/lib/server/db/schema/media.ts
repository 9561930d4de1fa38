import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/**
 * An uploaded image after the pipeline (src/lib/server/media): re-encoded, metadata stripped.
 * Its files are `<DATA_DIR>/medien/bilder/<key>-<width>.webp|.jpg`; `key` is the hash of their
 * content, so two uploads of the same picture share their files (and `key` is not unique: each
 * upload is its own row; files go when the last row with their key does).
 */
export const images = pgTable(
	'images',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		key: text('key').notNull(),
		/** Of the largest stored variant, after rotation. */
		width: integer('width').notNull(),
		height: integer('height').notNull(),
		/** Size of the largest WebP variant. */
		bytes: integer('bytes').notNull(),
		mime: text('mime').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [
		index('images_key_idx').on(t.key),
		check('images_key_check', sql`${t.key} ~ '^[0-9a-f]{32}$'`),
		check('images_size_check', sql`${t.width} > 0 and ${t.height} > 0 and ${t.bytes} > 0`)
	]
);
