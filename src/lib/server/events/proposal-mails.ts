import { m } from '$lib/paraglide/messages.js';
import { formatTimeSpan } from '$lib/format';
import type { OutgoingMail } from '../mail/outbox';
import { timeZone } from '../time';

/*
 * Mails about an event proposal. The submitter's mails carry the private status link (kept out
 * of the stored mail once sent); the office's mail carries what was proposed and the back-office
 * link. Decisions are written in German, the office's language; the receipt follows the form's.
 */

type Locale = 'de' | 'en';
const DE = { locale: 'de' } as const;

interface ProposalFacts {
	title: string;
	startsAt: Date;
	endsAt: Date;
}

const when = (p: ProposalFacts, locale: Locale) =>
	formatTimeSpan(p.startsAt, p.endsAt, { locale, timeZone: timeZone() });

export function proposalReceivedMail(
	p: ProposalFacts & { to: string; locale: Locale; statusUrl: string; officeName: string }
): OutgoingMail {
	const opts = { locale: p.locale };
	return {
		to: p.to,
		locale: p.locale,
		templateKey: 'events.proposal-received',
		subject: m.events_submit_mail_received_subject({ title: p.title }, opts),
		text: [
			m.events_submit_mail_received_intro({ title: p.title, when: when(p, p.locale) }, opts),
			'',
			m.events_submit_mail_status_link({ url: p.statusUrl }, opts),
			'',
			m.events_submit_mail_not_you({}, opts),
			'',
			'-- ',
			p.officeName
		].join('\n'),
		secrets: [p.statusUrl]
	};
}

type DecisionFacts = ProposalFacts & { to: string; statusUrl: string; officeName: string };

/** The office's decision, told to the submitter: what was decided, then the status link. */
function decisionMail(
	p: DecisionFacts,
	{
		templateKey,
		subject,
		intro,
		body
	}: { templateKey: string; subject: string; intro: string; body: string }
): OutgoingMail {
	return {
		to: p.to,
		locale: 'de',
		templateKey,
		subject,
		text: [
			intro,
			'',
			body,
			'',
			m.events_submit_mail_status_link({ url: p.statusUrl }, DE),
			'',
			'-- ',
			p.officeName
		].join('\n'),
		secrets: [p.statusUrl]
	};
}

export function proposalPublishedMail(p: DecisionFacts & { eventUrl: string }): OutgoingMail {
	return decisionMail(p, {
		templateKey: 'events.proposal-published',
		subject: m.events_submit_mail_published_subject({ title: p.title }, DE),
		intro: m.events_submit_mail_published_intro({ title: p.title, when: when(p, 'de') }, DE),
		body: p.eventUrl
	});
}

export function proposalRejectedMail(p: DecisionFacts & { reason: string }): OutgoingMail {
	return decisionMail(p, {
		templateKey: 'events.proposal-rejected',
		subject: m.events_submit_mail_rejected_subject({ title: p.title }, DE),
		intro: m.events_submit_mail_rejected_intro({ title: p.title, when: when(p, 'de') }, DE),
		body: p.reason
	});
}

/** To the office: a proposal waits for a decision. Only the back-office link, no status link. */
export function proposalForStaffMail(
	p: ProposalFacts & {
		to: string;
		organiserName: string;
		submitterName: string;
		submitterEmail: string;
		backOfficeUrl: string;
	}
): OutgoingMail {
	return {
		to: p.to,
		locale: 'de',
		templateKey: 'events.proposal-for-staff',
		subject: m.events_submit_mail_staff_subject({ title: p.title }, DE),
		text: [
			m.events_submit_mail_staff_intro({ title: p.title, when: when(p, 'de') }, DE),
			'',
			m.events_submit_mail_staff_organiser({ organiser: p.organiserName }, DE),
			m.events_submit_mail_staff_submitter(
				{
					name: p.submitterName,
					email: p.submitterEmail || m.events_submit_no_email({}, DE)
				},
				DE
			),
			'',
			m.events_submit_mail_staff_link({ url: p.backOfficeUrl }, DE)
		].join('\n'),
		...(p.submitterEmail ? { replyTo: p.submitterEmail } : {})
	};
}
