/**
 * Staff see why a mail is stuck in plain words, not the SMTP transcript: the raw error stays in
 * the outbox detail for the administrator.
 */
export type MailErrorKind = 'unreachable' | 'login' | 'rejected' | 'other';

export function mailErrorKind(lastError: string | null): MailErrorKind {
	const error = lastError ?? '';
	if (
		/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|timeout|Greeting never received/i.test(
			error
		)
	)
		return 'unreachable';
	if (/EAUTH|\b53[05]\b|auth/i.test(error)) return 'login';
	if (/\b5\d\d\b|EENVELOPE|EMESSAGE|reject/i.test(error)) return 'rejected';
	return 'other';
}
