import { count, eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { can } from '../auth/permissions';
import type { Db } from '../db/client';
import { contactMessages, outboxMails } from '../db/schema';
import { stuckMail } from '../mail/outbox';
import { countPendingBookingRequests } from '../rooms/find-booking-requests';
import { countPendingProposals } from '../events/find-events-admin';
import { countOpenConcerns } from '../concerns/find-concerns';
import { countOverdueForwardings } from '../concerns/find-forwardings';

/**
 * The numbers beside the back-office menu items: unanswered messages, stuck mail, room requests
 * and event proposals waiting for a decision, and concerns nobody has looked at yet. Count
 * queries on indexed columns; null where the person may not see the section.
 */
export async function countOpenWork(db: Db, { actor }: { actor: Actor }) {
	const [messages, stuckMails, bookingRequests, eventProposals, concerns, overdueForwardings] =
		await Promise.all([
			can(actor, 'contact.read')
				? db
						.select({ n: count() })
						.from(contactMessages)
						.where(eq(contactMessages.status, 'new'))
						.then(([r]) => r.n)
				: null,
			can(actor, 'outbox.read')
				? db
						.select({ n: count() })
						.from(outboxMails)
						.where(stuckMail)
						.then(([r]) => r.n)
				: null,
			can(actor, 'bookings.read') ? countPendingBookingRequests(db) : null,
			can(actor, 'events.moderate') ? countPendingProposals(db) : null,
			can(actor, 'concerns.manage') ? countOpenConcerns(db) : null,
			can(actor, 'concerns.manage') ? countOverdueForwardings(db) : null
		]);
	return { messages, stuckMails, bookingRequests, eventProposals, concerns, overdueForwardings };
}
