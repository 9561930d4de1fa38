import { cancelEvent } from '$lib/server/events/cancel-event';
import { eventInputSchema } from '$lib/server/events/events.schemas';
import { rejectionSchema } from '$lib/server/events/proposal.schemas';
import { publishEventProposal } from '$lib/server/events/publish-event-proposal';
import { rejectEventProposal } from '$lib/server/events/reject-event-proposal';
import { findEventFormChoices, getEventForEdit } from '$lib/server/events/find-events-admin';
import { updateEvent } from '$lib/server/events/update-event';
import { backOfficeAction } from '$lib/server/forms/action';
import { withFlash } from '$lib/server/forms/flash';
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
	return {
		...edit,
		choices,
		fields: describeForm(eventInputSchema),
		rejectFields: describeForm(rejectionSchema)
	};
};

export const actions: Actions = {
	save: backOfficeAction({
		permission: 'events.manage',
		schema: eventInputSchema,
		run: (input, { db, actor, event }) =>
			updateEvent(db, { actor, id: Number(event.params.id), input }),
		// A proposal edited before the decision: back to it, where the decision buttons are.
		redirect: (saved) =>
			saved.moderation === 'pending'
				? withFlash(`/verwaltung/veranstaltungen/${saved.id}#vorschlag`, 'saved')
				: withFlash('/verwaltung/veranstaltungen', 'saved')
	}),
	cancel: backOfficeAction({
		permission: 'events.manage',
		errorsKey: 'deleteErrors',
		run: (_, { db, actor, event }) => cancelEvent(db, { actor, id: Number(event.params.id) }),
		redirect: { to: '/verwaltung/veranstaltungen', flash: 'saved' }
	}),
	/** A proposal goes public as it stands (after a save, with staff's changes). */
	publish: backOfficeAction({
		permission: 'events.moderate',
		failData: { moderation: true },
		run: (_, { db, actor, event }) =>
			publishEventProposal(db, { actor, id: Number(event.params.id), origin: event.url.origin }),
		redirect: { to: '/verwaltung/veranstaltungen?ansicht=vorschlaege', flash: 'saved' }
	}),
	reject: backOfficeAction({
		permission: 'events.moderate',
		schema: rejectionSchema,
		failData: { moderation: true },
		run: ({ reason }, { db, actor, event }) =>
			rejectEventProposal(db, {
				actor,
				id: Number(event.params.id),
				reason,
				origin: event.url.origin
			}),
		redirect: { to: '/verwaltung/veranstaltungen?ansicht=vorschlaege', flash: 'saved' }
	})
};
