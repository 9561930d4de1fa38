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
}

const lines = (dates: Span[], locale: Locale) =>
	dates.map((d) => `- ${formatTimeSpan(d.startsAt, d.endsAt, { locale, timeZone: timeZone() })}`);

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
			...lines(p.approved, p.locale),
			...(p.skipped.length > 0
				? ['', m.rooms_staff_mail_skipped({}, opts), '', ...lines(p.skipped, p.locale)]
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
