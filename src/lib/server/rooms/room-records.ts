import { and, asc, eq, like, ne, or } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Tx } from '../db/client';
import { roomOpeningHours, rooms, venues } from '../db/schema';
import { DomainError, fieldError, sqlStateOf } from '../errors';
import { SLUG_MAX, SLUG_PATTERN, slugify } from '../notices/slugify';
import type { OpeningHours } from './booking-rules';
import { weekdayName } from './room-admin.schemas';

/*
 * What the room use cases (create, update, closures) share: the house the rooms belong to, the
 * slug, and the opening hours as one row per weekday.
 */

/** The house whose rooms the back office manages (the first venue, as the seed does). */
export async function houseVenueId(tx: Tx): Promise<number> {
	const [venue] = await tx.select({ id: venues.id }).from(venues).orderBy(asc(venues.id)).limit(1);
	if (!venue) throw new DomainError('NOT_FOUND', { detail: 'no venue' });
	return venue.id;
}

/**
 * The venue a room is saved in: the chosen one (it must exist; locked so that it is not deleted
 * meanwhile), else `fallback` (the main venue for a new room, the room's own when editing).
 */
export async function roomVenueId(
	tx: Tx,
	chosen: number | null,
	fallback: () => Promise<number>
): Promise<number> {
	if (chosen === null) return fallback();
	const [venue] = await tx
		.select({ id: venues.id })
		.from(venues)
		.where(eq(venues.id, chosen))
		.for('share');
	if (!venue) {
		throw fieldError('venueId', () => m.error_invalid_choice({ field: m.venues_room_venue() }));
	}
	return venue.id;
}

/**
 * The slug to store: the one staff typed (checked, never changed behind their back), or one made
 * from the name with a number appended when another room has it (as news posts do).
 */
export async function resolveRoomSlug(
	tx: Tx,
	{ requested, name, selfId }: { requested: string; name: string; selfId?: number }
): Promise<string> {
	if (requested) {
		if (requested.length > SLUG_MAX || !SLUG_PATTERN.test(requested)) {
			throw fieldError('slug', () => m.rooms_admin_error_slug());
		}
		return requested;
	}
	const base = slugify(name) || 'raum';
	const others = selfId === undefined ? undefined : ne(rooms.id, selfId);
	const taken = await tx
		.select({ slug: rooms.slug })
		.from(rooms)
		.where(and(or(eq(rooms.slug, base), like(rooms.slug, `${base}-%`)), others))
		.limit(1000);
	const used = new Set(taken.map((r) => r.slug));
	if (!used.has(base)) return base;
	for (let n = 2; ; n++) {
		if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
	}
}

/** A unique violation on the slug (a typed slug in use, or two rooms saved at once). */
export function roomSlugConflict(err: unknown): never {
	if (sqlStateOf(err) === '23505') {
		throw fieldError('slug', () => m.rooms_admin_error_slug_taken(), 'CONFLICT');
	}
	throw err;
}

/** Replaces a room's opening hours (in the caller's transaction). */
export async function replaceOpeningHours(tx: Tx, roomId: number, hours: OpeningHours[]) {
	await tx.delete(roomOpeningHours).where(eq(roomOpeningHours.roomId, roomId));
	if (hours.length === 0) return;
	await tx
		.insert(roomOpeningHours)
		.values(hours.map((h) => ({ roomId, weekday: h.weekday, opens: h.opens, closes: h.closes })));
}

/** The opening hours as one line for the record history: "Montag 09:00–20:00, …". */
export function hoursSummary(hours: OpeningHours[]): string {
	if (hours.length === 0) return m.rooms_admin_hours_none();
	return [...hours]
		.sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens))
		.map((h) => `${weekdayName(h.weekday)} ${h.opens.slice(0, 5)}–${h.closes.slice(0, 5)}`)
		.join(', ');
}
