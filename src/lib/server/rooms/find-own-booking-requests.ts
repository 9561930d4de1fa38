import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { bookingRequests, bookings, rooms } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { bookingReference } from './booking-reference';

/** The room requests a signed-in person sent while signed in (Mein Konto), newest first. */
export async function findOwnBookingRequests(db: Db, { actor }: { actor: Actor }) {
	assertCan(actor, 'account.manage-own');
	const userId = actorUserId(actor);
	if (userId === null) return [];
	const requests = await db
		.select({
			id: bookingRequests.id,
			status: bookingRequests.status,
			createdAt: bookingRequests.createdAt
		})
		.from(bookingRequests)
		.where(eq(bookingRequests.userId, userId))
		.orderBy(desc(bookingRequests.createdAt))
		.limit(50);
	if (requests.length === 0) return [];
	const dates = await db
		.select({
			requestId: bookings.requestId,
			start: bookings.startsAt,
			end: bookings.endsAt,
			status: bookings.status,
			roomName: rooms.name
		})
		.from(bookings)
		.innerJoin(rooms, eq(rooms.id, bookings.roomId))
		.where(
			inArray(
				bookings.requestId,
				requests.map((r) => r.id)
			)
		)
		.orderBy(asc(bookings.startsAt));
	return requests.map((r) => ({
		reference: bookingReference(r.id, r.createdAt),
		status: r.status,
		dates: dates
			.filter((d) => d.requestId === r.id)
			.map(({ start, end, status, roomName }) => ({ start, end, status, roomName }))
	}));
}
