import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rooms } from '../db/schema';
import { changes } from '../audit/changes';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { now } from '../time';
import { loadRoomWithRules } from './booking-rules';
import type { RoomInput } from './room-admin.schemas';
import {
	hoursSummary,
	replaceOpeningHours,
	resolveRoomSlug,
	roomSlugConflict,
	roomVenueId
} from './room-records';

/**
 * Saves a room and replaces its opening hours, in one transaction. Saving makes it a real room
 * (no longer an example). Bookings already made stay as they are.
 */
export async function updateRoom(
	db: Db,
	{ actor, id, input }: { actor: Actor; id: number; input: RoomInput }
) {
	assertCan(actor, 'rooms.manage');
	const { hours, slug: requested, venueId: chosenVenue, ...fields } = input;
	return db
		.transaction(async (tx) => {
			const [locked] = await tx
				.select({ id: rooms.id })
				.from(rooms)
				.where(eq(rooms.id, id))
				.for('update');
			if (!locked) throw new DomainError('NOT_FOUND', { detail: `room ${id}` });
			const before = await loadRoomWithRules(tx, id);
			const slug = await resolveRoomSlug(tx, { requested, name: input.name, selfId: id });
			// Without a choice (one venue only) the room stays where it is.
			const venueId = await roomVenueId(tx, chosenVenue, async () => before.room.venueId);
			const [row] = await tx
				.update(rooms)
				.set({ ...fields, slug, venueId, isExample: false, updatedAt: now() })
				.where(eq(rooms.id, id))
				.returning({ id: rooms.id, slug: rooms.slug });
			await replaceOpeningHours(tx, id, hours);
			await recordAudit(tx, {
				actor,
				action: 'room.updated',
				entity: 'room',
				entityId: id,
				...changes(
					{ ...before.room, openingHours: hoursSummary(before.hours) },
					{
						...fields,
						slug,
						venueId,
						isExample: false,
						openingHours: hoursSummary(hours)
					}
				)
			});
			return row;
		})
		.catch(roomSlugConflict);
}
