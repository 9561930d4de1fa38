import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Tx } from '../db/client';
import { contactPersons } from '../db/schema';
import { fieldError } from '../errors';
import type { ContactPersonInput } from './site.schemas';

/**
 * Rules shared by create and update: a filled position needs a name, and the substitute must be
 * another existing person.
 */
export async function checkContactPerson(tx: Tx, input: ContactPersonInput, selfId?: number) {
	if (!input.isVacant && input.name === '') {
		throw fieldError('name', () =>
			m.content_error_name_or_vacant({ field: m.content_person_name() })
		);
	}
	if (input.substituteId === null) return;
	const invalid = () =>
		fieldError('substituteId', () =>
			m.error_invalid_choice({ field: m.content_person_substitute() })
		);
	if (input.substituteId === selfId) throw invalid();
	const [found] = await tx
		.select({ id: contactPersons.id })
		.from(contactPersons)
		.where(eq(contactPersons.id, input.substituteId))
		// Lock it so a concurrent delete cannot leave a dangling link.
		.for('update');
	if (!found) throw invalid();
}
