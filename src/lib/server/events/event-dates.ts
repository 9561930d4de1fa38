import { and, eq, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Tx } from '../db/client';
import { eventOccurrences, events } from '../db/schema';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { now } from '../time';
import { heldDates } from './event-records';
import { holdEventRoom, type EventPlacement } from './room-hold';

/*
 * What the single-date use cases (cancel, reinstate, move) share: loading one date of a series
 * locked, and what follows every change of a date (SEQUENCE, the room).
 */

/** One date of a series and its event, both locked; NOT_FOUND when it is not a date of it. */
export async function lockDate(
	tx: Tx,
	{ eventId, occurrenceId }: { eventId: number; occurrenceId: number }
) {
	const [event] = await tx
		.select({
			id: events.id,
			title: events.title,
			status: events.status,
			roomId: events.roomId,
			isExample: events.isExample,
			moderation: events.moderation,
			rrule: events.rrule,
			allDay: events.allDay,
			startsAt: events.startsAt,
			endsAt: events.endsAt,
			lastEndsAt: events.lastEndsAt,
			materialisedUntil: events.materialisedUntil
		})
		.from(events)
		.where(eq(events.id, eventId))
		.for('update');
	if (!event) throw new DomainError('NOT_FOUND', { detail: `event ${eventId}` });
	const [date] = await tx
		.select()
		.from(eventOccurrences)
		.where(and(eq(eventOccurrences.id, occurrenceId), eq(eventOccurrences.eventId, eventId)))
		.for('update');
	if (!date) throw new DomainError('NOT_FOUND', { detail: `date ${occurrenceId} of ${eventId}` });
	// A single date is changed only in a series; a single event is edited as a whole.
	if (event.rrule === null) {
		throw new DomainError('INVALID_TRANSITION', {
			message: () => m.events_dates_error_not_series()
		});
	}
	if (event.status === 'cancelled') {
		throw new DomainError('INVALID_TRANSITION', {
			message: () => m.events_dates_error_event_cancelled()
		});
	}
	if (date.endsAt <= now()) {
		throw new DomainError('INVALID_TRANSITION', { message: () => m.events_dates_error_past() });
	}
	return { event, date };
}

/**
 * After a date changed: SEQUENCE grows (calendar apps take the override), the feed window
 * covers a date moved past the last one, and the room holds what takes place now.
 */
export async function afterDateChange(
	tx: Tx,
	actor: Actor,
	event: EventPlacement,
	endsAt?: Date
): Promise<void> {
	await tx
		.update(events)
		.set({
			sequence: sql`${events.sequence} + 1`,
			updatedAt: now(),
			...(endsAt
				? { lastEndsAt: sql`greatest(${events.lastEndsAt}, ${endsAt.toISOString()}::timestamptz)` }
				: {})
		})
		.where(eq(events.id, event.id));
	await holdEventRoom(tx, { actor, event, dates: await heldDates(tx, event.id) });
}
