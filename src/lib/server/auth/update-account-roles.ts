import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { config } from '../config';
import { sessions, users, type StaffRole } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import { now } from '../time';
import { enqueueAuthMail, setPasswordLink } from './auth-mails';
import { roleLabels, sortRoles } from './role-labels';
import { actorIdOf, assertAdmin, type Actor } from './roles';
import { issueUserToken } from './user-tokens';
import { findUserById } from './users';

/**
 * Replaces an account's roles. No roles makes it a resident account.
 * A resident account that gets staff roles is signed out everywhere and its password is
 * dropped: a password chosen for a resident account (perhaps reused, perhaps known to others)
 * must not open the back office. The person sets a new one through a mailed link.
 */
export async function updateAccountRoles(
	db: Db,
	options: {
		actor: Actor;
		userId: number;
		roles: StaffRole[];
		/** Base of the set-password link (the request's public origin). */
		origin?: string;
	}
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
		const becomesStaff = user.roles.length === 0 && roles.length > 0;
		await tx
			.update(users)
			.set({ roles, updatedAt: now(), ...(becomesStaff ? { passwordHash: null } : {}) })
			.where(eq(users.id, user.id));
		if (becomesStaff) {
			await tx.delete(sessions).where(eq(sessions.userId, user.id));
			const { token } = await issueUserToken(tx, user.id, 'set_password');
			await enqueueAuthMail(tx, user.email, {
				kind: 'became_staff',
				link: setPasswordLink(options.origin ?? config().ORIGIN ?? '', token),
				roles: roleLabels(roles)
			});
		}
		await recordAudit(tx, {
			actorId: actorIdOf(options.actor),
			action: 'account.roles',
			entity: 'user',
			entityId: user.id,
			data: { before: user.roles, after: roles, ...(becomesStaff ? { signedOut: true } : {}) }
		});
	});
}
