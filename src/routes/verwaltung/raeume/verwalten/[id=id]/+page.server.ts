import { m } from '$lib/paraglide/messages.js';
import { loadRecordHistory } from '$lib/server/audit/load-record-history';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { describeForm } from '$lib/server/form-meta';
import { config } from '$lib/server/config';
import { megabytes } from '$lib/server/media/process-image';
import { addRoomPhoto } from '$lib/server/rooms/add-room-photo';
import { blockRoomTime } from '$lib/server/rooms/block-room-time';
import { getRoomForAdmin } from '$lib/server/rooms/find-rooms-admin';
import {
	blockSchema,
	roomFields,
	roomSchema,
	unblockSchema
} from '$lib/server/rooms/room-admin.schemas';
import { removeRoomPhoto } from '$lib/server/rooms/remove-room-photo';
import { findRoomPhotos } from '$lib/server/rooms/room-photos';
import { removeRoomPhotoSchema, roomPhotoSchema } from '$lib/server/rooms/room-photos.schemas';
import { unblockRoomTime } from '$lib/server/rooms/unblock-room-time';
import { updateRoom } from '$lib/server/rooms/update-room';
import { findVenues } from '$lib/server/site/get-site';
import { roomFormValues, venueOptions } from '../room-form-values';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = permitted(event, 'rooms.manage');
	const id = Number(event.params.id);
	const { room, hours, blocks } = await orErrorPage(
		event,
		getRoomForAdmin(event.locals.db, { actor, id })
	);
	const venues = await findVenues(event.locals.db);
	return {
		room: { id: room.id, name: room.name, slug: room.slug, isExample: room.isExample },
		values: roomFormValues(room, hours),
		fields: describeForm(roomFields),
		venues: venueOptions(venues),
		blockFields: describeForm(blockSchema),
		blocks,
		photos: await findRoomPhotos(event.locals.db, id),
		photoFields: describeForm(roomPhotoSchema),
		imageMaxMb: megabytes(config().IMAGE_MAX_BYTES),
		history: await loadRecordHistory(
			event,
			{ entity: 'room', id },
			{
				form: roomFields,
				fields: {
					stepFree: m.rooms_admin_field_step_free(),
					accessibleToilet: m.rooms_admin_field_accessible_toilet(),
					hearingLoop: m.rooms_admin_field_hearing_loop(),
					active: m.rooms_admin_field_active(),
					isExample: m.rooms_admin_history_example(),
					openingHours: m.rooms_admin_hours_legend(),
					block: m.rooms_admin_history_block(),
					photo: m.rooms_photos_history_photo()
				},
				values: { venueId: Object.fromEntries(venues.map((v) => [v.id, v.name])) }
			}
		)
	};
};

const roomId = (event: { params: Partial<Record<string, string>> }) => Number(event.params.id);

export const actions: Actions = {
	save: backOfficeAction({
		permission: 'rooms.manage',
		schema: roomSchema,
		failData: { form: 'room' },
		run: (input, { db, actor, event }) => updateRoom(db, { actor, id: roomId(event), input }),
		redirect: { to: '/verwaltung/raeume/verwalten', flash: 'saved' }
	}),
	block: backOfficeAction({
		permission: 'rooms.manage',
		schema: blockSchema,
		failData: { form: 'block' },
		run: (input, { db, actor, event }) =>
			blockRoomTime(db, { actor, roomId: roomId(event), input }),
		redirect: (_, { event }) => `/verwaltung/raeume/verwalten/${roomId(event)}?gesperrt=1#sperren`
	}),
	// A multipart form: the only action that may send more than BODY_SIZE_LIMIT (ops/body-limit.ts).
	addPhoto: backOfficeAction({
		permission: 'rooms.manage',
		schema: roomPhotoSchema,
		failData: { form: 'photo' },
		run: (input, { db, actor, event }) => addRoomPhoto(db, { actor, roomId: roomId(event), input }),
		redirect: (_, { event }) => `/verwaltung/raeume/verwalten/${roomId(event)}?foto=1#fotos`
	}),
	removePhoto: backOfficeAction({
		permission: 'rooms.manage',
		schema: removeRoomPhotoSchema,
		failData: { form: 'removePhoto' },
		run: ({ photo }, { db, actor, event }) =>
			removeRoomPhoto(db, { actor, roomId: roomId(event), photoId: photo }),
		redirect: (_, { event }) =>
			`/verwaltung/raeume/verwalten/${roomId(event)}?foto-entfernt=1#fotos`
	}),
	unblock: backOfficeAction({
		permission: 'rooms.manage',
		schema: unblockSchema,
		failData: { form: 'unblock' },
		run: ({ block }, { db, actor, event }) =>
			unblockRoomTime(db, { actor, roomId: roomId(event), bookingId: block }),
		redirect: (_, { event }) =>
			`/verwaltung/raeume/verwalten/${roomId(event)}?freigegeben=1#sperren`
	})
};
