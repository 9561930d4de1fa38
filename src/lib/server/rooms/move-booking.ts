import { and, eq, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { formatTimeSpan } from '$lib/format';
import type { Db, Tx } from '../db/client';
import { bookingRequests, bookings, rooms, siteSettings } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError, fieldError } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { now, timeZone } from '../time';
import { occupied } from './availability';
import { bookingCalendar } from './booking-calendar';
import { asLocale, bookingMovedMail } from './booking-decision-mails';
import { bookingReference } from './booking-reference';
import {
	closedReason,
	formatHours,
	loadRoomWithRules,
	slotDate,
	type RoomWithRules
} from './booking-rules';
import { roomPlace } from './get-booking-request';
import { isOverlap, takenErrorForSlots } from './taken-error';
import { expandRequestedDates, type Slot } from './series';

export interface MoveInput {
	roomId: number;
	/** `YYYY-MM-DD`, local */
	date: string;
	/** `HH:MM`, local */
	startTime: string;
	endTime: string;
}

/** The dates staff may move: open and approved ones. A proposal waits for the requester. */
export const MOVABLE_BOOKING_STATUSES = ['pending', 'approved'] as const;

/**
 * Staff move one date of a request to another day, time and/or room of the house. Staff may
 * ignore the minimum notice, the booking horizon and the opening hours, not the past, closing
 * days, the room's maximum duration or (in another room) its size. One conditional UPDATE that
 * also sets the new hold (end plus the target room's buffer) and raises the revision, the audit
 * record and, for an approved date, the requester's mail with an .ics that replaces the old
 * event (same UID, higher SEQUENCE), all in one transaction. A taken time is CONFLICT naming it.
 */
export async function moveBooking(
	db: Db,
	{
		actor,
		requestId,
		bookingId,
		input
	}: { actor: Actor; requestId: number; bookingId: number; input: MoveInput }
): Promise<{ changed: boolean }> {
	assertCan(actor, 'bookings.decide');
	const [slot] = expandRequestedDates({ ...input, repeat: { kind: 'once' } });
	try {
		return await db.transaction((tx) =>
			move(tx, { actor, requestId, bookingId, roomId: input.roomId, slot })
		);
	} catch (err) {
		if (!isOverlap(err)) throw err;
		throw await takenErrorForSlots(
			db,
			{ roomId: input.roomId, slots: [slot], exceptId: bookingId },
			{ message: (when) => () => m.rooms_move_error_taken({ when }) }
		);
	}
}

async function move(
	tx: Tx,
	p: { actor: Actor; requestId: number; bookingId: number; roomId: number; slot: Slot }
): Promise<{ changed: boolean }> {
	const [found] = await tx
		.select({ booking: bookings, request: bookingRequests, room: rooms })
		.from(bookings)
		.innerJoin(bookingRequests, eq(bookingRequests.id, bookings.requestId))
		.innerJoin(rooms, eq(rooms.id, bookings.roomId))
		.where(and(eq(bookings.id, p.bookingId), eq(bookings.requestId, p.requestId)));
	if (!found) throw new DomainError('NOT_FOUND', { detail: `booking ${p.bookingId}` });
	const { booking, request, room: from } = found;
	if (!(MOVABLE_BOOKING_STATUSES as readonly string[]).includes(booking.status)) {
		throw new DomainError('INVALID_TRANSITION', { message: () => m.rooms_move_error_state() });
	}
	const rules = await targetRoom(tx, p.roomId, from);
	assertMoveFitsRules(rules, p.slot, {
		attendees: request.attendees,
		roomChanged: p.roomId !== from.id
	});
	const { room } = rules;
	if (
		room.id === from.id &&
		booking.startsAt.getTime() === p.slot.start.getTime() &&
		booking.endsAt.getTime() === p.slot.end.getTime()
	) {
		return { changed: false };
	}

	// Only from the state just read: a decision or a cancellation in between wins.
	const [moved] = await tx
		.update(bookings)
		.set({
			roomId: room.id,
			startsAt: p.slot.start,
			endsAt: p.slot.end,
			occupiedUntil: occupied(p.slot, room.bufferMinutes).until,
			revision: sql`${bookings.revision} + 1`
		})
		.where(and(eq(bookings.id, booking.id), eq(bookings.status, booking.status)))
		.returning({ revision: bookings.revision });
	if (!moved) {
		throw new DomainError('INVALID_TRANSITION', { message: () => m.rooms_move_error_state() });
	}
	await recordAudit(tx, {
		actor: p.actor,
		action: 'booking.moved',
		entity: 'booking_request',
		entityId: request.id,
		before: { date: spanText(booking.startsAt, booking.endsAt), room: from.name },
		after: { date: spanText(p.slot.start, p.slot.end), room: room.name },
		data: { booking: booking.id, status: booking.status }
	});
	// An open date is news to nobody yet: the approval's mail will carry its time.
	if (booking.status === 'approved' && request.anonymisedAt === null) {
		const reference = bookingReference(request.id, request.createdAt);
		const place = await roomPlace(tx, room.id);
		const [site] = await tx.select({ officeName: siteSettings.officeName }).from(siteSettings);
		await enqueueMail(
			tx,
			bookingMovedMail({
				to: request.email,
				locale: asLocale(request.locale),
				reference,
				before: { startsAt: booking.startsAt, endsAt: booking.endsAt, roomName: from.name },
				after: { startsAt: p.slot.start, endsAt: p.slot.end, roomName: room.name },
				calendar: bookingCalendar({
					roomName: room.name,
					location: place?.location ?? '',
					description: reference,
					dates: [
						{ id: booking.id, start: p.slot.start, end: p.slot.end, sequence: moved.revision }
					],
					stamp: now()
				}),
				officeName: site?.officeName ?? ''
			})
		);
	}
	return { changed: true };
}

/** The room to move to: a room of the same house, active unless it is the date's own room. */
async function targetRoom(
	tx: Tx,
	roomId: number,
	from: typeof rooms.$inferSelect
): Promise<RoomWithRules> {
	const [room] = await tx
		.select({ venueId: rooms.venueId, active: rooms.active })
		.from(rooms)
		.where(eq(rooms.id, roomId));
	if (!room || room.venueId !== from.venueId || (!room.active && roomId !== from.id)) {
		throw fieldError('roomId', () => m.error_invalid_choice({ field: m.rooms_move_field_room() }));
	}
	return loadRoomWithRules(tx, roomId);
}

/** The rules staff cannot override: the past, closing days, the duration and the room's size. */
export function assertMoveFitsRules(
	rules: RoomWithRules,
	slot: Slot,
	{ attendees, roomChanged }: { attendees: number; roomChanged: boolean },
	at = now()
): void {
	const { room } = rules;
	if (slot.start.getTime() <= at.getTime()) {
		throw fieldError('date', () => m.rooms_error_past());
	}
	const closed = closedReason(rules, slotDate(slot));
	if (closed) throw fieldError('date', () => m.rooms_error_closed_day({ reason: closed }));
	const minutes = (slot.end.getTime() - slot.start.getTime()) / 60_000;
	if (minutes > room.maxDurationMinutes) {
		throw fieldError('endTime', () =>
			m.rooms_error_too_long({ hours: formatHours(room.maxDurationMinutes) })
		);
	}
	if (roomChanged && attendees > room.capacity) {
		throw fieldError('roomId', () => m.rooms_error_capacity({ capacity: room.capacity }));
	}
}

/** A date as one line for the request's history: "Mi., 18.11.2026, 18:00–20:00". */
const spanText = (start: Date, end: Date) => formatTimeSpan(start, end, { timeZone: timeZone() });
