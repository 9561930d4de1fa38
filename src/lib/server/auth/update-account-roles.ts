import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { users, type StaffRole } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { changes } from '../audit/changes';
import { DomainError, fieldError } from '../errors';
import { sortRoles } from './role-labels';
import { actorUserId, type Actor } from './actor';
import { assertCan } from './permissions';
import { findUserById } from './users';

/** Replaces an account's roles. No roles makes it a resident account. */
export async function updateAccountRoles(
	db: Db,
	options: { actor: Actor; userId: number; roles: StaffRole[] }
): Promise<void> {
	assertCan(options.actor, 'accounts.manage');
	const roles = sortRoles(options.roles);
	// Without this an admin could lock the whole office out of account management by accident.
	if (actorUserId(options.actor) === options.userId && !roles.includes('admin')) {
		throw fieldError('roles', m.auth_cannot_remove_own_admin);
	}
	await db.transaction(async (tx) => {
		const user = await findUserById(tx, options.userId);
		if (!user) throw new DomainError('NOT_FOUND');
		await tx.update(users).set({ roles, updatedAt: new Date() }).where(eq(users.id, user.id));
		await recordAudit(tx, {
			actor: options.actor,
			action: 'account.roles-changed',
			entity: 'user',
			entityId: user.id,
			...changes({ roles: user.roles }, { roles })
		});
	});
}
