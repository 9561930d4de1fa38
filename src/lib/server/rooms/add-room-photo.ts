import { count, eq, max } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { roomPhotos, rooms } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError, fieldError } from '../errors';
import { processImage } from '../media/process-image';
import { storeImage } from '../media/store-image';
import { MAX_ROOM_PHOTOS, type RoomPhotoInput } from './room-photos.schemas';

/**
 * Adds a photo to a room, last in its order. The image is processed before the transaction (CPU
 * only); its files, row, the room photo and the audit record are written in one transaction.
 */
export async function addRoomPhoto(
	db: Db,
	{ actor, roomId, input }: { actor: Actor; roomId: number; input: RoomPhotoInput }
) {
	assertCan(actor, 'rooms.manage');
	const image = await processImage(input.photo, { field: 'photo' });
	return db.transaction(async (tx) => {
		// Locks the room: two uploads at once cannot pass the limit or take the same place.
		const [room] = await tx
			.select({ id: rooms.id })
			.from(rooms)
			.where(eq(rooms.id, roomId))
			.for('update');
		if (!room) throw new DomainError('NOT_FOUND', { detail: `room ${roomId}` });
		const [{ n, last }] = await tx
			.select({ n: count(), last: max(roomPhotos.sortOrder) })
			.from(roomPhotos)
			.where(eq(roomPhotos.roomId, roomId));
		if (n >= MAX_ROOM_PHOTOS) {
			throw fieldError(
				'photo',
				() => m.rooms_photos_error_too_many({ max: MAX_ROOM_PHOTOS }),
				'CONFLICT'
			);
		}
		const stored = await storeImage(tx, { actor, image });
		const [photo] = await tx
			.insert(roomPhotos)
			.values({
				roomId,
				imageId: stored.id,
				altText: input.altText,
				sortOrder: (last ?? -1) + 1
			})
			.returning({ id: roomPhotos.id });
		await recordAudit(tx, {
			actor,
			action: 'room.photo-added',
			entity: 'room',
			entityId: roomId,
			before: { photo: null },
			after: { photo: input.altText },
			data: { image: stored.key }
		});
		return photo;
	});
}
