import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { concerns, siteSettings } from '../db/schema';
import type { Actor } from '../auth/actor';
import { issueCapabilityLink } from '../capabilities/issue-capability-link';
import { enqueueMail } from '../mail/outbox';
import { concernAnsweredMail } from './concern-mails';
import { STATUS_LINK_DAYS, statusUrl } from './submit-concern';

/**
 * After a public answer: remembers the first answer's time and mails the answer to the
 * submitter (if they gave an e-mail and it has not been erased), with a fresh status link.
 * Runs in the answering use case's transaction. Returns whether a mail was queued.
 */
export async function deliverAnswer(
	tx: Tx,
	{
		actor,
		concernId,
		answer,
		statusText,
		origin,
		at
	}: {
		actor: Actor;
		concernId: number;
		answer: string;
		statusText: string | null;
		origin: string;
		at: Date;
	}
): Promise<boolean> {
	const [concern] = await tx
		.update(concerns)
		.set({ firstAnsweredAt: sql`coalesce(${concerns.firstAnsweredAt}, ${at})`, updatedAt: at })
		.where(eq(concerns.id, concernId))
		.returning({
			reference: concerns.reference,
			email: concerns.submitterEmail,
			locale: concerns.locale,
			erased: concerns.personalDataErasedAt
		});
	if (!concern || !concern.email || concern.erased) return false;
	const link = await issueCapabilityLink(tx, {
		actor,
		purpose: 'concern.status',
		record: { type: 'concern', id: concernId },
		expiresIn: { days: STATUS_LINK_DAYS },
		singleUse: false,
		sentTo: concern.email
	});
	const [site] = await tx.select({ officeName: siteSettings.officeName }).from(siteSettings);
	await enqueueMail(
		tx,
		concernAnsweredMail({
			to: concern.email,
			locale: concern.locale === 'en' ? 'en' : 'de',
			reference: concern.reference,
			answer,
			statusText,
			statusUrl: statusUrl(origin, link.token),
			officeName: site?.officeName ?? ''
		})
	);
	return true;
}
