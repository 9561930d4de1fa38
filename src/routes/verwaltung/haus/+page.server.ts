import { loadRecordHistory } from '$lib/server/audit/load-record-history';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { getMainVenue } from '$lib/server/site/get-main-venue';
import { venueSchema } from '$lib/server/site/site.schemas';
import { updateVenue } from '$lib/server/site/update-venue';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	permitted(event, 'content.edit');
	const venue = await orErrorPage(event, getMainVenue(event.locals.db));
	return {
		venue: {
			slug: venue.slug,
			name: venue.name,
			description: venue.description,
			street: venue.street,
			postalCode: venue.postalCode,
			city: venue.city,
			openingHours: venue.openingHours,
			accessibility: venue.accessibility
		},
		history: await loadRecordHistory(
			event,
			{ entity: 'venue', id: venue.id },
			{ form: venueSchema }
		)
	};
};

export const actions: Actions = {
	default: backOfficeAction({
		permission: 'content.edit',
		schema: venueSchema,
		run: async (input, { db, actor }) => {
			const venue = await getMainVenue(db);
			return updateVenue(db, { actor, id: venue.id, input });
		},
		redirect: { to: '/verwaltung/haus', flash: 'saved' }
	})
};
