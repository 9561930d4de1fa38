import { m } from '$lib/paraglide/messages.js';
import { loadRecordHistory } from '$lib/server/audit/load-record-history';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { findContactPersons } from '$lib/server/site/get-site';
import { getMainVenue } from '$lib/server/site/get-main-venue';
import { venueSchema } from '$lib/server/site/site.schemas';
import { updateVenue } from '$lib/server/site/update-venue';
import { getVenueById } from '$lib/server/site/venue-list';
import { personChoices, venueFormValues } from '../venue-form-values';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	permitted(event, 'content.edit');
	const { db } = event.locals;
	const id = Number(event.params.id);
	const [venue, main, persons] = await Promise.all([
		orErrorPage(event, getVenueById(db, id)),
		orErrorPage(event, getMainVenue(db)),
		findContactPersons(db)
	]);
	const choices = personChoices(persons);
	return {
		venue: { id: venue.id, name: venue.name, isMain: venue.id === main.id },
		values: venueFormValues(venue),
		persons: choices,
		history: await loadRecordHistory(
			event,
			{ entity: 'venue', id },
			{
				form: venueSchema,
				fields: { bookingContactId: m.venues_booking_contact() },
				// Stored by id: shown by name (a deleted person by its id).
				values: { bookingContactId: Object.fromEntries(choices.map((p) => [p.id, p.label])) }
			}
		)
	};
};

export const actions: Actions = {
	default: backOfficeAction({
		permission: 'content.edit',
		schema: venueSchema,
		run: (input, { db, actor, event }) =>
			updateVenue(db, { actor, id: Number(event.params.id), input }),
		redirect: { to: '/verwaltung/haus', flash: 'saved' }
	})
};
