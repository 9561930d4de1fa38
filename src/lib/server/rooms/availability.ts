import { and, asc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { bookingRequests, bookings, HOLDING_BOOKING_STATUSES } from '../db/schema';
import type { Slot } from './series';

/** A time in which a room is not free; no personal data (a group's name only if it agreed). */
export interface BusyInterval {
	/** The booking's id: a stable UID in the room's calendar feed, never shown. */
	id: number;
	roomId: number;
	start: Date;
	/** The end including the set-up buffer. */
	end: Date;
	/** Shown publicly: a block's or event's title, or a group that opted in; else ''. */
	label: string;
	status: 'pending' | 'approved' | 'proposed';
	/** How often staff moved it: the SEQUENCE of its event in a calendar feed. */
	revision: number;
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
			id: bookings.id,
			roomId: bookings.roomId,
			start: bookings.startsAt,
			end: bookings.occupiedUntil,
			kind: bookings.kind,
			title: bookings.title,
			status: bookings.status,
			requestId: bookings.requestId,
			revision: bookings.revision
		})
		.from(bookings)
		.where(
			and(
				roomIds.length === 1 ? eq(bookings.roomId, roomIds[0]) : inArray(bookings.roomId, roomIds),
				inArray(bookings.status, [...HOLDING_BOOKING_STATUSES]),
				// The expression of the no-overlap constraint, so its GiST index answers this.
				sql`tstzrange(${bookings.startsAt}, ${bookings.occupiedUntil}, '[)') && tstzrange(${from}::timestamptz, ${to}::timestamptz, '[)')`
			)
		)
		.orderBy(asc(bookings.startsAt));
	// Groups that agreed to be named, for approved requests only (a few per week).
	const named = [
		...new Set(
			rows.filter((r) => r.kind === 'request' && r.status === 'approved').map((r) => r.requestId!)
		)
	];
	const groups = new Map<number, string>();
	if (named.length > 0) {
		const shown = await db
			.select({ id: bookingRequests.id, organisation: bookingRequests.organisation })
			.from(bookingRequests)
			.where(and(inArray(bookingRequests.id, named), eq(bookingRequests.showOrganisation, true)));
		for (const g of shown) groups.set(g.id, g.organisation);
	}
	return rows.map((r) => ({
		id: r.id,
		roomId: r.roomId,
		start: r.start,
		end: r.end,
		status: r.status as BusyInterval['status'],
		revision: r.revision,
		label: r.kind === 'request' ? (groups.get(r.requestId!) ?? '') : r.title
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

/**
 * The first holding booking of a room in the way of any of the holds (start until end plus
 * buffer, the database's rule), leaving out one booking (the one being moved): to name it after
 * the exclusion constraint refused a write (23P01).
 */
export async function firstHoldingBooking(
	db: Db | Tx,
	roomId: number,
	holds: { start: Date; until: Date }[],
	exceptId?: number
): Promise<{ startsAt: Date; endsAt: Date } | undefined> {
	if (holds.length === 0) return undefined;
	const from = new Date(Math.min(...holds.map((h) => h.start.getTime())));
	const to = new Date(Math.max(...holds.map((h) => h.until.getTime())));
	const busy = await db
		.select({
			startsAt: bookings.startsAt,
			endsAt: bookings.endsAt,
			occupiedUntil: bookings.occupiedUntil
		})
		.from(bookings)
		.where(
			and(
				eq(bookings.roomId, roomId),
				inArray(bookings.status, [...HOLDING_BOOKING_STATUSES]),
				lt(bookings.startsAt, to),
				gt(bookings.occupiedUntil, from),
				exceptId === undefined ? undefined : ne(bookings.id, exceptId)
			)
		)
		.orderBy(asc(bookings.startsAt));
	const hit = busy.find((b) =>
		holds.some((h) => b.startsAt < h.until && h.start < b.occupiedUntil)
	);
	return hit && { startsAt: hit.startsAt, endsAt: hit.endsAt };
}
