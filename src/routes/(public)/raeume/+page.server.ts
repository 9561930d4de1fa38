import { parseFormData } from '$lib/server/form';
import { describeForm } from '$lib/server/form-meta';
import { formErrorsOf } from '$lib/server/forms/domain-errors';
import { shareWithEveryone } from '$lib/server/ops/page-cache';
import { findFreeRooms } from '$lib/server/rooms/find-free-rooms';
import { findActiveRooms } from '$lib/server/rooms/public-rooms';
import { findFirstRoomPhotos } from '$lib/server/rooms/room-photos';
import { freeRoomSearchSchema } from '$lib/server/rooms/rooms.schemas';
import { findVenues } from '$lib/server/site/get-site';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	const [rooms, venues] = await Promise.all([findActiveRooms(locals.db), findVenues(locals.db)]);
	// The place of each room, named only when there is more than one.
	const venueNames: Record<number, string> =
		venues.length > 1 ? Object.fromEntries(venues.map((v) => [v.id, v.name])) : {};
	const photos = await findFirstRoomPhotos(
		locals.db,
		rooms.map((room) => room.id)
	);
	const fields = describeForm(freeRoomSearchSchema);
	if (!url.searchParams.has('date')) {
		// Without a search the page shows only the rooms: the same for everyone.
		shareWithEveryone(locals);
		return { rooms, photos, venueNames, fields, search: null };
	}
	const formData = new FormData();
	for (const name of Object.keys(fields)) {
		const value = url.searchParams.get(name);
		if (value !== null) formData.set(name, value);
	}
	const parsed = parseFormData(formData, freeRoomSearchSchema);
	if (!parsed.ok) {
		return {
			rooms,
			photos,
			venueNames,
			fields,
			search: { values: parsed.values, errors: parsed.errors, result: null }
		};
	}
	const answer = await findFreeRooms(locals.db, { actor: locals.actor, query: parsed.data }).then(
		({ free, unavailable }) => ({
			errors: null,
			result: {
				query: parsed.data,
				free: free.map((a) => a.room),
				unavailable: unavailable.map((a) => ({ room: a.room, reason: a.reason?.() ?? '' }))
			}
		}),
		(err: unknown) => ({ errors: formErrorsOf(err, event), result: null })
	);
	return { rooms, photos, venueNames, fields, search: { values: parsed.values, ...answer } };
};
