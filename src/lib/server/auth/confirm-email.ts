import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import type { Actor } from './actor';
import { assertCan } from './permissions';
import { consumeUserToken } from './user-tokens';
import { now } from '../time';

/** Confirms the address of a registration; false for an unknown, used or expired link. */
export async function confirmEmail(
	db: Db,
	{ actor, token }: { actor: Actor; token: string }
): Promise<boolean> {
	assertCan(actor, 'account.use-token');
	return db.transaction(async (tx) => {
		const used = await consumeUserToken(tx, token, ['verify_email']);
		if (!used) return false;
		await tx
			.update(users)
			.set({
				emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`,
				updatedAt: now()
			})
			.where(eq(users.id, used.userId));
		return true;
	});
}
