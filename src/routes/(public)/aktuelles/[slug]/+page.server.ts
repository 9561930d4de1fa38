import { orErrorPage } from '$lib/server/forms/domain-errors';
import { getPublishedNewsBySlug } from '$lib/server/notices/find-published-news';
import type { PageServerLoad } from './$types';
import { shareWithEveryone } from '$lib/server/ops/page-cache';

export const load: PageServerLoad = async (event) => {
	shareWithEveryone(event.locals);
	const post = await orErrorPage(event, getPublishedNewsBySlug(event.locals.db, event.params.slug));
	return {
		post: {
			title: post.title,
			summary: post.summary,
			html: post.html,
			publishedAt: post.publishedAt,
			updatedAt: post.updatedAt
		}
	};
};
