import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { config } from '$lib/server/config';
import { currentWeekKey, monthPeriod, weekPeriod } from '$lib/server/events/calendar-periods';
import { findPeriodEvents, printSheetExtras } from '$lib/server/events/find-period-events';
import { shareWithEveryone } from '$lib/server/ops/page-cache';
import { filtersFrom } from '../filters';
import type { PageServerLoad } from './$types';

/**
 * The programme of a week (?woche=2026-W48) or a month (?monat=2026-11) for the notice board:
 * A4, large type, a QR code to the online calendar. Without either: this week's address.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const woche = url.searchParams.getAll('woche');
	const monat = url.searchParams.getAll('monat');
	if (woche.length + monat.length === 0) {
		const params = new URLSearchParams(url.searchParams);
		params.set('woche', currentWeekKey());
		redirect(303, `/veranstaltungen/druck?${params}`);
	}
	if (woche.length + monat.length > 1) error(400, m.events_feeds_bad_period());
	const period = woche.length ? weekPeriod(woche[0].trim()) : monthPeriod(monat[0].trim());
	if (!period) error(400, m.events_feeds_bad_period());
	const filters = filtersFrom(url);
	delete filters.von;
	delete filters.bis;
	delete filters.seite;
	// The QR code holds the public address: shared only when that is known (ORIGIN).
	const origin = config().ORIGIN ?? url.origin;
	if (config().ORIGIN) shareWithEveryone(locals);
	const [{ days, truncated }, extras] = await Promise.all([
		findPeriodEvents(locals.db, period, filters),
		printSheetExtras(locals.db, { calendarUrl: `${origin}/veranstaltungen` })
	]);
	return {
		period: {
			kind: period.kind,
			key: period.key,
			first: period.first,
			last: period.last,
			week: period.kind === 'week' ? Number(period.key.slice(6)) : null
		},
		days,
		truncated,
		...extras
	};
};
