import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { now } from '../time';

/** A signed-in user changes their display name. */
export async function updateOwnProfile(
	db: Db,
	{ userId, displayName }: { userId: number; displayName: string }
): Promise<void> {
	await db.update(users).set({ displayName, updatedAt: now() }).where(eq(users.id, userId));
}
