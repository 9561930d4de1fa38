import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { findPublishedNews } from '$lib/server/notices/find-published-news';
import { pageFromUrl } from '$lib/server/forms/paging';
import type { PageServerLoad } from './$types';
import { shareWithEveryone } from '$lib/server/ops/page-cache';

export const load: PageServerLoad = async ({ locals, url }) => {
	shareWithEveryone(locals);
	const news = await findPublishedNews(locals.db, { page: pageFromUrl(url), pageSize: 10 });
	if (news.page > news.pages) error(404, m.error_not_found_text());
	return { news };
};
