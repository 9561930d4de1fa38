import { check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { oneOf } from './checks';
import { contactPersons } from './site';

export const MESSAGE_KINDS = ['contact', 'accessibility'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const MESSAGE_STATUSES = ['new', 'answered'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Messages from the contact form and accessibility feedback (the latter with a legal due date). */
export const contactMessages = pgTable(
	'contact_messages',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		kind: text('kind', { enum: MESSAGE_KINDS }).notNull().default('contact'),
		name: text('name').notNull(),
		email: text('email').notNull(),
		subject: text('subject').notNull().default(''),
		message: text('message').notNull(),
		pageUrl: text('page_url').notNull().default(''),
		contactPersonId: integer('contact_person_id').references(() => contactPersons.id, {
			onDelete: 'set null'
		}),
		status: text('status', { enum: MESSAGE_STATUSES }).notNull().default('new'),
		dueAt: timestamp('due_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('contact_messages_created_idx').on(t.createdAt),
		check('contact_messages_kind_check', oneOf(t.kind, MESSAGE_KINDS)),
		check('contact_messages_status_check', oneOf(t.status, MESSAGE_STATUSES))
	]
);
