import { m } from '$lib/paraglide/messages.js';
import { formatInstant } from '$lib/format';
import { timeZone } from '../time';
import type { ForwardingAnswerStatus } from '../db/schema';
import type { OutgoingMail } from '../mail/outbox';

/*
 * Mails of forwarding. Bodies and staff get German mail. The submitter's contact data goes into
 * a body's mail only when they agreed to it (consent_forward_contact); the caller decides and
 * passes `contact: null` otherwise.
 */

const DE = { locale: 'de' } as const;

const deDate = (at: Date) =>
	formatInstant(at, { locale: 'de', timeZone: timeZone(), style: 'date' });
const deDateTime = (at: Date) =>
	formatInstant(at, { locale: 'de', timeZone: timeZone(), style: 'datetime' });

export interface ForwardedConcernFacts {
	reference: string;
	categoryName: string;
	address: string;
	description: string;
	createdAt: Date;
	contact: { name: string; email: string; phone: string } | null;
}

/** The mail to a body: the concern, the due date, the answer link; also the reminder. */
export function concernToBodyMail(p: {
	to: string;
	bodyName: string;
	concern: ForwardedConcernFacts;
	coverNote: string;
	dueAt: Date;
	answerUrl: string;
	linkExpiresAt: Date;
	officeName: string;
	replyTo: string;
	/** 0 for the first mail, n for the n-th reminder. */
	reminder: number;
	dedupeKey?: string;
}): OutgoingMail {
	const c = p.concern;
	const due = deDate(p.dueAt);
	const contactLines = c.contact
		? [
				m.concerns_forward_mail_contact_intro({}, DE),
				...(c.contact.name ? [`${m.concerns_staff_name({}, DE)}: ${c.contact.name}`] : []),
				...(c.contact.email ? [`${m.concerns_staff_email({}, DE)}: ${c.contact.email}`] : []),
				...(c.contact.phone ? [`${m.concerns_staff_phone({}, DE)}: ${c.contact.phone}`] : [])
			]
		: [m.concerns_forward_mail_no_contact({}, DE)];
	return {
		to: p.to,
		locale: 'de',
		replyTo: p.replyTo || undefined,
		templateKey: p.reminder > 0 ? 'concerns.forward-reminder' : 'concerns.forwarded',
		subject:
			p.reminder > 0
				? m.concerns_forward_mail_reminder_subject({ reference: c.reference }, DE)
				: m.concerns_forward_mail_subject({ reference: c.reference, category: c.categoryName }, DE),
		text: [
			m.concerns_forward_mail_greeting({}, DE),
			'',
			p.reminder > 0
				? m.concerns_forward_mail_reminder_intro(
						{ office: p.officeName, reference: c.reference, due },
						DE
					)
				: m.concerns_forward_mail_intro({ office: p.officeName, due }, DE),
			...(p.coverNote ? ['', p.coverNote] : []),
			'',
			`${m.concerns_forward_mail_reference({}, DE)}: ${c.reference}`,
			`${m.concerns_field_category({}, DE)}: ${c.categoryName}`,
			...(c.address ? [`${m.concerns_field_address({}, DE)}: ${c.address}`] : []),
			`${m.concerns_forward_mail_received({}, DE)}: ${deDateTime(c.createdAt)}`,
			'',
			c.description,
			'',
			...contactLines,
			'',
			m.concerns_forward_mail_link({ url: p.answerUrl, expires: deDate(p.linkExpiresAt) }, DE),
			'',
			'-- ',
			p.officeName
		].join('\n'),
		secrets: [p.answerUrl],
		dedupeKey: p.dedupeKey
	};
}

/** The states a body may choose, in German whatever language the body's browser asked for. */
const STATUS_DE: Record<ForwardingAnswerStatus, string> = {
	get in_progress() {
		return m.concerns_status_in_progress({}, DE);
	},
	get resolved() {
		return m.concerns_status_resolved({}, DE);
	},
	get declined() {
		return m.concerns_status_declined({}, DE);
	}
};

/** To staff: a body has answered (its text may be quoted: it is public anyway). */
export function bodyAnsweredStaffMail(p: {
	to: string;
	reference: string;
	bodyName: string;
	answer: string;
	status: ForwardingAnswerStatus;
	backOfficeUrl: string;
}): OutgoingMail {
	return {
		to: p.to,
		locale: 'de',
		templateKey: 'concerns.forward-answered',
		subject: m.concerns_forward_mail_staff_subject(
			{ reference: p.reference, body: p.bodyName },
			DE
		),
		text: [
			m.concerns_forward_mail_staff_intro({ reference: p.reference, body: p.bodyName }, DE),
			'',
			`${m.concerns_forward_field_status({}, DE)}: ${STATUS_DE[p.status]}`,
			'',
			p.answer,
			'',
			m.concerns_mail_staff_link({ url: p.backOfficeUrl }, DE)
		].join('\n')
	};
}
