import {
	peekCapabilityLink,
	redeemCapabilityLink
} from '$lib/server/capabilities/redeem-capability-link';
import { publicSubmission } from '$lib/server/forms/action';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import { cancelBookingRequest } from '$lib/server/rooms/cancel-booking-request';
import { getBookingStatus } from '$lib/server/rooms/get-booking-status';
import type { Actions, PageServerLoad } from './$types';

const tokenOf = (url: URL) => url.searchParams.get('token') ?? '';

/** The cancel link opens this page (mail scanners open links too): only its button cancels. */
export const load: PageServerLoad = (event) =>
	orErrorPage(event, async () => {
		const { db } = event.locals;
		const actor = await peekCapabilityLink(db, tokenOf(event.url), 'booking.cancel');
		return { request: await getBookingStatus(db, { actor, requestId: actor.recordId }) };
	});

export const actions: Actions = {
	default: publicSubmission({
		rateLimit: { name: 'room-cancel' },
		// An unknown, used or expired link is the error page, not a form message.
		pageErrors: ['GONE'],
		run: async (_, { db, event }) => {
			const actor = await redeemCapabilityLink(db, tokenOf(event.url), 'booking.cancel');
			return cancelBookingRequest(db, {
				actor,
				requestId: actor.recordId,
				origin: event.url.origin
			});
		},
		// Not back to this page: its link is used up now.
		redirect: '/raeume/anfrage/absagen/erledigt'
	})
};
