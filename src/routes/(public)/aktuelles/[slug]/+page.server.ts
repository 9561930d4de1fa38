import { orErrorPage } from '$lib/server/forms/domain-errors';
import { getPublishedNewsBySlug } from '$lib/server/notices/find-published-news';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
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
