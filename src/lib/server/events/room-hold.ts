import type { Tx } from '../db/client';
import type { Actor } from '../auth/actor';
import type { Occurrence } from '../calendar/recurrence';
import { holdRoomForEvent } from '../rooms/hold-room-for-event';
import { now } from '../time';

export interface EventPlacement {
	id: number;
	title: string;
	roomId: number | null;
	status: string;
	isExample: boolean;
	/** Only a published event holds its room: a proposal does not block anyone's booking. */
	moderation: string;
}

/**
 * Where an event in a room of the house holds that room: rooms' `holdRoomForEvent`, called by
 * every use case that writes an event's dates, in its transaction, after the dates are stored.
 * Only coming dates hold the room. A cancelled event, one elsewhere, and a seeded example release
 * whatever they held: an example is not real and must not keep a group from booking the room;
 * neither does a proposal staff have not published (or rejected).
 * A date in the way of a booking is a CONFLICT (409) on the `roomId` field, naming the time.
 */
export async function holdEventRoom(
	tx: Tx,
	{ actor, event, dates }: { actor: Actor; event: EventPlacement; dates: Occurrence[] }
): Promise<void> {
	const releases =
		event.status === 'cancelled' ||
		event.isExample ||
		event.roomId === null ||
		event.moderation !== 'published';
	const at = now();
	await holdRoomForEvent(tx, {
		actor,
		eventId: event.id,
		title: event.title,
		roomId: releases ? null : event.roomId,
		dates: releases
			? []
			: dates.filter((d) => d.end > at).map((d) => ({ start: d.start, end: d.end }))
	});
}
