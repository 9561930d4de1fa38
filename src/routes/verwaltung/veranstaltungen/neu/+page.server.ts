import { createEvent } from '$lib/server/events/create-event';
import { eventInputSchema } from '$lib/server/events/events.schemas';
import { findEventFormChoices } from '$lib/server/events/find-events-admin';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { describeForm } from '$lib/server/form-meta';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = permitted(event, 'events.manage');
	const choices = await orErrorPage(event, () => findEventFormChoices(event.locals.db, { actor }));
	return {
		fields: describeForm(eventInputSchema),
		choices,
		initial: {
			repeat: 'none',
			repeatEnd: 'never',
			isFree: 'on',
			targetGroups: 'alle',
			languages: 'de'
		}
	};
};

export const actions: Actions = {
	default: backOfficeAction({
		permission: 'events.manage',
		schema: eventInputSchema,
		run: (input, { db, actor }) => createEvent(db, { actor, input }),
		redirect: { to: '/verwaltung/veranstaltungen', flash: 'created' }
	})
};
