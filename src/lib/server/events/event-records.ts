import { and, asc, eq, like, ne, notInArray, or, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Tx } from '../db/client';
import { eventOccurrences, events, groups, rooms } from '../db/schema';
import { fieldError, sqlStateOf } from '../errors';
import { SLUG_MAX, SLUG_PATTERN, slugify } from '../notices/slugify';
import type { Occurrence } from '../calendar/recurrence';
import type { EventInput } from './events.schemas';
import type { Actor } from '../auth/actor';
import { holdEventRoom, type EventPlacement } from './room-hold';
import { syncDateCapacity } from './registration-settings';

/*
 * What the event use cases (create, update, cancel, seed) share: the slug, the place and
 * organiser checks, and writing the materialised dates.
 */

/**
 * Addresses under /veranstaltungen/ that are pages of their own, not events: the proposal form
 * and its status page, the month view, the print view.
 */
export const RESERVED_EVENT_SLUGS = new Set(['vorschlagen', 'vorschlag', 'monat', 'druck']);

/** A date is cancelled when its event is, or when this one date of a series is. */
export const dateStatus = sql<string>`case when ${eventOccurrences.cancelled} then 'cancelled' else ${events.status} end`;

/** The slug to store: the one staff typed, or one made from the title, numbered when taken. */
export async function resolveEventSlug(
	tx: Tx,
	{ requested, title, selfId }: { requested: string; title: string; selfId?: number }
): Promise<string> {
	if (requested) {
		if (
			requested.length > SLUG_MAX ||
			!SLUG_PATTERN.test(requested) ||
			RESERVED_EVENT_SLUGS.has(requested)
		) {
			throw fieldError('slug', () => m.events_error_slug());
		}
		return requested;
	}
	const base = slugify(title) || 'veranstaltung';
	const others = selfId === undefined ? undefined : ne(events.id, selfId);
	const taken = await tx
		.select({ slug: events.slug })
		.from(events)
		.where(and(or(eq(events.slug, base), like(events.slug, `${base}-%`)), others))
		.limit(1000);
	const used = new Set([...RESERVED_EVENT_SLUGS, ...taken.map((r) => r.slug)]);
	if (!used.has(base)) return base;
	for (let n = 2; ; n++) {
		if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
	}
}

/** A unique violation on the slug (a typed slug in use, or two events saved at once). */
export function eventSlugConflict(err: unknown): never {
	if (sqlStateOf(err) === '23505') {
		throw fieldError('slug', () => m.events_error_slug_taken(), 'CONFLICT');
	}
	throw err;
}

/** The place and organiser exist, and an event has exactly one kind of place. */
export async function checkPlaceAndOrganiser(tx: Tx, input: EventInput): Promise<void> {
	if (input.roomId !== null) {
		const [room] = await tx
			.select({ id: rooms.id, active: rooms.active })
			.from(rooms)
			.where(eq(rooms.id, input.roomId));
		if (!room || !room.active) throw fieldError('roomId', () => m.events_error_room());
	} else if (!input.placeName) {
		throw fieldError('placeName', () => m.events_error_place_missing());
	}
	if ((input.latitude === null) !== (input.longitude === null)) {
		throw fieldError(input.latitude === null ? 'latitude' : 'longitude', () =>
			m.events_error_coordinates()
		);
	}
	if (input.groupId !== null) {
		const [group] = await tx
			.select({ id: groups.id })
			.from(groups)
			.where(eq(groups.id, input.groupId));
		if (!group) throw fieldError('groupId', () => m.events_error_group());
	}
}

/** The columns an input sets (times and rule come from event-times.ts). */
export function eventColumns(input: EventInput) {
	const inRoom = input.roomId !== null;
	return {
		title: input.title,
		description: input.description,
		roomId: input.roomId,
		// A room of the house has its own name and address; the fields stay for another place.
		placeName: inRoom ? '' : input.placeName,
		placeAddress: inRoom ? '' : input.placeAddress,
		latitude: inRoom ? null : input.latitude,
		longitude: inRoom ? null : input.longitude,
		groupId: input.groupId,
		categories: input.categories,
		targetGroups: input.targetGroups,
		languages: input.languages,
		accessibilityNotes: input.accessibilityNotes,
		wheelchairAccessible: input.wheelchairAccessible,
		cost: input.isFree ? '' : input.cost,
		isFree: input.isFree
	};
}

/**
 * Replaces an event's stored dates (in the caller's transaction) and asks the room, if any, to
 * hold them. A date that stays (same original start) keeps its row and id, so what is attached
 * to one date (registrations, a single-date change) survives an edit or an extension: a date
 * staff moved keeps its times, a cancelled one stays cancelled. The room holds what is stored
 * now, so a cancelled date does not hold it and a moved one holds it at its new time.
 */
export async function writeOccurrences(
	tx: Tx,
	actor: Actor,
	event: EventPlacement,
	dates: Occurrence[]
): Promise<void> {
	const kept = dates.map((d) => d.originalStart);
	await tx
		.delete(eventOccurrences)
		.where(
			and(
				eq(eventOccurrences.eventId, event.id),
				kept.length > 0 ? notInArray(eventOccurrences.originalStart, kept) : undefined
			)
		);
	if (dates.length > 0) {
		await tx
			.insert(eventOccurrences)
			.values(
				dates.map((d) => ({
					eventId: event.id,
					startsAt: d.start,
					endsAt: d.end,
					originalStart: d.originalStart
				}))
			)
			.onConflictDoUpdate({
				target: [eventOccurrences.eventId, eventOccurrences.originalStart],
				set: {
					startsAt: sql`case when ${eventOccurrences.moved} then ${eventOccurrences.startsAt} else excluded.starts_at end`,
					endsAt: sql`case when ${eventOccurrences.moved} then ${eventOccurrences.endsAt} else excluded.ends_at end`
				}
			});
	}
	await syncDateCapacity(tx, event.id);
	await holdEventRoom(tx, { actor, event, dates: await heldDates(tx, event.id) });
}

/** The stored dates of an event that take place (not cancelled), as the room should hold them. */
export async function heldDates(tx: Tx, eventId: number): Promise<Occurrence[]> {
	const rows = await tx
		.select({
			originalStart: eventOccurrences.originalStart,
			start: eventOccurrences.startsAt,
			end: eventOccurrences.endsAt
		})
		.from(eventOccurrences)
		.where(and(eq(eventOccurrences.eventId, eventId), eq(eventOccurrences.cancelled, false)))
		.orderBy(asc(eventOccurrences.startsAt));
	return rows;
}
