import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { currentMonthKey, monthPeriod } from '$lib/server/events/calendar-periods';
import type { PageServerLoad } from './$types';

/** /veranstaltungen/monat[?monat=2026-11]: to the month's own address, filters kept. */
export const load: PageServerLoad = ({ url }) => {
	const params = new URLSearchParams(url.searchParams);
	const wanted = params.get('monat')?.trim() || currentMonthKey();
	if (params.getAll('monat').length > 1 || !monthPeriod(wanted)) {
		error(400, m.events_feeds_bad_month());
	}
	params.delete('monat');
	const query = params.toString();
	redirect(303, `/veranstaltungen/monat/${wanted}${query ? `?${query}` : ''}`);
};
