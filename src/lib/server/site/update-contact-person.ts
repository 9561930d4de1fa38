import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { contactPersons } from '../db/schema';
import { changes } from '../audit/changes';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { checkContactPerson } from './contact-person-rules';
import type { ContactPersonInput } from './site.schemas';
import { now } from '../time';

export async function updateContactPerson(
	db: Db,
	{ actor, id, input }: { actor: Actor; id: number; input: ContactPersonInput }
) {
	assertCan(actor, 'content.edit');
	return db.transaction(async (tx) => {
		const [existing] = await tx
			.select()
			.from(contactPersons)
			.where(eq(contactPersons.id, id))
			.for('update');
		if (!existing) throw new DomainError('NOT_FOUND');
		await checkContactPerson(tx, input, id);
		const [row] = await tx
			.update(contactPersons)
			.set({ ...input, updatedAt: now() })
			.where(eq(contactPersons.id, id))
			.returning({ id: contactPersons.id });
		await recordAudit(tx, {
			actor,
			action: 'contact-person.updated',
			entity: 'contact_person',
			entityId: id,
			...changes(existing, input)
		});
		return row;
	});
}
