import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concerns, contactMessages } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan, can } from '../auth/permissions';
import { listConcernCategories } from './public-concerns';

/**
 * For the contact message page: the concern made from this message, if any, and whether this
 * colleague may make one (with the categories to choose from).
 */
export async function messageConcernPanel(
	db: Db,
	{ actor, messageId }: { actor: Actor; messageId: number }
) {
	assertCan(actor, 'contact.read');
	const [concern] = await db
		.select({ id: concerns.id, reference: concerns.reference })
		.from(concerns)
		.where(eq(concerns.contactMessageId, messageId));
	const mayCreate = !concern && can(actor, 'concerns.from-contact-message');
	return {
		concern: concern ?? null,
		mayCreate,
		categories: mayCreate ? await listConcernCategories(db) : []
	};
}

/** For the staff concern page: how the concern came in, and the message it was made from. */
export async function concernOrigin(db: Db, { actor, id }: { actor: Actor; id: number }) {
	assertCan(actor, 'concerns.manage');
	const [row] = await db
		.select({
			channel: concerns.channel,
			messageId: contactMessages.id,
			messageSubject: contactMessages.subject
		})
		.from(concerns)
		.leftJoin(contactMessages, eq(contactMessages.id, concerns.contactMessageId))
		.where(eq(concerns.id, id));
	return {
		channel: row?.channel ?? 'web',
		message: row?.messageId ? { id: row.messageId, subject: row.messageSubject ?? '' } : null,
		mayReadMessage: can(actor, 'contact.read')
	};
}
