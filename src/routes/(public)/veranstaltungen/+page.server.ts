import { shareWithEveryone } from '$lib/server/ops/page-cache';
import { findEventImagesBySlug } from '$lib/server/events/event-images';
import { findEventFilterOptions } from '$lib/server/events/find-event-filter-options';
import { findUpcomingEvents } from '$lib/server/events/find-upcoming-events';
import { filtersFrom, withParam } from './filters';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const filters = filtersFrom(url);
	// The same for every visitor until an event changes or a date ends (content-cache.ts).
	shareWithEveryone(locals);
	const [upcoming, options] = await Promise.all([
		findUpcomingEvents(locals.db, { filters }),
		findEventFilterOptions(locals.db)
	]);
	const images = await findEventImagesBySlug(
		locals.db,
		upcoming.days.flatMap((d) => d.dates.map((x) => x.slug))
	);
	const page = upcoming.page;
	// The feed of what the filters name that a feed can follow: category, organiser, room.
	const feed = new URLSearchParams();
	for (const key of ['kategorie', 'veranstalter', 'raum'] as const) {
		if (filters[key]) feed.set(key, filters[key]);
	}
	// The month and print views show the same filters (their own period instead of dates/pages).
	const views = new URLSearchParams();
	for (const [key, value] of Object.entries(filters)) {
		if (key !== 'seite' && key !== 'von' && key !== 'bis') views.set(key, String(value));
	}
	return {
		filters,
		monthHref: `/veranstaltungen/monat${views.size ? `?${views}` : ''}`,
		printHref: `/veranstaltungen/druck${views.size ? `?${views}` : ''}`,
		filtered: Object.keys(filters).some((k) => k !== 'seite'),
		upcoming,
		images,
		options,
		earlier: page > 1 ? withParam(url, 'seite', page === 2 ? null : String(page - 1)) : null,
		later: upcoming.hasNext ? withParam(url, 'seite', String(page + 1)) : null,
		feedHref: `/veranstaltungen.ics${feed.size ? `?${feed}` : ''}`
	};
};
