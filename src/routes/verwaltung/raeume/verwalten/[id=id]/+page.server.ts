import { m } from '$lib/paraglide/messages.js';
import { loadRecordHistory } from '$lib/server/audit/load-record-history';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { describeForm } from '$lib/server/form-meta';
import { blockRoomTime } from '$lib/server/rooms/block-room-time';
import { getRoomForAdmin } from '$lib/server/rooms/find-rooms-admin';
import {
	blockSchema,
	roomFields,
	roomSchema,
	unblockSchema
} from '$lib/server/rooms/room-admin.schemas';
import { unblockRoomTime } from '$lib/server/rooms/unblock-room-time';
import { updateRoom } from '$lib/server/rooms/update-room';
import { roomFormValues } from '../room-form-values';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = permitted(event, 'rooms.manage');
	const id = Number(event.params.id);
	const { room, hours, blocks } = await orErrorPage(
		event,
		getRoomForAdmin(event.locals.db, { actor, id })
	);
	return {
		room: { id: room.id, name: room.name, slug: room.slug, isExample: room.isExample },
		values: roomFormValues(room, hours),
		fields: describeForm(roomFields),
		blockFields: describeForm(blockSchema),
		blocks,
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
					block: m.rooms_admin_history_block()
				}
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
