import { config } from '$lib/server/config';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { findStaffFeedLink, renewStaffFeedLink } from '$lib/server/rooms/room-feeds';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = permitted(event, 'bookings.read');
	return { link: await orErrorPage(event, findStaffFeedLink(event.locals.db, { actor })) };
};

export const actions: Actions = {
	renew: backOfficeAction({
		permission: 'bookings.read',
		run: (_data, { db, actor }) => renewStaffFeedLink(db, { actor }),
		// Only the hash is stored: this answer is the one time the link can be shown.
		respond: ({ token }, { event }) => ({
			feedUrl: `${config().ORIGIN ?? event.url.origin}/raeume/kalender.ics?token=${token}`
		})
	})
};
