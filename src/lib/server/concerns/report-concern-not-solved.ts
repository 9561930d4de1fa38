import { m } from '$lib/paraglide/messages.js';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { concernEntries, concerns, users } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { now } from '../time';
import { concernNotSolvedStaffMail } from './concern-followup-mails';
import { concernStaffEmails } from './submit-concern';

/**
 * The holder of the status link says a resolved concern is not solved. One transaction: the
 * concern goes back to in progress (only from resolved: one conditional UPDATE, so it happens
 * once per resolution and a second click is told so), a private entry keeps what they wrote
 * (whoever holds the link may write anything, so it is never public), a public status entry
 * shows the reopening, the audit names the link, and staff get a mail.
 */
export async function reportConcernNotSolved(
	db: Db,
	{
		actor,
		concernId,
		text,
		origin
	}: { actor: Actor; concernId: number; text: string; origin: string }
): Promise<{ reference: string }> {
	assertCan(actor, 'concern.give-feedback', { type: 'concern', id: concernId });
	const at = now();
	return db.transaction(async (tx) => {
		const [reopened] = await tx
			.update(concerns)
			.set({ status: 'in_progress', closedAt: null, updatedAt: at })
			.where(and(eq(concerns.id, concernId), eq(concerns.status, 'resolved')))
			.returning({ reference: concerns.reference, assignedTo: concerns.assignedTo });
		if (!reopened) throw notResolved();
		const [entry] = await tx
			.insert(concernEntries)
			.values([
				{ concernId, kind: 'not_solved', body: text, isPublic: false, createdAt: at },
				{
					concernId,
					kind: 'status',
					statusFrom: 'resolved',
					statusTo: 'in_progress',
					isPublic: true,
					createdAt: at
				}
			])
			.returning({ id: concernEntries.id });
		await recordAudit(tx, {
			actor,
			action: 'concern.reopened-by-submitter',
			entity: 'concern',
			entityId: concernId,
			// Not the text: it may name people; it is in the private entry.
			data: { entryId: entry.id, withText: text !== '', ...linkOf(actor) },
			before: { status: 'resolved' },
			after: { status: 'in_progress' }
		});
		for (const to of await whoHears(tx, reopened.assignedTo)) {
			await enqueueMail(
				tx,
				concernNotSolvedStaffMail({
					to,
					reference: reopened.reference,
					text,
					backOfficeUrl: `${origin}/verwaltung/anliegen/${concernId}`
				})
			);
		}
		return { reference: reopened.reference };
	});
}

/** The assigned colleague if they can still sign in; otherwise everyone with the concerns role. */
async function whoHears(tx: Tx, assignedTo: number | null): Promise<string[]> {
	if (assignedTo !== null) {
		const [assignee] = await tx
			.select({ email: users.email })
			.from(users)
			.where(and(eq(users.id, assignedTo), isNull(users.disabledAt)));
		if (assignee) return [assignee.email];
	}
	return concernStaffEmails(tx);
}

export function notResolved(): DomainError {
	return new DomainError('CONFLICT', { message: () => m.concerns_followup_error_not_resolved() });
}

/** Which status link acted (the audit's actor has no user to name). */
export function linkOf(actor: Actor): { linkId?: number } {
	return actor.kind === 'capability' ? { linkId: actor.linkId } : {};
}
