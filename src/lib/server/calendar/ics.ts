import { Temporal } from 'temporal-polyfill';

/*
 * The pieces of an iCalendar (RFC 5545) file that every feed of the app shares: date-times,
 * TEXT escaping, folding, a VTIMEZONE built from the zone database, and the document around the
 * components. Written by hand: a few lines of a stable format, checked by parsing with ical.js.
 */

/** `20261118T170000Z` */
export function icsDateTime(instant: Date): string {
	return instant
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z')
		.replace(/[-:]/g, '');
}

/** A TEXT value: backslash, semicolon, comma and line breaks escaped. */
export function icsText(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (CRLF and a space), never inside a UTF-8 character. */
export function foldLine(line: string): string {
	// Most lines are short: no need to walk them character by character.
	if (line.length <= 75 && Buffer.byteLength(line, 'utf8') <= 75) return line;
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	for (const char of line) {
		const size = Buffer.byteLength(char, 'utf8');
		// The first line holds 75 octets, each continuation 74 after its leading space.
		if (octets + size > (parts.length === 0 ? 75 : 74)) {
			parts.push(current);
			current = '';
			octets = 0;
		}
		current += char;
		octets += size;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

function zoned(instant: Date, zone: string): Temporal.ZonedDateTime {
	return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(zone);
}

/** `20260305T190000`: the wall-clock time in the zone (for `;TZID=zone:`). */
export function icsLocalDateTime(instant: Date, zone: string): string {
	return zoned(instant, zone)
		.toPlainDateTime()
		.toString({ smallestUnit: 'second' })
		.replace(/[-:]/g, '');
}

/** `20260305`: the calendar day in the zone (for `;VALUE=DATE:`). */
export function icsLocalDate(instant: Date, zone: string): string {
	return zoned(instant, zone).toPlainDate().toString().replace(/-/g, '');
}

const offset = (ns: number) => {
	const minutes = Math.round(ns / 60e9);
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};

/**
 * A VTIMEZONE for `zone` with every transition between the two instants (and the one before, so
 * the first date is covered), taken from the zone database: correct for any zone, not only
 * Europe/Berlin, and without RRULEs a client could read differently.
 */
export function vtimezone(zone: string, from: Date, to: Date): string[] {
	const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
	let at = zoned(from, zone);
	const before = at.getTimeZoneTransition('previous');
	if (before) at = before.subtract({ nanoseconds: 1 });
	let observances = 0;
	for (;;) {
		const next = at.getTimeZoneTransition('next');
		if (!next || next.epochMilliseconds > to.getTime() || observances > 400) break;
		const prior = next.subtract({ nanoseconds: 1 });
		const fromNs = prior.offsetNanoseconds;
		const toNs = next.offsetNanoseconds;
		const kind = toNs > fromNs ? 'DAYLIGHT' : 'STANDARD';
		// DTSTART is the local time of the change as the clocks showed it before.
		const onset = Temporal.Instant.fromEpochNanoseconds(next.epochNanoseconds + BigInt(fromNs))
			.toZonedDateTimeISO('UTC')
			.toPlainDateTime()
			.toString({ smallestUnit: 'second' })
			.replace(/[-:]/g, '');
		lines.push(
			`BEGIN:${kind}`,
			`DTSTART:${onset}`,
			`TZOFFSETFROM:${offset(fromNs)}`,
			`TZOFFSETTO:${offset(toNs)}`,
			`END:${kind}`
		);
		observances++;
		at = next;
	}
	if (observances === 0) {
		// A zone without changes (UTC): one observance from the epoch.
		const fixed = offset(zoned(from, zone).offsetNanoseconds);
		lines.push(
			'BEGIN:STANDARD',
			'DTSTART:19700101T000000',
			`TZOFFSETFROM:${fixed}`,
			`TZOFFSETTO:${fixed}`,
			'END:STANDARD'
		);
	}
	lines.push('END:VTIMEZONE');
	return lines;
}

/**
 * A whole VCALENDAR from already written component lines, folded and with CRLF. Subscription
 * feeds pass no `method` (RFC 5546 methods are for scheduling messages, and some clients treat a
 * feed with METHOD as an invitation).
 */
export function icsDocument({
	prodId,
	name,
	method,
	components
}: {
	prodId: string;
	name?: string;
	method?: string;
	components: string[];
}): string {
	const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${prodId}`, 'CALSCALE:GREGORIAN'];
	if (method) lines.push(`METHOD:${method}`);
	if (name) lines.push(`X-WR-CALNAME:${icsText(name)}`);
	lines.push(...components, 'END:VCALENDAR');
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
