import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { events, groups } from './events';
import { images } from './media';

/**
 * Resident accounts that may speak for a group (propose its events). Staff add and remove them on
 * the group's page; the link goes with the group or the account.
 */
export const groupEditors = pgTable(
	'group_editors',
	{
		groupId: integer('group_id')
			.notNull()
			.references(() => groups.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.groupId, t.userId] }),
		index('group_editors_user_idx').on(t.userId)
	]
);

/**
 * The one image of an event (optional). The row owns its image: replacing or removing it deletes
 * the image and, after commit, its files (events/set-event-image.ts, remove-event-image.ts).
 */
export const eventImages = pgTable(
	'event_images',
	{
		eventId: integer('event_id')
			.primaryKey()
			.references(() => events.id, { onDelete: 'cascade' }),
		imageId: integer('image_id')
			.notNull()
			.references(() => images.id),
		/** What the image shows, for people who cannot see it. */
		altText: text('alt_text').notNull()
	},
	(t) => [
		uniqueIndex('event_images_image_unique').on(t.imageId),
		check('event_images_alt_text_check', sql`length(trim(${t.altText})) > 0`)
	]
);
