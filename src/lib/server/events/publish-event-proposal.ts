import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { events } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { enqueueMail } from '../mail/outbox';
import { materialise } from './event-times';
import { writeOccurrences } from './event-records';
import { decideProposal, mailedStatusLink, officeNameOf } from './proposal-decision';
import { proposalPublishedMail } from './proposal-mails';
import { proposalStatusPath } from './submit-event-proposal';

/**
 * Publishes a proposal as it stands (staff may edit it first with the normal form). From now on
 * it is listed, in the feeds, and holds its room like a staff event: a date in the way of a
 * booking refuses the whole decision (CONFLICT naming the time), nothing is half-published.
 * The submitter hears of it by mail, when they gave an address.
 */
export async function publishEventProposal(
	db: Db,
	{ actor, id, origin }: { actor: Actor; id: number; origin: string }
): Promise<{ id: number; slug: string }> {
	assertCan(actor, 'events.moderate');
	return db.transaction(async (tx) => {
		const event = await decideProposal(tx, { actor, id, to: 'published' });
		// Dates are materialised again: time has passed since the proposal came in.
		const { dates, lastEndsAt, materialisedUntil } = materialise(event);
		await writeOccurrences(tx, actor, event, dates);
		await tx.update(events).set({ lastEndsAt, materialisedUntil }).where(eq(events.id, id));
		await recordAudit(tx, {
			actor,
			action: 'event.published',
			entity: 'event',
			entityId: id,
			before: { moderation: 'pending' },
			after: { moderation: 'published' }
		});
		if (event.submitterEmail) {
			const token = await mailedStatusLink(tx, { actor, event: { ...event, lastEndsAt } });
			await enqueueMail(
				tx,
				proposalPublishedMail({
					to: event.submitterEmail,
					title: event.title,
					startsAt: event.startsAt,
					endsAt: event.endsAt,
					eventUrl: `${origin}/veranstaltungen/${event.slug}`,
					statusUrl: `${origin}${proposalStatusPath(token)}`,
					officeName: await officeNameOf(tx)
				})
			);
		}
		return { id, slug: event.slug };
	});
}
