import { sql } from 'drizzle-orm';
import {
	boolean,
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
import { capabilityLinks } from './capabilities';
import { concernCategories, concerns } from './concerns';
import { oneOf } from './checks';

/**
 * A responsible body outside the office (Ordnungsamt, Tiefbauamt …) that concerns are forwarded
 * to. It has no account: it answers through a mailed link.
 */
export const concernBodies = pgTable(
	'concern_bodies',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		name: text('name').notNull(),
		email: text('email').notNull(),
		contactPerson: text('contact_person').notNull().default(''),
		notes: text('notes').notNull().default(''),
		/** A body no longer used is switched off; its forwardings stay. */
		active: boolean('active').notNull().default(true),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('concern_bodies_name_unique').on(sql`lower(${t.name})`),
		check('concern_bodies_name_check', sql`length(trim(${t.name})) > 0`),
		check('concern_bodies_email_check', sql`${t.email} like '%_@_%'`)
	]
);

/** Which categories a body handles: the forwarding form suggests those bodies first. */
export const concernBodyCategories = pgTable(
	'concern_body_categories',
	{
		bodyId: integer('body_id')
			.notNull()
			.references(() => concernBodies.id, { onDelete: 'cascade' }),
		categoryId: integer('category_id')
			.notNull()
			.references(() => concernCategories.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.bodyId, t.categoryId] }),
		index('concern_body_categories_category_idx').on(t.categoryId)
	]
);

export const FORWARDING_ANSWER_STATUSES = ['in_progress', 'resolved', 'declined'] as const;
export type ForwardingAnswerStatus = (typeof FORWARDING_ANSWER_STATUSES)[number];

/**
 * A concern sent to a body, waiting for its answer until answered_at is set. Reminders count
 * up with one conditional UPDATE each (the job claims the row), so a second run never mails twice.
 */
export const concernForwardings = pgTable(
	'concern_forwardings',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		concernId: integer('concern_id')
			.notNull()
			.references(() => concerns.id, { onDelete: 'cascade' }),
		bodyId: integer('body_id')
			.notNull()
			.references(() => concernBodies.id, { onDelete: 'restrict' }),
		coverNote: text('cover_note').notNull().default(''),
		sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
		dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
		answeredAt: timestamp('answered_at', { withTimezone: true }),
		answerStatus: text('answer_status', { enum: FORWARDING_ANSWER_STATUSES }),
		reminderCount: integer('reminder_count').notNull().default(0),
		lastRemindedAt: timestamp('last_reminded_at', { withTimezone: true }),
		forwardedBy: integer('forwarded_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [
		// One open forwarding per concern and body: forwarding twice is a conflict, not a second mail.
		uniqueIndex('concern_forwardings_open_unique')
			.on(t.concernId, t.bodyId)
			.where(sql`${t.answeredAt} is null`),
		index('concern_forwardings_open_idx')
			.on(t.dueAt)
			.where(sql`${t.answeredAt} is null`),
		index('concern_forwardings_concern_idx').on(t.concernId),
		check('concern_forwardings_due_check', sql`${t.dueAt} > ${t.sentAt}`),
		check('concern_forwardings_reminders_check', sql`${t.reminderCount} >= 0`),
		check(
			'concern_forwardings_answer_check',
			sql`(${t.answeredAt} is null) = (${t.answerStatus} is null)`
		),
		check(
			'concern_forwardings_answer_status_check',
			sql`${t.answerStatus} is null or ${oneOf(t.answerStatus, FORWARDING_ANSWER_STATUSES)}`
		)
	]
);

/**
 * The answer links mailed for a forwarding (the first mail and each reminder carry a fresh one).
 * A `concern.answer` link names the concern; this says which forwarding it answers.
 */
export const concernForwardingLinks = pgTable(
	'concern_forwarding_links',
	{
		linkId: integer('link_id')
			.primaryKey()
			.references(() => capabilityLinks.id, { onDelete: 'cascade' }),
		forwardingId: integer('forwarding_id')
			.notNull()
			.references(() => concernForwardings.id, { onDelete: 'cascade' })
	},
	(t) => [index('concern_forwarding_links_forwarding_idx').on(t.forwardingId)]
);
