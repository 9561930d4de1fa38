import { and, eq, inArray, notExists } from 'drizzle-orm';
import type { Db } from '../db/client';
import { eventImages, events, groups } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { deleteImage, releaseImageFiles } from '../media/delete-image';
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
	const { result, images } = await db.transaction(async (tx) => {
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
		// An event's image row would go with it (cascade) but not the image: delete those here.
		const linked = ids.length
			? await tx
					.delete(eventImages)
					.where(inArray(eventImages.eventId, ids))
					.returning({ imageId: eventImages.imageId })
			: [];
		const images = [];
		for (const { imageId } of linked) images.push(await deleteImage(tx, imageId));
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
		return { result: { events: ids.length, groups: removedGroups.length }, images };
	});
	for (const image of images) await releaseImageFiles(db, image);
	return result;
}
