import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concernPhotos } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import { deleteImage, releaseImageFiles } from '../media/delete-image';

/**
 * Staff delete a photo for good (the link, the image row, and after commit its files). The audit
 * keeps that it happened, not the picture.
 */
export async function deleteConcernPhoto(
	db: Db,
	{ actor, concernId, photoId }: { actor: Actor; concernId: number; photoId: number }
): Promise<void> {
	assertCan(actor, 'concerns.manage');
	const removed = await db.transaction(async (tx) => {
		const [row] = await tx
			.delete(concernPhotos)
			.where(and(eq(concernPhotos.id, photoId), eq(concernPhotos.concernId, concernId)))
			.returning();
		if (!row) throw new DomainError('NOT_FOUND', { detail: `photo ${photoId}` });
		const image = await deleteImage(tx, row.imageId);
		await recordAudit(tx, {
			actor,
			action: 'concern.photo-deleted',
			entity: 'concern',
			entityId: concernId,
			data: { photo: photoId, image: image.key }
		});
		return image;
	});
	await releaseImageFiles(db, removed);
}
