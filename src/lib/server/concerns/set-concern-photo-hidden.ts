import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concernPhotos } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import { now } from '../time';

/**
 * Staff hide a photo that shows people or number plates (it stays for staff only) or show it
 * again. One conditional UPDATE; the photo must belong to the concern named in the address.
 */
export async function setConcernPhotoHidden(
	db: Db,
	{
		actor,
		concernId,
		photoId,
		hidden
	}: { actor: Actor; concernId: number; photoId: number; hidden: boolean }
): Promise<{ changed: boolean }> {
	assertCan(actor, 'concerns.manage');
	return db.transaction(async (tx) => {
		const [row] = await tx
			.update(concernPhotos)
			.set(
				hidden
					? { hiddenAt: now(), hiddenBy: actorUserId(actor) }
					: { hiddenAt: null, hiddenBy: null }
			)
			.where(
				and(
					eq(concernPhotos.id, photoId),
					eq(concernPhotos.concernId, concernId),
					hidden ? isNull(concernPhotos.hiddenAt) : isNotNull(concernPhotos.hiddenAt)
				)
			)
			.returning({ id: concernPhotos.id });
		if (!row) {
			const [exists] = await tx
				.select({ id: concernPhotos.id })
				.from(concernPhotos)
				.where(and(eq(concernPhotos.id, photoId), eq(concernPhotos.concernId, concernId)));
			if (!exists) throw new DomainError('NOT_FOUND', { detail: `photo ${photoId}` });
			return { changed: false };
		}
		await recordAudit(tx, {
			actor,
			action: hidden ? 'concern.photo-hidden' : 'concern.photo-shown',
			entity: 'concern',
			entityId: concernId,
			data: { photo: photoId }
		});
		return { changed: true };
	});
}
