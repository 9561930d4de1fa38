import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { bookingRequests, bookings, rooms, type BookingStatus } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { bookingReference } from './booking-reference';

/**
 * What the requester sees through the status (or cancel) link: the reference, the room, the
 * state, each date with its state and the office's message. Nothing of what they typed in: the
 * link may have been forwarded.
 */
export async function getBookingStatus(
	db: Db,
	{ actor, requestId }: { actor: Actor; requestId: number }
) {
	assertCan(actor, 'booking.view-status', { type: 'booking', id: requestId });
	const [request] = await db
		.select({
			id: bookingRequests.id,
			status: bookingRequests.status,
			createdAt: bookingRequests.createdAt,
			decisionMessage: bookingRequests.decisionMessage
		})
		.from(bookingRequests)
		.where(eq(bookingRequests.id, requestId));
	if (!request) throw new DomainError('NOT_FOUND', { detail: `booking request ${requestId}` });
	const dates = await db
		.select({
			start: bookings.startsAt,
			end: bookings.endsAt,
			status: bookings.status,
			roomName: rooms.name,
			roomSlug: rooms.slug
		})
		.from(bookings)
		.innerJoin(rooms, eq(rooms.id, bookings.roomId))
		.where(eq(bookings.requestId, requestId))
		.orderBy(asc(bookings.startsAt), asc(bookings.id));
	const roomNames = [...new Set(dates.map((d) => d.roomName))];
	return {
		reference: bookingReference(request.id, request.createdAt),
		status: request.status,
		decisionMessage: request.decisionMessage,
		roomNames,
		dates: dates.map((d) => ({ ...d, status: d.status as BookingStatus }))
	};
}
