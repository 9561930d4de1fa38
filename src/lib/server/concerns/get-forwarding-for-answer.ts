import { m } from '$lib/paraglide/messages.js';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import {
	concernBodies,
	concernCategories,
	concernForwardingLinks,
	concernForwardings,
	concerns
} from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';

/** A forwarding that was answered (through this link or another one of it) takes no second answer. */
export const alreadyAnswered = () =>
	new DomainError('GONE', {
		message: () => m.concerns_forward_already_answered(),
		detail: 'answered'
	});

/** The forwarding an answer link belongs to (the link names the concern, this table the forwarding). */
export async function forwardingOfLink(db: Db | Tx, actor: Actor) {
	if (actor.kind !== 'capability') throw new DomainError('FORBIDDEN');
	assertCan(actor, 'concern.answer-forwarding', { type: 'concern', id: actor.recordId });
	const [row] = await db
		.select({
			id: concernForwardings.id,
			concernId: concernForwardings.concernId,
			bodyId: concernForwardings.bodyId,
			bodyName: concernBodies.name,
			answeredAt: concernForwardings.answeredAt,
			dueAt: concernForwardings.dueAt,
			coverNote: concernForwardings.coverNote
		})
		.from(concernForwardingLinks)
		.innerJoin(concernForwardings, eq(concernForwardings.id, concernForwardingLinks.forwardingId))
		.innerJoin(concernBodies, eq(concernBodies.id, concernForwardings.bodyId))
		.where(eq(concernForwardingLinks.linkId, actor.linkId));
	if (!row || row.concernId !== actor.recordId) throw new DomainError('NOT_FOUND');
	return row;
}

/**
 * What the body sees behind its answer link: the concern, and the submitter's contact data only
 * if they agreed to pass it on. An answered forwarding is GONE (410).
 */
export async function getForwardingForAnswer(db: Db, { actor }: { actor: Actor }) {
	const forwarding = await forwardingOfLink(db, actor);
	if (forwarding.answeredAt) throw alreadyAnswered();
	const [concern] = await db
		.select({
			reference: concerns.reference,
			description: concerns.description,
			address: concerns.address,
			visibility: concerns.visibility,
			status: concerns.status,
			createdAt: concerns.createdAt,
			categoryName: concernCategories.name,
			consentForwardContact: concerns.consentForwardContact,
			erasedAt: concerns.personalDataErasedAt,
			submitterName: concerns.submitterName,
			submitterEmail: concerns.submitterEmail,
			submitterPhone: concerns.submitterPhone
		})
		.from(concerns)
		.innerJoin(concernCategories, eq(concernCategories.id, concerns.categoryId))
		.where(eq(concerns.id, forwarding.concernId));
	if (!concern) throw new DomainError('NOT_FOUND');
	const {
		consentForwardContact,
		erasedAt,
		submitterName,
		submitterEmail,
		submitterPhone,
		...shown
	} = concern;
	const contact =
		consentForwardContact && !erasedAt && (submitterName || submitterEmail || submitterPhone)
			? { name: submitterName, email: submitterEmail, phone: submitterPhone }
			: null;
	return {
		bodyName: forwarding.bodyName,
		dueAt: forwarding.dueAt,
		coverNote: forwarding.coverNote,
		concern: { ...shown, contact }
	};
}
