import type { MailAttachment } from '../db/schema';

/** What the outbox keeps in place of a secret once the mail is sent. */
export const SCRUBBED = '[Link entfernt nach dem Versand]';

/**
 * A safety net for secrets the queueing code did not name: the token of any link with a
 * `token` query parameter (set password, confirm address).
 */
const TOKEN_PARAM = /([?&]token=)[^\s&]+/g;

/** Replaces each secret (and any token query parameter) in a text. */
export function scrubText(text: string, secrets: readonly string[]): string {
	// Longest first, so a secret that contains another is removed whole.
	let result = text;
	for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
		if (secret) result = result.split(secret).join(SCRUBBED);
	}
	return result.replace(TOKEN_PARAM, `$1${SCRUBBED}`);
}

/** Text attachments (an .ics with a cancel link) are scrubbed like the body; others are kept. */
export function scrubAttachments(
	attachments: readonly MailAttachment[],
	secrets: readonly string[]
): MailAttachment[] {
	return attachments.map((a) => {
		if (!/^text\//i.test(a.contentType)) return a;
		const text = Buffer.from(a.content, 'base64').toString('utf8');
		const scrubbed = scrubText(text, secrets);
		return scrubbed === text
			? a
			: { ...a, content: Buffer.from(scrubbed, 'utf8').toString('base64') };
	});
}
