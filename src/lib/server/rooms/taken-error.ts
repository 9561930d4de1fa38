import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { formatTimeSpan } from '$lib/format';
import type { Db, Tx } from '../db/client';
import { rooms } from '../db/schema';
import { DomainError, sqlStateOf, type LazyMessage } from '../errors';
import { timeZone } from '../time';
import { firstHoldingBooking, occupied } from './availability';
import type { Slot } from './series';

/** The database refused a booking because it overlaps a holding one (`bookings_no_overlap`). */
export const isOverlap = (err: unknown): boolean => sqlStateOf(err) === '23P01';

/**
 * CONFLICT (409) that names the time the room is already busy, at the form's date field. By
 * default the requester's message; staff forms pass their own (`when` is the local time span).
 */
export function takenError(
	start: Date,
	end: Date,
	{
		field = 'date',
		message = (when) => () => m.rooms_error_taken({ when })
	}: { field?: string; message?: (when: string) => LazyMessage } = {}
): DomainError {
	const text = message(formatTimeSpan(start, end, { timeZone: timeZone() }));
	return new DomainError('CONFLICT', {
		message: text,
		fields: { [field]: text },
		detail: `room busy ${start.toISOString()}`
	});
}

type TakenErrorOptions = NonNullable<Parameters<typeof takenError>[2]>;

/**
 * After the exclusion constraint refused slots of a room (23P01): the CONFLICT naming the first
 * booking in their way, with the room's buffer as the database counts it, or the asked time if
 * that booking has gone meanwhile. `exceptId` leaves out the booking being moved.
 */
export async function takenErrorForSlots(
	db: Db | Tx,
	{ roomId, slots, exceptId }: { roomId: number; slots: Slot[]; exceptId?: number },
	options: TakenErrorOptions
): Promise<DomainError> {
	const [room] = await db
		.select({ bufferMinutes: rooms.bufferMinutes })
		.from(rooms)
		.where(eq(rooms.id, roomId));
	const holds = slots.map((slot) => occupied(slot, room?.bufferMinutes ?? 0));
	const busy = await firstHoldingBooking(db, roomId, holds, exceptId);
	return takenError(busy?.startsAt ?? slots[0].start, busy?.endsAt ?? slots[0].end, options);
}
