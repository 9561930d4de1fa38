import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { bookingRequests, bookings, rooms } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { bookingReference } from './booking-reference';

export const BOOKING_INBOX_PAGE_SIZE = 20;
/** The requests that wait for staff: new ones, and proposals the requester has not answered. */
export const OPEN_REQUEST_STATUSES = ['pending', 'proposal'] as const;

/** The first date a request still holds, for the inbox's order (soonest first). */
const firstHeldStart = sql`(select min(${bookings.startsAt}) from ${bookings} where ${bookings.requestId} = ${bookingRequests.id} and ${bookings.status} in ('pending', 'proposed'))`;

/**
 * The back office's inbox of room requests: the open ones, the soonest first date first, each
 * with its room, first date, number of dates and the dates that were taken or closed.
 */
export async function findBookingRequests(
	db: Db,
	{
		actor,
		page,
		pageSize = BOOKING_INBOX_PAGE_SIZE
	}: { actor: Actor; page: number; pageSize?: number }
) {
	assertCan(actor, 'bookings.read');
	const open = inArray(bookingRequests.status, OPEN_REQUEST_STATUSES);
	const [requests, [{ total }]] = await Promise.all([
		db
			.select({
				id: bookingRequests.id,
				status: bookingRequests.status,
				name: bookingRequests.name,
				organisation: bookingRequests.organisation,
				createdAt: bookingRequests.createdAt
			})
			.from(bookingRequests)
			.where(open)
			.orderBy(sql`${firstHeldStart} asc nulls last`, asc(bookingRequests.id))
			.limit(pageSize)
			.offset((page - 1) * pageSize),
		db.select({ total: count() }).from(bookingRequests).where(open)
	]);
	const ids = requests.map((r) => r.id);
	const dates =
		ids.length === 0
			? []
			: await db
					.select({
						requestId: bookings.requestId,
						startsAt: bookings.startsAt,
						endsAt: bookings.endsAt,
						status: bookings.status,
						roomName: rooms.name
					})
					.from(bookings)
					.innerJoin(rooms, eq(rooms.id, bookings.roomId))
					.where(inArray(bookings.requestId, ids))
					.orderBy(asc(bookings.startsAt), asc(bookings.id));
	const rows = requests.map((r) => {
		const own = dates.filter((d) => d.requestId === r.id);
		const held = own.filter((d) => d.status === 'pending' || d.status === 'proposed');
		const first = held[0] ?? own[0];
		return {
			...r,
			reference: bookingReference(r.id, r.createdAt),
			roomName: first?.roomName ?? '',
			firstStart: first?.startsAt ?? null,
			firstEnd: first?.endsAt ?? null,
			dates: own.length,
			unavailable: own.filter((d) => d.status === 'conflict').length
		};
	});
	return { rows, total, page, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** How many requests wait for a decision (the number beside "Räume"). */
export async function countPendingBookingRequests(db: Db): Promise<number> {
	const [{ n }] = await db
		.select({ n: count() })
		.from(bookingRequests)
		.where(eq(bookingRequests.status, 'pending'));
	return n;
}
