import { m } from '$lib/paraglide/messages.js';
import type { OutgoingMail } from '../mail/outbox';

/*
 * Mails of the concerns area. Mails to staff are German; mails to submitters follow the language
 * they used. Anyone can type someone else's address into the form, so the confirmation carries
 * no free text the submitter entered: only the number, the category and the link.
 */

type Locale = 'de' | 'en';
const DE = { locale: 'de' } as const;

export function concernReceivedMail(p: {
	to: string;
	locale: Locale;
	reference: string;
	categoryName: string;
	isPublic: boolean;
	statusUrl: string;
	officeName: string;
}): OutgoingMail {
	const opts = { locale: p.locale };
	return {
		to: p.to,
		locale: p.locale,
		templateKey: 'concerns.received',
		subject: m.concerns_mail_received_subject({ reference: p.reference }, opts),
		text: [
			m.concerns_mail_received_intro({ reference: p.reference, category: p.categoryName }, opts),
			'',
			p.isPublic
				? m.concerns_mail_received_public({}, opts)
				: m.concerns_mail_received_private({}, opts),
			'',
			m.concerns_mail_status_link({ url: p.statusUrl }, opts),
			'',
			m.concerns_mail_not_you({}, opts),
			'',
			'-- ',
			p.officeName
		].join('\n'),
		secrets: [p.statusUrl]
	};
}

export function concernToStaffMail(p: {
	to: string;
	reference: string;
	categoryName: string;
	isPublic: boolean;
	description: string;
	address: string;
	backOfficeUrl: string;
}): OutgoingMail {
	return {
		to: p.to,
		locale: 'de',
		templateKey: 'concerns.to-staff',
		subject: m.concerns_mail_staff_subject(
			{ reference: p.reference, category: p.categoryName },
			DE
		),
		text: [
			m.concerns_mail_staff_intro({ reference: p.reference }, DE),
			'',
			`${m.concerns_field_category({}, DE)}: ${p.categoryName}`,
			`${m.concerns_field_visibility({}, DE)}: ${
				p.isPublic ? m.concerns_visibility_public({}, DE) : m.concerns_visibility_private({}, DE)
			}`,
			...(p.address ? [`${m.concerns_field_address({}, DE)}: ${p.address}`] : []),
			'',
			p.description,
			'',
			m.concerns_mail_staff_link({ url: p.backOfficeUrl }, DE)
		].join('\n')
	};
}

/** An answer of the office (staff wrote it, so it may be quoted) with a fresh status link. */
export function concernAnsweredMail(p: {
	to: string;
	locale: Locale;
	reference: string;
	answer: string;
	statusText: string | null;
	statusUrl: string;
	officeName: string;
}): OutgoingMail {
	const opts = { locale: p.locale };
	return {
		to: p.to,
		locale: p.locale,
		templateKey: 'concerns.answered',
		subject: m.concerns_mail_answer_subject({ reference: p.reference }, opts),
		text: [
			m.concerns_mail_answer_intro({ reference: p.reference }, opts),
			...(p.statusText ? ['', m.concerns_mail_answer_status({ status: p.statusText }, opts)] : []),
			'',
			p.answer,
			'',
			m.concerns_mail_status_link({ url: p.statusUrl }, opts),
			'',
			'-- ',
			p.officeName
		].join('\n'),
		secrets: [p.statusUrl]
	};
}
