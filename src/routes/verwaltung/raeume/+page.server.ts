import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { pageFromUrl } from '$lib/server/forms/paging';
import { findBookingRequests } from '$lib/server/rooms/find-booking-requests';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	const actor = permitted(event, 'bookings.read');
	const result = await orErrorPage(
		event,
		findBookingRequests(locals.db, { actor, page: pageFromUrl(url) })
	);
	if (result.page > result.pages) error(404, m.error_not_found_text());
	return { requests: result };
};
