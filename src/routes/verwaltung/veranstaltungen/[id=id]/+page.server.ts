import { cancelEvent } from '$lib/server/events/cancel-event';
import { eventInputSchema } from '$lib/server/events/events.schemas';
import { findEventFormChoices, getEventForEdit } from '$lib/server/events/find-events-admin';
import { updateEvent } from '$lib/server/events/update-event';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { describeForm } from '$lib/server/form-meta';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = permitted(event, 'events.manage');
	const id = Number(event.params.id);
	const { db } = event.locals;
	const [edit, choices] = await orErrorPage(event, () =>
		Promise.all([getEventForEdit(db, { actor, id }), findEventFormChoices(db, { actor })])
	);
	return { ...edit, choices, fields: describeForm(eventInputSchema) };
};

export const actions: Actions = {
	save: backOfficeAction({
		permission: 'events.manage',
		schema: eventInputSchema,
		run: (input, { db, actor, event }) =>
			updateEvent(db, { actor, id: Number(event.params.id), input, origin: event.url.origin }),
		redirect: { to: '/verwaltung/veranstaltungen', flash: 'saved' }
	}),
	cancel: backOfficeAction({
		permission: 'events.manage',
		errorsKey: 'deleteErrors',
		run: (_, { db, actor, event }) => cancelEvent(db, { actor, id: Number(event.params.id) }),
		redirect: { to: '/verwaltung/veranstaltungen', flash: 'saved' }
	})
};
