import { check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { oneOf } from './checks';

export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;

/** Every mail is written here in the caller's transaction and sent after commit, with retries. */
export const outboxMails = pgTable(
	'outbox_mails',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		recipient: text('recipient').notNull(),
		replyTo: text('reply_to'),
		subject: text('subject').notNull(),
		textBody: text('text_body').notNull(),
		status: text('status', { enum: MAIL_STATUSES }).notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
		lastError: text('last_error'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		sentAt: timestamp('sent_at', { withTimezone: true })
	},
	(t) => [
		index('outbox_mails_due_idx').on(t.status, t.nextAttemptAt),
		index('outbox_mails_created_idx').on(t.createdAt),
		check('outbox_mails_status_check', oneOf(t.status, MAIL_STATUSES))
	]
);
