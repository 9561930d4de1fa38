import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { bookingRequests, bookings, venues } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { resolveRecipients } from '../contact/resolve-recipients';
import { DomainError } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { transition } from '../states';
import { proposalAnsweredMail } from './booking-mails';
import { bookingReference } from './booking-reference';
import type { Transitions } from '../states';
import type { BookingRequestStatus } from './rooms.states';

/** Only a request with a proposal can be answered (accepted or turned down) this way. */
const PROPOSAL_ANSWERS: Transitions<BookingRequestStatus> = {
	pending: [],
	proposal: ['approved', 'cancelled'],
	approved: [],
	declined: [],
	cancelled: []
};

/**
 * The requester accepts staff's proposal (the proposed dates become approved) or turns it down
 * (the request is cancelled and the proposed dates are free again), through the status link.
 * One conditional move: a second click, or an answer after staff withdrew, changes nothing.
 */
export async function answerProposal(
	db: Db,
	{
		actor,
		requestId,
		accept,
		origin
	}: { actor: Actor; requestId: number; accept: boolean; origin: string }
): Promise<{ changed: boolean }> {
	assertCan(actor, 'booking.respond', { type: 'booking', id: requestId });
	return db.transaction(async (tx) => {
		const [request] = await tx
			.select()
			.from(bookingRequests)
			.where(eq(bookingRequests.id, requestId));
		if (!request) throw new DomainError('NOT_FOUND');
		const moved = await transition(tx, {
			table: bookingRequests,
			idColumn: bookingRequests.id,
			stateColumn: bookingRequests.status,
			id: requestId,
			transitions: PROPOSAL_ANSWERS,
			to: accept ? 'approved' : 'cancelled',
			actor,
			audit: {
				action: accept ? 'booking-request.proposal-accepted' : 'booking-request.cancelled',
				entity: 'booking_request'
			}
		});
		if (!moved.changed) return { changed: false };
		await tx
			.update(bookings)
			.set({ status: accept ? 'approved' : 'cancelled' })
			.where(and(eq(bookings.requestId, requestId), eq(bookings.status, 'proposed')));
		const [room] = await tx
			.select({ venueId: venues.id, bookingContactId: venues.bookingContactId })
			.from(venues)
			.limit(1);
		const recipients = await resolveRecipients(tx, {
			contactPersonId: room?.bookingContactId ?? null
		});
		for (const to of recipients.emails) {
			await enqueueMail(
				tx,
				proposalAnsweredMail({
					to,
					reference: bookingReference(request.id, request.createdAt),
					accepted: accept,
					backOfficeUrl: `${origin}/verwaltung/raeume/anfragen/${request.id}`
				})
			);
		}
		return { changed: true };
	});
}
