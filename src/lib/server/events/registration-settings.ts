import { and, eq, gt, inArray, notInArray, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { formatDateTime } from '$lib/format';
import type { Tx } from '../db/client';
import { eventOccurrences, eventRegistrations, events } from '../db/schema';
import { fieldError } from '../errors';
import type { Occurrence } from '../calendar/recurrence';
import type { EventInput } from './events.schemas';

/*
 * Registration settings of an event (the staff form) and what they mean for its stored dates:
 * each date carries the capacity, so the CHECK on event_occurrences holds the seats.
 */

/** The columns of events the registration part of the form sets. */
export function registrationColumns(input: EventInput) {
	if (input.registrationEnabled && input.registrationCapacity === null) {
		throw fieldError('registrationCapacity', () =>
			m.error_required({ field: m.events_register_field_capacity() })
		);
	}
	return {
		registrationEnabled: input.registrationEnabled,
		registrationCapacity: input.registrationEnabled ? input.registrationCapacity : null,
		registrationClosesHours:
			input.registrationEnabled && input.registrationCloses !== 'start'
				? Number(input.registrationCloses)
				: null,
		registrationWaitlist: input.registrationEnabled && input.registrationWaitlist
	};
}

/** The stored setting as the form's value. */
export function registrationValues(event: {
	registrationEnabled: boolean;
	registrationCapacity: number | null;
	registrationClosesHours: number | null;
	registrationWaitlist: boolean;
}): Record<string, string> {
	return {
		registrationEnabled: event.registrationEnabled ? 'on' : '',
		registrationCapacity:
			event.registrationCapacity === null ? '' : String(event.registrationCapacity),
		registrationCloses:
			event.registrationClosesHours === null ? 'start' : String(event.registrationClosesHours),
		registrationWaitlist: event.registrationWaitlist ? 'on' : ''
	};
}

const ACTIVE = inArray(eventRegistrations.status, ['confirmed', 'waitlisted']);

/**
 * Before an edit replaces the dates: a date with active registrations must not silently go
 * (its people would never hear of it), and the capacity must not drop below the seats already
 * confirmed. Both are field errors for staff; the caller holds the event's row lock.
 */
export async function checkRegisteredDates(
	tx: Tx,
	{ eventId, dates, capacity }: { eventId: number; dates: Occurrence[]; capacity: number | null }
): Promise<void> {
	const kept = dates.map((d) => d.originalStart);
	const [dropped] = await tx
		.select({ startsAt: eventOccurrences.startsAt })
		.from(eventOccurrences)
		.innerJoin(eventRegistrations, eq(eventRegistrations.occurrenceId, eventOccurrences.id))
		.where(
			and(
				eq(eventOccurrences.eventId, eventId),
				kept.length > 0 ? notInArray(eventOccurrences.originalStart, kept) : undefined,
				ACTIVE
			)
		)
		.orderBy(eventOccurrences.startsAt)
		.limit(1);
	if (dropped) {
		const when = formatDateTime(dropped.startsAt);
		throw fieldError('date', () => m.events_register_error_date_has_registrations({ when }));
	}
	if (capacity === null) return;
	const [over] = await tx
		.select({ startsAt: eventOccurrences.startsAt, taken: eventOccurrences.taken })
		.from(eventOccurrences)
		.where(and(eq(eventOccurrences.eventId, eventId), gt(eventOccurrences.taken, capacity)))
		.orderBy(eventOccurrences.startsAt)
		.limit(1);
	if (over) {
		const when = formatDateTime(over.startsAt);
		throw fieldError('registrationCapacity', () =>
			m.events_register_error_capacity_below_taken({ when, taken: over.taken })
		);
	}
}

/** Copies the event's capacity to its dates (after they were written, in the same transaction). */
export async function syncDateCapacity(tx: Tx, eventId: number): Promise<void> {
	await tx
		.update(eventOccurrences)
		.set({
			capacity: sql`(select case when ${events.registrationEnabled} then ${events.registrationCapacity} end from ${events} where ${events.id} = ${eventId})`
		})
		.where(eq(eventOccurrences.eventId, eventId));
}
