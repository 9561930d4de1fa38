import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { contactMessages, contactPersons, siteSettings } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';

/** One message for the back office, with the responsible person and (for feedback) the enforcement body. */
export async function getContactMessageById(db: Db, { actor, id }: { actor: Actor; id: number }) {
	assertCan(actor, 'contact.read');
	const [row] = await db
		.select({
			message: contactMessages,
			personRoleTitle: contactPersons.roleTitle,
			personName: contactPersons.name
		})
		.from(contactMessages)
		.leftJoin(contactPersons, eq(contactPersons.id, contactMessages.contactPersonId))
		.where(eq(contactMessages.id, id));
	if (!row) throw new DomainError('NOT_FOUND');
	let enforcementBody = '';
	if (row.message.kind === 'accessibility') {
		const [site] = await db
			.select({ body: siteSettings.accessibilityEnforcementBody })
			.from(siteSettings);
		enforcementBody = site?.body ?? '';
	}
	return {
		...row.message,
		personRoleTitle: row.personRoleTitle,
		personName: row.personName,
		enforcementBody
	};
}
