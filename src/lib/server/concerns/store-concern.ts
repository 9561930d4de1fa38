import { and, eq, isNull, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Tx } from '../db/client';
import {
	concernCategories,
	concernEntries,
	concerns,
	siteSettings,
	users,
	type ConcernChannel,
	type ConcernVisibility
} from '../db/schema';
import type { Actor } from '../auth/actor';
import type { AuditAction } from '../audit/audit-actions';
import { recordAudit } from '../audit/record-audit';
import { issueCapabilityLink } from '../capabilities/issue-capability-link';
import { fieldError } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { concernReceivedMail, concernToStaffMail } from './concern-mails';
import { nextConcernReference } from './concern-reference';

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

/** What every way in (web form, desk, phone, contact message) stores about a new concern. */
export interface NewConcern {
	category: number;
	description: string;
	address: string;
	visibility: ConcernVisibility;
	name: string;
	/** Lower-cased by the caller. */
	email: string;
	phone: string;
	consentContact: boolean;
	consentForwardContact: boolean;
	channel: ConcernChannel;
	submitterUserId: number | null;
	locale: 'de' | 'en';
	contactMessageId?: number | null;
	/** Already checked against the district by the caller. */
	position?: { latitude: number; longitude: number } | null;
}

/**
 * The shared part of taking in a concern, inside the caller's transaction: the category must be
 * active, then the reference number, the concern, its first timeline entry and the audit. With
 * an e-mail (or `alwaysLink`, for a printed receipt) a status link is issued; with an e-mail the
 * confirmation mail goes out. Staff with the concerns role hear about it unless a colleague took
 * it in themselves (`notifyStaff: false`).
 */
export async function storeConcern(
	tx: Tx,
	{
		actor,
		concern,
		at,
		origin,
		audit,
		auditData,
		alwaysLink = false,
		notifyStaff = true
	}: {
		actor: Actor;
		concern: NewConcern;
		at: Date;
		origin: string;
		audit: AuditAction;
		/** What the audit keeps about the client besides the concern (an Open311 key's id). */
		auditData?: Record<string, unknown>;
		alwaysLink?: boolean;
		notifyStaff?: boolean;
	}
): Promise<{ id: number; reference: string; categoryName: string; statusToken: string | null }> {
	const [category] = await tx
		.select({ id: concernCategories.id, name: concernCategories.name })
		.from(concernCategories)
		.where(and(eq(concernCategories.id, concern.category), eq(concernCategories.active, true)));
	if (!category) {
		throw fieldError('category', () =>
			m.error_invalid_choice({ field: m.concerns_field_category() })
		);
	}
	const reference = await nextConcernReference(tx, at);
	const email = concern.email;
	const [row] = await tx
		.insert(concerns)
		.values({
			reference,
			categoryId: category.id,
			description: concern.description,
			address: concern.address,
			visibility: concern.visibility,
			channel: concern.channel,
			submitterName: concern.name,
			submitterEmail: email,
			submitterPhone: concern.phone,
			consentContact: concern.consentContact,
			consentForwardContact: concern.consentForwardContact,
			submitterUserId: concern.submitterUserId,
			locale: concern.locale,
			contactMessageId: concern.contactMessageId ?? null,
			latitude: concern.position?.latitude ?? null,
			longitude: concern.position?.longitude ?? null,
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
	await recordAudit(tx, {
		actor,
		action: audit,
		entity: 'concern',
		entityId: row.id,
		data: {
			reference,
			categoryId: category.id,
			visibility: concern.visibility,
			channel: concern.channel,
			withEmail: email !== '',
			withPhone: concern.phone !== '',
			...(concern.contactMessageId ? { contactMessageId: concern.contactMessageId } : {}),
			...auditData
		}
	});

	let statusToken: string | null = null;
	if (email || alwaysLink) {
		const link = await issueCapabilityLink(tx, {
			actor,
			purpose: 'concern.status',
			record: { type: 'concern', id: row.id },
			expiresIn: { days: STATUS_LINK_DAYS },
			singleUse: false,
			sentTo: email || undefined
		});
		statusToken = link.token;
	}
	if (email && statusToken) {
		const [site] = await tx.select({ officeName: siteSettings.officeName }).from(siteSettings);
		await enqueueMail(
			tx,
			concernReceivedMail({
				to: email,
				locale: concern.locale,
				reference,
				categoryName: category.name,
				isPublic: concern.visibility === 'public',
				statusUrl: statusUrl(origin, statusToken),
				officeName: site?.officeName ?? ''
			})
		);
	}
	if (notifyStaff) {
		for (const to of await concernStaffEmails(tx)) {
			await enqueueMail(
				tx,
				concernToStaffMail({
					to,
					reference,
					categoryName: category.name,
					isPublic: concern.visibility === 'public',
					description: concern.description,
					address: concern.address,
					backOfficeUrl: `${origin}/verwaltung/anliegen/${row.id}`
				})
			);
		}
	}
	return { id: row.id, reference, categoryName: category.name, statusToken };
}
