import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { contactMessages } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';

/**
 * Marks a message as answered. Marking it again (a second click, two staff at once) changes
 * nothing and records nothing.
 */
export async function markMessageAnswered(db: Db, { actor, id }: { actor: Actor; id: number }) {
	assertCan(actor, 'contact.answer');
	return db.transaction(async (tx) => {
		const [updated] = await tx
			.update(contactMessages)
			.set({ status: 'answered' })
			.where(and(eq(contactMessages.id, id), eq(contactMessages.status, 'new')))
			.returning({ id: contactMessages.id, kind: contactMessages.kind });
		if (!updated) {
			const [existing] = await tx
				.select({ id: contactMessages.id })
				.from(contactMessages)
				.where(eq(contactMessages.id, id));
			if (!existing) throw new DomainError('NOT_FOUND');
			return { changed: false };
		}
		await recordAudit(tx, {
			actor,
			action: 'contact-message.answered',
			entity: 'contact_message',
			entityId: id,
			data: { kind: updated.kind }
		});
		return { changed: true };
	});
}
