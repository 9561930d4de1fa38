import { m } from '$lib/paraglide/messages.js';
import { formatTimeSpan } from '$lib/format';
import type { MailAttachment, OutgoingMail } from '../mail/outbox';
import { timeZone } from '../time';

/*
 * The mails with staff's decision, in the language the requester used. They carry the room and
 * the dates, and on a decline the message staff wrote; nothing the requester typed.
 */

type Locale = 'de' | 'en';
interface Span {
	startsAt: Date;
	endsAt: Date;
	/** Named in the line when it is not the mail's room (staff moved the date to another room). */
	roomName?: string;
}

const lines = (dates: Span[], locale: Locale, mainRoom?: string) =>
	dates.map((d) => {
		const when = formatTimeSpan(d.startsAt, d.endsAt, { locale, timeZone: timeZone() });
		return d.roomName && mainRoom && d.roomName !== mainRoom
			? `- ${when}, ${d.roomName}`
			: `- ${when}`;
	});

export function asLocale(value: string): Locale {
	return value === 'en' ? 'en' : 'de';
}

export function bookingApprovedMail(p: {
	to: string;
	locale: Locale;
	reference: string;
	roomName: string;
	approved: Span[];
	skipped: Span[];
	calendar: string;
	officeName: string;
}): OutgoingMail {
	const opts = { locale: p.locale };
	const vars = { reference: p.reference, room: p.roomName };
	const attachment: MailAttachment = {
		filename: `${p.reference}.ics`,
		contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
		content: Buffer.from(p.calendar, 'utf8').toString('base64')
	};
	return {
		to: p.to,
		locale: p.locale,
		templateKey: 'rooms.request-approved',
		subject: m.rooms_staff_mail_approved_subject(vars, opts),
		text: [
			m.rooms_staff_mail_approved_intro(vars, opts),
			'',
			...lines(p.approved, p.locale, p.roomName),
			...(p.skipped.length > 0
				? ['', m.rooms_staff_mail_skipped({}, opts), '', ...lines(p.skipped, p.locale, p.roomName)]
				: []),
			'',
			m.rooms_staff_mail_calendar({}, opts),
			'',
			'-- ',
			p.officeName
		].join('\n'),
		attachments: [attachment]
	};
}

/**
 * Staff moved an approved date: the old and the new time (and room) and the date as an .ics
 * whose event keeps its UID and has a higher SEQUENCE, so calendar apps replace the old entry.
 */
export function bookingMovedMail(p: {
	to: string;
	locale: Locale;
	reference: string;
	before: Span & { roomName: string };
	after: Span & { roomName: string };
	calendar: string;
	officeName: string;
}): OutgoingMail {
	const opts = { locale: p.locale };
	const line = (d: Span & { roomName: string }) =>
		`- ${d.roomName}, ${formatTimeSpan(d.startsAt, d.endsAt, { locale: p.locale, timeZone: timeZone() })}`;
	return {
		to: p.to,
		locale: p.locale,
		templateKey: 'rooms.booking-moved',
		subject: m.rooms_move_mail_subject({ reference: p.reference, room: p.after.roomName }, opts),
		text: [
			m.rooms_move_mail_intro({ reference: p.reference }, opts),
			'',
			m.rooms_move_mail_before({}, opts),
			line(p.before),
			'',
			m.rooms_move_mail_after({}, opts),
			line(p.after),
			'',
			m.rooms_move_mail_calendar({}, opts),
			'',
			'-- ',
			p.officeName
		].join('\n'),
		attachments: [
			{
				filename: `${p.reference}.ics`,
				contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
				content: Buffer.from(p.calendar, 'utf8').toString('base64')
			}
		]
	};
}

interface MessageMail {
	to: string;
	locale: Locale;
	reference: string;
	roomName: string;
	dates: Span[];
	message: string;
	officeName: string;
}

/** A decision that ends the request, with the dates it concerned and staff's message. */
function endingMail(
	p: MessageMail,
	templateKey: string,
	subject: typeof m.rooms_staff_mail_declined_subject,
	intro: typeof m.rooms_staff_mail_declined_intro
): OutgoingMail {
	const opts = { locale: p.locale };
	const vars = { reference: p.reference, room: p.roomName };
	return {
		to: p.to,
		locale: p.locale,
		templateKey,
		subject: subject(vars, opts),
		text: [
			intro(vars, opts),
			'',
			...lines(p.dates, p.locale),
			'',
			m.rooms_staff_mail_message({}, opts),
			'',
			p.message,
			'',
			'-- ',
			p.officeName
		].join('\n')
	};
}

export function bookingDeclinedMail(p: MessageMail): OutgoingMail {
	return endingMail(
		p,
		'rooms.request-declined',
		m.rooms_staff_mail_declined_subject,
		m.rooms_staff_mail_declined_intro
	);
}

/** Staff cancelled a request the requester still counted on: which dates, and staff's message. */
export function bookingCancelledByStaffMail(p: MessageMail): OutgoingMail {
	return endingMail(
		p,
		'rooms.request-cancelled-by-staff',
		m.rooms_week_mail_cancelled_subject,
		m.rooms_week_mail_cancelled_intro
	);
}
