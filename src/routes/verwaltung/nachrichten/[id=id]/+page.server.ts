import { m } from '$lib/paraglide/messages.js';
import { loadRecordHistory } from '$lib/server/audit/load-record-history';
import { getContactMessageById } from '$lib/server/contact/get-contact-message-by-id';
import { markMessageAnswered } from '$lib/server/contact/mark-message-answered';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import { revealInvisibleIn } from '$lib/server/security/invisible-chars';
import type { Actions, PageServerLoad } from './$types';
import { now } from '$lib/server/time';
import { createConcernFromMessage } from '$lib/server/concerns/concern-from-message';
import { messageConcernPanel } from '$lib/server/concerns/concern-intake-links';
import { messageConcernSchema } from '$lib/server/concerns/intake.schemas';
import { describeForm } from '$lib/server/form-meta';

export const load: PageServerLoad = async (event) => {
	const { locals, params } = event;
	const message = await orErrorPage(
		event,
		getContactMessageById(locals.db, { actor: locals.actor, id: Number(params.id) })
	);
	const history = await loadRecordHistory(
		event,
		{ entity: 'contact_message', id: message.id },
		{
			fields: { status: m.contact_bo_col_status() },
			values: {
				status: { new: m.contact_bo_status_new(), answered: m.contact_bo_status_answered() }
			}
		}
	);
	return {
		message: revealInvisibleIn(message),
		now: now(),
		history,
		concernPanel: {
			...(await messageConcernPanel(locals.db, { actor: locals.actor, messageId: message.id })),
			fields: describeForm(messageConcernSchema)
		}
	};
};

export const actions: Actions = {
	answered: backOfficeAction({
		permission: 'contact.answer',
		run: (_, { db, actor, event }) =>
			markMessageAnswered(db, { actor, id: Number(event.params.id) }),
		respond: () => ({ answered: true })
	}),
	/** Als Anliegen anlegen (intake): the concern keeps the message's id. */
	concern: backOfficeAction({
		permission: 'concerns.from-contact-message',
		schema: messageConcernSchema,
		failData: { form: 'concern' },
		run: (input, { db, actor, event }) =>
			createConcernFromMessage(db, {
				actor,
				messageId: Number(event.params.id),
				input,
				origin: event.url.origin
			}),
		redirect: (result) => `/verwaltung/anliegen/${result.id}?aktion=aus-nachricht`
	})
};
