import { orErrorPage } from '$lib/server/forms/domain-errors';
import { peekCapabilityLink } from '$lib/server/capabilities/redeem-capability-link';
import { getBookingStatus } from '$lib/server/rooms/get-booking-status';
import { publicSubmission } from '$lib/server/forms/action';
import { answerProposal } from '$lib/server/rooms/answer-proposal';
import type { Actions, PageServerLoad } from './$types';

/** The status link from the confirmation mail: a link that stopped working is a 410 with the reason. */
export const load: PageServerLoad = (event) =>
	orErrorPage(event, async () => {
		const { db } = event.locals;
		const token = event.url.searchParams.get('token') ?? '';
		const actor = await peekCapabilityLink(db, token, 'booking.status');
		return { request: await getBookingStatus(db, { actor, requestId: actor.recordId }) };
	});

/** The status link is not used up: the requester may come back to the page after answering. */
function answer(accept: boolean) {
	return publicSubmission({
		rateLimit: { name: 'room-proposal' },
		pageErrors: ['GONE', 'NOT_FOUND'],
		run: async (_, { db, event }) => {
			const actor = await peekCapabilityLink(
				db,
				event.url.searchParams.get('token') ?? '',
				'booking.status'
			);
			return answerProposal(db, {
				actor,
				requestId: actor.recordId,
				accept,
				origin: event.url.origin
			});
		},
		redirect: (_, { event }) =>
			`${event.url.pathname}?token=${encodeURIComponent(event.url.searchParams.get('token') ?? '')}`
	});
}

export const actions: Actions = { annehmen: answer(true), ablehnen: answer(false) };
