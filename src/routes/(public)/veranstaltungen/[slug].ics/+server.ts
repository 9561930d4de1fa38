import { config } from '$lib/server/config';
import { icsResponse } from '$lib/server/events/calendar-response';
import { eventCalendarFile } from '$lib/server/events/events-feed';
import { shareWithEveryone } from '$lib/server/ops/page-cache';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (config().ORIGIN) shareWithEveryone(locals);
	return icsResponse(async () => ({
		...(await eventCalendarFile(locals.db, {
			origin: config().ORIGIN ?? url.origin,
			slug: params.slug
		})),
		filename: `${params.slug}.ics`
	}));
};
