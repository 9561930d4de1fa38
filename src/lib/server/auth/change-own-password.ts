import { and, eq, ne } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import { DomainError, fieldError } from '../errors';
import { actorUserId, type Actor } from './actor';
import { hashPassword, verifyPassword } from './passwords';
import { assertCan } from './permissions';
import { hashToken } from './tokens';
import { findUserById } from './users';
import { now } from '../time';

/**
 * A signed-in user changes their password, proving the current one. Other sessions end (a
 * stolen session does not survive the change); the current one stays.
 */
export async function changeOwnPassword(
	db: Db,
	options: { actor: Actor; currentPassword: string; newPassword: string; sessionToken: string }
): Promise<void> {
	assertCan(options.actor, 'account.manage-own');
	const user = await findUserById(db, actorUserId(options.actor) ?? 0);
	if (!user || user.disabledAt) throw new DomainError('FORBIDDEN');
	if (!user.passwordHash || !(await verifyPassword(user.passwordHash, options.currentPassword))) {
		throw fieldError('current_password', m.auth_current_password_wrong);
	}
	const passwordHash = await hashPassword(options.newPassword);
	await db.transaction(async (tx) => {
		await tx.update(users).set({ passwordHash, updatedAt: now() }).where(eq(users.id, user.id));
		await tx
			.delete(sessions)
			.where(and(eq(sessions.userId, user.id), ne(sessions.id, hashToken(options.sessionToken))));
	});
}
