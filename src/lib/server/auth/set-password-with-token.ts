import { eq, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import { clearAccountThrottle } from './login-throttle';
import { actorOf, type Actor } from './actor';
import { hashPassword } from './passwords';
import { assertCan } from './permissions';
import { consumeUserToken } from './user-tokens';
import { now } from '../time';

/**
 * Sets a password from a mailed or printed link (set_password or reset_password). Also proves
 * the address, lifts a lock, and ends all sessions: whoever knew the old password is out.
 */
export async function setPasswordWithToken(
	db: Db,
	{ actor, token, password }: { actor: Actor; token: string; password: string }
): Promise<{ userId: number; email: string }> {
	assertCan(actor, 'account.use-token');
	const passwordHash = await hashPassword(password);
	return db.transaction(async (tx) => {
		const used = await consumeUserToken(tx, token, ['set_password', 'reset_password']);
		if (!used) throw new DomainError('INVALID', { message: m.auth_token_invalid_text });
		const [user] = await tx
			.update(users)
			.set({
				passwordHash,
				emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`,
				failedLoginCount: 0,
				lockedUntil: null,
				updatedAt: now()
			})
			.where(eq(users.id, used.userId))
			.returning({
				id: users.id,
				email: users.email,
				displayName: users.displayName,
				roles: users.roles,
				disabledAt: users.disabledAt
			});
		if (!user || user.disabledAt) {
			throw new DomainError('INVALID', { message: m.auth_token_invalid_text });
		}
		await tx.delete(sessions).where(eq(sessions.userId, user.id));
		await clearAccountThrottle(tx, user.email);
		await recordAudit(tx, {
			// Whoever holds the link acts as the account's owner.
			actor: actorOf(user),
			action: 'account.password-set',
			entity: 'user',
			entityId: user.id,
			data: { via: used.purpose }
		});
		return { userId: user.id, email: user.email };
	});
}
