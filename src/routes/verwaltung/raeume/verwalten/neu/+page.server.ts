import { backOfficeAction } from '$lib/server/forms/action';
import { permitted } from '$lib/server/forms/domain-errors';
import { describeForm } from '$lib/server/form-meta';
import { createRoom } from '$lib/server/rooms/create-room';
import { roomFields, roomSchema } from '$lib/server/rooms/room-admin.schemas';
import { findVenues } from '$lib/server/site/get-site';
import { NEW_ROOM_HOURS, roomFormValues, venueOptions } from '../room-form-values';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	permitted(event, 'rooms.manage');
	const venues = await findVenues(event.locals.db);
	// A new room belongs to the main venue (the first) unless staff choose another.
	const initial = { ...roomFormValues(null, NEW_ROOM_HOURS), venueId: String(venues[0]?.id ?? '') };
	return { fields: describeForm(roomFields), initial, venues: venueOptions(venues) };
};

export const actions: Actions = {
	default: backOfficeAction({
		permission: 'rooms.manage',
		schema: roomSchema,
		run: (input, { db, actor }) => createRoom(db, { actor, input }),
		redirect: { to: '/verwaltung/raeume/verwalten', flash: 'created' }
	})
};
