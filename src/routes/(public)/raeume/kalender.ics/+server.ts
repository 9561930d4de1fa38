import { calendarResponse, staffRoomFeedByToken } from '$lib/server/rooms/room-feeds';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, url }) =>
	calendarResponse(async () => ({
		ics: await staffRoomFeedByToken(locals.db, url.searchParams.get('token') ?? ''),
		filename: 'raumbuchungen.ics',
		// Personal data behind a secret URL: no shared cache may keep it.
		cacheControl: 'private, no-store'
	}));
