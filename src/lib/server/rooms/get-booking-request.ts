import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { bookingRequests, bookings, rooms, venues } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { bookingReference } from './booking-reference';

/** A room's name and the address of its house (an .ics LOCATION), or null for an unknown room. */
export async function roomPlace(db: Db | Tx, roomId: number) {
	const [place] = await db
		.select({
			roomName: rooms.name,
			venueName: venues.name,
			street: venues.street,
			postalCode: venues.postalCode,
			city: venues.city
		})
		.from(rooms)
		.innerJoin(venues, eq(venues.id, rooms.venueId))
		.where(eq(rooms.id, roomId));
	if (!place) return null;
	return {
		roomName: place.roomName,
		location: [place.venueName, place.street, `${place.postalCode} ${place.city}`.trim()]
			.filter((part) => part.length > 0)
			.join(', ')
	};
}

/**
 * A request with its dates (in order, each with its room: staff may have moved one), the room
 * of its first date and that room's address, or null.
 */
export async function loadBookingRequest(db: Db | Tx, id: number) {
	const [request] = await db.select().from(bookingRequests).where(eq(bookingRequests.id, id));
	if (!request) return null;
	const dates = await db
		.select({
			id: bookings.id,
			roomId: bookings.roomId,
			roomName: rooms.name,
			startsAt: bookings.startsAt,
			endsAt: bookings.endsAt,
			status: bookings.status,
			note: bookings.note,
			revision: bookings.revision
		})
		.from(bookings)
		.innerJoin(rooms, eq(rooms.id, bookings.roomId))
		.where(eq(bookings.requestId, id))
		.orderBy(asc(bookings.startsAt), asc(bookings.id));
	const roomId = dates[0]?.roomId;
	const place = roomId === undefined ? null : await roomPlace(db, roomId);
	return {
		request,
		reference: bookingReference(request.id, request.createdAt),
		dates,
		roomName: place?.roomName ?? '',
		location: place?.location ?? ''
	};
}

export type BookingRequestDetail = NonNullable<Awaited<ReturnType<typeof loadBookingRequest>>>;

/** One request for the back office: its requester, purpose and every date with its state. */
export async function getBookingRequest(
	db: Db,
	{ actor, id }: { actor: Actor; id: number }
): Promise<BookingRequestDetail> {
	assertCan(actor, 'bookings.read');
	const detail = await loadBookingRequest(db, id);
	if (!detail) throw new DomainError('NOT_FOUND');
	return detail;
}
