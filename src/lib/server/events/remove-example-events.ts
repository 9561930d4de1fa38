import { and, eq, inArray, notExists } from 'drizzle-orm';
import type { Db } from '../db/client';
import { events, groups } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { holdEventRoom } from './room-hold';

/**
 * Removes the seeded example events (their dates go with them) and the example groups that no
 * other event names, in one action with one audit entry. Real events and groups are untouched,
 * also when staff edited an example: the flag decides.
 */
export async function removeExampleEvents(
	db: Db,
	{ actor }: { actor: Actor }
): Promise<{ events: number; groups: number }> {
	assertCan(actor, 'events.manage');
	return db.transaction(async (tx) => {
		const examples = await tx
			.select({
				id: events.id,
				title: events.title,
				roomId: events.roomId,
				isExample: events.isExample
			})
			.from(events)
			.where(eq(events.isExample, true));
		for (const example of examples) {
			await holdEventRoom(tx, {
				actor,
				event: { ...example, status: 'cancelled', moderation: 'published' },
				dates: []
			});
		}
		const ids = examples.map((e) => e.id);
		if (ids.length) await tx.delete(events).where(inArray(events.id, ids));
		const removedGroups = await tx
			.delete(groups)
			.where(
				and(
					eq(groups.isExample, true),
					notExists(tx.select({ id: events.id }).from(events).where(eq(events.groupId, groups.id)))
				)
			)
			.returning({ id: groups.id });
		await recordAudit(tx, {
			actor,
			action: 'event.examples-removed',
			entity: 'event',
			data: { events: examples.map((e) => e.title), groups: removedGroups.length }
		});
		return { events: ids.length, groups: removedGroups.length };
	});
}
