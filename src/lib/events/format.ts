import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { getDisplayTimeZone } from '$lib/format';

/*
 * Dates of events in words for the public pages, in the reader's language and the site's zone:
 * "Donnerstag, 5. November 2026, 17:00–19:00". Pages are rendered on the server only.
 */

const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'day' | 'time' | 'weekday', zone: string): Intl.DateTimeFormat {
	const key = `${getLocale()} ${zone} ${kind}`;
	let format = formats.get(key);
	if (!format) {
		if (formats.size >= 100) formats.clear();
		const options: Intl.DateTimeFormatOptions =
			kind === 'day'
				? { dateStyle: 'full' }
				: kind === 'time'
					? { hour: '2-digit', minute: '2-digit' }
					: { weekday: 'long' };
		format = new Intl.DateTimeFormat(getLocale(), { ...options, timeZone: zone });
		formats.set(key, format);
	}
	return format;
}

/** "Donnerstag, 5. November 2026" */
export function formatEventDay(instant: Date): string {
	return formatter('day', getDisplayTimeZone()).format(instant);
}

/** A local calendar day `YYYY-MM-DD` as "Donnerstag, 5. November 2026". */
export function formatDayHeading(date: string): string {
	// A calendar day has no zone: read it as UTC noon and format it in UTC.
	return formatter('day', 'UTC').format(new Date(`${date}T12:00:00Z`));
}

/** "17:00" */
export function formatEventTime(instant: Date): string {
	return formatter('time', getDisplayTimeZone()).format(instant);
}

/** The date and time of one date of an event, in words. */
export function formatEventWhen(start: Date, end: Date, allDay: boolean): string {
	const day = (d: Date) => formatEventDay(d);
	if (allDay) {
		// An all-day date ends at midnight after its last day.
		const last = new Date(end.getTime() - 1);
		const first = day(start);
		const final = day(last);
		return first === final
			? `${first} (${m.events_all_day()})`
			: `${first} – ${final} (${m.events_all_day()})`;
	}
	if (day(start) === day(end)) {
		return `${day(start)}, ${formatEventTime(start)}–${formatEventTime(end)}`;
	}
	return `${day(start)}, ${formatEventTime(start)} – ${day(end)}, ${formatEventTime(end)}`;
}

/** "17:00–19:00", or "ganztägig", for a list grouped by day. */
export function formatEventHours(start: Date, end: Date, allDay: boolean): string {
	if (allDay) return m.events_all_day();
	return `${formatEventTime(start)}–${formatEventTime(end)}`;
}

const WEEKDAY_INDEX: Record<string, number> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 };

function weekdayName(code: string): string {
	// 2024-01-01 was a Monday.
	const date = new Date(Date.UTC(2024, 0, WEEKDAY_INDEX[code] ?? 1, 12));
	return formatter('weekday', 'UTC').format(date);
}

/** How a series repeats, in words: "jeden Donnerstag", "jeden Monat am 1. Samstag". */
export function describeRule(rule: string, first: Date): string {
	const parts = Object.fromEntries(
		rule.split(';').map((p) => p.split('=') as [string, string])
	) as Record<string, string | undefined>;
	const interval = Number(parts.INTERVAL ?? '1');
	let text: string;
	const firstWeekday = formatter('weekday', getDisplayTimeZone()).format(first);
	if (parts.FREQ === 'WEEKLY' && !parts.BYDAY) {
		text =
			interval === 1
				? m.events_rule_weekly({ weekday: firstWeekday })
				: m.events_rule_weeks({ interval, weekday: firstWeekday });
	} else if (parts.FREQ === 'MONTHLY' && interval === 1 && parts.BYDAY) {
		const match = /^(-?\d)([A-Z]{2})$/.exec(parts.BYDAY);
		if (match && match[1] === '-1') {
			text = m.events_rule_monthly_last({ weekday: weekdayName(match[2]) });
		} else if (match) {
			text = m.events_rule_monthly_nth({ nth: match[1], weekday: weekdayName(match[2]) });
		} else {
			text = m.events_rule_other();
		}
	} else if (parts.FREQ === 'MONTHLY' && interval === 1 && parts.BYMONTHDAY) {
		text = m.events_rule_monthly_day({ day: parts.BYMONTHDAY });
	} else {
		text = m.events_rule_other();
	}
	if (parts.COUNT) text += `, ${m.events_rule_count({ count: parts.COUNT })}`;
	return text;
}
