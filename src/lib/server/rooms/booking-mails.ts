import { m } from '$lib/paraglide/messages.js';
import { formatTimeSpan } from '$lib/format';
import type { OutgoingMail } from '../mail/outbox';
import { timeZone } from '../time';

/*
 * Mails of room booking. Mails to staff are German; mails to requesters follow the language
 * they used. Anyone can type someone else's address into the request form, so the requester's
 * mails carry no free text they entered: only the room, the dates and the links.
 */

type Locale = 'de' | 'en';
const DE = { locale: 'de' } as const;

interface DateLine {
	start: Date;
	end: Date;
	state: 'free' | 'taken' | 'closed';
	reason: string;
}

function dateLines(dates: DateLine[], locale: Locale): string[] {
	const opts = { locale };
	return dates.map((d) => {
		const when = formatTimeSpan(d.start, d.end, { locale, timeZone: timeZone() });
		if (d.state === 'free') return `- ${when}`;
		const why =
			d.state === 'closed'
				? m.rooms_mail_date_closed({ reason: d.reason }, opts)
				: m.rooms_mail_date_taken({}, opts);
		return `- ${when} (${why})`;
	});
}

export function bookingReceivedMail(p: {
	to: string;
	locale: Locale;
	reference: string;
	roomName: string;
	dates: DateLine[];
	statusUrl: string;
	cancelUrl: string;
	officeName: string;
}): OutgoingMail {
	const opts = { locale: p.locale };
	return {
		to: p.to,
		locale: p.locale,
		templateKey: 'rooms.request-received',
		subject: m.rooms_mail_received_subject({ reference: p.reference, room: p.roomName }, opts),
		text: [
			m.rooms_mail_received_intro({ reference: p.reference, room: p.roomName }, opts),
			'',
			...dateLines(p.dates, p.locale),
			'',
			m.rooms_mail_status_link({ url: p.statusUrl }, opts),
			m.rooms_mail_cancel_link({ url: p.cancelUrl }, opts),
			'',
			m.rooms_mail_not_you({}, opts),
			'',
			'-- ',
			p.officeName
		].join('\n'),
		secrets: [p.statusUrl, p.cancelUrl]
	};
}

export function bookingRequestedMail(p: {
	to: string;
	reference: string;
	roomName: string;
	dates: DateLine[];
	input: {
		name: string;
		email: string;
		phone: string;
		organisation: string;
		purpose: string;
		attendees: number;
	};
	backOfficeUrl: string;
}): OutgoingMail {
	const { input } = p;
	return {
		to: p.to,
		replyTo: input.email,
		locale: 'de',
		templateKey: 'rooms.request-to-staff',
		subject: m.rooms_mail_staff_subject({ reference: p.reference, room: p.roomName }, DE),
		text: [
			m.rooms_mail_staff_intro({ reference: p.reference, room: p.roomName }, DE),
			'',
			...dateLines(p.dates, 'de'),
			'',
			m.rooms_mail_staff_requester(
				{
					name: input.name,
					organisation: input.organisation || '–',
					email: input.email,
					phone: input.phone || '–'
				},
				DE
			),
			m.rooms_mail_staff_purpose({ purpose: input.purpose, attendees: input.attendees }, DE),
			'',
			m.rooms_mail_staff_link({ url: p.backOfficeUrl }, DE)
		].join('\n')
	};
}

export function bookingProposalMail(p: {
	to: string;
	locale: Locale;
	reference: string;
	roomName: string;
	dates: DateLine[];
	message: string;
	statusUrl: string;
	officeName: string;
}): OutgoingMail {
	const opts = { locale: p.locale };
	return {
		to: p.to,
		locale: p.locale,
		templateKey: 'rooms.proposal',
		subject: m.rooms_mail_proposal_subject({ reference: p.reference }, opts),
		text: [
			m.rooms_mail_proposal_intro({ reference: p.reference, room: p.roomName }, opts),
			'',
			...dateLines(p.dates, p.locale),
			'',
			...(p.message ? [p.message, ''] : []),
			m.rooms_mail_proposal_link({ url: p.statusUrl }, opts),
			'',
			'-- ',
			p.officeName
		].join('\n'),
		secrets: [p.statusUrl]
	};
}

/** To the booking contact: the requester answered a proposal. */
export function proposalAnsweredMail(p: {
	to: string;
	reference: string;
	accepted: boolean;
	backOfficeUrl: string;
}): OutgoingMail {
	return {
		to: p.to,
		locale: 'de',
		templateKey: 'rooms.proposal-answered',
		subject: p.accepted
			? m.rooms_mail_proposal_accepted_subject({ reference: p.reference }, DE)
			: m.rooms_mail_proposal_rejected_subject({ reference: p.reference }, DE),
		text: [
			p.accepted
				? m.rooms_mail_proposal_accepted_text({ reference: p.reference }, DE)
				: m.rooms_mail_proposal_rejected_text({ reference: p.reference }, DE),
			'',
			m.rooms_mail_staff_link({ url: p.backOfficeUrl }, DE)
		].join('\n')
	};
}
