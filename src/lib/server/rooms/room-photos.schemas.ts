import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { field } from '../form';
import { imageFile } from '../media/media.schemas';
import { recordId } from './room-admin.schemas';

/** A room may show this many photos: the public page stays light, the list bounded. */
export const MAX_ROOM_PHOTOS = 12;

export const roomPhotoSchema = z.object({
	photo: imageFile(() => m.rooms_photos_field_file()),
	altText: field.text(() => m.rooms_photos_field_alt(), 300, {
		hint: () => m.rooms_photos_field_alt_hint()
	})
});
export type RoomPhotoInput = z.output<typeof roomPhotoSchema>;

export const removeRoomPhotoSchema = z.object({
	photo: recordId(() => m.rooms_photos_heading())
});
