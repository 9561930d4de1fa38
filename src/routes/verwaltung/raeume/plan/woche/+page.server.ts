import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { getWeekPlan } from '$lib/server/rooms/get-day-plan';
import { addLocalDays, localDayBounds, now, toLocalDate } from '$lib/server/time';
import type { PageServerLoad } from './$types';

/** The local Monday of the week `date` (YYYY-MM-DD) lies in. */
function mondayOf(date: string): string {
	const day = localDayBounds(date);
	if (!day) error(404, m.error_not_found_text());
	const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
	return toLocalDate(addLocalDays(day.start, -((weekday + 6) % 7)));
}

export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	const actor = permitted(event, 'bookings.read');
	const asked = url.searchParams.get('woche');
	// Without a week, this week; a week is named by its Monday, anything else is not a page.
	const monday = asked === null || asked === '' ? mondayOf(toLocalDate(now())) : asked;
	if (!/^\d{4}-\d{2}-\d{2}$/.test(monday)) error(404, m.error_not_found_text());
	const plan = await orErrorPage(event, getWeekPlan(locals.db, { actor, monday }));
	const start = plan.days[0].start;
	return {
		plan,
		thisWeek: mondayOf(toLocalDate(now())),
		previous: toLocalDate(addLocalDays(start, -7)),
		next: toLocalDate(addLocalDays(start, 7))
	};
};
