import { and, eq, inArray } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Tx } from '../db/client';
import { bookings, HOLDING_BOOKING_STATUSES, rooms } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { occupied } from './availability';
import { isOverlap, takenErrorForSlots } from './taken-error';
import type { Slot } from './series';

export interface EventRoomHold {
	actor: Actor;
	eventId: number;
	/** Shown in the room plans of the house. */
	title: string;
	/** The room the event takes place in, or null when it is elsewhere (frees any hold). */
	roomId: number | null;
	/** The dates that should hold the room now: none for a cancelled event. */
	dates: Slot[];
}

/**
 * The connection point for events: an event in a room of the house holds that room with one
 * approved booking of kind `event` per date. The events domain calls this in its own transaction
 * whenever an event is published, changed, moved or cancelled, with the dates that should hold
 * the room now. Bookings that no longer match are cancelled and missing ones inserted, so calling
 * it twice changes nothing. A date in the way of another booking is refused by the exclusion
 * constraint: CONFLICT (409) naming the busy time, and the caller's whole change rolls back.
 * Opening hours and closing days do not apply; staff place events deliberately, as with blocks.
 */
export async function holdRoomForEvent(tx: Tx, hold: EventRoomHold) {
	assertCan(hold.actor, 'rooms.hold-for-event');
	const held = await tx
		.select({
			id: bookings.id,
			roomId: bookings.roomId,
			startsAt: bookings.startsAt,
			endsAt: bookings.endsAt
		})
		.from(bookings)
		.where(
			and(
				eq(bookings.eventId, hold.eventId),
				eq(bookings.kind, 'event'),
				inArray(bookings.status, [...HOLDING_BOOKING_STATUSES])
			)
		)
		.for('update');
	const wanted = hold.roomId === null ? [] : hold.dates;
	const keyOf = (roomId: number, start: Date, end: Date) =>
		`${roomId}|${start.getTime()}|${end.getTime()}`;
	const wantedKeys = new Set(wanted.map((d) => keyOf(hold.roomId ?? 0, d.start, d.end)));
	const heldKeys = new Set(held.map((b) => keyOf(b.roomId, b.startsAt, b.endsAt)));
	const freed = held.filter((b) => !wantedKeys.has(keyOf(b.roomId, b.startsAt, b.endsAt)));
	const added = wanted.filter((d) => !heldKeys.has(keyOf(hold.roomId ?? 0, d.start, d.end)));

	if (freed.length > 0) {
		await tx
			.update(bookings)
			.set({ status: 'cancelled' })
			.where(
				inArray(
					bookings.id,
					freed.map((b) => b.id)
				)
			);
	}
	// Renaming an event renames the dates it keeps, so the plan shows the current title.
	await tx
		.update(bookings)
		.set({ title: hold.title })
		.where(
			and(
				eq(bookings.eventId, hold.eventId),
				eq(bookings.kind, 'event'),
				inArray(bookings.status, [...HOLDING_BOOKING_STATUSES])
			)
		);
	if (added.length > 0 && hold.roomId !== null) {
		await insertHolds(tx, { ...hold, roomId: hold.roomId }, added);
	}
	if (freed.length > 0 || added.length > 0) {
		await recordAudit(tx, {
			actor: hold.actor,
			action: 'booking.event-held',
			entity: 'room',
			entityId: hold.roomId ?? freed[0].roomId,
			data: { event: hold.eventId, held: added.length, freed: freed.length }
		});
	}
	return { held: added.length, freed: freed.length };
}

async function insertHolds(
	tx: Tx,
	hold: EventRoomHold & { roomId: number },
	dates: Slot[]
): Promise<void> {
	const [room] = await tx
		.select({ bufferMinutes: rooms.bufferMinutes })
		.from(rooms)
		.where(eq(rooms.id, hold.roomId));
	if (!room) throw new DomainError('NOT_FOUND', { detail: `room ${hold.roomId}` });
	try {
		// A savepoint: after the constraint refuses, the caller's transaction can still look up
		// what is in the way and report it.
		await tx.transaction(async (savepoint) => {
			await savepoint.insert(bookings).values(
				dates.map((d) => ({
					roomId: hold.roomId,
					kind: 'event' as const,
					status: 'approved' as const,
					eventId: hold.eventId,
					title: hold.title,
					startsAt: d.start,
					endsAt: d.end,
					occupiedUntil: occupied(d, room.bufferMinutes).until,
					createdBy: actorUserId(hold.actor)
				}))
			);
		});
	} catch (err) {
		if (!isOverlap(err)) throw err;
		throw await takenErrorForSlots(
			tx,
			{ roomId: hold.roomId, slots: dates },
			{ field: 'roomId', message: (when) => () => m.rooms_event_error_taken({ when }) }
		);
	}
}
