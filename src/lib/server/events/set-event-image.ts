import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { eventImages, events } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { deleteImage, releaseImageFiles } from '../media/delete-image';
import { processImage } from '../media/process-image';
import { storeImage } from '../media/store-image';
import type { EventImageInput } from './event-image.schemas';

/**
 * Gives an event its image, or replaces the one it has. The upload is processed before the
 * transaction (CPU only); the new image, the link and the audit record are written together, and
 * the replaced image's files go after commit. The event's updated_at (its feeds' Last-Modified)
 * stays: the image is not part of the calendar entry. Cached pages follow event_images' trigger.
 */
export async function setEventImage(
	db: Db,
	{ actor, eventId, input }: { actor: Actor; eventId: number; input: EventImageInput }
) {
	assertCan(actor, 'events.manage');
	const image = await processImage(input.image, { field: 'image' });
	const replaced = await db.transaction(async (tx) => {
		// Locks the event: two uploads at once replace one another in order, none is lost.
		const [event] = await tx
			.select({ id: events.id })
			.from(events)
			.where(eq(events.id, eventId))
			.for('update');
		if (!event) throw new DomainError('NOT_FOUND', { detail: `event ${eventId}` });
		const [previous] = await tx.select().from(eventImages).where(eq(eventImages.eventId, eventId));
		const stored = await storeImage(tx, { actor, image });
		await tx
			.insert(eventImages)
			.values({ eventId, imageId: stored.id, altText: input.altText })
			.onConflictDoUpdate({
				target: eventImages.eventId,
				set: { imageId: stored.id, altText: input.altText }
			});
		const old = previous ? await deleteImage(tx, previous.imageId) : null;
		await recordAudit(tx, {
			actor,
			action: 'event.updated',
			entity: 'event',
			entityId: eventId,
			before: { image: previous?.altText ?? null },
			after: { image: input.altText },
			data: { image: stored.key }
		});
		return old;
	});
	if (replaced) await releaseImageFiles(db, replaced);
	return { eventId };
}
