import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { parseDateInput } from '$lib/server/date-input';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { getDayPlan } from '$lib/server/rooms/get-day-plan';
import { addLocalDays, localDayBounds, now, toLocalDate } from '$lib/server/time';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	const actor = permitted(event, 'bookings.read');
	const today = toLocalDate(now());
	const asked = url.searchParams.get('tag');
	// 2026-11-18 from the date field, or typed where the browser shows a text field (18.11.2026).
	const parsed = asked === null || asked.trim() === '' ? null : parseDateInput(asked);
	if (parsed && !parsed.ok) error(404, m.error_not_found_text());
	const date = parsed?.ok ? parsed.value : today;
	const day = localDayBounds(date);
	if (!day) error(404, m.error_not_found_text());
	const plan = await orErrorPage(event, getDayPlan(locals.db, { actor, date }));
	return {
		plan,
		dayStart: day.start,
		today,
		previous: toLocalDate(addLocalDays(day.start, -1)),
		next: toLocalDate(addLocalDays(day.start, 1))
	};
};
