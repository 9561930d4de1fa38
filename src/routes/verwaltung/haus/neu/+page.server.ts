import { backOfficeAction } from '$lib/server/forms/action';
import { permitted } from '$lib/server/forms/domain-errors';
import { createVenue } from '$lib/server/site/create-venue';
import { findContactPersons } from '$lib/server/site/get-site';
import { venueSchema } from '$lib/server/site/site.schemas';
import { personChoices } from '../venue-form-values';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	permitted(event, 'content.edit');
	return { persons: personChoices(await findContactPersons(event.locals.db)) };
};

export const actions: Actions = {
	default: backOfficeAction({
		permission: 'content.edit',
		schema: venueSchema,
		run: (input, { db, actor }) => createVenue(db, { actor, input }),
		redirect: { to: '/verwaltung/haus', flash: 'created' }
	})
};
