import { cancelEvent } from '$lib/server/events/cancel-event';
import { seriesScopeSchema } from '$lib/server/events/event-dates.schemas';
import { eventInputSchema } from '$lib/server/events/events.schemas';
import { DATES_PAGE, findEventDates } from '$lib/server/events/find-event-dates';
import { findEventFormChoices, getEventForEdit } from '$lib/server/events/find-events-admin';
import { updateEvent } from '$lib/server/events/update-event';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { describeForm } from '$lib/server/form-meta';
import type { Actions, PageServerLoad } from './$types';

/** The edit form of a series also says which dates a change is for. */
const saveSchema = eventInputSchema.extend(seriesScopeSchema.shape);

export const load: PageServerLoad = async (event) => {
	const actor = permitted(event, 'events.manage');
	const id = Number(event.params.id);
	const { db } = event.locals;
	// "Weitere Termine zeigen" asks for more with ?termine=<n>.
	const asked = Number(event.url.searchParams.get('termine'));
	const limit = Number.isInteger(asked) && asked > 0 ? asked : DATES_PAGE;
	const [edit, choices, dates] = await orErrorPage(event, () =>
		Promise.all([
			getEventForEdit(db, { actor, id }),
			findEventFormChoices(db, { actor }),
			findEventDates(db, { actor, eventId: id, limit })
		])
	);
	return { ...edit, choices, dates, fields: describeForm(saveSchema) };
};

export const actions: Actions = {
	save: backOfficeAction({
		permission: 'events.manage',
		schema: saveSchema,
		run: ({ scope, fromDate, ...input }, { db, actor, event }) =>
			updateEvent(db, { actor, id: Number(event.params.id), input, scope: { scope, fromDate } }),
		redirect: { to: '/verwaltung/veranstaltungen', flash: 'saved' }
	}),
	cancel: backOfficeAction({
		permission: 'events.manage',
		errorsKey: 'deleteErrors',
		run: (_, { db, actor, event }) => cancelEvent(db, { actor, id: Number(event.params.id) }),
		redirect: { to: '/verwaltung/veranstaltungen', flash: 'saved' }
	})
};
