import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { config } from '../config';
import { sessions, users, type StaffRole } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { changes } from '../audit/changes';
import { DomainError, fieldError } from '../errors';
import { now } from '../time';
import { enqueueAuthMail, setPasswordLink } from './auth-mails';
import { roleLabels, sortRoles } from './role-labels';
import { actorUserId, type Actor } from './actor';
import { assertCan } from './permissions';
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
	assertCan(options.actor, 'accounts.manage');
	const roles = sortRoles(options.roles);
	// Without this an admin could lock the whole office out of account management by accident.
	if (actorUserId(options.actor) === options.userId && !roles.includes('admin')) {
		throw fieldError('roles', m.auth_cannot_remove_own_admin);
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
			actor: options.actor,
			action: 'account.roles-changed',
			entity: 'user',
			entityId: user.id,
			...changes({ roles: user.roles }, { roles }),
			...(becomesStaff ? { data: { signedOut: true } } : {})
		});
	});
}
