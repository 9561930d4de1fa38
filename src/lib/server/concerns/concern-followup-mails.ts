import { m } from '$lib/paraglide/messages.js';
import type { OutgoingMail } from '../mail/outbox';

/*
 * Mails of the follow-up: the one question to the submitter four weeks after a concern was
 * resolved, and the note to staff when the status link's holder says it is not solved.
 */

type Locale = 'de' | 'en';
const DE = { locale: 'de' } as const;

/** "Ist es wirklich behoben?" with a fresh status link; no text the submitter wrote. */
export function concernFollowupMail(p: {
	to: string;
	locale: Locale;
	reference: string;
	statusUrl: string;
	officeName: string;
}): OutgoingMail {
	const opts = { locale: p.locale };
	return {
		to: p.to,
		locale: p.locale,
		templateKey: 'concerns.followup',
		subject: m.concerns_followup_mail_subject({ reference: p.reference }, opts),
		text: [
			m.concerns_followup_mail_intro({ reference: p.reference }, opts),
			'',
			m.concerns_followup_mail_question({}, opts),
			'',
			m.concerns_followup_mail_link({ url: p.statusUrl }, opts),
			'',
			m.concerns_followup_mail_once({}, opts),
			'',
			'-- ',
			p.officeName
		].join('\n'),
		secrets: [p.statusUrl]
	};
}

/** To the assigned colleague (or the concerns role): the holder reopened a resolved concern. */
export function concernNotSolvedStaffMail(p: {
	to: string;
	reference: string;
	text: string;
	backOfficeUrl: string;
}): OutgoingMail {
	return {
		to: p.to,
		locale: 'de',
		templateKey: 'concerns.not-solved',
		subject: m.concerns_followup_mail_staff_subject({ reference: p.reference }, DE),
		text: [
			m.concerns_followup_mail_staff_intro({ reference: p.reference }, DE),
			'',
			p.text
				? `${m.concerns_followup_mail_staff_text({}, DE)}\n\n${p.text}`
				: m.concerns_followup_mail_staff_no_text({}, DE),
			'',
			m.concerns_mail_staff_link({ url: p.backOfficeUrl }, DE)
		].join('\n')
	};
}
