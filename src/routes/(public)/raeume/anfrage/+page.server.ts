import { orErrorPage } from '$lib/server/forms/domain-errors';
import { peekCapabilityLink } from '$lib/server/capabilities/redeem-capability-link';
import { getBookingStatus } from '$lib/server/rooms/get-booking-status';
import type { PageServerLoad } from './$types';

/** The status link from the confirmation mail: a link that stopped working is a 410 with the reason. */
export const load: PageServerLoad = (event) =>
	orErrorPage(event, async () => {
		const { db } = event.locals;
		const token = event.url.searchParams.get('token') ?? '';
		const actor = await peekCapabilityLink(db, token, 'booking.status');
		return { request: await getBookingStatus(db, { actor, requestId: actor.recordId }) };
	});
