import { count, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { images } from '../db/schema';
import { DomainError } from '../errors';
import { logger } from '../logger';
import { imageFileNames, removeImageFiles } from './image-files';
import { lockImageKey } from './store-image';

/**
 * Deletes an image's row in the caller's transaction. Its files must outlive a rollback, so they
 * go only after commit: the caller passes the result to releaseImageFiles once committed.
 */
export async function deleteImage(
	tx: Db | Tx,
	id: number
): Promise<{ key: string; width: number }> {
	const [row] = await tx
		.delete(images)
		.where(eq(images.id, id))
		.returning({ key: images.key, width: images.width });
	if (!row) throw new DomainError('NOT_FOUND', { detail: `image ${id}` });
	return row;
}

/**
 * After commit: removes the files of a deleted image unless another upload of the same picture
 * still uses them. The key lock orders this with a storeImage that is writing the same files.
 * A failure leaves orphan files (logged), never a row without its files.
 */
export async function releaseImageFiles(
	db: Db,
	image: { key: string; width: number }
): Promise<void> {
	try {
		await db.transaction(async (tx) => {
			await lockImageKey(tx, image.key);
			const [{ n }] = await tx.select({ n: count() }).from(images).where(eq(images.key, image.key));
			if (n === 0) await removeImageFiles(imageFileNames(image));
		});
	} catch (err) {
		logger.warn({ err, key: image.key }, 'image files not removed');
	}
}
