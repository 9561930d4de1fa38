import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { roomPhotos } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { deleteImage, releaseImageFiles } from '../media/delete-image';

/** Removes a room's photo and its image; the files go after commit. */
export async function removeRoomPhoto(
	db: Db,
	{ actor, roomId, photoId }: { actor: Actor; roomId: number; photoId: number }
) {
	assertCan(actor, 'rooms.manage');
	const removed = await db.transaction(async (tx) => {
		const [photo] = await tx
			.delete(roomPhotos)
			.where(and(eq(roomPhotos.id, photoId), eq(roomPhotos.roomId, roomId)))
			.returning();
		if (!photo) throw new DomainError('NOT_FOUND', { detail: `room photo ${photoId}` });
		const image = await deleteImage(tx, photo.imageId);
		await recordAudit(tx, {
			actor,
			action: 'room.photo-removed',
			entity: 'room',
			entityId: roomId,
			before: { photo: photo.altText },
			after: { photo: null },
			data: { image: image.key }
		});
		return image;
	});
	await releaseImageFiles(db, removed);
	return { id: photoId };
}
