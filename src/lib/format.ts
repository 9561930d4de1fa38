import { getLocale } from '$lib/paraglide/runtime.js';
import { DEFAULT_TIME_ZONE } from '$lib/time-zone';

export type DateStyle = 'date' | 'datetime';

/**
 * The zone dates are shown in. Templates cannot read the server configuration, and pages are
 * rendered on the server only (csr = false), so the server sets it once at start-up
 * (hooks.server.ts `init`) from TIME_ZONE.
 */
let displayTimeZone = DEFAULT_TIME_ZONE;

export function setDisplayTimeZone(zone: string): void {
	displayTimeZone = zone;
}

export function getDisplayTimeZone(): string {
	return displayTimeZone;
}

/** An instant as text for readers of `locale` in `timeZone`: a long date, or date and time. */
export function formatInstant(
	value: Date,
	{ locale, timeZone, style }: { locale: string; timeZone: string; style: DateStyle }
): string {
	const key = `${locale} ${timeZone} ${style}`;
	let format = formats.get(key);
	if (!format) {
		const options: Intl.DateTimeFormatOptions =
			style === 'date' ? { dateStyle: 'long' } : { dateStyle: 'medium', timeStyle: 'short' };
		// A few languages and zones in practice; the bound only guards against surprises.
		if (formats.size >= 100) formats.clear();
		format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
		formats.set(key, format);
	}
	return format.format(value);
}

/** Creating a formatter costs tens of microseconds, using one about one: kept per kind. */
const formats = new Map<string, Intl.DateTimeFormat>();

function show(value: Date | string | null | undefined, style: DateStyle): string {
	if (!value) return '';
	const date = typeof value === 'string' ? new Date(value) : value;
	return formatInstant(date, { locale: getLocale(), timeZone: displayTimeZone, style });
}

/** Dates are shown in the configured zone, in the reader's language. */
export function formatDate(value: Date | string | null | undefined): string {
	return show(value, 'date');
}

export function formatDateTime(value: Date | string | null | undefined): string {
	return show(value, 'datetime');
}

const spans = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

/**
 * A time span on one day in words, for people planning their week: "Mittwoch, 18. März 2026,
 * 19:00–21:00" (in the reader's language and the configured zone; `locale` for mails).
 */
export function formatTimeSpan(
	start: Date | string,
	end: Date | string,
	{ locale = getLocale(), timeZone = displayTimeZone }: { locale?: string; timeZone?: string } = {}
): string {
	const key = `${locale} ${timeZone}`;
	let format = spans.get(key);
	if (!format) {
		if (spans.size >= 100) spans.clear();
		format = {
			day: new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone }),
			time: new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone })
		};
		spans.set(key, format);
	}
	const from = new Date(start);
	const to = new Date(end);
	return `${format.day.format(from)}, ${format.time.format(from)}–${format.time.format(to)}`;
}
