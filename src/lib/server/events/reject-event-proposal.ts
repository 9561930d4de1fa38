import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { eventOccurrences } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { enqueueMail } from '../mail/outbox';
import { decideProposal, mailedStatusLink, officeNameOf } from './proposal-decision';
import { proposalRejectedMail } from './proposal-mails';
import { proposalStatusPath } from './submit-event-proposal';

/**
 * Rejects a proposal with a reason the submitter reads (status page, mail). It never appears
 * publicly; its stored dates go (nothing reads them, and the nightly job leaves it alone).
 */
export async function rejectEventProposal(
	db: Db,
	{ actor, id, reason, origin }: { actor: Actor; id: number; reason: string; origin: string }
): Promise<void> {
	assertCan(actor, 'events.moderate');
	await db.transaction(async (tx) => {
		const event = await decideProposal(tx, { actor, id, to: 'rejected', reason });
		await tx.delete(eventOccurrences).where(eq(eventOccurrences.eventId, id));
		await recordAudit(tx, {
			actor,
			action: 'event.rejected',
			entity: 'event',
			entityId: id,
			before: { moderation: 'pending' },
			after: { moderation: 'rejected', rejectionReason: reason }
		});
		if (event.submitterEmail) {
			const token = await mailedStatusLink(tx, { actor, event });
			await enqueueMail(
				tx,
				proposalRejectedMail({
					to: event.submitterEmail,
					title: event.title,
					startsAt: event.startsAt,
					endsAt: event.endsAt,
					reason,
					statusUrl: `${origin}${proposalStatusPath(token)}`,
					officeName: await officeNameOf(tx)
				})
			);
		}
	});
}
