import { permitted } from '$lib/server/forms/domain-errors';
import { findVenueList } from '$lib/server/site/venue-list';
import type { PageServerLoad } from './$types';

/** The places (Orte); old links to /verwaltung/haus land here. */
export const load: PageServerLoad = async (event) => {
	permitted(event, 'content.edit');
	return { venues: await findVenueList(event.locals.db) };
};
