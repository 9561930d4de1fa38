import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { contactPersons } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import { checkContactPerson } from './contact-person-rules';
import type { ContactPersonInput } from './site.schemas';
import { now } from '../time';

export async function updateContactPerson(
	db: Db,
	{ actorId, id, input }: { actorId: number; id: number; input: ContactPersonInput }
) {
	return db.transaction(async (tx) => {
		await checkContactPerson(tx, input, id);
		const [row] = await tx
			.update(contactPersons)
			.set({ ...input, updatedAt: now() })
			.where(eq(contactPersons.id, id))
			.returning({ id: contactPersons.id });
		if (!row) throw new DomainError('NOT_FOUND');
		await recordAudit(tx, { actorId, action: 'update', entity: 'contact_person', entityId: id });
		return row;
	});
}
