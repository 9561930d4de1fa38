import { m } from '$lib/paraglide/messages.js';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { describeForm } from '$lib/server/form-meta';
import { addRoomClosure } from '$lib/server/rooms/add-room-closure';
import { deleteRoomClosure } from '$lib/server/rooms/delete-room-closure';
import { findHouseClosures, findRoomsForAdmin } from '$lib/server/rooms/find-rooms-admin';
import { closureDeleteSchema, closureSchema } from '$lib/server/rooms/room-admin.schemas';
import { findVenues } from '$lib/server/site/get-site';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = permitted(event, 'rooms.manage');
	const { db } = event.locals;
	const [rooms, closures, venues] = await orErrorPage(event, () =>
		Promise.all([
			findRoomsForAdmin(db, { actor }),
			findHouseClosures(db, { actor }),
			findVenues(db)
		])
	);
	return {
		rooms,
		// With more than one venue the list says where each room is.
		showVenue: venues.length > 1,
		closures,
		closureFields: describeForm(closureSchema),
		closureRooms: [
			{ value: '', label: m.rooms_closure_whole_house() },
			...rooms.map((r) => ({ value: String(r.id), label: r.name }))
		]
	};
};

export const actions: Actions = {
	addClosure: backOfficeAction({
		permission: 'rooms.manage',
		schema: closureSchema,
		failData: { form: 'closure' },
		run: (input, { db, actor }) => addRoomClosure(db, { actor, input }),
		redirect: { to: '/verwaltung/raeume/verwalten#schliesstage', flash: 'created' }
	}),
	deleteClosure: backOfficeAction({
		permission: 'rooms.manage',
		schema: closureDeleteSchema,
		errorsKey: 'deleteErrors',
		failData: { form: 'deleteClosure' },
		run: ({ closure }, { db, actor }) => deleteRoomClosure(db, { actor, id: closure }),
		redirect: { to: '/verwaltung/raeume/verwalten#schliesstage', flash: 'deleted' }
	})
};
