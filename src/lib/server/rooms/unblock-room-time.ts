import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { bookings } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { blockText } from './block-room-time';

/** Frees a blocked time again: the block is cancelled (kept, so the history still shows it). */
export async function unblockRoomTime(
	db: Db,
	{ actor, roomId, bookingId }: { actor: Actor; roomId: number; bookingId: number }
) {
	assertCan(actor, 'rooms.manage');
	return db.transaction(async (tx) => {
		const [row] = await tx
			.update(bookings)
			.set({ status: 'cancelled' })
			.where(
				and(
					eq(bookings.id, bookingId),
					eq(bookings.roomId, roomId),
					eq(bookings.kind, 'block'),
					eq(bookings.status, 'approved')
				)
			)
			.returning();
		if (!row) throw new DomainError('NOT_FOUND', { detail: `block ${bookingId}` });
		await recordAudit(tx, {
			actor,
			action: 'room.updated',
			entity: 'room',
			entityId: roomId,
			before: { block: blockText({ start: row.startsAt, end: row.endsAt, title: row.title }) },
			after: { block: null }
		});
		return { id: row.id };
	});
}
