import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rooms } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { now } from '../time';
import type { RoomInput } from './room-admin.schemas';
import {
	houseVenueId,
	replaceOpeningHours,
	resolveRoomSlug,
	roomSlugConflict,
	roomVenueId
} from './room-records';

/** A new room of the chosen venue (the main one by default), with its opening hours; never an example. */
export async function createRoom(db: Db, { actor, input }: { actor: Actor; input: RoomInput }) {
	assertCan(actor, 'rooms.manage');
	const { hours, slug: requested, venueId: chosenVenue, ...fields } = input;
	return db
		.transaction(async (tx) => {
			const venueId = await roomVenueId(tx, chosenVenue, () => houseVenueId(tx));
			const slug = await resolveRoomSlug(tx, { requested, name: input.name });
			// A new room comes last in the lists.
			const [{ sortOrder }] = await tx
				.select({ sortOrder: sql<number>`coalesce(max(${rooms.sortOrder}) + 1, 0)::int` })
				.from(rooms);
			const [row] = await tx
				.insert(rooms)
				.values({ ...fields, slug, venueId, sortOrder, isExample: false, updatedAt: now() })
				.returning({ id: rooms.id, slug: rooms.slug });
			await replaceOpeningHours(tx, row.id, hours);
			await recordAudit(tx, {
				actor,
				action: 'room.created',
				entity: 'room',
				entityId: row.id,
				data: { name: input.name, slug, venueId }
			});
			return row;
		})
		.catch(roomSlugConflict);
}
