import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { concerns } from './concerns';
import { images } from './media';

/** Most photos one concern takes (the form and the use case both hold to it). */
export const CONCERN_PHOTOS_MAX = 3;

/**
 * A photo sent with a concern (area: media). The image row and its files belong to this photo
 * alone: deleting the photo deletes the image. Staff hide a photo that shows people or number
 * plates (`hidden_at`): a hidden photo is shown to staff only, never publicly or on the status
 * link. Public pages show photos only of public concerns (checked in SQL by the reads).
 */
export const concernPhotos = pgTable(
	'concern_photos',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		concernId: integer('concern_id')
			.notNull()
			.references(() => concerns.id, { onDelete: 'cascade' }),
		imageId: integer('image_id')
			.notNull()
			.references(() => images.id),
		sortOrder: integer('sort_order').notNull().default(0),
		/** Optional: residents rarely describe their photo; pages fall back to a generic text. */
		altText: text('alt_text').notNull().default(''),
		hiddenAt: timestamp('hidden_at', { withTimezone: true }),
		hiddenBy: integer('hidden_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [
		uniqueIndex('concern_photos_image_unique').on(t.imageId),
		index('concern_photos_concern_idx').on(t.concernId, t.sortOrder),
		check('concern_photos_alt_text_check', sql`char_length(${t.altText}) <= 300`)
	]
);
