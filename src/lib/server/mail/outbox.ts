import { and, asc, desc, eq, inArray, lte, sql, count } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { outboxMails } from '../db/schema';
import { now as clockNow } from '../time';

export interface OutgoingMail {
	to: string;
	subject: string;
	text: string;
	replyTo?: string;
}

/** Queues a mail in the caller's transaction; the sender delivers it after commit. */
export async function enqueueMail(db: Db | Tx, mail: OutgoingMail) {
	const [row] = await db
		.insert(outboxMails)
		.values({
			recipient: mail.to,
			subject: mail.subject,
			textBody: mail.text,
			replyTo: mail.replyTo ?? null,
			// From the app's clock in milliseconds, like the `now` the sender compares with: the
			// database default now() has microseconds and could make a new mail look not yet due.
			nextAttemptAt: clockNow()
		})
		.returning({ id: outboxMails.id });
	return row.id;
}

export async function findDueMails(db: Db, limit = 20, now = clockNow()) {
	return db
		.select()
		.from(outboxMails)
		.where(and(eq(outboxMails.status, 'pending'), lte(outboxMails.nextAttemptAt, now)))
		.orderBy(asc(outboxMails.nextAttemptAt))
		.limit(limit);
}

/** How long a claimed mail is reserved for the sender that claimed it. */
export const MAIL_LEASE_MS = 5 * 60_000;

/**
 * Takes due mails for delivery: moving next_attempt_at past the lease removes them from the due
 * set, so another sender (an overlapping run or a second process on the same database) cannot
 * send them too. If the process dies mid-send, the mail is due again when the lease ends.
 */
export async function claimDueMails(db: Db, limit = 20, now = clockNow()) {
	const due = db
		.select({ id: outboxMails.id })
		.from(outboxMails)
		.where(and(eq(outboxMails.status, 'pending'), lte(outboxMails.nextAttemptAt, now)))
		.orderBy(asc(outboxMails.nextAttemptAt), asc(outboxMails.id))
		.limit(limit)
		.for('update', { skipLocked: true });
	const rows = await db
		.update(outboxMails)
		.set({ nextAttemptAt: new Date(now.getTime() + MAIL_LEASE_MS) })
		.where(and(inArray(outboxMails.id, due), eq(outboxMails.status, 'pending')))
		.returning();
	return rows.sort((a, b) => a.id - b.id);
}

export async function markMailSent(db: Db, id: number) {
	await db
		.update(outboxMails)
		.set({
			status: 'sent',
			sentAt: clockNow(),
			attempts: sql`${outboxMails.attempts} + 1`,
			lastError: null
		})
		.where(eq(outboxMails.id, id));
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
			nextAttemptAt: new Date(clockNow().getTime() + delayMs)
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
				sentAt: outboxMails.sentAt
			})
			.from(outboxMails)
			.orderBy(desc(outboxMails.createdAt), desc(outboxMails.id))
			.limit(pageSize)
			.offset((page - 1) * pageSize),
		db.select({ total: count() }).from(outboxMails)
	]);
	return { rows, total, pages: Math.max(1, Math.ceil(total / pageSize)) };
}
