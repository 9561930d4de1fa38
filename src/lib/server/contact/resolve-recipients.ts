import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { contactPersons, siteSettings, users } from '../db/schema';
import { DomainError } from '../errors';

/** Which step of the chain found an address (or none did). */
export type RecipientRoute = 'person' | 'substitute' | 'office' | 'admins' | 'none';

export interface ResolvedRecipients {
	emails: string[];
	route: RecipientRoute;
	/** The contact person the visitor chose, null for the office. */
	addressed: { id: number; roleTitle: string; name: string; isVacant: boolean } | null;
	/** The contact person who is responsible for the message (stored on it); null for the office. */
	responsiblePersonId: number | null;
}

const MAX_ADMIN_RECIPIENTS = 20;

/**
 * Who gets a message: the person's e-mail → the substitute's → the office address in the site
 * settings → every active admin account. A vacant position's own address is skipped: nobody
 * reads it, so its messages go to the substitute. An empty result is allowed: the message is
 * still stored and staff see it in the back office.
 */
export async function resolveRecipients(
	db: Db | Tx,
	{ contactPersonId }: { contactPersonId: number | null }
): Promise<ResolvedRecipients> {
	let addressed: ResolvedRecipients['addressed'] = null;
	let responsiblePersonId: number | null = null;

	if (contactPersonId !== null) {
		const person = await findPerson(db, contactPersonId);
		if (!person) throw new DomainError('NOT_FOUND', { detail: 'contact person not found' });
		addressed = {
			id: person.id,
			roleTitle: person.roleTitle,
			name: person.name,
			isVacant: person.isVacant
		};
		const substitute =
			person.substituteId && person.substituteId !== person.id
				? await findPerson(db, person.substituteId)
				: undefined;
		responsiblePersonId = person.isVacant && substitute ? substitute.id : person.id;

		const own = person.isVacant ? '' : person.email.trim();
		if (own) return { emails: [own], route: 'person', addressed, responsiblePersonId };
		const sub = substitute && !substitute.isVacant ? substitute.email.trim() : '';
		if (sub) {
			return { emails: [sub], route: 'substitute', addressed, responsiblePersonId: substitute!.id };
		}
	}

	const [settings] = await db
		.select({ contactEmail: siteSettings.contactEmail })
		.from(siteSettings)
		.where(eq(siteSettings.id, 1));
	const office = settings?.contactEmail.trim() ?? '';
	if (office) return { emails: [office], route: 'office', addressed, responsiblePersonId };

	const admins = await db
		.select({ email: users.email })
		.from(users)
		.where(and(sql`'admin' = any(${users.roles})`, isNull(users.disabledAt)))
		.orderBy(asc(users.id))
		.limit(MAX_ADMIN_RECIPIENTS);
	const emails = [...new Set(admins.map((a) => a.email.trim().toLowerCase()).filter(Boolean))];
	return { emails, route: emails.length > 0 ? 'admins' : 'none', addressed, responsiblePersonId };
}

async function findPerson(db: Db | Tx, id: number) {
	const [row] = await db.select().from(contactPersons).where(eq(contactPersons.id, id));
	return row;
}
