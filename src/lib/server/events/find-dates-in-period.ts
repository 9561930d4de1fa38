import { and, asc, eq, gt, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Db } from '../db/client';
import { eventOccurrences, events, groups, MAX_EVENT_DAYS, rooms, venues } from '../db/schema';
import { timeZone } from '../time';
import { dateStatus } from './event-records';
import { OFFICE_ORGANISER, type EventFilterParams } from './events.schemas';

/*
 * The published dates that overlap a period (a month, a week, the API's from/to), with the
 * filters of /veranstaltungen. The month view, the print view and the JSON API read here; the
 * list keeps its own query (find-upcoming-events.ts) with the same filter conditions. As there, the lower bound on starts_at (no
 * event lasts longer than MAX_EVENT_DAYS) makes this a range scan of event_occurrences(starts_at)
 * that never reads dates before the period, however many there are.
 */

const DAY_MS = 86_400_000;

/** The filters of the list as SQL conditions (all but the dates and the page). */
export function eventFilterConditions(filters: EventFilterParams): SQL[] {
	const where: SQL[] = [];
	if (filters.kategorie)
		where.push(sql`${events.categories} @> array[${filters.kategorie}]::text[]`);
	if (filters.zielgruppe)
		where.push(sql`${events.targetGroups} @> array[${filters.zielgruppe}]::text[]`);
	if (filters.sprache) where.push(sql`${events.languages} @> array[${filters.sprache}]::text[]`);
	if (filters.kostenlos) where.push(eq(events.isFree, true));
	if (filters.rollstuhl) where.push(eq(events.wheelchairAccessible, true));
	if (filters.veranstalter === OFFICE_ORGANISER) where.push(isNull(events.groupId));
	else if (filters.veranstalter) where.push(eq(groups.slug, filters.veranstalter));
	if (filters.raum) where.push(eq(rooms.slug, filters.raum));
	const q = filters.q?.trim();
	if (q) where.push(sql`${events.search} @@ websearch_to_tsquery('german', ${q})`);
	return where;
}

const dateColumns = {
	occurrenceId: eventOccurrences.id,
	startsAt: eventOccurrences.startsAt,
	endsAt: eventOccurrences.endsAt,
	eventId: events.id,
	slug: events.slug,
	title: events.title,
	description: events.description,
	status: dateStatus,
	allDay: events.allDay,
	isFree: events.isFree,
	cost: events.cost,
	wheelchairAccessible: events.wheelchairAccessible,
	categories: events.categories,
	targetGroups: events.targetGroups,
	languages: events.languages,
	placeName: events.placeName,
	placeAddress: events.placeAddress,
	roomSlug: rooms.slug,
	roomName: rooms.name,
	venueName: venues.name,
	venueStreet: venues.street,
	venuePostalCode: venues.postalCode,
	venueCity: venues.city,
	groupName: groups.name,
	groupSlug: groups.slug,
	isExample: events.isExample,
	updatedAt: events.updatedAt
};

function datesQuery(db: Db, where: SQL | undefined) {
	return db
		.select(dateColumns)
		.from(eventOccurrences)
		.innerJoin(events, eq(events.id, eventOccurrences.eventId))
		.leftJoin(rooms, eq(rooms.id, events.roomId))
		.leftJoin(venues, eq(venues.id, rooms.venueId))
		.leftJoin(groups, eq(groups.id, events.groupId))
		.where(where)
		.orderBy(asc(eventOccurrences.startsAt), asc(eventOccurrences.id));
}

export type EventDate = Awaited<ReturnType<typeof datesQuery>>[number];

/**
 * The published dates that have not ended at `from` and start before `to` (null: no end),
 * soonest first, filtered, at most `limit` after skipping `offset`.
 */
export async function findDatesInPeriod(
	db: Db,
	{
		from,
		to,
		filters = {},
		limit,
		offset = 0
	}: { from: Date; to: Date | null; filters?: EventFilterParams; limit: number; offset?: number }
): Promise<EventDate[]> {
	const where: (SQL | undefined)[] = [
		gte(eventOccurrences.startsAt, new Date(from.getTime() - MAX_EVENT_DAYS * DAY_MS)),
		gt(eventOccurrences.endsAt, from),
		to ? lt(eventOccurrences.startsAt, to) : undefined,
		eq(events.moderation, 'published'),
		...eventFilterConditions(filters)
	];
	return datesQuery(db, and(...where))
		.limit(limit)
		.offset(offset);
}

/** The local day (`YYYY-MM-DD`) of an instant. */
export function localDay(instant: Date, zone = timeZone()): string {
	return Temporal.Instant.fromEpochMilliseconds(instant.getTime())
		.toZonedDateTimeISO(zone)
		.toPlainDate()
		.toString();
}

/**
 * Dates grouped by the local day they start on; a date that began before `from` (a multi-day
 * event running into the period) is listed under the period's first day.
 */
export function groupByDay<T extends { startsAt: Date }>(
	dates: T[],
	from: Date,
	zone = timeZone()
): { date: string; dates: T[] }[] {
	const days: { date: string; dates: T[] }[] = [];
	for (const d of dates) {
		const date = localDay(d.startsAt < from ? from : d.startsAt, zone);
		const last = days[days.length - 1];
		if (last?.date === date) last.dates.push(d);
		else days.push({ date, dates: [d] });
	}
	return days;
}

/** The place of a date as one line: the room with the house's address, or the place entered. */
export function placeLine(d: EventDate): string {
	if (d.roomName) {
		const town = [d.venuePostalCode, d.venueCity].filter(Boolean).join(' ');
		return [d.roomName, d.venueName, d.venueStreet, town].filter(Boolean).join(', ');
	}
	return [d.placeName, d.placeAddress].filter(Boolean).join(', ');
}

/** The latest change among what is shown (Last-Modified); null for nothing shown. */
export function latestChange(rows: { updatedAt: Date }[]): Date | null {
	let latest: Date | null = null;
	for (const r of rows) if (!latest || r.updatedAt > latest) latest = r.updatedAt;
	return latest;
}
