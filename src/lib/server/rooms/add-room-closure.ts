import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { roomClosures, rooms } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { fieldError } from '../errors';
import type { ClosureInput } from './room-admin.schemas';
import { houseVenueId } from './room-records';

/**
 * Closes the whole house (no `roomId`) or one of its rooms from a first to a last day (holidays
 * of the house, renovation): that room, or every room, cannot be asked for on these days.
 * Requests already made stay; staff decide about them.
 */
export async function addRoomClosure(
	db: Db,
	{
		actor,
		input
	}: { actor: Actor; input: Omit<ClosureInput, 'roomId'> & { roomId?: number | null } }
) {
	assertCan(actor, 'rooms.manage');
	const { roomId = null, ...days } = input;
	return db.transaction(async (tx) => {
		const venueId = await houseVenueId(tx);
		if (roomId !== null) {
			const [room] = await tx
				.select({ venueId: rooms.venueId })
				.from(rooms)
				.where(eq(rooms.id, roomId));
			if (room?.venueId !== venueId) {
				throw fieldError('roomId', () => m.rooms_closure_error_room());
			}
		}
		const [row] = await tx
			.insert(roomClosures)
			.values({ venueId, roomId, ...days })
			.returning({ id: roomClosures.id });
		// The record it belongs to: the room's, or the house's for the whole house.
		await recordAudit(tx, {
			actor,
			...closureRecord({ venueId, roomId }),
			before: { closure: null },
			after: { closure: closureText(days) }
		});
		return row;
	});
}

export const closureText = (c: { firstDay: string; lastDay: string; reason: string }) =>
	`${c.firstDay}–${c.lastDay}: ${c.reason}`;

/** Where a closure's history goes: the room's record, or the house's. */
export const closureRecord = (c: { venueId: number; roomId: number | null }) =>
	c.roomId === null
		? ({ action: 'venue.updated', entity: 'venue', entityId: c.venueId } as const)
		: ({ action: 'room.updated', entity: 'room', entityId: c.roomId } as const);
