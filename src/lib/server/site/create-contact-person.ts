import type { Db } from '../db/client';
import { contactPersons } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { checkContactPerson } from './contact-person-rules';
import type { ContactPersonInput } from './site.schemas';

export async function createContactPerson(
	db: Db,
	{ actorId, input }: { actorId: number; input: ContactPersonInput }
) {
	return db.transaction(async (tx) => {
		await checkContactPerson(tx, input);
		const [row] = await tx
			.insert(contactPersons)
			.values(input)
			.returning({ id: contactPersons.id });
		await recordAudit(tx, {
			actorId,
			action: 'create',
			entity: 'contact_person',
			entityId: row.id
		});
		return row;
	});
}
