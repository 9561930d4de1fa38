/*
 * The .ics file (RFC 5545) sent with an approval: one VEVENT per approved date, in UTC, so
 * calendar apps need no time zone definition. Written by hand: a few lines of a stable format.
 */

export interface CalendarDate {
	/** The booking's id: the event's UID, so a later update or cancellation can refer to it. */
	id: number;
	start: Date;
	end: Date;
}

export interface BookingCalendar {
	roomName: string;
	location: string;
	/** Shown as the events' description, e.g. the request's reference. */
	description?: string;
	dates: CalendarDate[];
	/** When the file was made (DTSTAMP). */
	stamp: Date;
}

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

export function bookingCalendar(calendar: BookingCalendar): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Quartier//Raumbuchung//DE',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH'
	];
	for (const date of calendar.dates) {
		lines.push(
			'BEGIN:VEVENT',
			`UID:booking-${date.id}@quartier`,
			`DTSTAMP:${icsDateTime(calendar.stamp)}`,
			`DTSTART:${icsDateTime(date.start)}`,
			`DTEND:${icsDateTime(date.end)}`,
			`SUMMARY:${icsText(calendar.roomName)}`,
			`LOCATION:${icsText(calendar.location)}`
		);
		if (calendar.description) lines.push(`DESCRIPTION:${icsText(calendar.description)}`);
		lines.push('END:VEVENT');
	}
	lines.push('END:VCALENDAR');
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
