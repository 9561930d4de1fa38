import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { now as clockNow } from '../time';
import type { Actor } from './actor';
import { clearAccountThrottle } from './login-throttle';
import { assertCan } from './permissions';
import type { SessionUser } from './roles';
import { consumeUserToken } from './user-tokens';

/**
 * Signs the owner in with the link mailed after repeated wrong passwords: the way in that an
 * attacker guessing passwords cannot block. Ends the delays on the address; opening the link
 * proves the address too. Returns null for an unknown, used or expired link, or a disabled account.
 */
export async function signInWithLink(
	db: Db,
	{ actor, token, now = clockNow() }: { actor: Actor; token: string; now?: Date }
): Promise<SessionUser | null> {
	assertCan(actor, 'account.use-token');
	return db.transaction(async (tx) => {
		const used = await consumeUserToken(tx, token, ['sign_in'], now);
		if (!used) return null;
		const [user] = await tx
			.update(users)
			.set({
				failedLoginCount: 0,
				lockedUntil: null,
				emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)`
			})
			.where(eq(users.id, used.userId))
			.returning();
		if (!user || user.disabledAt) return null;
		await clearAccountThrottle(tx, user.email);
		await recordAudit(tx, {
			actor: { kind: 'resident', id: user.id, email: user.email, displayName: user.displayName },
			action: 'account.unlocked',
			entity: 'user',
			entityId: user.id,
			data: { via: 'sign_in_link' }
		});
		return { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles };
	});
}
