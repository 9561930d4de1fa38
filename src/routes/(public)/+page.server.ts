import { findUpcomingEvents } from '$lib/server/events/find-upcoming-events';
import { findPublishedNews } from '$lib/server/notices/find-published-news';
import { getSiteSettings } from '$lib/server/site/get-site';
import type { PageServerLoad } from './$types';
import { shareWithEveryone } from '$lib/server/ops/page-cache';

export const load: PageServerLoad = async ({ locals }) => {
	shareWithEveryone(locals);
	const [site, news, events] = await Promise.all([
		getSiteSettings(locals.db),
		findPublishedNews(locals.db, { page: 1, pageSize: 3 }),
		findUpcomingEvents(locals.db, { pageSize: 4 })
	]);
	return {
		intro: site.intro,
		tagline: site.tagline,
		tasks: site.tasks,
		news: news.rows,
		events: events.days
	};
};
