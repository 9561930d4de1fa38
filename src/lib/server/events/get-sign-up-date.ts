import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { eventOccurrences, events } from '../db/schema';
import { DomainError } from '../errors';
import { now } from '../time';
import { loadRegistrationDate, placeLine, registrationState } from './registration-records';

/**
 * The date the sign-up form is for: `termin` (a date of this event), or for an event with one
 * date its date. null when a series is opened without a date (the event page lists them).
 * NOT_FOUND for an unknown event or date, or an event without registration.
 */
export async function getSignUpDate(
	db: Db,
	{ slug, occurrenceId }: { slug: string; occurrenceId: number | null }
) {
	const [event] = await db
		.select({ id: events.id, rrule: events.rrule, registrationEnabled: events.registrationEnabled })
		.from(events)
		.where(and(eq(events.slug, slug), eq(events.moderation, 'published')));
	if (!event || !event.registrationEnabled) throw new DomainError('NOT_FOUND');
	let id = occurrenceId;
	if (id === null) {
		if (event.rrule) return null;
		const [first] = await db
			.select({ id: eventOccurrences.id })
			.from(eventOccurrences)
			.where(and(eq(eventOccurrences.eventId, event.id), gt(eventOccurrences.endsAt, now())))
			.orderBy(asc(eventOccurrences.startsAt))
			.limit(1);
		if (!first) throw new DomainError('NOT_FOUND');
		id = first.id;
	}
	const date = await loadRegistrationDate(db, id);
	if (date.eventId !== event.id) throw new DomainError('NOT_FOUND');
	return {
		occurrenceId: date.occurrenceId,
		title: date.title,
		slug: date.slug,
		startsAt: date.startsAt,
		endsAt: date.endsAt,
		allDay: date.allDay,
		place: placeLine(date),
		state: registrationState(date, now())!
	};
}
