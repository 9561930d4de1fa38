import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { events } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';

/**
 * What the holder of a proposal's status link sees: the title and first date they proposed, the
 * state, and the public link once published or staff's reason once rejected. Not the submitter's
 * name or address: the link may have been forwarded.
 */
export async function getProposalStatus(db: Db, { actor, id }: { actor: Actor; id: number }) {
	assertCan(actor, 'events.view-proposal-status', { type: 'event', id });
	const [event] = await db
		.select({
			title: events.title,
			slug: events.slug,
			moderation: events.moderation,
			status: events.status,
			startsAt: events.startsAt,
			endsAt: events.endsAt,
			allDay: events.allDay,
			repeats: events.rrule,
			rejectionReason: events.rejectionReason,
			createdAt: events.createdAt
		})
		.from(events)
		.where(eq(events.id, id));
	if (!event) throw new DomainError('NOT_FOUND', { detail: `event ${id}` });
	return {
		title: event.title,
		moderation: event.moderation,
		status: event.status,
		startsAt: event.startsAt,
		endsAt: event.endsAt,
		allDay: event.allDay,
		repeats: event.repeats !== null,
		submittedAt: event.createdAt,
		/** Only once published: before that the event has no public page. */
		slug: event.moderation === 'published' ? event.slug : null,
		rejectionReason: event.moderation === 'rejected' ? event.rejectionReason : ''
	};
}
