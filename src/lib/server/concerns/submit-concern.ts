import { and, eq, isNull, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db, Tx } from '../db/client';
import { concernCategories, concernEntries, concerns, siteSettings, users } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { issueCapabilityLink } from '../capabilities/issue-capability-link';
import { fieldError } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { now } from '../time';
import { concernReceivedMail, concernToStaffMail } from './concern-mails';
import { nextConcernReference } from './concern-reference';
import type { ConcernSubmissionInput } from './concerns.schemas';

/** How long a status link works: long enough to follow a concern through the town's mills. */
export const STATUS_LINK_DAYS = 400;

export function statusUrl(origin: string, token: string): string {
	return `${origin}/anliegen/status/${token}`;
}

/** The active staff with the concerns role: they hear about new concerns. */
export async function concernStaffEmails(tx: Tx): Promise<string[]> {
	const rows = await tx
		.select({ email: users.email })
		.from(users)
		.where(and(sql`'concerns' = any(${users.roles})`, isNull(users.disabledAt)));
	return rows.map((r) => r.email);
}

/**
 * Stores a concern without an account: the reference number, the concern, the first timeline
 * entry, the status link, the mails and the audit in one transaction, so a concern is stored
 * completely or not at all (and a failed one gives its number back).
 */
export async function submitConcern(
	db: Db,
	{
		actor,
		input,
		origin,
		locale = 'de',
		within
	}: {
		actor: Actor;
		input: ConcernSubmissionInput;
		origin: string;
		locale?: 'de' | 'en';
		/** More to store with the new concern in the same transaction (media: photos, position). */
		within?: (tx: Tx, concernId: number) => Promise<void>;
	}
): Promise<{ id: number; reference: string; mailed: boolean; statusToken: string | null }> {
	assertCan(actor, 'concern.submit');
	const at = now();
	const email = input.email.toLowerCase();
	return db.transaction(async (tx) => {
		const [category] = await tx
			.select({ id: concernCategories.id, name: concernCategories.name })
			.from(concernCategories)
			.where(and(eq(concernCategories.id, input.category), eq(concernCategories.active, true)));
		if (!category) {
			throw fieldError('category', () =>
				m.error_invalid_choice({ field: m.concerns_field_category() })
			);
		}
		const reference = await nextConcernReference(tx, at);
		const hasContact = email !== '' || input.phone !== '';
		const [row] = await tx
			.insert(concerns)
			.values({
				reference,
				categoryId: category.id,
				description: input.description,
				address: input.address,
				visibility: input.visibility,
				channel: 'web',
				submitterName: input.name,
				submitterEmail: email,
				submitterPhone: input.phone,
				consentContact: hasContact,
				consentForwardContact: hasContact && input.consentForward,
				submitterUserId: actorUserId(actor),
				locale,
				createdAt: at,
				updatedAt: at
			})
			.returning({ id: concerns.id });
		await tx.insert(concernEntries).values({
			concernId: row.id,
			kind: 'status',
			statusTo: 'received',
			isPublic: true,
			createdAt: at
		});
		await within?.(tx, row.id);
		await recordAudit(tx, {
			actor,
			action: 'concern.submitted',
			entity: 'concern',
			entityId: row.id,
			data: {
				reference,
				categoryId: category.id,
				visibility: input.visibility,
				withEmail: email !== '',
				withPhone: input.phone !== ''
			}
		});

		const [site] = await tx.select({ officeName: siteSettings.officeName }).from(siteSettings);
		const officeName = site?.officeName ?? '';
		let statusToken: string | null = null;
		if (email) {
			const link = await issueCapabilityLink(tx, {
				actor,
				purpose: 'concern.status',
				record: { type: 'concern', id: row.id },
				expiresIn: { days: STATUS_LINK_DAYS },
				singleUse: false,
				sentTo: email
			});
			statusToken = link.token;
			await enqueueMail(
				tx,
				concernReceivedMail({
					to: email,
					locale,
					reference,
					categoryName: category.name,
					isPublic: input.visibility === 'public',
					statusUrl: statusUrl(origin, link.token),
					officeName
				})
			);
		}
		for (const to of await concernStaffEmails(tx)) {
			await enqueueMail(
				tx,
				concernToStaffMail({
					to,
					reference,
					categoryName: category.name,
					isPublic: input.visibility === 'public',
					description: input.description,
					address: input.address,
					backOfficeUrl: `${origin}/verwaltung/anliegen/${row.id}`
				})
			);
		}
		return { id: row.id, reference, mailed: email !== '', statusToken };
	});
}
