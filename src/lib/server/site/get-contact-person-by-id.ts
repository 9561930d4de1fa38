import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { contactPersons } from '../db/schema';
import { DomainError } from '../errors';

export async function getContactPersonById(db: Db, id: number) {
	const [row] = await db.select().from(contactPersons).where(eq(contactPersons.id, id));
	if (!row) throw new DomainError('NOT_FOUND');
	return row;
}
