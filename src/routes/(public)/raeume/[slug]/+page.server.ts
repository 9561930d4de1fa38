import { orErrorPage } from '$lib/server/forms/domain-errors';
import { shareWithEveryone } from '$lib/server/ops/page-cache';
import { getActiveRoom, getRoomWeek, mondayOf } from '$lib/server/rooms/public-rooms';
import { findRoomPhotos } from '$lib/server/rooms/room-photos';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, params, url } = event;
	const asked = url.searchParams.get('woche');
	// A given week looks the same for everyone until the bookings change; "this week" changes
	// with the date, so that page is rendered per request.
	if (asked) shareWithEveryone(locals);
	return orErrorPage(event, async () => {
		const room = await getActiveRoom(locals.db, params.slug);
		const week = await getRoomWeek(locals.db, { roomId: room.id, monday: mondayOf(asked) });
		const photos = await findRoomPhotos(locals.db, room.id);
		return { room, week, photos };
	});
};
