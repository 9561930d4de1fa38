import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { Db, Tx } from '../db/client';
import { enqueueMail } from '../mail/outbox';
import { getSiteSettings } from '../site/get-site';

/**
 * The mails of the account flows. Texts are plain and short; links carry one-time tokens that
 * are never logged.
 */
export type AuthMail =
	| { kind: 'reset_password'; link: string }
	| { kind: 'set_password'; link: string; roles: string }
	| { kind: 'verify_email'; link: string }
	| { kind: 'sign_in'; link: string }
	| { kind: 'became_staff'; link: string; roles: string }
	| { kind: 'already_registered'; loginLink: string; resetLink: string };

async function officeName(db: Db | Tx): Promise<string> {
	try {
		return (await getSiteSettings(db as Db)).officeName;
	} catch {
		return 'Quartier';
	}
}

export async function enqueueAuthMail(db: Db | Tx, to: string, mail: AuthMail) {
	const office = await officeName(db);
	const [subject, text] = compose(mail, office);
	return enqueueMail(db, {
		to,
		subject,
		text,
		// The messages above are rendered in the request's language.
		locale: getLocale(),
		templateKey: `auth.${mail.kind.replaceAll('_', '-')}`,
		// The links carry one-time tokens: the outbox must not keep them once the mail is out.
		secrets: mail.kind === 'already_registered' ? [mail.resetLink] : [mail.link]
	});
}

function compose(mail: AuthMail, office: string): [string, string] {
	switch (mail.kind) {
		case 'reset_password':
			return [
				m.auth_mail_reset_subject({ office }),
				m.auth_mail_reset_text({ office, link: mail.link })
			];
		case 'set_password':
			return [
				m.auth_mail_invite_subject({ office }),
				m.auth_mail_invite_text({ office, link: mail.link, roles: mail.roles })
			];
		case 'verify_email':
			return [
				m.auth_mail_verify_subject({ office }),
				m.auth_mail_verify_text({ office, link: mail.link })
			];
		case 'sign_in':
			return [
				m.security_mail_signin_subject({ office }),
				m.security_mail_signin_text({ office, link: mail.link })
			];
		case 'became_staff':
			return [
				m.security_roles_mail_subject({ office }),
				m.security_roles_mail_text({ office, link: mail.link, roles: mail.roles })
			];
		case 'already_registered':
			return [
				m.auth_mail_exists_subject({ office }),
				m.auth_mail_exists_text({ office, login: mail.loginLink, reset: mail.resetLink })
			];
	}
}

export function setPasswordLink(origin: string, token: string): string {
	return `${origin}/passwort-setzen?token=${encodeURIComponent(token)}`;
}

export function verifyEmailLink(origin: string, token: string): string {
	return `${origin}/registrieren/bestaetigen?token=${encodeURIComponent(token)}`;
}

export function signInLink(origin: string, token: string): string {
	return `${origin}/anmelden/link?token=${encodeURIComponent(token)}`;
}
