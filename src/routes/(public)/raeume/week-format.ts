import { getDisplayTimeZone } from '$lib/format';
import { getLocale } from '$lib/paraglide/runtime.js';

/** A local calendar day (`YYYY-MM-DD`) as "Montag, 16. November" or "16.11.2026". */
export function formatDay(date: string, style: 'long' | 'short'): string {
	const options: Intl.DateTimeFormatOptions =
		style === 'long'
			? { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }
			: { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' };
	// A calendar day has no zone: read it as UTC noon and format it in UTC.
	return new Intl.DateTimeFormat(getLocale(), options).format(new Date(`${date}T12:00:00Z`));
}

/** The wall-clock time of an instant in the site's zone: "18:00". */
export function formatClock(instant: Date): string {
	return new Intl.DateTimeFormat(getLocale(), {
		hour: '2-digit',
		minute: '2-digit',
		timeZone: getDisplayTimeZone()
	}).format(instant);
}
