import { asc, count, desc, eq, sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Db } from '../db/client';
import { eventOccurrences, events, groups, type EventModeration } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { findActiveRooms } from '../rooms/public-rooms';
import { now, timeZone } from '../time';
import { registrationValues } from './registration-settings';

export const ADMIN_PAGE_SIZE = 50;

/** The list's tabs: published events, proposals waiting for a decision, rejected proposals. */
export const ADMIN_VIEWS = ['events', 'proposals', 'rejected'] as const;
export type AdminView = (typeof ADMIN_VIEWS)[number];
const MODERATION_OF: Record<AdminView, EventModeration> = {
	events: 'published',
	proposals: 'pending',
	rejected: 'rejected'
};

/** Proposals waiting for a decision (tab label, back-office start page, menu count). */
export async function countPendingProposals(db: Db): Promise<number> {
	const [{ n }] = await db
		.select({ n: count() })
		.from(events)
		.where(eq(events.moderation, 'pending'));
	return n;
}

/**
 * The back office's list, one page of one tab: events still to come by their next date, then
 * past ones, latest first; proposals oldest first (the longest waiting on top).
 */
export async function findEventsForAdmin(
	db: Db,
	{ actor, view = 'events', page = 1 }: { actor: Actor; view?: AdminView; page?: number }
) {
	assertCan(actor, 'events.manage');
	const at = now();
	const next = sql<
		Date | string | null
	>`(select min(${eventOccurrences.startsAt}) from ${eventOccurrences}
				where ${eventOccurrences.eventId} = ${events.id} and ${eventOccurrences.endsAt} > ${at.toISOString()}::timestamptz)`;
	const where = eq(events.moderation, MODERATION_OF[view]);
	const order =
		view === 'events'
			? [sql`${next} is null`, sql`${next} asc`, desc(events.lastEndsAt), desc(events.id)]
			: [asc(events.createdAt), asc(events.id)];
	const [rows, [{ total }], pending, [{ examples }]] = await Promise.all([
		db
			.select({
				id: events.id,
				slug: events.slug,
				title: events.title,
				status: events.status,
				moderation: events.moderation,
				isExample: events.isExample,
				allDay: events.allDay,
				rrule: events.rrule,
				groupName: groups.name,
				organiserName: events.organiserName,
				startsAt: events.startsAt,
				createdAt: events.createdAt,
				next,
				lastEndsAt: events.lastEndsAt
			})
			.from(events)
			.leftJoin(groups, eq(groups.id, events.groupId))
			.where(where)
			.orderBy(...order)
			.limit(ADMIN_PAGE_SIZE)
			.offset((page - 1) * ADMIN_PAGE_SIZE),
		db.select({ total: count() }).from(events).where(where),
		countPendingProposals(db),
		db.select({ examples: count() }).from(events).where(eq(events.isExample, true))
	]);
	return {
		rows: rows.map((r) => ({ ...r, next: r.next ? new Date(r.next) : null })),
		total,
		page,
		pages: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)),
		pending,
		examples
	};
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

function local(instant: Date, zone: string) {
	return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(zone);
}

/**
 * The repeat choice that writes this rule again (event-times.ts), or 'rule' with the text when
 * it was typed by hand or does not fit a choice.
 */
function repeatValues(rule: string | null, first: Temporal.ZonedDateTime, zone: string) {
	if (!rule) return { repeat: 'none' };
	const parts = Object.fromEntries(rule.split(';').map((p) => p.split('='))) as Record<
		string,
		string | undefined
	>;
	const end: Record<string, string> = parts.COUNT
		? { repeatEnd: 'count', count: parts.COUNT }
		: parts.UNTIL
			? {
					repeatEnd: 'until',
					until: local(
						new Date(
							parts.UNTIL.replace(
								/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
								'$1-$2-$3T$4:$5:$6Z'
							)
						),
						zone
					)
						.toPlainDate()
						.toString()
				}
			: { repeatEnd: 'never' };
	const known = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY']);
	const weekday = WEEKDAYS[first.dayOfWeek - 1];
	const interval = parts.INTERVAL ?? '1';
	const exact = Object.keys(parts).every((k) => known.has(k));
	if (exact && parts.FREQ === 'WEEKLY' && !parts.BYDAY && !parts.BYMONTHDAY) {
		return { repeat: 'weekly', interval, ...end };
	}
	if (exact && parts.FREQ === 'MONTHLY' && parts.BYMONTHDAY === String(first.day) && !parts.BYDAY) {
		return { repeat: 'monthly-day', interval, ...end };
	}
	if (exact && parts.FREQ === 'MONTHLY' && !parts.BYMONTHDAY) {
		if (parts.BYDAY === `${Math.ceil(first.day / 7)}${weekday}`) {
			return { repeat: 'monthly-weekday', interval, ...end };
		}
		if (parts.BYDAY === `-1${weekday}`) return { repeat: 'monthly-last-weekday', interval, ...end };
	}
	return { repeat: 'rule', rrule: rule };
}

/** An event as the edit form's values (strings; checkboxes 'on' or ''; lists one per line). */
export async function getEventForEdit(db: Db, { actor, id }: { actor: Actor; id: number }) {
	assertCan(actor, 'events.manage');
	const [event] = await db.select().from(events).where(eq(events.id, id));
	if (!event) throw new DomainError('NOT_FOUND');
	const zone = timeZone();
	const start = local(event.startsAt, zone);
	// An all-day event ends at midnight after its last day.
	const end = local(event.allDay ? new Date(event.endsAt.getTime() - 1) : event.endsAt, zone);
	const sameDay = start.toPlainDate().equals(end.toPlainDate());
	const check = (b: boolean) => (b ? 'on' : '');
	const values: Record<string, string> = {
		title: event.title,
		description: event.description,
		date: start.toPlainDate().toString(),
		startTime: event.allDay ? '' : start.toPlainTime().toString({ smallestUnit: 'minute' }),
		endDate: sameDay ? '' : end.toPlainDate().toString(),
		endTime: event.allDay ? '' : end.toPlainTime().toString({ smallestUnit: 'minute' }),
		allDay: check(event.allDay),
		interval: '',
		repeatEnd: 'never',
		until: '',
		count: '',
		rrule: '',
		...repeatValues(event.rrule, start, zone),
		roomId: event.roomId === null ? '' : String(event.roomId),
		placeName: event.placeName,
		placeAddress: event.placeAddress,
		latitude: event.latitude === null ? '' : String(event.latitude),
		longitude: event.longitude === null ? '' : String(event.longitude),
		groupId: event.groupId === null ? '' : String(event.groupId),
		categories: event.categories.join('\n'),
		targetGroups: event.targetGroups.join('\n'),
		languages: event.languages.join('\n'),
		accessibilityNotes: event.accessibilityNotes,
		wheelchairAccessible: check(event.wheelchairAccessible),
		cost: event.cost,
		isFree: check(event.isFree),
		slug: event.slug,
		...registrationValues(event)
	};
	return {
		event: {
			id: event.id,
			slug: event.slug,
			title: event.title,
			status: event.status,
			isExample: event.isExample,
			sequence: event.sequence,
			moderation: event.moderation,
			/** A proposal's submitter (personal data: shown to content staff only). */
			proposal:
				event.submitterName || event.organiserName || event.moderation !== 'published'
					? {
							submitterName: event.submitterName,
							submitterEmail: event.submitterEmail,
							organiserName: event.organiserName,
							submittedAt: event.createdAt,
							rejectionReason: event.rejectionReason,
							moderatedAt: event.moderatedAt
						}
					: null
		},
		values
	};
}

/** Rooms and groups an event can name, for the form's selects. */
export async function findEventFormChoices(db: Db, { actor }: { actor: Actor }) {
	assertCan(actor, 'events.manage');
	const [groupRows, roomRows] = await Promise.all([
		db
			.select({ id: groups.id, name: groups.name })
			.from(groups)
			.orderBy(asc(groups.name))
			.limit(500),
		findActiveRooms(db)
	]);
	return {
		groups: groupRows.map((g) => ({ value: String(g.id), label: g.name })),
		rooms: roomRows.map((r) => ({ value: String(r.id), label: r.name }))
	};
}
