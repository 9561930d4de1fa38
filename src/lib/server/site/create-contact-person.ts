import type { Db } from '../db/client';
import { contactPersons } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { checkContactPerson } from './contact-person-rules';
import type { ContactPersonInput } from './site.schemas';

export async function createContactPerson(
	db: Db,
	{ actor, input }: { actor: Actor; input: ContactPersonInput }
) {
	assertCan(actor, 'content.edit');
	return db.transaction(async (tx) => {
		await checkContactPerson(tx, input);
		const [row] = await tx
			.insert(contactPersons)
			.values(input)
			.returning({ id: contactPersons.id });
		await recordAudit(tx, {
			actor,
			action: 'contact-person.created',
			entity: 'contact_person',
			entityId: row.id
		});
		return row;
	});
}
