import { calendarResponse, publicRoomFeed } from '$lib/server/rooms/room-feeds';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	calendarResponse(async () => {
		const { slug, ics } = await publicRoomFeed(locals.db, params.slug);
		// Calendar apps poll; a few minutes' delay after a decision is fine for busy times.
		return { ics, filename: `${slug}.ics`, cacheControl: 'public, max-age=300' };
	});
