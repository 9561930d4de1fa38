import { loadOrError } from '$lib/server/http';
import { getPublishedNewsBySlug } from '$lib/server/notices/find-published-news';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const post = await loadOrError(getPublishedNewsBySlug(locals.db, params.slug));
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
