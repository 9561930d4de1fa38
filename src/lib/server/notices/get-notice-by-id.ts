import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notices } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';

export async function getNoticeById(db: Db, { actor, id }: { actor: Actor; id: number }) {
	assertCan(actor, 'content.read');
	const [row] = await db.select().from(notices).where(eq(notices.id, id));
	if (!row) throw new DomainError('NOT_FOUND');
	return row;
}
