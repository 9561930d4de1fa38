import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notices } from '../db/schema';
import { DomainError } from '../errors';

export async function getNoticeById(db: Db, id: number) {
	const [row] = await db.select().from(notices).where(eq(notices.id, id));
	if (!row) throw new DomainError('NOT_FOUND');
	return row;
}
