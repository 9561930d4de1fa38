import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { concernEntries, concernForwardings, concerns, siteSettings, users } from '../db/schema';
import { redeemCapabilityLink } from '../capabilities/redeem-capability-link';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/record-audit';
import { enqueueMail } from '../mail/outbox';
import { canTransition, transition } from '../states';
import { now } from '../time';
import { statusText } from '$lib/concerns/labels';
import { deliverAnswer } from './concern-answer-mail';
import { CONCERN_TRANSITIONS, isClosedStatus } from './concerns.states';
import type { BodyAnswerInput } from './forward.schemas';
import { bodyAnsweredStaffMail } from './forward-mails';
import { alreadyAnswered, forwardingOfLink } from './get-forwarding-for-answer';
import { concernStaffEmails } from './submit-concern';

/** Who hears about a body's answer: the assigned colleague, else the concerns role, else the office. */
async function staffRecipients(tx: Tx, assignedTo: number | null): Promise<string[]> {
	if (assignedTo !== null) {
		const [assignee] = await tx
			.select({ email: users.email })
			.from(users)
			.where(and(eq(users.id, assignedTo), isNull(users.disabledAt)));
		if (assignee) return [assignee.email];
	}
	const role = await concernStaffEmails(tx);
	if (role.length > 0) return role;
	const [site] = await tx.select({ email: siteSettings.contactEmail }).from(siteSettings);
	return site?.email ? [site.email] : [];
}

/**
 * A body answers through its link (no account): the link is used up, the forwarding is marked
 * answered by one conditional UPDATE (a second answer, through any of its links, is GONE), the
 * answer becomes a public timeline entry in the body's name, the concern moves to the chosen
 * state where the states table allows it, staff and (with consent) the submitter are mailed, all
 * in one transaction: a failure leaves the link usable.
 */
export async function answerForwarding(
	db: Db,
	{ token, input, origin }: { token: string; input: BodyAnswerInput; origin: string }
): Promise<{ reference: string; statusChanged: boolean; mailedSubmitter: boolean }> {
	const at = now();
	return db.transaction(async (tx) => {
		const actor: Actor = await redeemCapabilityLink(tx, token, 'concern.answer');
		const forwarding = await forwardingOfLink(tx, actor);
		const [claimed] = await tx
			.update(concernForwardings)
			.set({ answeredAt: at, answerStatus: input.status })
			.where(and(eq(concernForwardings.id, forwarding.id), isNull(concernForwardings.answeredAt)))
			.returning({ id: concernForwardings.id });
		if (!claimed) throw alreadyAnswered();
		const [concern] = await tx
			.select({
				status: concerns.status,
				reference: concerns.reference,
				assignedTo: concerns.assignedTo,
				consentContact: concerns.consentContact
			})
			.from(concerns)
			.where(eq(concerns.id, forwarding.concernId))
			.for('update');
		await tx.insert(concernEntries).values({
			concernId: forwarding.concernId,
			kind: 'answer',
			body: input.answer,
			isPublic: true,
			bodyName: forwarding.bodyName,
			createdAt: at
		});
		// The office may have moved the concern meanwhile: a state the table does not allow from
		// there is left to staff (they read the answer in their mail).
		let statusChanged = false;
		if (canTransition(CONCERN_TRANSITIONS, concern.status, input.status)) {
			const moved = await transition(tx, {
				table: concerns,
				idColumn: concerns.id,
				stateColumn: concerns.status,
				id: forwarding.concernId,
				transitions: CONCERN_TRANSITIONS,
				to: input.status,
				set: { updatedAt: at, closedAt: isClosedStatus(input.status) ? at : null },
				actor,
				audit: { action: 'concern.status-changed', entity: 'concern' }
			});
			if (moved.changed) {
				statusChanged = true;
				await tx.insert(concernEntries).values({
					concernId: forwarding.concernId,
					kind: 'status',
					statusFrom: moved.from,
					statusTo: input.status,
					isPublic: true,
					bodyName: forwarding.bodyName,
					createdAt: at
				});
			}
		}
		let mailedSubmitter = false;
		if (concern.consentContact) {
			mailedSubmitter = await deliverAnswer(tx, {
				actor,
				concernId: forwarding.concernId,
				answer: input.answer,
				statusText: statusChanged ? statusText(input.status) : null,
				origin,
				at
			});
		} else {
			await tx
				.update(concerns)
				.set({ firstAnsweredAt: sql`coalesce(${concerns.firstAnsweredAt}, ${at})`, updatedAt: at })
				.where(eq(concerns.id, forwarding.concernId));
		}
		for (const to of await staffRecipients(tx, concern.assignedTo)) {
			await enqueueMail(
				tx,
				bodyAnsweredStaffMail({
					to,
					reference: concern.reference,
					bodyName: forwarding.bodyName,
					answer: input.answer,
					status: input.status,
					backOfficeUrl: `${origin}/verwaltung/anliegen/${forwarding.concernId}`
				})
			);
		}
		await recordAudit(tx, {
			actor,
			action: 'concern.forward-answered',
			entity: 'concern',
			entityId: forwarding.concernId,
			data: {
				forwardingId: forwarding.id,
				bodyId: forwarding.bodyId,
				status: input.status,
				statusChanged,
				mailedSubmitter
			}
		});
		return { reference: concern.reference, statusChanged, mailedSubmitter };
	});
}
