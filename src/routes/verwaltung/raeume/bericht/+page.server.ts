import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { getUsageReport, parseMonth, shiftMonth } from '$lib/server/rooms/usage-report';
import { now, toLocalDate } from '$lib/server/time';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	const actor = permitted(event, 'bookings.read');
	const current = toLocalDate(now()).slice(0, 7);
	const asked = url.searchParams.get('monat');
	const month = asked === null || asked.trim() === '' ? current : parseMonth(asked.trim());
	if (!month) error(404, m.error_not_found_text());
	const report = await orErrorPage(event, getUsageReport(locals.db, { actor, month }));
	return {
		report,
		current,
		previous: shiftMonth(month, -1),
		next: shiftMonth(month, 1)
	};
};
