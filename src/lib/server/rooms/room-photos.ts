import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { images, roomPhotos } from '../db/schema';
import { imageView, type ImageView } from '../media/image-view';
import { MAX_ROOM_PHOTOS } from './room-photos.schemas';

/** A room's photo as pages show it (public: rooms' photos are shown to everyone). */
export interface RoomPhotoView {
	id: number;
	altText: string;
	image: ImageView;
}

const columns = {
	id: roomPhotos.id,
	roomId: roomPhotos.roomId,
	altText: roomPhotos.altText,
	key: images.key,
	width: images.width,
	height: images.height
};

const view = (row: {
	id: number;
	altText: string;
	key: string;
	width: number;
	height: number;
}) => ({
	id: row.id,
	altText: row.altText,
	image: imageView(row)
});

/** A room's photos in their order. */
export async function findRoomPhotos(db: Db, roomId: number): Promise<RoomPhotoView[]> {
	const rows = await db
		.select(columns)
		.from(roomPhotos)
		.innerJoin(images, eq(images.id, roomPhotos.imageId))
		.where(eq(roomPhotos.roomId, roomId))
		.orderBy(asc(roomPhotos.sortOrder), asc(roomPhotos.id))
		.limit(MAX_ROOM_PHOTOS);
	return rows.map(view);
}

/** The first photo of each of these rooms (for the list of rooms), by room id. */
export async function findFirstRoomPhotos(
	db: Db,
	roomIds: number[]
): Promise<Record<number, RoomPhotoView>> {
	if (roomIds.length === 0) return {};
	const rows = await db
		.selectDistinctOn([roomPhotos.roomId], columns)
		.from(roomPhotos)
		.innerJoin(images, eq(images.id, roomPhotos.imageId))
		.where(inArray(roomPhotos.roomId, roomIds))
		.orderBy(asc(roomPhotos.roomId), asc(roomPhotos.sortOrder), asc(roomPhotos.id));
	return Object.fromEntries(rows.map((row) => [row.roomId, view(row)]));
}
