import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError, fieldError, type LazyMessage } from '../errors';
import { m } from '$lib/paraglide/messages.js';
import { now } from '../time';
import { classifyDates } from './request-booking';
import { assertRequestFitsRules, loadRoomWithRules } from './booking-rules';
import { findActiveRooms, type PublicRoom } from './public-rooms';
import { expandRequestedDates } from './series';

export interface FreeRoomsQuery {
	date: string;
	startTime: string;
	endTime: string;
	attendees: number;
}

export interface RoomAnswer {
	room: PublicRoom;
	/** Why the room cannot be asked for at that time (rules, closed, taken); undefined if free. */
	reason?: LazyMessage;
}

/**
 * The active rooms for one time: free (its rules allow the time and nothing holds it) or not,
 * with the reason. A time in the past or malformed is a field error for the whole search.
 */
export async function findFreeRooms(
	db: Db,
	{ actor, query }: { actor: Actor; query: FreeRoomsQuery }
): Promise<{ free: RoomAnswer[]; unavailable: RoomAnswer[] }> {
	assertCan(actor, 'booking.request');
	const slots = expandRequestedDates({ ...query, repeat: { kind: 'once' } });
	const at = now();
	if (slots[0].start.getTime() <= at.getTime()) {
		throw fieldError('date', () => m.rooms_error_past());
	}
	const free: RoomAnswer[] = [];
	const unavailable: RoomAnswer[] = [];
	for (const room of await findActiveRooms(db)) {
		const rules = await loadRoomWithRules(db, room.id);
		try {
			assertRequestFitsRules(rules, slots, query.attendees, at);
		} catch (err) {
			if (!(err instanceof DomainError) || !err.details.message) throw err;
			unavailable.push({ room, reason: err.details.message });
			continue;
		}
		const [date] = await classifyDates(db, rules, slots);
		if (date.state === 'free') free.push({ room });
		else if (date.state === 'closed') {
			unavailable.push({ room, reason: () => m.rooms_error_closed_day({ reason: date.reason }) });
		} else unavailable.push({ room, reason: () => m.rooms_public_taken() });
	}
	return { free, unavailable };
}
