import { and, eq, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Tx } from '../db/client';
import { events, siteSettings, type EventModeration } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { issueCapabilityLink } from '../capabilities/issue-capability-link';
import { DomainError } from '../errors';
import { now } from '../time';

const DAY_MS = 86_400_000;

/**
 * Moves a proposal from pending to `to` with one conditional UPDATE: of two decisions (two staff
 * members, a double click) exactly one changes the row; the other gets a CONFLICT that says the
 * proposal was decided already. SEQUENCE grows: calendars that saw nothing see a new version.
 */
export async function decideProposal(
	tx: Tx,
	{
		actor,
		id,
		to,
		reason = ''
	}: { actor: Actor; id: number; to: Exclude<EventModeration, 'pending'>; reason?: string }
) {
	const at = now();
	const [row] = await tx
		.update(events)
		.set({
			moderation: to,
			rejectionReason: reason,
			moderatedAt: at,
			moderatedBy: actorUserId(actor),
			sequence: sql`${events.sequence} + 1`,
			updatedAt: at
		})
		.where(and(eq(events.id, id), eq(events.moderation, 'pending')))
		.returning();
	if (row) return row;
	const [other] = await tx
		.select({ moderation: events.moderation })
		.from(events)
		.where(eq(events.id, id));
	if (!other) throw new DomainError('NOT_FOUND', { detail: `event ${id}` });
	throw new DomainError('CONFLICT', {
		message:
			other.moderation === 'published'
				? () => m.events_submit_error_already_published()
				: other.moderation === 'rejected'
					? () => m.events_submit_error_already_rejected()
					: () => m.events_submit_error_not_a_proposal()
	});
}

/**
 * A fresh status link for the decision mail (the first one exists only in the first mail), valid
 * until two months after the event's last date.
 */
export async function mailedStatusLink(
	tx: Tx,
	{
		actor,
		event
	}: { actor: Actor; event: { id: number; lastEndsAt: Date; submitterEmail: string } }
): Promise<string> {
	const days = Math.max(
		30,
		Math.ceil((event.lastEndsAt.getTime() - now().getTime()) / DAY_MS) + 60
	);
	const link = await issueCapabilityLink(tx, {
		actor,
		purpose: 'event.proposal-status',
		record: { type: 'event', id: event.id },
		expiresIn: { days },
		singleUse: false,
		sentTo: event.submitterEmail
	});
	return link.token;
}

export async function officeNameOf(tx: Tx): Promise<string> {
	const [site] = await tx.select({ officeName: siteSettings.officeName }).from(siteSettings);
	return site?.officeName ?? '';
}
