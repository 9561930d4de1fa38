import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import { actorUserId, type Actor } from './actor';
import { assertCan } from './permissions';
import { findUserById } from './users';
import { now } from '../time';

/** Disables an account (it can no longer sign in, its sessions end) or enables it again. */
export async function setAccountDisabled(
	db: Db,
	options: { actor: Actor; userId: number; disabled: boolean }
): Promise<void> {
	assertCan(options.actor, 'accounts.manage');
	if (options.disabled && actorUserId(options.actor) === options.userId) {
		throw new DomainError('INVALID', { message: m.auth_cannot_disable_self });
	}
	await db.transaction(async (tx) => {
		const user = await findUserById(tx, options.userId);
		if (!user) throw new DomainError('NOT_FOUND');
		await tx
			.update(users)
			.set({ disabledAt: options.disabled ? now() : null, updatedAt: now() })
			.where(eq(users.id, user.id));
		if (options.disabled) await tx.delete(sessions).where(eq(sessions.userId, user.id));
		await recordAudit(tx, {
			actor: options.actor,
			action: options.disabled ? 'account.disabled' : 'account.enabled',
			entity: 'user',
			entityId: user.id
		});
	});
}
