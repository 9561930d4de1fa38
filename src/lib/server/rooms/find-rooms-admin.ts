import { and, asc, eq, gt, gte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { bookings, roomClosures, rooms, venues } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { now, toLocalDate } from '../time';
import { loadRoomWithRules } from './booking-rules';

/** Every room (active or not) for the back-office list, in the public order, with its venue. */
export async function findRoomsForAdmin(db: Db, { actor }: { actor: Actor }) {
	assertCan(actor, 'rooms.manage');
	return db
		.select({
			id: rooms.id,
			name: rooms.name,
			slug: rooms.slug,
			capacity: rooms.capacity,
			active: rooms.active,
			isExample: rooms.isExample,
			venueId: rooms.venueId,
			venueName: venues.name
		})
		.from(rooms)
		.innerJoin(venues, eq(venues.id, rooms.venueId))
		.orderBy(asc(rooms.sortOrder), asc(rooms.name));
}

/**
 * The closures that have not ended yet, in order: of the whole house (`roomName` null) and of
 * single rooms.
 */
export async function findHouseClosures(db: Db, { actor }: { actor: Actor }) {
	assertCan(actor, 'rooms.manage');
	return db
		.select({
			id: roomClosures.id,
			firstDay: roomClosures.firstDay,
			lastDay: roomClosures.lastDay,
			reason: roomClosures.reason,
			roomId: roomClosures.roomId,
			roomName: rooms.name
		})
		.from(roomClosures)
		.leftJoin(rooms, eq(rooms.id, roomClosures.roomId))
		.where(gte(roomClosures.lastDay, toLocalDate(now())))
		.orderBy(asc(roomClosures.firstDay), asc(roomClosures.id));
}

/** A room with its opening hours and its blocks that have not ended yet, for the edit page. */
export async function getRoomForAdmin(db: Db, { actor, id }: { actor: Actor; id: number }) {
	assertCan(actor, 'rooms.manage');
	const { room, hours } = await loadRoomWithRules(db, id);
	const blocks = await db
		.select({
			id: bookings.id,
			startsAt: bookings.startsAt,
			endsAt: bookings.endsAt,
			title: bookings.title,
			note: bookings.note
		})
		.from(bookings)
		.where(
			and(
				eq(bookings.roomId, id),
				eq(bookings.kind, 'block'),
				eq(bookings.status, 'approved'),
				gt(bookings.endsAt, now())
			)
		)
		.orderBy(asc(bookings.startsAt));
	return { room, hours, blocks };
}
