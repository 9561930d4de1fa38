import { m } from '$lib/paraglide/messages.js';
import type { OutgoingMail } from '../mail/outbox';
import { formatLocal } from '../time';
import type { FeedbackType } from './contact.schemas';
import type { ResolvedRecipients } from './resolve-recipients';

/*
 * Mail texts for the contact domain. Mails to staff are always German (the office works in
 * German); confirmations follow the visitor's language. All mails are plain text.
 */

type Locale = 'de' | 'en';
const DE = { locale: 'de' } as const;

function germanDate(date: Date): string {
	return formatLocal(date, 'de', 'date');
}

function routeNote(resolved: Pick<ResolvedRecipients, 'route' | 'addressed'>): string | null {
	const role = resolved.addressed?.roleTitle ?? '';
	switch (resolved.route) {
		case 'substitute':
			return resolved.addressed?.isVacant
				? m.contact_mail_route_substitute_vacant({ role }, DE)
				: m.contact_mail_route_substitute_no_email({ role }, DE);
		case 'office':
			return resolved.addressed ? m.contact_mail_route_office({ role }, DE) : null;
		case 'admins':
			return m.contact_mail_route_admins({}, DE);
		default:
			return null;
	}
}

function addressedLine(addressed: ResolvedRecipients['addressed'], officeName: string): string {
	if (!addressed) return m.contact_mail_to_office({ office: officeName }, DE);
	const who = addressed.name ? `${addressed.roleTitle} (${addressed.name})` : addressed.roleTitle;
	return addressed.isVacant
		? m.contact_mail_to_vacant({ person: who }, DE)
		: m.contact_mail_to_person({ person: who }, DE);
}

function footer(email: string, backOfficeUrl: string, officeName: string): string[] {
	return [
		m.contact_mail_reply_hint({ email }, DE),
		m.contact_mail_backoffice_link({ url: backOfficeUrl }, DE),
		'',
		'-- ',
		m.contact_mail_signature({ office: officeName }, DE)
	];
}

export function contactMessageMail(p: {
	to: string;
	messageId: number;
	name: string;
	email: string;
	subject: string;
	message: string;
	resolved: Pick<ResolvedRecipients, 'route' | 'addressed'>;
	backOfficeUrl: string;
	officeName: string;
}): OutgoingMail {
	const note = routeNote(p.resolved);
	const lines = [
		m.contact_mail_greeting({}, DE),
		'',
		m.contact_mail_staff_intro({}, DE),
		'',
		...(note ? [note, ''] : []),
		m.contact_mail_from({ name: p.name, email: p.email }, DE),
		addressedLine(p.resolved.addressed, p.officeName),
		m.contact_mail_subject_line({ subject: p.subject || m.contact_mail_no_subject({}, DE) }, DE),
		'',
		m.contact_mail_message_label({}, DE),
		p.message,
		'',
		...footer(p.email, p.backOfficeUrl, p.officeName)
	];
	return {
		to: p.to,
		replyTo: p.email,
		locale: 'de',
		templateKey: 'contact.message',
		subject: m.contact_mail_staff_subject(
			{ id: p.messageId, subject: p.subject || m.contact_mail_no_subject({}, DE) },
			DE
		),
		text: lines.join('\n')
	};
}

/**
 * The visitor's receipt. Anyone can type someone else's address into the form, so it carries no
 * text the visitor entered (not even the name): it cannot be used to send chosen text to others.
 */
export function contactConfirmationMail(p: {
	to: string;
	messageId: number;
	officeName: string;
	locale: Locale;
}): OutgoingMail {
	const opts = { locale: p.locale };
	return {
		to: p.to,
		locale: p.locale,
		templateKey: 'contact.confirmation',
		subject: m.contact_mail_confirm_subject({ office: p.officeName }, opts),
		text: [
			m.contact_mail_confirm_text({ id: p.messageId }, opts),
			'',
			m.contact_mail_confirm_closing({ office: p.officeName }, opts)
		].join('\n')
	};
}

export function feedbackTypeLabel(type: FeedbackType, locale: Locale = 'de'): string {
	return type === 'barriere'
		? m.contact_a11y_type_barrier({}, { locale })
		: m.contact_a11y_type_content({}, { locale });
}

export function accessibilityFeedbackMail(p: {
	to: string;
	messageId: number;
	name: string;
	email: string;
	feedbackType: FeedbackType;
	pageUrl: string;
	message: string;
	dueAt: Date;
	enforcementBody: string;
	route: ResolvedRecipients['route'];
	backOfficeUrl: string;
	officeName: string;
}): OutgoingMail {
	const type = feedbackTypeLabel(p.feedbackType);
	const lines = [
		m.contact_mail_greeting({}, DE),
		'',
		m.contact_a11y_mail_intro({}, DE),
		'',
		...(p.route === 'admins' ? [m.contact_mail_route_admins({}, DE), ''] : []),
		m.contact_a11y_mail_due({ date: germanDate(p.dueAt) }, DE),
		'',
		m.contact_a11y_mail_enforcement({}, DE),
		p.enforcementBody.trim() || m.contact_a11y_mail_enforcement_missing({}, DE),
		'',
		m.contact_mail_from({ name: p.name, email: p.email }, DE),
		m.contact_a11y_mail_type({ type }, DE),
		m.contact_a11y_mail_page({ page: p.pageUrl || m.contact_a11y_mail_no_page({}, DE) }, DE),
		'',
		m.contact_mail_message_label({}, DE),
		p.message,
		'',
		...footer(p.email, p.backOfficeUrl, p.officeName)
	];
	return {
		to: p.to,
		replyTo: p.email,
		locale: 'de',
		templateKey: 'contact.accessibility-feedback',
		subject: m.contact_a11y_mail_subject({ id: p.messageId, type }, DE),
		text: lines.join('\n')
	};
}

/** As the contact receipt: nothing the visitor typed. The enforcement body comes from the settings. */
export function accessibilityConfirmationMail(p: {
	to: string;
	messageId: number;
	officeName: string;
	enforcementBody: string;
	locale: Locale;
}): OutgoingMail {
	const opts = { locale: p.locale };
	const text: string[] = [m.contact_a11y_confirm_text({ id: p.messageId }, opts)];
	if (p.enforcementBody.trim()) {
		text.push('', m.contact_a11y_confirm_enforcement({}, opts), p.enforcementBody.trim());
	}
	text.push('', m.contact_mail_confirm_closing({ office: p.officeName }, opts));
	return {
		to: p.to,
		locale: p.locale,
		templateKey: 'contact.accessibility-confirmation',
		subject: m.contact_a11y_confirm_subject({ office: p.officeName }, opts),
		text: text.join('\n')
	};
}
