import {
	check,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { oneOf } from './checks';

export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;

/** A file sent with a mail, e.g. an `.ics` invitation. `content` is base64. */
export interface MailAttachment {
	filename: string;
	contentType: string;
	content: string;
}

/** Every mail is written here in the caller's transaction and sent after commit, with retries. */
export const outboxMails = pgTable(
	'outbox_mails',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		recipient: text('recipient').notNull(),
		replyTo: text('reply_to'),
		subject: text('subject').notNull(),
		textBody: text('text_body').notNull(),
		/** The language the mail was written in ('de', 'en'). */
		locale: text('locale').notNull().default('de'),
		/** Which mail this is (e.g. 'auth.set-password'), for the back office and later re-rendering. */
		templateKey: text('template_key').notNull().default('unknown'),
		attachments: jsonb('attachments').$type<MailAttachment[]>().notNull().default([]),
		/**
		 * Parts of the text that must not outlive the sending (links with one-time tokens). The
		 * sender replaces them in the kept copy once the mail is out, then empties this list.
		 */
		secrets: jsonb('secrets').$type<string[]>().notNull().default([]),
		/** Queueing the same key twice is a no-op: a reminder is never sent twice. */
		dedupeKey: text('dedupe_key'),
		status: text('status', { enum: MAIL_STATUSES }).notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
		/**
		 * Set while a sender delivers the mail. Kept apart from next_attempt_at so that "retry now"
		 * (which moves next_attempt_at) cannot hand an in-flight mail to a second sender.
		 */
		lockedUntil: timestamp('locked_until', { withTimezone: true }),
		lastError: text('last_error'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		sentAt: timestamp('sent_at', { withTimezone: true }),
		/** When the secrets were removed from the kept copy (after sending, or by retention). */
		scrubbedAt: timestamp('scrubbed_at', { withTimezone: true })
	},
	(t) => [
		index('outbox_mails_due_idx').on(t.status, t.nextAttemptAt),
		index('outbox_mails_created_idx').on(t.createdAt),
		uniqueIndex('outbox_mails_dedupe_key_idx').on(t.dedupeKey),
		check('outbox_mails_status_check', oneOf(t.status, MAIL_STATUSES))
	]
);
