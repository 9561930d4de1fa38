import { and, asc, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { bookingRequests, bookings, HOLDING_BOOKING_STATUSES, rooms } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { addLocalDays, localDayBounds, toLocalDate } from '../time';
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
	const { rooms, held } = await loadPlan(db, day);
	return { date, rooms: rooms.map((room) => ({ ...room, bookings: heldBy(held, room.id) })) };
}

/**
 * The plan of the week starting on `monday` (a local Monday, `YYYY-MM-DD`): per day, the rooms
 * held that day with their bookings, the same labels as the day plan. A booking over midnight
 * shows on both days. Another day than a Monday is NOT_FOUND, so a week has one address.
 */
export async function getWeekPlan(db: Db, { actor, monday }: { actor: Actor; monday: string }) {
	assertCan(actor, 'bookings.read');
	const first = localDayBounds(monday);
	if (!first || new Date(`${monday}T12:00:00Z`).getUTCDay() !== 1) {
		throw new DomainError('NOT_FOUND');
	}
	const days = Array.from({ length: 7 }, (_, i) => {
		const start = addLocalDays(first.start, i);
		return { date: toLocalDate(start), start, end: addLocalDays(first.start, i + 1) };
	});
	const { rooms, held } = await loadPlan(db, { start: days[0].start, end: days[6].end });
	return {
		monday,
		days: days.map((day) => ({
			date: day.date,
			start: day.start,
			rooms: rooms
				.map((room) => ({
					...room,
					bookings: heldBy(held, room.id).filter(
						(b) => b.startsAt < day.end && b.endsAt > day.start
					)
				}))
				.filter((room) => room.bookings.length > 0)
		}))
	};
}

/** Active rooms and the bookings holding any of them between `start` and `end`. */
async function loadPlan(db: Db, range: { start: Date; end: Date }) {
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
					lt(bookings.startsAt, range.end),
					gt(bookings.endsAt, range.start)
				)
			)
			.orderBy(asc(bookings.startsAt), asc(bookings.id))
	]);
	return { rooms: allRooms, held };
}

type HeldRow = Awaited<ReturnType<typeof loadPlan>>['held'][number];

/** One room's bookings as the plans show them. */
function heldBy(held: HeldRow[], roomId: number) {
	return held
		.filter((b) => b.roomId === roomId)
		.map((b) => ({
			id: b.id,
			kind: b.kind,
			startsAt: b.startsAt,
			endsAt: b.endsAt,
			status: b.status,
			requestId: b.requestId,
			label:
				b.kind !== 'request' ? b.title : b.showOrganisation && b.organisation ? b.organisation : '',
			reference:
				b.requestId !== null && b.createdAt ? bookingReference(b.requestId, b.createdAt) : null
		}));
}
