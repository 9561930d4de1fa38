import { m } from '$lib/paraglide/messages.js';
import { config } from '$lib/server/config';
import { icsResponse } from '$lib/server/events/calendar-response';
import { eventsFeed } from '$lib/server/events/events-feed';
import { shareWithEveryone } from '$lib/server/ops/page-cache';
import { getSiteSettings } from '$lib/server/site/get-site';
import { filtersFrom } from '../veranstaltungen/filters';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	// Per category, organiser or room: ?kategorie=…, ?veranstalter=…, ?raum=… (bad values: 400).
	const { kategorie, veranstalter, raum } = filtersFrom(url);
	// Without ORIGIN the links and UIDs in it carry the request's own host: not for everyone.
	if (config().ORIGIN) shareWithEveryone(locals);
	return icsResponse(async () => {
		const site = await getSiteSettings(locals.db);
		const feed = await eventsFeed(locals.db, {
			origin: config().ORIGIN ?? url.origin,
			name: m.events_feed_name({ office: site.officeName }),
			filters: { kategorie, veranstalter, raum }
		});
		return { ...feed, filename: 'veranstaltungen.ics' };
	});
};
