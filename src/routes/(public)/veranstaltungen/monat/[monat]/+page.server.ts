import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { monthPeriod, monthWeeks } from '$lib/server/events/calendar-periods';
import { findPeriodEvents } from '$lib/server/events/find-period-events';
import { shareWithEveryone } from '$lib/server/ops/page-cache';
import { filtersFrom } from '../../filters';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const period = monthPeriod(params.monat);
	if (!period) error(404, m.events_feeds_bad_month());
	// The list's filters apply; its dates and pages do not (the month is the period).
	const filters = filtersFrom(url);
	delete filters.von;
	delete filters.bis;
	delete filters.seite;
	shareWithEveryone(locals);
	const { days, truncated } = await findPeriodEvents(locals.db, period, filters);
	const query = new URLSearchParams();
	for (const [key, value] of Object.entries(filters)) query.set(key, String(value));
	const qs = query.size ? `?${query}` : '';
	return {
		period: { key: period.key, first: period.first },
		weeks: monthWeeks(period),
		byDay: Object.fromEntries(days.map((d) => [d.date, d.dates])),
		count: days.reduce((n, d) => n + d.dates.length, 0),
		truncated,
		filtered: query.size > 0,
		previousHref: `/veranstaltungen/monat/${period.previous}${qs}`,
		nextHref: `/veranstaltungen/monat/${period.next}${qs}`,
		listHref: `/veranstaltungen${qs}`,
		resetHref: `/veranstaltungen/monat/${period.key}`,
		printHref: `/veranstaltungen/druck?monat=${period.key}${query.size ? `&${query}` : ''}`
	};
};
