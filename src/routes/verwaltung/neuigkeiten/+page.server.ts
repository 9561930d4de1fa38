import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireRole } from '$lib/server/auth/roles';
import { findNewsPosts } from '$lib/server/notices/find-news-posts';
import { pageFromUrl } from '$lib/server/site/paging';
import type { PageServerLoad } from './$types';
import { now as clockNow } from '$lib/server/time';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals.user, 'content', url.pathname);
	const result = await findNewsPosts(locals.db, { page: pageFromUrl(url) });
	if (result.page > result.pages) error(404, m.error_not_found_text());
	const now = clockNow();
	return {
		posts: {
			...result,
			rows: result.rows.map((r) => ({
				...r,
				isPublished: r.publishedAt !== null && r.publishedAt <= now
			}))
		},
		done: url.searchParams.has('geloescht')
			? ('deleted' as const)
			: url.searchParams.has('angelegt')
				? ('created' as const)
				: url.searchParams.has('gespeichert')
					? ('saved' as const)
					: null
	};
};
