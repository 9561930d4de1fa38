import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { events } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { now } from '../time';
import { holdEventRoom } from './room-hold';
import { mailRegistrationsOfCancelledEvent } from './notify-registrations';

/**
 * Cancels a whole event (every date). It stays listed and in the feeds as cancelled, so people
 * who planned to come learn of it, and its room is released. Cancelling twice is an
 * INVALID_TRANSITION, not a second SEQUENCE.
 */
export async function cancelEvent(
	db: Db,
	{ actor, id }: { actor: Actor; id: number }
): Promise<void> {
	assertCan(actor, 'events.manage');
	await db.transaction(async (tx) => {
		const [before] = await tx
			.select({
				id: events.id,
				status: events.status,
				title: events.title,
				roomId: events.roomId,
				isExample: events.isExample,
				moderation: events.moderation
			})
			.from(events)
			.where(eq(events.id, id))
			.for('update');
		if (!before) throw new DomainError('NOT_FOUND');
		if (before.status === 'cancelled') throw new DomainError('INVALID_TRANSITION');
		await tx
			.update(events)
			.set({ status: 'cancelled', sequence: sql`${events.sequence} + 1`, updatedAt: now() })
			.where(eq(events.id, id));
		await holdEventRoom(tx, {
			actor,
			event: { ...before, status: 'cancelled' },
			dates: []
		});
		await mailRegistrationsOfCancelledEvent(tx, id);
		await recordAudit(tx, {
			actor,
			action: 'event.cancelled',
			entity: 'event',
			entityId: id,
			before: { status: before.status },
			after: { status: 'cancelled' }
		});
	});
}
