import { config } from '$lib/server/config';
import { cancelEvent } from '$lib/server/events/cancel-event';
import { seriesScopeSchema } from '$lib/server/events/event-dates.schemas';
import { eventImageSchema } from '$lib/server/events/event-image.schemas';
import { findEventImage } from '$lib/server/events/event-images';
import { removeEventImage } from '$lib/server/events/remove-event-image';
import { setEventImage } from '$lib/server/events/set-event-image';
import { megabytes } from '$lib/server/media/process-image';
import { eventInputSchema } from '$lib/server/events/events.schemas';
import { DATES_PAGE, findEventDates } from '$lib/server/events/find-event-dates';
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
	return {
		...edit,
		choices,
		dates,
		fields: describeForm(saveSchema),
		image: await findEventImage(db, id),
		imageFields: describeForm(eventImageSchema),
		imageMaxMb: megabytes(config().IMAGE_MAX_BYTES),
		rejectFields: describeForm(rejectionSchema)
	};
};

export const actions: Actions = {
	save: backOfficeAction({
		permission: 'events.manage',
		schema: saveSchema,
		run: ({ scope, fromDate, ...input }, { db, actor, event }) =>
			updateEvent(db, {
				actor,
				id: Number(event.params.id),
				input,
				scope: { scope, fromDate },
				origin: event.url.origin
			}),
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
	// A multipart form: listed in IMAGE_UPLOADS (ops/body-limit.ts) for its larger body.
	setImage: backOfficeAction({
		permission: 'events.manage',
		schema: eventImageSchema,
		failData: { form: 'image' },
		run: (input, { db, actor, event }) =>
			setEventImage(db, { actor, eventId: Number(event.params.id), input }),
		redirect: (_, { event }) => `/verwaltung/veranstaltungen/${event.params.id}?bild=1#bild`
	}),
	removeImage: backOfficeAction({
		permission: 'events.manage',
		failData: { form: 'image' },
		run: (_, { db, actor, event }) =>
			removeEventImage(db, { actor, eventId: Number(event.params.id) }),
		redirect: (_, { event }) =>
			`/verwaltung/veranstaltungen/${event.params.id}?bild-entfernt=1#bild`
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
