/*
 * The .ics file (RFC 5545) sent with an approval (one VEVENT per approved date) and the rooms'
 * subscribable feeds. All times in UTC, so calendar apps need no time zone definition. Written by hand: a few lines of a stable format.
 * The escaping and folding live in calendar/ics.ts (shared with the events' feeds).
 */
import { foldLine, icsDateTime, icsText } from '../calendar/ics';

export interface CalendarDate {
	/** The booking's id: the event's UID, so a later update or cancellation can refer to it. */
	id: number;
	start: Date;
	end: Date;
	/** The booking's revision (how often staff moved it): the event's SEQUENCE. */
	sequence?: number;
	/** The date's own room, where staff moved it out of the calendar's room. */
	roomName?: string;
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

export { foldLine, icsDateTime, icsText };

export interface CalendarEvent {
	/** Globally unique and stable across downloads, so a subscribed app updates, not duplicates. */
	uid: string;
	start: Date;
	end: Date;
	summary: string;
	location?: string;
	description?: string;
	/** Grows with every change of the event's time (RFC 5545 SEQUENCE); 0 when left out. */
	sequence?: number;
}

/**
 * A VCALENDAR of events in UTC. `name` (X-WR-CALNAME) is what a subscribing app shows as the
 * calendar's title; a one-off attachment needs none.
 */
export function icsCalendar({
	name,
	events,
	stamp
}: {
	name?: string;
	events: CalendarEvent[];
	stamp: Date;
}): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Quartier//Raumbuchung//DE',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH'
	];
	if (name) lines.push(`X-WR-CALNAME:${icsText(name)}`);
	for (const event of events) {
		lines.push(
			'BEGIN:VEVENT',
			`UID:${event.uid}`,
			`DTSTAMP:${icsDateTime(stamp)}`,
			`DTSTART:${icsDateTime(event.start)}`,
			`DTEND:${icsDateTime(event.end)}`,
			`SEQUENCE:${event.sequence ?? 0}`,
			`SUMMARY:${icsText(event.summary)}`
		);
		if (event.location !== undefined) lines.push(`LOCATION:${icsText(event.location)}`);
		if (event.description) lines.push(`DESCRIPTION:${icsText(event.description)}`);
		lines.push('END:VEVENT');
	}
	lines.push('END:VCALENDAR');
	return lines.map(foldLine).join('\r\n') + '\r\n';
}

export function bookingCalendar(calendar: BookingCalendar): string {
	return icsCalendar({
		stamp: calendar.stamp,
		events: calendar.dates.map((date) => ({
			uid: `booking-${date.id}@quartier`,
			start: date.start,
			end: date.end,
			sequence: date.sequence,
			summary: date.roomName ?? calendar.roomName,
			location: calendar.location,
			description: calendar.description
		}))
	});
}
