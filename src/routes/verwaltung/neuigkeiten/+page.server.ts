import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import { pageFromUrl } from '$lib/server/forms/paging';
import { findNewsPosts } from '$lib/server/notices/find-news-posts';
import type { PageServerLoad } from './$types';
import { now as clockNow } from '$lib/server/time';

export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	const result = await orErrorPage(
		event,
		findNewsPosts(locals.db, { actor: locals.actor, page: pageFromUrl(url) })
	);
	if (result.page > result.pages) error(404, m.error_not_found_text());
	const now = clockNow();
	return {
		posts: {
			...result,
			rows: result.rows.map((r) => ({
				...r,
				isPublished: r.publishedAt !== null && r.publishedAt <= now
			}))
		}
	};
};
