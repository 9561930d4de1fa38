import { and, asc, eq, gt, gte, lt, type SQL } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Db } from '../db/client';
import { eventOccurrences, events, groups, MAX_EVENT_DAYS, rooms } from '../db/schema';
import { now, timeZone } from '../time';
import type { EventFilterParams } from './events.schemas';
import { eventFilterConditions } from './find-dates-in-period';

export const PAGE_SIZE = 20;
const DAY_MS = 86_400_000;

export interface UpcomingDate {
	occurrenceId: number;
	startsAt: Date;
	endsAt: Date;
	slug: string;
	title: string;
	status: string;
	allDay: boolean;
	isFree: boolean;
	cost: string;
	wheelchairAccessible: boolean;
	categories: string[];
	languages: string[];
	placeName: string;
	roomName: string | null;
	groupName: string | null;
	groupSlug: string | null;
	isExample: boolean;
	/** This one date of a series is cancelled (the event goes on), with the reason shown. */
	dateCancelled: boolean;
	cancelReason: string;
	/** Staff moved this date; originalStart is when the rule had it. */
	moved: boolean;
	originalStart: Date;
	note: string;
}

export interface UpcomingDay {
	/** `YYYY-MM-DD` in the configured zone. */
	date: string;
	dates: UpcomingDate[];
}

function dayStart(date: string, zone: string): Date {
	return new Date(Temporal.PlainDate.from(date).toZonedDateTime(zone).epochMilliseconds);
}

/**
 * The published dates that have not ended yet, soonest first, filtered and paginated, grouped by
 * local day. The lower bound on starts_at (an event lasts at most MAX_EVENT_DAYS) makes this a
 * range scan of event_occurrences(starts_at) that never reads past dates, however many there are.
 */
export async function findUpcomingEvents(
	db: Db,
	{
		filters = {},
		groupId,
		pageSize = PAGE_SIZE
	}: { filters?: EventFilterParams; groupId?: number; pageSize?: number } = {}
): Promise<{ days: UpcomingDay[]; page: number; hasNext: boolean }> {
	const zone = timeZone();
	const at = now();
	let after = at;
	if (filters.von) {
		const from = dayStart(filters.von, zone);
		if (from > after) after = from;
	}
	const where: (SQL | undefined)[] = [
		gte(eventOccurrences.startsAt, new Date(after.getTime() - MAX_EVENT_DAYS * DAY_MS)),
		gt(eventOccurrences.endsAt, after),
		eq(events.moderation, 'published')
	];
	if (filters.bis) {
		const to = Temporal.PlainDate.from(filters.bis).add({ days: 1 }).toString();
		where.push(lt(eventOccurrences.startsAt, dayStart(to, zone)));
	}
	if (groupId !== undefined) where.push(eq(events.groupId, groupId));
	where.push(...eventFilterConditions(filters));

	const page = filters.seite ?? 1;
	const rows = await db
		.select({
			occurrenceId: eventOccurrences.id,
			startsAt: eventOccurrences.startsAt,
			endsAt: eventOccurrences.endsAt,
			slug: events.slug,
			title: events.title,
			status: events.status,
			allDay: events.allDay,
			isFree: events.isFree,
			cost: events.cost,
			wheelchairAccessible: events.wheelchairAccessible,
			categories: events.categories,
			languages: events.languages,
			placeName: events.placeName,
			roomName: rooms.name,
			groupName: groups.name,
			groupSlug: groups.slug,
			isExample: events.isExample,
			dateCancelled: eventOccurrences.cancelled,
			cancelReason: eventOccurrences.cancelReason,
			moved: eventOccurrences.moved,
			originalStart: eventOccurrences.originalStart,
			note: eventOccurrences.note
		})
		.from(eventOccurrences)
		.innerJoin(events, eq(events.id, eventOccurrences.eventId))
		.leftJoin(rooms, eq(rooms.id, events.roomId))
		.leftJoin(groups, eq(groups.id, events.groupId))
		.where(and(...where))
		.orderBy(asc(eventOccurrences.startsAt), asc(eventOccurrences.id))
		.limit(pageSize + 1)
		.offset((page - 1) * pageSize);
	const hasNext = rows.length > pageSize;
	const days: UpcomingDay[] = [];
	for (const row of rows.slice(0, pageSize)) {
		// A date that began before today (multi-day, or running now) is listed under today.
		const shown = row.startsAt < after ? after : row.startsAt;
		const date = Temporal.Instant.fromEpochMilliseconds(shown.getTime())
			.toZonedDateTimeISO(zone)
			.toPlainDate()
			.toString();
		const last = days[days.length - 1];
		if (last?.date === date) last.dates.push(row);
		else days.push({ date, dates: [row] });
	}
	return { days, page, hasNext };
}
