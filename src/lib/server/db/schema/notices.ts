import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { oneOf } from './checks';
import { users } from './accounts';

export const NOTICE_PRIORITIES = ['info', 'important', 'urgent'] as const;
export type NoticePriority = (typeof NOTICE_PRIORITIES)[number];

/** Site-wide notices shown as a banner on every page between startsAt and endsAt. */
export const notices = pgTable(
	'notices',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		title: text('title').notNull(),
		body: text('body').notNull().default(''),
		priority: text('priority', { enum: NOTICE_PRIORITIES }).notNull().default('info'),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull().defaultNow(),
		endsAt: timestamp('ends_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('notices_active_idx').on(t.startsAt, t.endsAt),
		check('notices_priority_check', oneOf(t.priority, NOTICE_PRIORITIES))
	]
);

export const newsPosts = pgTable(
	'news_posts',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		slug: text('slug').notNull(),
		title: text('title').notNull(),
		summary: text('summary').notNull().default(''),
		body: text('body').notNull().default(''),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('news_posts_slug_unique').on(t.slug),
		index('news_posts_published_idx').on(t.publishedAt)
	]
);
