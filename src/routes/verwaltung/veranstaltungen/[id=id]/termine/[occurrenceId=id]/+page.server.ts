import { cancelEventDate } from '$lib/server/events/cancel-event-date';
import { cancelDateSchema, moveDateSchema } from '$lib/server/events/event-dates.schemas';
import { getEventDateForEdit } from '$lib/server/events/find-event-dates';
import { moveEventDate } from '$lib/server/events/move-event-date';
import { reinstateEventDate } from '$lib/server/events/reinstate-event-date';
import { backOfficeAction } from '$lib/server/forms/action';
import { withFlash } from '$lib/server/forms/flash';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { describeForm } from '$lib/server/form-meta';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = permitted(event, 'events.manage');
	const { db } = event.locals;
	const found = await orErrorPage(event, () =>
		getEventDateForEdit(db, {
			actor,
			eventId: Number(event.params.id),
			occurrenceId: Number(event.params.occurrenceId)
		})
	);
	return {
		...found,
		moveFields: describeForm(moveDateSchema),
		cancelFields: describeForm(cancelDateSchema)
	};
};

const ids = (event: RequestEvent) => ({
	eventId: Number(event.params.id),
	occurrenceId: Number(event.params.occurrenceId)
});
const back = (event: RequestEvent) =>
	withFlash(`/verwaltung/veranstaltungen/${event.params.id}#termine-liste`, 'saved');

export const actions: Actions = {
	move: backOfficeAction({
		permission: 'events.manage',
		schema: moveDateSchema,
		run: (input, { db, actor, event }) =>
			moveEventDate(db, { actor, ...ids(event as RequestEvent), input, origin: event.url.origin }),
		failData: { form: 'move' },
		redirect: (_, { event }) => back(event as RequestEvent)
	}),
	cancel: backOfficeAction({
		permission: 'events.manage',
		schema: cancelDateSchema,
		run: (input, { db, actor, event }) =>
			cancelEventDate(db, { actor, ...ids(event as RequestEvent), input }),
		failData: { form: 'cancel' },
		redirect: (_, { event }) => back(event as RequestEvent)
	}),
	reinstate: backOfficeAction({
		permission: 'events.manage',
		run: (_, { db, actor, event }) =>
			reinstateEventDate(db, { actor, ...ids(event as RequestEvent) }),
		failData: { form: 'reinstate' },
		redirect: (_, { event }) => back(event as RequestEvent)
	})
};
