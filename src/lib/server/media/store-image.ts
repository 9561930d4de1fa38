import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { images } from '../db/schema';
import { ANONYMOUS, actorUserId, type Actor } from '../auth/actor';
import { writeImageFiles } from './image-files';
import type { ProcessedImage } from './process-image';

export type StoredImage = typeof images.$inferSelect;

/**
 * Stores a processed image (processImage) in the caller's transaction: its files first, then the
 * row. If the transaction fails, the files stay behind unused (harmless); a row never points to a
 * file that is not there. The caller checks permissions: an image belongs to what it shows.
 */
export async function storeImage(
	// A transaction, not the database: the key lock must hold until the row is committed.
	tx: Tx,
	{ actor = ANONYMOUS, image }: { actor?: Actor; image: ProcessedImage }
): Promise<StoredImage> {
	// Files are shared by every upload of the same picture: hold the key until commit, so that
	// releaseImageFiles of an earlier upload cannot remove them between this write and commit.
	await lockImageKey(tx, image.key);
	await writeImageFiles(image.files);
	const [row] = await tx
		.insert(images)
		.values({
			key: image.key,
			width: image.width,
			height: image.height,
			bytes: image.bytes,
			mime: image.mime,
			createdBy: actorUserId(actor)
		})
		.returning();
	return row;
}

/** A transaction-scoped lock on one image key (released at commit or rollback). */
export async function lockImageKey(tx: Db | Tx, key: string): Promise<void> {
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`media:${key}`}))`);
}
