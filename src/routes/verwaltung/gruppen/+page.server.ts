import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { findGroupsForAdmin } from '$lib/server/events/find-groups-admin';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { pageFromUrl } from '$lib/server/forms/paging';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = permitted(event, 'groups.manage');
	const result = await orErrorPage(event, () =>
		findGroupsForAdmin(event.locals.db, { actor, page: pageFromUrl(event.url) })
	);
	if (result.page > result.pages) error(404, m.error_not_found_text());
	return { groups: result };
};
