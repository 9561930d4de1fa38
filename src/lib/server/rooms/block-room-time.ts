import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { formatTimeSpan } from '$lib/format';
import type { Db } from '../db/client';
import { bookings, rooms } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { timeZone } from '../time';
import { occupied } from './availability';
import type { BlockInput } from './room-admin.schemas';
import { isOverlap, takenErrorForSlots } from './taken-error';
import { expandRequestedDates } from './series';

/**
 * Takes a room out of booking for a time (maintenance, internal use): an approved booking of kind
 * `block`, holding the room until its end plus the room's buffer. Opening hours and closing days
 * do not apply (staff may block any time). A time that overlaps a holding booking is refused by
 * the database's exclusion constraint: CONFLICT (409) naming the booking in the way.
 */
export async function blockRoomTime(
	db: Db,
	{ actor, roomId, input }: { actor: Actor; roomId: number; input: BlockInput }
) {
	assertCan(actor, 'rooms.manage');
	const [slot] = expandRequestedDates({ ...input, repeat: { kind: 'once' } });
	try {
		return await db.transaction(async (tx) => {
			const [room] = await tx
				.select({ bufferMinutes: rooms.bufferMinutes })
				.from(rooms)
				.where(eq(rooms.id, roomId));
			if (!room) throw new DomainError('NOT_FOUND', { detail: `room ${roomId}` });
			const [row] = await tx
				.insert(bookings)
				.values({
					roomId,
					kind: 'block',
					status: 'approved',
					title: input.title,
					note: input.note,
					startsAt: slot.start,
					endsAt: slot.end,
					occupiedUntil: occupied(slot, room.bufferMinutes).until,
					createdBy: actorUserId(actor)
				})
				.returning({ id: bookings.id });
			await recordAudit(tx, {
				actor,
				action: 'booking.blocked',
				entity: 'room',
				entityId: roomId,
				data: { booking: row.id, when: blockText({ ...slot, title: input.title }) }
			});
			return row;
		});
	} catch (err) {
		if (!isOverlap(err)) throw err;
		throw await takenErrorForSlots(
			db,
			{ roomId, slots: [slot] },
			{ message: (when) => () => m.rooms_admin_error_block_taken({ when }) }
		);
	}
}

/** A block as one line for the record history: "Mi., 18.11.2026, 10:00–12:00 Wartung". */
export const blockText = (b: { start: Date; end: Date; title: string }) =>
	`${formatTimeSpan(b.start, b.end, { timeZone: timeZone() })} ${b.title}`;
