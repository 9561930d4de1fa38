import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client';
import {
	concernBodies,
	concernCategories,
	concernForwardingLinks,
	concernForwardings,
	concerns,
	siteSettings
} from '../db/schema';
import type { Actor } from '../auth/actor';
import { issueCapabilityLink } from '../capabilities/issue-capability-link';
import { enqueueMail } from '../mail/outbox';
import { concernToBodyMail } from './forward-mails';

/** How long a body's answer link works; every reminder brings a fresh one. */
export const ANSWER_LINK_DAYS = 60;

export function answerUrl(origin: string, token: string): string {
	return `${origin}/anliegen/antwort/${token}`;
}

/**
 * Mails a forwarding to its body with a fresh single-use answer link (the first mail or a
 * reminder). Runs in the caller's transaction. The submitter's contact data is included only
 * with their consent to pass it on, and never once it was erased.
 */
export async function sendForwardingMail(
	tx: Tx,
	{
		actor,
		forwardingId,
		origin,
		reminder,
		dedupeKey
	}: { actor: Actor; forwardingId: number; origin: string; reminder: number; dedupeKey?: string }
): Promise<void> {
	const [row] = await tx
		.select({
			concernId: concerns.id,
			reference: concerns.reference,
			description: concerns.description,
			address: concerns.address,
			createdAt: concerns.createdAt,
			consentForwardContact: concerns.consentForwardContact,
			erasedAt: concerns.personalDataErasedAt,
			submitterName: concerns.submitterName,
			submitterEmail: concerns.submitterEmail,
			submitterPhone: concerns.submitterPhone,
			categoryName: concernCategories.name,
			bodyName: concernBodies.name,
			bodyEmail: concernBodies.email,
			coverNote: concernForwardings.coverNote,
			dueAt: concernForwardings.dueAt
		})
		.from(concernForwardings)
		.innerJoin(concerns, eq(concerns.id, concernForwardings.concernId))
		.innerJoin(concernCategories, eq(concernCategories.id, concerns.categoryId))
		.innerJoin(concernBodies, eq(concernBodies.id, concernForwardings.bodyId))
		.where(eq(concernForwardings.id, forwardingId));
	if (!row) throw new Error(`forwarding ${forwardingId} not found`);
	const link = await issueCapabilityLink(tx, {
		actor,
		purpose: 'concern.answer',
		record: { type: 'concern', id: row.concernId },
		expiresIn: { days: ANSWER_LINK_DAYS },
		singleUse: true,
		sentTo: row.bodyEmail
	});
	await tx.insert(concernForwardingLinks).values({ linkId: link.linkId, forwardingId });
	const withContact =
		row.consentForwardContact &&
		!row.erasedAt &&
		Boolean(row.submitterName || row.submitterEmail || row.submitterPhone);
	const [site] = await tx
		.select({ officeName: siteSettings.officeName, contactEmail: siteSettings.contactEmail })
		.from(siteSettings);
	await enqueueMail(
		tx,
		concernToBodyMail({
			to: row.bodyEmail,
			bodyName: row.bodyName,
			concern: {
				reference: row.reference,
				categoryName: row.categoryName,
				address: row.address,
				description: row.description,
				createdAt: row.createdAt,
				contact: withContact
					? { name: row.submitterName, email: row.submitterEmail, phone: row.submitterPhone }
					: null
			},
			coverNote: row.coverNote,
			dueAt: row.dueAt,
			answerUrl: answerUrl(origin, link.token),
			linkExpiresAt: link.expiresAt,
			officeName: site?.officeName ?? '',
			replyTo: site?.contactEmail ?? '',
			reminder,
			dedupeKey
		})
	);
}
