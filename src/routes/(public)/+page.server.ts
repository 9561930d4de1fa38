import { findPublishedNews } from '$lib/server/notices/find-published-news';
import { getSiteSettings } from '$lib/server/site/get-site';
import type { PageServerLoad } from './$types';
import { shareWithEveryone } from '$lib/server/ops/page-cache';

export const load: PageServerLoad = async ({ locals }) => {
	shareWithEveryone(locals);
	const [site, news] = await Promise.all([
		getSiteSettings(locals.db),
		findPublishedNews(locals.db, { page: 1, pageSize: 3 })
	]);
	return { intro: site.intro, tagline: site.tagline, tasks: site.tasks, news: news.rows };
};
