import { m } from '$lib/paraglide/messages.js';
import { loadRecordHistory } from '$lib/server/audit/load-record-history';
import { getContactMessageById } from '$lib/server/contact/get-contact-message-by-id';
import { markMessageAnswered } from '$lib/server/contact/mark-message-answered';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import { revealInvisibleIn } from '$lib/server/security/invisible-chars';
import type { Actions, PageServerLoad } from './$types';
import { now } from '$lib/server/time';

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
	return { message: revealInvisibleIn(message), now: now(), history };
};

export const actions: Actions = {
	answered: backOfficeAction({
		permission: 'contact.answer',
		run: (_, { db, actor, event }) =>
			markMessageAnswered(db, { actor, id: Number(event.params.id) }),
		respond: () => ({ answered: true })
	})
};
