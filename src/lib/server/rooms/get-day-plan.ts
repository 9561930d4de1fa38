import { and, asc, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { bookingRequests, bookings, HOLDING_BOOKING_STATUSES, rooms } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { localDayBounds } from '../time';
import { bookingReference } from './booking-reference';

/**
 * The house's plan of one local day (`YYYY-MM-DD`): every active room, each with the bookings
 * that hold it that day (approved, pending, proposed; blocks too), in order. A request shows its
 * group's name only if the group agreed (the plan is printed for the door), else its reference.
 */
export async function getDayPlan(db: Db, { actor, date }: { actor: Actor; date: string }) {
	assertCan(actor, 'bookings.read');
	const day = localDayBounds(date);
	if (!day) throw new DomainError('NOT_FOUND');
	const [allRooms, held] = await Promise.all([
		db
			.select({ id: rooms.id, name: rooms.name })
			.from(rooms)
			.where(eq(rooms.active, true))
			.orderBy(asc(rooms.sortOrder), asc(rooms.name)),
		db
			.select({
				id: bookings.id,
				roomId: bookings.roomId,
				kind: bookings.kind,
				title: bookings.title,
				startsAt: bookings.startsAt,
				endsAt: bookings.endsAt,
				status: bookings.status,
				requestId: bookings.requestId,
				organisation: bookingRequests.organisation,
				showOrganisation: bookingRequests.showOrganisation,
				createdAt: bookingRequests.createdAt
			})
			.from(bookings)
			.leftJoin(bookingRequests, eq(bookingRequests.id, bookings.requestId))
			.where(
				and(
					inArray(bookings.status, HOLDING_BOOKING_STATUSES),
					lt(bookings.startsAt, day.end),
					gt(bookings.endsAt, day.start)
				)
			)
			.orderBy(asc(bookings.startsAt), asc(bookings.id))
	]);
	return {
		date,
		rooms: allRooms.map((room) => ({
			...room,
			bookings: held
				.filter((b) => b.roomId === room.id)
				.map((b) => ({
					id: b.id,
					kind: b.kind,
					startsAt: b.startsAt,
					endsAt: b.endsAt,
					status: b.status,
					requestId: b.requestId,
					label:
						b.kind !== 'request'
							? b.title
							: b.showOrganisation && b.organisation
								? b.organisation
								: '',
					reference:
						b.requestId !== null && b.createdAt ? bookingReference(b.requestId, b.createdAt) : null
				}))
		}))
	};
}
