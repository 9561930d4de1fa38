import {
	peekCapabilityLink,
	redeemCapabilityLink
} from '$lib/server/capabilities/redeem-capability-link';
import { cancelEventRegistration } from '$lib/server/events/cancel-event-registration';
import { getRegistration } from '$lib/server/events/get-registration';
import { publicSubmission } from '$lib/server/forms/action';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import type { Actions, PageServerLoad } from './$types';

/** The cancel link opens this page (mail scanners open links too): only its button cancels. */
export const load: PageServerLoad = (event) =>
	orErrorPage(event, async () => {
		const { db } = event.locals;
		const actor = await peekCapabilityLink(db, event.params.token, 'event.registration-cancel');
		return { registration: await getRegistration(db, { actor, registrationId: actor.recordId }) };
	});

export const actions: Actions = {
	default: publicSubmission({
		rateLimit: { name: 'event-registration-cancel' },
		// An unknown, used or expired link is the error page, not a form message.
		pageErrors: ['GONE', 'NOT_FOUND'],
		run: async (_, { db, event }) => {
			const token = (event.params as { token?: string }).token ?? '';
			const actor = await redeemCapabilityLink(db, token, 'event.registration-cancel');
			return cancelEventRegistration(db, {
				actor,
				registrationId: actor.recordId,
				origin: event.url.origin
			});
		},
		// Not back to this page: its link is used up now.
		redirect: '/veranstaltungen/anmeldung/absagen/erledigt'
	})
};
