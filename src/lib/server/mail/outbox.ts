import { and, asc, count, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { outboxMails, type MailAttachment } from '../db/schema';
import { now } from '../time';
import { scrubAttachments, scrubText } from './scrub';

export type { MailAttachment };

export interface OutgoingMail {
	to: string;
	subject: string;
	text: string;
	replyTo?: string;
	/** The language the text is written in. */
	locale: string;
	/** Which mail this is, `area.name` (e.g. 'auth.set-password'). */
	templateKey: string;
	attachments?: MailAttachment[];
	/**
	 * Substrings of the text (and of text attachments) that must not be kept once the mail is
	 * sent: links with one-time tokens, capability links. The sender replaces them.
	 */
	secrets?: string[];
	/** A mail with a key already in the outbox is not queued again (reminders). */
	dedupeKey?: string;
}

/**
 * Queues a mail in the caller's transaction; the sender delivers it after commit. Returns the
 * mail's id; with a `dedupeKey` that is already queued nothing is written and the id of the
 * mail queued before is returned.
 */
export async function enqueueMail(db: Db | Tx, mail: OutgoingMail): Promise<number> {
	const at = now();
	const [row] = await db
		.insert(outboxMails)
		.values({
			recipient: mail.to,
			subject: mail.subject,
			textBody: mail.text,
			replyTo: mail.replyTo ?? null,
			locale: mail.locale,
			templateKey: mail.templateKey,
			attachments: mail.attachments ?? [],
			secrets: (mail.secrets ?? []).filter((s) => s.length > 0),
			dedupeKey: mail.dedupeKey ?? null,
			// From the app's clock in milliseconds, like the `now` the sender compares with: the
			// database default now() has microseconds and could make a new mail look not yet due.
			nextAttemptAt: at,
			createdAt: at
		})
		.onConflictDoNothing({ target: outboxMails.dedupeKey })
		.returning({ id: outboxMails.id });
	if (row) return row.id;
	const [existing] = await db
		.select({ id: outboxMails.id })
		.from(outboxMails)
		.where(eq(outboxMails.dedupeKey, mail.dedupeKey!));
	return existing.id;
}

/** How long a claimed mail is reserved for the sender that claimed it. */
export const MAIL_LEASE_MS = 5 * 60_000;

/**
 * Takes due mails for delivery in one statement: locked_until reserves them for this sender, so
 * another sender (an overlapping run, a second process on the same database, or a run after
 * "retry now") cannot send them too. If the process dies mid-send, the lease ends and the mail
 * is due again.
 */
export async function claimDueMails(db: Db, limit = 20, at = now()) {
	const due = db
		.select({ id: outboxMails.id })
		.from(outboxMails)
		.where(
			and(
				eq(outboxMails.status, 'pending'),
				lte(outboxMails.nextAttemptAt, at),
				or(isNull(outboxMails.lockedUntil), lte(outboxMails.lockedUntil, at))
			)
		)
		.orderBy(asc(outboxMails.nextAttemptAt), asc(outboxMails.id))
		.limit(limit)
		.for('update', { skipLocked: true });
	const rows = await db
		.update(outboxMails)
		.set({ lockedUntil: new Date(at.getTime() + MAIL_LEASE_MS) })
		.where(and(inArray(outboxMails.id, due), eq(outboxMails.status, 'pending')))
		.returning();
	return rows.sort((a, b) => a.id - b.id);
}

/** Marks a mail sent and removes its secrets from the copy the outbox keeps. */
export async function markMailSent(db: Db, id: number) {
	await db.transaction(async (tx) => {
		const [mail] = await tx
			.select({
				subject: outboxMails.subject,
				textBody: outboxMails.textBody,
				attachments: outboxMails.attachments,
				secrets: outboxMails.secrets
			})
			.from(outboxMails)
			.where(eq(outboxMails.id, id))
			.for('update');
		if (!mail) return;
		const at = now();
		await tx
			.update(outboxMails)
			.set({
				status: 'sent',
				sentAt: at,
				attempts: sql`${outboxMails.attempts} + 1`,
				lastError: null,
				lockedUntil: null,
				subject: scrubText(mail.subject, mail.secrets),
				textBody: scrubText(mail.textBody, mail.secrets),
				attachments: scrubAttachments(mail.attachments, mail.secrets),
				secrets: [],
				scrubbedAt: at
			})
			.where(eq(outboxMails.id, id));
	});
}

export const MAX_MAIL_ATTEMPTS = 12;

/**
 * Exponential backoff: 30 s, 1 min, 2 min … capped at 1 h; after MAX attempts, or at once when
 * the server refused the mail for good (an SMTP 5xx answer), the mail is failed.
 */
export async function markMailAttemptFailed(
	db: Db,
	id: number,
	attempts: number,
	error: string,
	permanent = false
) {
	const next = attempts + 1;
	const delayMs = Math.min(60 * 60_000, 30_000 * 2 ** (next - 1));
	await db
		.update(outboxMails)
		.set({
			attempts: next,
			lastError: error.slice(0, 500),
			status: permanent || next >= MAX_MAIL_ATTEMPTS ? 'failed' : 'pending',
			nextAttemptAt: new Date(now().getTime() + delayMs),
			lockedUntil: null
		})
		.where(eq(outboxMails.id, id));
}

export async function listOutbox(db: Db, page: number, pageSize = 20) {
	const [rows, [{ total }]] = await Promise.all([
		db
			.select({
				id: outboxMails.id,
				recipient: outboxMails.recipient,
				subject: outboxMails.subject,
				status: outboxMails.status,
				attempts: outboxMails.attempts,
				lastError: outboxMails.lastError,
				nextAttemptAt: outboxMails.nextAttemptAt,
				createdAt: outboxMails.createdAt,
				sentAt: outboxMails.sentAt,
				locale: outboxMails.locale,
				templateKey: outboxMails.templateKey,
				// The names only: the contents can be large.
				attachmentNames: sql<
					string[]
				>`coalesce((select jsonb_agg(a->>'filename') from jsonb_array_elements(${outboxMails.attachments}) a), '[]'::jsonb)`
			})
			.from(outboxMails)
			.orderBy(desc(outboxMails.createdAt), desc(outboxMails.id))
			.limit(pageSize)
			.offset((page - 1) * pageSize),
		db.select({ total: count() }).from(outboxMails)
	]);
	return { rows, total, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

export const OUTBOX_RETENTION_DAYS = 30;
export const PURGED_BODY = '[Inhalt nach Ablauf der Aufbewahrungsfrist gelöscht]';

/**
 * Retention: a mail sent or failed more than `days` ago keeps its envelope (recipient, subject,
 * status, dedupe key, so a reminder is still not sent twice) but loses its text and attachments.
 * Returns how many mails were emptied.
 */
export async function purgeOldOutboxMails(db: Db, days = OUTBOX_RETENTION_DAYS) {
	const before = new Date(now().getTime() - days * 24 * 60 * 60_000);
	const rows = await db
		.update(outboxMails)
		.set({
			textBody: PURGED_BODY,
			attachments: sql`(select coalesce(jsonb_agg(jsonb_set(a, '{content}', '""')), '[]'::jsonb) from jsonb_array_elements(${outboxMails.attachments}) a)`,
			secrets: [],
			scrubbedAt: now()
		})
		.where(
			and(
				inArray(outboxMails.status, ['sent', 'failed']),
				sql`coalesce(${outboxMails.sentAt}, ${outboxMails.createdAt}) < ${before.toISOString()}::timestamptz`,
				sql`${outboxMails.textBody} <> ${PURGED_BODY}`
			)
		)
		.returning({ id: outboxMails.id });
	return rows.length;
}

/** A mail that needs a person: given up, or still waiting after at least one failed attempt. */
export const stuckMail = or(
	eq(outboxMails.status, 'failed'),
	and(eq(outboxMails.status, 'pending'), gt(outboxMails.attempts, 0))
);
