import { and, asc, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { bookingRequests, bookings, HOLDING_BOOKING_STATUSES } from '../db/schema';
import type { Slot } from './series';

/** A time in which a room is not free; no personal data (a group's name only if it agreed). */
export interface BusyInterval {
	roomId: number;
	start: Date;
	/** The end including the set-up buffer. */
	end: Date;
	/** Shown publicly: a block's or event's title, or a group that opted in; else ''. */
	label: string;
	status: 'pending' | 'approved' | 'proposed';
}

/** Every holding booking of the rooms that overlaps [from, to). */
export async function findBusyIntervals(
	db: Db | Tx,
	roomIds: number[],
	from: Date,
	to: Date
): Promise<BusyInterval[]> {
	if (roomIds.length === 0) return [];
	const rows = await db
		.select({
			roomId: bookings.roomId,
			start: bookings.startsAt,
			end: bookings.occupiedUntil,
			kind: bookings.kind,
			title: bookings.title,
			status: bookings.status,
			organisation: bookingRequests.organisation,
			showOrganisation: bookingRequests.showOrganisation
		})
		.from(bookings)
		.leftJoin(bookingRequests, eq(bookingRequests.id, bookings.requestId))
		.where(
			and(
				inArray(bookings.roomId, roomIds),
				inArray(bookings.status, [...HOLDING_BOOKING_STATUSES]),
				lt(bookings.startsAt, to),
				gt(bookings.occupiedUntil, from)
			)
		)
		.orderBy(asc(bookings.startsAt));
	return rows.map((r) => ({
		roomId: r.roomId,
		start: r.start,
		end: r.end,
		status: r.status as BusyInterval['status'],
		label:
			r.kind === 'request'
				? r.status === 'approved' && r.showOrganisation
					? (r.organisation ?? '')
					: ''
				: r.title
	}));
}

/** The room is busy in [start, occupiedUntil) of a slot: the first busy interval it hits. */
export function firstCollision(
	busy: BusyInterval[],
	roomId: number,
	start: Date,
	occupiedUntil: Date
): BusyInterval | undefined {
	return busy.find((b) => b.roomId === roomId && b.start < occupiedUntil && start < b.end);
}

/** A slot with the room's buffer: the time it holds the room. */
export function occupied(slot: Slot, bufferMinutes: number): { start: Date; until: Date } {
	return { start: slot.start, until: new Date(slot.end.getTime() + bufferMinutes * 60_000) };
}
