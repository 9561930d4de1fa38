// rrule-temporal works on the global Temporal, which Node does not have yet.
import 'temporal-polyfill/global';
import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';
import { m } from '$lib/paraglide/messages.js';
import { fieldError } from '../errors';
import { timeZone } from '../time';

/** One time a room is asked for. */
export interface Slot {
	start: Date;
	end: Date;
}

/** How a request repeats: once, or every `interval` weeks on the first date's weekday until a date. */
export type Repeat = { kind: 'once' } | { kind: 'weekly'; interval: number; until: string };

/** Bounds of a series: a group's weekly slot for two years, not a decade. */
export const MAX_SERIES_DATES = 104;
export const MAX_SERIES_INTERVAL = 4;
const MAX_SERIES_SPAN_DAYS = 2 * 366;

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function plainTime(value: string): Temporal.PlainTime | null {
	return HH_MM.test(value) ? Temporal.PlainTime.from(value) : null;
}

function plainDate(value: string): Temporal.PlainDate | null {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
	try {
		return Temporal.PlainDate.from(value, { overflow: 'reject' });
	} catch {
		return null;
	}
}

function instant(date: Temporal.PlainDate, time: Temporal.PlainTime, zone: string): Date {
	// 'compatible': the time policy of lib/server/time.ts (a time in the spring gap moves forward).
	return new Date(date.toZonedDateTime({ timeZone: zone, plainTime: time }).epochMilliseconds);
}

/**
 * The dates a request asks for, as instants: the first date and wall-clock times in the
 * configured zone, repeated weekly or every n weeks until a date (inclusive) with RFC 5545
 * semantics (rrule-temporal), so 19:00 stays 19:00 across daylight-saving changes. Throws an
 * INVALID field error with a German message for impossible or unbounded input.
 */
export function expandRequestedDates(
	{
		date,
		startTime,
		endTime,
		repeat
	}: { date: string; startTime: string; endTime: string; repeat: Repeat },
	zone = timeZone()
): Slot[] {
	const day = plainDate(date);
	if (!day) throw fieldError('date', () => m.rooms_error_date());
	const from = plainTime(startTime);
	if (!from)
		throw fieldError('startTime', () => m.rooms_error_time({ field: m.rooms_field_start() }));
	const to = plainTime(endTime);
	if (!to) throw fieldError('endTime', () => m.rooms_error_time({ field: m.rooms_field_end() }));
	if (Temporal.PlainTime.compare(from, to) >= 0) {
		throw fieldError('endTime', () => m.rooms_error_end_before_start());
	}
	const slotOn = (d: Temporal.PlainDate): Slot => ({
		start: instant(d, from, zone),
		end: instant(d, to, zone)
	});
	if (repeat.kind === 'once') return [slotOn(day)];

	if (
		!Number.isInteger(repeat.interval) ||
		repeat.interval < 1 ||
		repeat.interval > MAX_SERIES_INTERVAL
	) {
		throw fieldError('interval', () => m.rooms_error_interval({ max: MAX_SERIES_INTERVAL }));
	}
	const until = plainDate(repeat.until);
	if (!until) throw fieldError('until', () => m.rooms_error_until());
	if (Temporal.PlainDate.compare(until, day) <= 0) {
		throw fieldError('until', () => m.rooms_error_until_before_start());
	}
	if (day.until(until).days > MAX_SERIES_SPAN_DAYS) {
		throw fieldError('until', () => m.rooms_error_series_too_long({ max: MAX_SERIES_DATES }));
	}
	const rule = new RRuleTemporal({
		rruleString: seriesRule(day, from, zone, repeat.interval, until)
	});
	const dates = rule
		.all((_, i) => i <= MAX_SERIES_DATES)
		.map((occurrence) => occurrence.toPlainDate());
	if (dates.length > MAX_SERIES_DATES) {
		throw fieldError('until', () => m.rooms_error_series_too_long({ max: MAX_SERIES_DATES }));
	}
	return dates.map(slotOn);
}

const compact = (value: string) => value.replaceAll('-', '').replaceAll(':', '');

/** The series as RFC 5545 text (stored with the request, and the source of the expansion). */
export function seriesRule(
	day: Temporal.PlainDate,
	from: Temporal.PlainTime,
	zone: string,
	interval: number,
	until: Temporal.PlainDate
): string {
	const start = `${compact(day.toString())}T${compact(from.toString({ smallestUnit: 'second' }))}`;
	// UNTIL in UTC at the end of the last local day, so the last date is included.
	const lastInstant = until
		.add({ days: 1 })
		.toZonedDateTime(zone)
		.toInstant()
		.subtract({ seconds: 1 })
		.toString({ smallestUnit: 'second' });
	const untilUtc = compact(lastInstant.replace(/Z$/, '')) + 'Z';
	return `DTSTART;TZID=${zone}:${start}\nRRULE:FREQ=WEEKLY;INTERVAL=${interval};UNTIL=${untilUtc}`;
}
