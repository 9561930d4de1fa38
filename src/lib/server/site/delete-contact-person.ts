import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { contactPersons } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { now } from '../time';

/** Deletes a contact person; whoever had them as substitute is left without one. */
export async function deleteContactPerson(db: Db, { actor, id }: { actor: Actor; id: number }) {
	assertCan(actor, 'content.edit');
	return db.transaction(async (tx) => {
		// Locked first, so a concurrent save cannot pick this person as substitute in between.
		const [existing] = await tx
			.select({ id: contactPersons.id })
			.from(contactPersons)
			.where(eq(contactPersons.id, id))
			.for('update');
		if (!existing) throw new DomainError('NOT_FOUND');
		// The foreign key (ON DELETE SET NULL) would clear the link too; clearing it here also marks
		// those persons as changed.
		await tx
			.update(contactPersons)
			.set({ substituteId: null, updatedAt: now() })
			.where(eq(contactPersons.substituteId, id));
		const [row] = await tx
			.delete(contactPersons)
			.where(eq(contactPersons.id, id))
			.returning({ id: contactPersons.id, roleTitle: contactPersons.roleTitle });
		if (!row) throw new DomainError('NOT_FOUND');
		await recordAudit(tx, {
			actor,
			action: 'contact-person.deleted',
			entity: 'contact_person',
			entityId: id,
			data: { roleTitle: row.roleTitle }
		});
		return row;
	});
}
