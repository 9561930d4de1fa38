import { asc } from 'drizzle-orm';
import type { Db } from '../db/client';
import { venues } from '../db/schema';
import { DomainError } from '../errors';

/** The office's own house (the first venue); the back office edits this one. */
export async function getMainVenue(db: Db) {
	const [row] = await db.select().from(venues).orderBy(asc(venues.id)).limit(1);
	if (!row) throw new DomainError('NOT_FOUND');
	return row;
}
