import { backOfficeAction } from '$lib/server/forms/action';
import { permitted } from '$lib/server/forms/domain-errors';
import { describeForm } from '$lib/server/form-meta';
import { createRoom } from '$lib/server/rooms/create-room';
import { roomFields, roomSchema } from '$lib/server/rooms/room-admin.schemas';
import { NEW_ROOM_HOURS, roomFormValues } from '../room-form-values';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	permitted(event, 'rooms.manage');
	return { fields: describeForm(roomFields), initial: roomFormValues(null, NEW_ROOM_HOURS) };
};

export const actions: Actions = {
	default: backOfficeAction({
		permission: 'rooms.manage',
		schema: roomSchema,
		run: (input, { db, actor }) => createRoom(db, { actor, input }),
		redirect: { to: '/verwaltung/raeume/verwalten', flash: 'created' }
	})
};
