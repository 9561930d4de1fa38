import type { Db } from '../db/client';
import { roomClosures } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import type { ClosureInput } from './room-admin.schemas';
import { houseVenueId } from './room-records';

/**
 * Closes the whole house from a first to a last day (holidays of the house, renovation): no room
 * can be asked for on these days. Requests already made stay; staff decide about them.
 */
export async function addRoomClosure(
	db: Db,
	{ actor, input }: { actor: Actor; input: ClosureInput }
) {
	assertCan(actor, 'rooms.manage');
	return db.transaction(async (tx) => {
		const venueId = await houseVenueId(tx);
		const [row] = await tx
			.insert(roomClosures)
			.values({ venueId, roomId: null, ...input })
			.returning({ id: roomClosures.id });
		// The house's record: closures belong to it, not to one room.
		await recordAudit(tx, {
			actor,
			action: 'venue.updated',
			entity: 'venue',
			entityId: venueId,
			before: { closure: null },
			after: { closure: closureText(input) }
		});
		return row;
	});
}

export const closureText = (c: { firstDay: string; lastDay: string; reason: string }) =>
	`${c.firstDay}–${c.lastDay}: ${c.reason}`;
