import { Temporal } from 'temporal-polyfill';
import { now, timeZone } from '../time';

/*
 * The periods of the month and print views as they appear in URLs: a month `2026-11` and an ISO
 * week `2026-W48`. Parsing is strict (null for anything else, the route answers 400) and bounded
 * to years a calendar of the neighbourhood can mean.
 */

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export interface Period {
	kind: 'month' | 'week';
	/** As in the URL: `2026-11` or `2026-W48`. */
	key: string;
	/** First and last local day, inclusive. */
	first: string;
	last: string;
	/** Instants: the first day's start, the day after the last day's start. */
	start: Date;
	end: Date;
	previous: string;
	next: string;
}

const MONTH = /^(\d{4})-(\d{2})$/;
const WEEK = /^(\d{4})-W(\d{2})$/;

function instant(day: Temporal.PlainDate, zone: string): Date {
	return new Date(day.toZonedDateTime(zone).epochMilliseconds);
}

const monthKey = (m: Temporal.PlainYearMonth) => m.toString();

function weekKey(day: Temporal.PlainDate): string {
	return `${day.yearOfWeek}-W${String(day.weekOfYear).padStart(2, '0')}`;
}

function inRange(year: number) {
	return year >= MIN_YEAR && year <= MAX_YEAR;
}

export function monthPeriod(key: string, zone = timeZone()): Period | null {
	const match = MONTH.exec(key);
	if (!match) return null;
	const year = Number(match[1]);
	const month = Number(match[2]);
	if (!inRange(year) || month < 1 || month > 12) return null;
	const ym = Temporal.PlainYearMonth.from({ year, month });
	const first = ym.toPlainDate({ day: 1 });
	const last = ym.toPlainDate({ day: ym.daysInMonth });
	return {
		kind: 'month',
		key,
		first: first.toString(),
		last: last.toString(),
		start: instant(first, zone),
		end: instant(last.add({ days: 1 }), zone),
		previous: monthKey(ym.subtract({ months: 1 })),
		next: monthKey(ym.add({ months: 1 }))
	};
}

/** The Monday of an ISO week (week 1 holds 4 January). */
export function weekPeriod(key: string, zone = timeZone()): Period | null {
	const match = WEEK.exec(key);
	if (!match) return null;
	const year = Number(match[1]);
	const week = Number(match[2]);
	if (!inRange(year) || week < 1) return null;
	const weeksInYear = Temporal.PlainDate.from({ year, month: 12, day: 28 }).weekOfYear!;
	if (week > weeksInYear) return null;
	const jan4 = Temporal.PlainDate.from({ year, month: 1, day: 4 });
	const monday = jan4.subtract({ days: jan4.dayOfWeek - 1 }).add({ weeks: week - 1 });
	const sunday = monday.add({ days: 6 });
	return {
		kind: 'week',
		key,
		first: monday.toString(),
		last: sunday.toString(),
		start: instant(monday, zone),
		end: instant(sunday.add({ days: 1 }), zone),
		previous: weekKey(monday.subtract({ weeks: 1 })),
		next: weekKey(monday.add({ weeks: 1 }))
	};
}

function today(zone: string): Temporal.PlainDate {
	return Temporal.Instant.fromEpochMilliseconds(now().getTime())
		.toZonedDateTimeISO(zone)
		.toPlainDate();
}

export function currentMonthKey(zone = timeZone()): string {
	return today(zone).toPlainYearMonth().toString();
}

export function currentWeekKey(zone = timeZone()): string {
	return weekKey(today(zone));
}

/** The days of a month as weeks Monday–Sunday; days outside the month are null. */
export function monthWeeks(period: Period): (string | null)[][] {
	const first = Temporal.PlainDate.from(period.first);
	const last = Temporal.PlainDate.from(period.last);
	const weeks: (string | null)[][] = [];
	let week: (string | null)[] = Array(first.dayOfWeek - 1).fill(null);
	for (let d = first; Temporal.PlainDate.compare(d, last) <= 0; d = d.add({ days: 1 })) {
		week.push(d.toString());
		if (week.length === 7) {
			weeks.push(week);
			week = [];
		}
	}
	if (week.length > 0) weeks.push([...week, ...Array(7 - week.length).fill(null)]);
	return weeks;
}
