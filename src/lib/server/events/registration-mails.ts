import { m } from '$lib/paraglide/messages.js';
import { formatTimeSpan } from '$lib/format';
import {
	icsDateTime,
	icsDocument,
	icsLocalDate,
	icsLocalDateTime,
	icsText,
	vtimezone
} from '../calendar/ics';
import type { OutgoingMail } from '../mail/outbox';
import { timeZone } from '../time';
import { placeLine, type RegistrationDate } from './registration-records';

/*
 * Mails to people who signed up, in the language of the form. Anyone can type someone else's
 * address, so the mails carry the event, the date and the links, never the note typed in.
 */

type Locale = 'de' | 'en';

export function asLocale(value: string): Locale {
	return value === 'en' ? 'en' : 'de';
}

/**
 * The date as an iCalendar file for the mail: the event's UID (as in the feeds), and for a date
 * of a series its RECURRENCE-ID, so the entry matches the subscribed calendar's.
 */
export function registrationCalendar(d: RegistrationDate, origin: string): string {
	const zone = timeZone();
	const host = new URL(origin).host;
	const when = (instant: Date) =>
		d.allDay
			? `;VALUE=DATE:${icsLocalDate(instant, zone)}`
			: `;TZID=${zone}:${icsLocalDateTime(instant, zone)}`;
	const lines = [
		'BEGIN:VEVENT',
		`UID:event-${d.eventId}@${host}`,
		`DTSTAMP:${icsDateTime(d.updatedAt)}`,
		`SEQUENCE:${d.sequence}`
	];
	if (d.rrule) lines.push(`RECURRENCE-ID${when(d.originalStart)}`);
	lines.push(`DTSTART${when(d.startsAt)}`, `DTEND${when(d.endsAt)}`, `SUMMARY:${icsText(d.title)}`);
	const place = placeLine(d);
	if (place) lines.push(`LOCATION:${icsText(place)}`);
	lines.push(
		`URL:${origin}/veranstaltungen/${d.slug}`,
		'STATUS:CONFIRMED',
		'TRANSP:OPAQUE',
		'END:VEVENT'
	);
	const components = d.allDay ? [] : vtimezone(zone, d.startsAt, d.endsAt);
	return icsDocument({
		prodId: '-//Quartier//Veranstaltungen//DE',
		method: 'PUBLISH',
		components: [...components, ...lines]
	});
}

function whenLine(d: RegistrationDate, locale: Locale): string {
	return formatTimeSpan(d.startsAt, d.endsAt, { locale, timeZone: timeZone() });
}

function footer(office: string): string[] {
	return ['', '-- ', office];
}

function calendarAttachment(d: RegistrationDate, origin: string) {
	return {
		filename: `${d.slug}.ics`,
		contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
		content: Buffer.from(registrationCalendar(d, origin), 'utf8').toString('base64')
	};
}

/** A seat is confirmed: the date, the persons, the cancel link and the date as .ics. */
export function registrationConfirmedMail(p: {
	to: string;
	locale: Locale;
	date: RegistrationDate;
	persons: number;
	cancelUrl: string;
	origin: string;
	officeName: string;
	promoted?: boolean;
}): OutgoingMail {
	const opts = { locale: p.locale };
	const vars = { title: p.date.title };
	return {
		to: p.to,
		locale: p.locale,
		templateKey: p.promoted ? 'events.registration-promoted' : 'events.registration-confirmed',
		subject: p.promoted
			? m.events_register_mail_promoted_subject(vars, opts)
			: m.events_register_mail_confirmed_subject(vars, opts),
		text: [
			p.promoted
				? m.events_register_mail_promoted_intro(vars, opts)
				: m.events_register_mail_confirmed_intro(vars, opts),
			'',
			`- ${whenLine(p.date, p.locale)}`,
			`- ${placeLine(p.date)}`,
			`- ${m.events_register_mail_persons({ count: p.persons }, opts)}`,
			'',
			m.events_register_mail_calendar({}, opts),
			'',
			m.events_register_mail_cancel({ url: p.cancelUrl }, opts),
			'',
			m.events_register_mail_not_you({}, opts),
			...footer(p.officeName)
		].join('\n'),
		attachments: [calendarAttachment(p.date, p.origin)],
		secrets: [p.cancelUrl]
	};
}

/** No seat free: the place on the waitlist, and the link to take the entry back. */
export function registrationWaitlistedMail(p: {
	to: string;
	locale: Locale;
	date: RegistrationDate;
	persons: number;
	position: number;
	cancelUrl: string;
	officeName: string;
}): OutgoingMail {
	const opts = { locale: p.locale };
	const vars = { title: p.date.title, position: p.position };
	return {
		to: p.to,
		locale: p.locale,
		templateKey: 'events.registration-waitlisted',
		subject: m.events_register_mail_waitlist_subject(vars, opts),
		text: [
			m.events_register_mail_waitlist_intro(vars, opts),
			'',
			`- ${whenLine(p.date, p.locale)}`,
			`- ${placeLine(p.date)}`,
			`- ${m.events_register_mail_persons({ count: p.persons }, opts)}`,
			'',
			m.events_register_mail_waitlist_how({}, opts),
			'',
			m.events_register_mail_cancel({ url: p.cancelUrl }, opts),
			'',
			m.events_register_mail_not_you({}, opts),
			...footer(p.officeName)
		].join('\n'),
		secrets: [p.cancelUrl]
	};
}

/** Staff cancelled the registration. */
export function registrationCancelledMail(p: {
	to: string;
	locale: Locale;
	date: RegistrationDate;
	officeName: string;
}): OutgoingMail {
	const opts = { locale: p.locale };
	return {
		to: p.to,
		locale: p.locale,
		templateKey: 'events.registration-cancelled',
		subject: m.events_register_mail_cancelled_subject({ title: p.date.title }, opts),
		text: [
			m.events_register_mail_cancelled_intro({ title: p.date.title }, opts),
			'',
			`- ${whenLine(p.date, p.locale)}`,
			...footer(p.officeName)
		].join('\n')
	};
}

/** The whole event was cancelled by staff: everyone signed up for a coming date hears of it. */
export function eventCancelledMail(p: {
	to: string;
	locale: Locale;
	date: RegistrationDate;
	officeName: string;
}): OutgoingMail {
	const opts = { locale: p.locale };
	return {
		to: p.to,
		locale: p.locale,
		templateKey: 'events.registration-event-cancelled',
		subject: m.events_register_mail_event_cancelled_subject({ title: p.date.title }, opts),
		text: [
			m.events_register_mail_event_cancelled_intro({ title: p.date.title }, opts),
			'',
			`- ${whenLine(p.date, p.locale)}`,
			...footer(p.officeName)
		].join('\n')
	};
}

/** Staff moved the date: the new time first, the previous one for reference. */
export function eventDateMovedMail(p: {
	to: string;
	locale: Locale;
	date: RegistrationDate;
	previous: { startsAt: Date; endsAt: Date };
	withCalendar: boolean;
	origin: string;
	officeName: string;
}): OutgoingMail {
	const opts = { locale: p.locale };
	const previous = formatTimeSpan(p.previous.startsAt, p.previous.endsAt, {
		locale: p.locale,
		timeZone: timeZone()
	});
	return {
		to: p.to,
		locale: p.locale,
		templateKey: 'events.registration-date-moved',
		subject: m.events_register_mail_moved_subject({ title: p.date.title }, opts),
		text: [
			m.events_register_mail_moved_intro({ title: p.date.title }, opts),
			'',
			`- ${whenLine(p.date, p.locale)}`,
			`- ${placeLine(p.date)}`,
			...(p.date.note ? [`- ${p.date.note}`] : []),
			'',
			m.events_register_mail_moved_previous({ when: previous }, opts),
			...(p.withCalendar ? ['', m.events_register_mail_calendar({}, opts)] : []),
			'',
			m.events_register_mail_moved_cannot({}, opts),
			...footer(p.officeName)
		].join('\n'),
		attachments: p.withCalendar ? [calendarAttachment(p.date, p.origin)] : []
	};
}
