import { and, asc, eq, gte, isNull, max, sql, type SQL } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { events, groups, rooms, venues } from '../db/schema';
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

function vevent(
	row: FeedRow,
	{ origin, host, zone }: { origin: string; host: string; zone: string }
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
		`SEQUENCE:${row.sequence}`,
		`DTSTART${when(row.startsAt)}`,
		`DTEND${when(row.endsAt)}`
	];
	if (row.rrule) {
		lines.push(`RRULE:${ruleFor(row, zone)}`);
		if (row.exdates.length > 0) {
			const values = row.exdates.map((d) =>
				row.allDay ? icsLocalDate(d, zone) : icsLocalDateTime(d, zone)
			);
			lines.push(`EXDATE${row.allDay ? ';VALUE=DATE' : `;TZID=${zone}`}:${values.join(',')}`);
		}
	}
	const cancelled = row.status === 'cancelled' ? `${m.events_status_cancelled()}: ` : '';
	lines.push(`SUMMARY:${icsText(cancelled + row.title)}`);
	const description = [
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
	lines.push(`URL:${url}`, `STATUS:${STATUS[row.status]}`, 'TRANSP:OPAQUE', 'END:VEVENT');
	return lines;
}

function calendar(rows: FeedRow[], { origin, name }: { origin: string; name?: string }): string {
	const zone = timeZone();
	const host = new URL(origin).host;
	const components: string[] = [];
	const timed = rows.filter((r) => !r.allDay);
	if (timed.length > 0) {
		const from = new Date(Math.min(...timed.map((r) => r.startsAt.getTime())));
		const to = new Date(Math.max(...timed.map((r) => r.lastEndsAt.getTime())));
		components.push(...vtimezone(zone, from, to));
	}
	for (const row of rows) components.push(...vevent(row, { origin, host, zone }));
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
	return { ics: calendar(rows, { origin, name }), lastModified: latest ?? null };
}

/** One published event as a file to import; NOT_FOUND otherwise. */
export async function eventCalendarFile(
	db: Db,
	{ origin, slug }: { origin: string; slug: string }
): Promise<{ ics: string; lastModified: Date }> {
	const rows = await feedQuery(db, eq(events.slug, slug));
	if (rows.length === 0) throw new DomainError('NOT_FOUND', { detail: `event ${slug}` });
	return { ics: calendar(rows, { origin }), lastModified: rows[0].updatedAt };
}
