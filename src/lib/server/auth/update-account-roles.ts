import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { users, type StaffRole } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import { sortRoles } from './role-labels';
import { actorIdOf, assertAdmin, type Actor } from './roles';
import { findUserById } from './users';
import { now } from '../time';

/** Replaces an account's roles. No roles makes it a resident account. */
export async function updateAccountRoles(
	db: Db,
	options: { actor: Actor; userId: number; roles: StaffRole[] }
): Promise<void> {
	assertAdmin(options.actor);
	const roles = sortRoles(options.roles);
	// Without this an admin could lock the whole office out of account management by accident.
	if (actorIdOf(options.actor) === options.userId && !roles.includes('admin')) {
		throw new DomainError('INVALID', m.auth_cannot_remove_own_admin(), {
			roles: m.auth_cannot_remove_own_admin()
		});
	}
	await db.transaction(async (tx) => {
		const user = await findUserById(tx, options.userId);
		if (!user) throw new DomainError('NOT_FOUND');
		await tx.update(users).set({ roles, updatedAt: now() }).where(eq(users.id, user.id));
		await recordAudit(tx, {
			actorId: actorIdOf(options.actor),
			action: 'account.roles',
			entity: 'user',
			entityId: user.id,
			data: { before: user.roles, after: roles }
		});
	});
}
