import { and, asc, eq, gte, inArray, isNotNull, isNull, max, sql, type SQL } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { eventOccurrences, events, groups, rooms, venues } from '../db/schema';
import {
	icsDateTime,
	icsDocument,
	icsLocalDate,
	icsLocalDateTime,
	icsText,
	vtimezone
} from '../calendar/ics';
import { DomainError } from '../errors';
import { now, timeZone } from '../time';
import { categoryLabel } from '$lib/events/labels';
import { OFFICE_ORGANISER } from './events.schemas';

/*
 * The events as iCalendar (RFC 5545) for subscription (/veranstaltungen.ics) and for one event
 * ("In meinen Kalender"): one VEVENT per event with RRULE/EXDATE for a series, times in the
 * configured zone with its VTIMEZONE, a stable UID and a SEQUENCE that grows with every change.
 * DTSTAMP is the event's last change, so the file (and its ETag) only changes when an event does.
 */

/** A calendar app keeps what has passed; the feed holds the last month and everything to come. */
const PAST_DAYS = 30;
const MAX_FEED_EVENTS = 2000;

const feedColumns = {
	id: events.id,
	slug: events.slug,
	title: events.title,
	description: events.description,
	status: events.status,
	startsAt: events.startsAt,
	endsAt: events.endsAt,
	allDay: events.allDay,
	rrule: events.rrule,
	exdates: events.exdates,
	placeName: events.placeName,
	placeAddress: events.placeAddress,
	latitude: events.latitude,
	longitude: events.longitude,
	categories: events.categories,
	sequence: events.sequence,
	updatedAt: events.updatedAt,
	lastEndsAt: events.lastEndsAt,
	roomName: rooms.name,
	venueName: venues.name,
	venueStreet: venues.street,
	venuePostalCode: venues.postalCode,
	venueCity: venues.city,
	groupName: groups.name
};
function feedQuery(db: Db, where: SQL | undefined) {
	return db
		.select(feedColumns)
		.from(events)
		.leftJoin(rooms, eq(rooms.id, events.roomId))
		.leftJoin(venues, eq(venues.id, rooms.venueId))
		.leftJoin(groups, eq(groups.id, events.groupId))
		.where(and(eq(events.moderation, 'published'), where))
		.orderBy(asc(events.startsAt), asc(events.id))
		.limit(MAX_FEED_EVENTS);
}

type FeedRow = Awaited<ReturnType<typeof feedQuery>>[number];

const STATUS = { scheduled: 'CONFIRMED', cancelled: 'CANCELLED', postponed: 'TENTATIVE' } as const;

function location(row: FeedRow): string {
	if (row.roomName) {
		const address = [
			row.venueStreet,
			[row.venuePostalCode, row.venueCity].filter(Boolean).join(' ')
		]
			.filter(Boolean)
			.join(', ');
		return [row.roomName, row.venueName, address].filter(Boolean).join(', ');
	}
	return [row.placeName, row.placeAddress].filter(Boolean).join(', ');
}

/** An all-day series needs UNTIL as a DATE (RFC 5545: the same value type as DTSTART). */
function ruleFor(row: FeedRow, zone: string): string {
	const rule = row.rrule!;
	if (!row.allDay) return rule;
	return rule.replace(/UNTIL=(\d{8}T\d{6}Z)/, (_, utc: string) => {
		const instant = new Date(
			`${utc.slice(0, 4)}-${utc.slice(4, 6)}-${utc.slice(6, 8)}T${utc.slice(9, 11)}:${utc.slice(11, 13)}:${utc.slice(13, 15)}Z`
		);
		return `UNTIL=${icsLocalDate(instant, zone)}`;
	});
}

/**
 * A date of a series that differs from its rule: cancelled, moved, or with a note. In the feed
 * it is an override VEVENT (same UID, RECURRENCE-ID = the date's original start), the RFC 5545
 * way calendar apps show a single date as cancelled or moved.
 */
export interface DateException {
	eventId: number;
	originalStart: Date;
	startsAt: Date;
	endsAt: Date;
	cancelled: boolean;
	cancelReason: string;
	note: string;
}

function vevent(
	row: FeedRow,
	{ origin, host, zone }: { origin: string; host: string; zone: string },
	exception?: DateException
) {
	const url = `${origin}/veranstaltungen/${row.slug}`;
	const when = (instant: Date) =>
		row.allDay
			? `;VALUE=DATE:${icsLocalDate(instant, zone)}`
			: `;TZID=${zone}:${icsLocalDateTime(instant, zone)}`;
	const lines = [
		'BEGIN:VEVENT',
		`UID:event-${row.id}@${host}`,
		`DTSTAMP:${icsDateTime(row.updatedAt)}`,
		`LAST-MODIFIED:${icsDateTime(row.updatedAt)}`,
		`SEQUENCE:${row.sequence}`
	];
	if (exception) {
		lines.push(
			`RECURRENCE-ID${when(exception.originalStart)}`,
			`DTSTART${when(exception.startsAt)}`,
			`DTEND${when(exception.endsAt)}`
		);
	} else {
		lines.push(`DTSTART${when(row.startsAt)}`, `DTEND${when(row.endsAt)}`);
	}
	if (row.rrule && !exception) {
		lines.push(`RRULE:${ruleFor(row, zone)}`);
		if (row.exdates.length > 0) {
			const values = row.exdates.map((d) =>
				row.allDay ? icsLocalDate(d, zone) : icsLocalDateTime(d, zone)
			);
			lines.push(`EXDATE${row.allDay ? ';VALUE=DATE' : `;TZID=${zone}`}:${values.join(',')}`);
		}
	}
	const isCancelled = row.status === 'cancelled' || exception?.cancelled === true;
	const cancelled = isCancelled ? `${m.events_status_cancelled()}: ` : '';
	lines.push(`SUMMARY:${icsText(cancelled + row.title)}`);
	const description = [
		exception?.cancelled && exception.cancelReason
			? m.events_dates_reason({ reason: exception.cancelReason })
			: '',
		exception?.note ?? '',
		row.description,
		row.groupName ? m.events_by({ organiser: row.groupName }) : '',
		url
	]
		.filter(Boolean)
		.join('\n\n');
	lines.push(`DESCRIPTION:${icsText(description)}`);
	const place = location(row);
	if (place) lines.push(`LOCATION:${icsText(place)}`);
	if (row.latitude !== null && row.longitude !== null) {
		lines.push(`GEO:${row.latitude};${row.longitude}`);
	}
	if (row.categories.length > 0) {
		lines.push(`CATEGORIES:${row.categories.map((c) => icsText(categoryLabel(c))).join(',')}`);
	}
	const status = exception?.cancelled ? 'CANCELLED' : STATUS[row.status];
	lines.push(`URL:${url}`, `STATUS:${status}`, 'TRANSP:OPAQUE', 'END:VEVENT');
	return lines;
}

/** The exceptions of the series among `rows` whose dates end after `since`. */
async function dateExceptions(db: Db, rows: FeedRow[], since?: Date): Promise<DateException[]> {
	const ids = rows.filter((r) => r.rrule !== null).map((r) => r.id);
	if (ids.length === 0) return [];
	return db
		.select({
			eventId: eventOccurrences.eventId,
			originalStart: eventOccurrences.originalStart,
			startsAt: eventOccurrences.startsAt,
			endsAt: eventOccurrences.endsAt,
			cancelled: eventOccurrences.cancelled,
			cancelReason: eventOccurrences.cancelReason,
			note: eventOccurrences.note
		})
		.from(eventOccurrences)
		.where(
			and(
				inArray(eventOccurrences.eventId, ids),
				// The predicate of event_occurrences_exceptions_idx, word for word.
				sql`(${eventOccurrences.cancelled} or ${eventOccurrences.moved} or ${eventOccurrences.note} <> '')`,
				since ? gte(eventOccurrences.endsAt, since) : isNotNull(eventOccurrences.endsAt)
			)
		)
		.orderBy(asc(eventOccurrences.eventId), asc(eventOccurrences.originalStart));
}

function calendar(
	rows: FeedRow[],
	exceptions: DateException[],
	{ origin, name }: { origin: string; name?: string }
): string {
	const zone = timeZone();
	const host = new URL(origin).host;
	const components: string[] = [];
	const timed = rows.filter((r) => !r.allDay);
	if (timed.length > 0) {
		const from = new Date(Math.min(...timed.map((r) => r.startsAt.getTime())));
		const to = new Date(Math.max(...timed.map((r) => r.lastEndsAt.getTime())));
		components.push(...vtimezone(zone, from, to));
	}
	const byEvent = new Map<number, DateException[]>();
	for (const e of exceptions) byEvent.set(e.eventId, [...(byEvent.get(e.eventId) ?? []), e]);
	for (const row of rows) {
		components.push(...vevent(row, { origin, host, zone }));
		for (const exception of byEvent.get(row.id) ?? []) {
			components.push(...vevent(row, { origin, host, zone }, exception));
		}
	}
	return icsDocument({ prodId: '-//Quartier//Veranstaltungen//DE', name, components });
}

/** What a feed can be narrowed to: one category, one organiser, one room (stable URLs). */
export interface FeedFilters {
	kategorie?: string;
	veranstalter?: string;
	raum?: string;
}

/**
 * Every published event that ended at most a month ago or is still to come, or those of one
 * category, organiser (a group's slug, or the office) or room.
 */
export async function eventsFeed(
	db: Db,
	{ origin, name, filters = {} }: { origin: string; name: string; filters?: FeedFilters }
): Promise<{ ics: string; lastModified: Date | null }> {
	const since = new Date(now().getTime() - PAST_DAYS * 86_400_000);
	const where = [gte(events.lastEndsAt, since)];
	if (filters.kategorie)
		where.push(sql`${events.categories} @> array[${filters.kategorie}]::text[]`);
	if (filters.veranstalter === OFFICE_ORGANISER) where.push(isNull(events.groupId));
	else if (filters.veranstalter) where.push(eq(groups.slug, filters.veranstalter));
	if (filters.raum) where.push(eq(rooms.slug, filters.raum));
	const rows = await feedQuery(db, and(...where));
	const [{ latest }] = await db
		.select({ latest: max(events.updatedAt) })
		.from(events)
		.where(eq(events.moderation, 'published'));
	const exceptions = await dateExceptions(db, rows, since);
	return { ics: calendar(rows, exceptions, { origin, name }), lastModified: latest ?? null };
}

/** One published event as a file to import; NOT_FOUND otherwise. */
export async function eventCalendarFile(
	db: Db,
	{ origin, slug }: { origin: string; slug: string }
): Promise<{ ics: string; lastModified: Date }> {
	const rows = await feedQuery(db, eq(events.slug, slug));
	if (rows.length === 0) throw new DomainError('NOT_FOUND', { detail: `event ${slug}` });
	const exceptions = await dateExceptions(db, rows);
	return { ics: calendar(rows, exceptions, { origin }), lastModified: rows[0].updatedAt };
}
