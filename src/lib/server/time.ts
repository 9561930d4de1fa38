import { Temporal } from 'temporal-polyfill';
import { formatInstant, type DateStyle } from '$lib/format';
import { config } from './config';

/**
 * The app's clock and its local time. Use cases and server code ask `now()` instead of calling
 * `new Date()`, so that tests can fix the time (`setClock`). Instants are stored as `Date`
 * (timestamptz); wall-clock times, local dates and calendar days are computed here, with Temporal,
 * in the configured zone (TIME_ZONE, default Europe/Berlin). No offset arithmetic elsewhere.
 *
 * Policy for wall-clock times that do not name exactly one instant (Temporal's "compatible"
 * disambiguation, the rule of RFC 5545 and of common calendar apps):
 * - In the spring-forward gap a time that does not exist moves forward by the length of the gap:
 *   2026-03-29 02:30 in Berlin becomes 03:30 CEST (01:30 UTC). Staff who type a time in the
 *   gap get the first real time after it, and see it in the form when they open the record again.
 * - In the repeated autumn hour the earlier occurrence is taken: 2026-10-25 02:30 in Berlin is
 *   02:30 CEST (00:30 UTC), not 02:30 CET an hour later.
 */
export type Clock = () => Date;

const systemClock: Clock = () => new Date();
let clock: Clock = systemClock;

export function now(): Date {
	return clock();
}

/** For tests: a fixed instant or a clock function; call `resetClock()` afterwards. */
export function setClock(at: Date | Clock): void {
	clock = typeof at === 'function' ? at : () => new Date(at.getTime());
}

export function resetClock(): void {
	clock = systemClock;
}

/** The configured zone (TIME_ZONE). */
export function timeZone(): string {
	return config().TIME_ZONE;
}

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function zoned(instant: Date, zone: string): Temporal.ZonedDateTime {
	return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(zone);
}

function toDate(zdt: Temporal.ZonedDateTime): Date {
	return new Date(zdt.epochMilliseconds);
}

/** A calendar date `YYYY-MM-DD`, or null if it is malformed or no real date (2026-02-29). */
function parseLocalDate(date: string): Temporal.PlainDate | null {
	if (!LOCAL_DATE.test(date)) return null;
	try {
		return Temporal.PlainDate.from(date, { overflow: 'reject' });
	} catch {
		return null;
	}
}

/**
 * The instant a wall-clock time `YYYY-MM-DDTHH:mm` (what <input type=datetime-local> sends)
 * denotes in the zone; null for malformed input. Gap and repeated hour: see the policy above.
 */
export function localToInstant(local: string, zone = timeZone()): Date | null {
	if (!LOCAL_DATE_TIME.test(local)) return null;
	let wall: Temporal.PlainDateTime;
	try {
		wall = Temporal.PlainDateTime.from(local, { overflow: 'reject' });
	} catch {
		return null;
	}
	return toDate(wall.toZonedDateTime(zone, { disambiguation: 'compatible' }));
}

/** An instant as the value of <input type=datetime-local> in the zone (`YYYY-MM-DDTHH:mm`). */
export function toLocalInput(instant: Date | null | undefined, zone = timeZone()): string {
	if (!instant) return '';
	return zoned(instant, zone)
		.toPlainDateTime()
		.toString({ smallestUnit: 'minute', roundingMode: 'trunc' });
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in the zone. */
export function toLocalDate(instant: Date, zone = timeZone()): string {
	return zoned(instant, zone).toPlainDate().toString();
}

/**
 * The instants a local calendar day starts and ends (end exclusive: the start of the next day),
 * so `start <= t < end` selects that day; it is 23 or 25 hours long on the DST weekends.
 * Null for a malformed date.
 */
export function localDayBounds(date: string, zone = timeZone()): { start: Date; end: Date } | null {
	const day = parseLocalDate(date);
	if (!day) return null;
	const start = day.toZonedDateTime(zone);
	return { start: toDate(start), end: toDate(day.add({ days: 1 }).toZonedDateTime(zone)) };
}

/**
 * Adds calendar days in local time: the wall-clock time stays (18:00 stays 18:00 across a DST
 * change, so the result may be 23 or 25 hours × days away); a result in a gap follows the policy.
 */
export function addLocalDays(instant: Date, days: number, zone = timeZone()): Date {
	return toDate(zoned(instant, zone).add({ days }));
}

/** An instant for display in the zone, in German or English (for mails and other server text). */
export function formatLocal(
	instant: Date,
	locale: 'de' | 'en',
	style: DateStyle = 'datetime',
	zone = timeZone()
): string {
	return formatInstant(instant, { locale, timeZone: zone, style });
}

const isoFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as ISO 8601 with the zone's offset (`2026-11-18T18:00:00+01:00`), for APIs and
 * feeds. Intl rather than Temporal here: an availability answer formats many instants, and the
 * polyfill's zone conversion costs tens of microseconds each.
 */
export function toIsoWithOffset(instant: Date, zone = timeZone()): string {
	let format = isoFormats.get(zone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			timeZoneName: 'longOffset'
		});
		isoFormats.set(zone, format);
	}
	const part: Record<string, string> = {};
	for (const p of format.formatToParts(instant)) part[p.type] = p.value;
	// "GMT+01:00", or "GMT" for a zero offset.
	const offset = part.timeZoneName === 'GMT' ? '+00:00' : part.timeZoneName.slice(3);
	return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}${offset}`;
}
