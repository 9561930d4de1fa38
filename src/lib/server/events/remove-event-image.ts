import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { eventImages } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { deleteImage, releaseImageFiles } from '../media/delete-image';

/**
 * Removes an event's image; its files go after commit. The event's updated_at stays: the image
 * is not part of its calendar entry, so subscribed calendars need not fetch it again.
 */
export async function removeEventImage(
	db: Db,
	{ actor, eventId }: { actor: Actor; eventId: number }
) {
	assertCan(actor, 'events.manage');
	const removed = await db.transaction(async (tx) => {
		const [row] = await tx.delete(eventImages).where(eq(eventImages.eventId, eventId)).returning();
		if (!row) throw new DomainError('NOT_FOUND', { detail: `image of event ${eventId}` });
		const image = await deleteImage(tx, row.imageId);
		await recordAudit(tx, {
			actor,
			action: 'event.updated',
			entity: 'event',
			entityId: eventId,
			before: { image: row.altText },
			after: { image: null },
			data: { image: image.key }
		});
		return image;
	});
	await releaseImageFiles(db, removed);
	return { eventId };
}
