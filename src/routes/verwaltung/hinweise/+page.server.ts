import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import { pageFromUrl } from '$lib/server/forms/paging';
import { findNotices } from '$lib/server/notices/find-notices';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	const result = await orErrorPage(
		event,
		findNotices(locals.db, { actor: locals.actor, page: pageFromUrl(url) })
	);
	if (result.page > result.pages) error(404, m.error_not_found_text());
	return { notices: result };
};
