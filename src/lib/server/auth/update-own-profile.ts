import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { now } from '../time';
import { DomainError } from '../errors';
import { actorUserId, type Actor } from './actor';
import { assertCan } from './permissions';

/** A signed-in user changes their display name. */
export async function updateOwnProfile(
	db: Db,
	{ actor, displayName }: { actor: Actor; displayName: string }
): Promise<void> {
	assertCan(actor, 'account.manage-own');
	const userId = actorUserId(actor);
	if (userId === null) throw new DomainError('UNAUTHENTICATED');
	await db.update(users).set({ displayName, updatedAt: now() }).where(eq(users.id, userId));
}
