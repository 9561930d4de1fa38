import type { Db } from '../db/client';
import { config } from '../config';
import { getSiteSettings } from '../site/get-site';

/**
 * What the thank-you pages may promise on this installation: a receipt by e-mail only when a mail
 * server is set up (otherwise mail waits in the outbox), a phone call only when the office has a
 * phone number; and, for accessibility feedback, the enforcement body to turn to.
 */
export async function getReplyChannels(db: Db) {
	const site = await getSiteSettings(db);
	return {
		receiptByMail: Boolean(config().SMTP_URL),
		phone: site.contactPhone.trim(),
		enforcementBody: site.accessibilityEnforcementBody
	};
}
