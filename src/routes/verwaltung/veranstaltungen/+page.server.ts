import { findEventsForAdmin } from '$lib/server/events/find-events-admin';
import { removeExampleEvents } from '$lib/server/events/remove-example-events';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = permitted(event, 'events.manage');
	const events = await orErrorPage(event, () => findEventsForAdmin(event.locals.db, { actor }));
	return { events };
};

export const actions: Actions = {
	removeExamples: backOfficeAction({
		permission: 'events.manage',
		errorsKey: 'deleteErrors',
		run: (_, { db, actor }) => removeExampleEvents(db, { actor }),
		redirect: { to: '/verwaltung/veranstaltungen', flash: 'deleted' }
	})
};
