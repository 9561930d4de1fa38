import { and, asc, eq, gt } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Db } from '../db/client';
import { eventOccurrences, events } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { now, timeZone } from '../time';

/** Dates shown on the staff page of a series at first; "more" shows this many more each time. */
export const DATES_PAGE = 20;
/** The most a "more" link asks for (a weekly series for two years and a bit). */
export const DATES_MAX = 200;

const dateColumns = {
	id: eventOccurrences.id,
	startsAt: eventOccurrences.startsAt,
	endsAt: eventOccurrences.endsAt,
	originalStart: eventOccurrences.originalStart,
	cancelled: eventOccurrences.cancelled,
	cancelReason: eventOccurrences.cancelReason,
	moved: eventOccurrences.moved,
	note: eventOccurrences.note
};

/** The coming dates of an event for its staff page, soonest first, and whether more follow. */
export async function findEventDates(
	db: Db,
	{ actor, eventId, limit = DATES_PAGE }: { actor: Actor; eventId: number; limit?: number }
) {
	assertCan(actor, 'events.manage');
	const take = Math.min(Math.max(limit, 1), DATES_MAX);
	const rows = await db
		.select(dateColumns)
		.from(eventOccurrences)
		.where(and(eq(eventOccurrences.eventId, eventId), gt(eventOccurrences.endsAt, now())))
		.orderBy(asc(eventOccurrences.startsAt), asc(eventOccurrences.id))
		.limit(take + 1);
	return { dates: rows.slice(0, take), hasMore: rows.length > take, shown: take };
}

const local = (d: Date, zone: string) =>
	Temporal.Instant.fromEpochMilliseconds(d.getTime()).toZonedDateTimeISO(zone);

/** One date of an event with the change form's values (local day and times, note). */
export async function getEventDateForEdit(
	db: Db,
	{ actor, eventId, occurrenceId }: { actor: Actor; eventId: number; occurrenceId: number }
) {
	assertCan(actor, 'events.manage');
	const [row] = await db
		.select({
			date: dateColumns,
			event: {
				id: events.id,
				slug: events.slug,
				title: events.title,
				allDay: events.allDay,
				rrule: events.rrule,
				status: events.status,
				registrationEnabled: events.registrationEnabled
			}
		})
		.from(eventOccurrences)
		.innerJoin(events, eq(events.id, eventOccurrences.eventId))
		.where(and(eq(eventOccurrences.id, occurrenceId), eq(eventOccurrences.eventId, eventId)));
	if (!row) throw new DomainError('NOT_FOUND', { detail: `date ${occurrenceId} of ${eventId}` });
	const zone = timeZone();
	const start = local(row.date.startsAt, zone);
	const end = local(
		row.event.allDay ? new Date(row.date.endsAt.getTime() - 1) : row.date.endsAt,
		zone
	);
	const sameDay = start.toPlainDate().equals(end.toPlainDate());
	const values: Record<string, string> = {
		date: start.toPlainDate().toString(),
		startTime: row.event.allDay ? '' : start.toPlainTime().toString({ smallestUnit: 'minute' }),
		endDate: sameDay ? '' : end.toPlainDate().toString(),
		endTime: row.event.allDay ? '' : end.toPlainTime().toString({ smallestUnit: 'minute' }),
		note: row.date.note
	};
	return { event: row.event, date: row.date, values };
}
