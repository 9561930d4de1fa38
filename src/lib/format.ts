import { getLocale } from '$lib/paraglide/runtime.js';

const TIME_ZONE = 'Europe/Berlin';

/** Dates are shown in Europe/Berlin, in the reader's language. */
export function formatDate(value: Date | string | null | undefined): string {
	if (!value) return '';
	const date = typeof value === 'string' ? new Date(value) : value;
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'long', timeZone: TIME_ZONE }).format(
		date
	);
}

export function formatDateTime(value: Date | string | null | undefined): string {
	if (!value) return '';
	const date = typeof value === 'string' ? new Date(value) : value;
	return new Intl.DateTimeFormat(getLocale(), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: TIME_ZONE
	}).format(date);
}
