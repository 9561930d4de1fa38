import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users, type StaffRole } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import { clearAccountThrottle } from './login-throttle';
import { enqueueAuthMail, setPasswordLink } from './auth-mails';
import { roleLabels, sortRoles } from './role-labels';
import type { Actor } from './actor';
import { assertCan } from './permissions';
import { issueUserToken } from './user-tokens';
import { findUserById } from './users';
import { now } from '../time';

/**
 * Issues a fresh set-password link for an account (earlier links stop working). The back office
 * mails it; the CLI prints it, and may at the same time restore access to a locked-out or
 * disabled account (it runs on the server, so it is trusted with that).
 */
export async function sendSetPasswordLink(
	db: Db,
	options: {
		actor: Actor;
		userId: number;
		origin: string;
		sendMail: boolean;
		/** CLI only: also enable the account, lift a lock and (if given) replace its roles. */
		restore?: { roles?: StaffRole[] };
	}
) {
	assertCan(options.actor, 'accounts.manage');
	if (options.restore) assertCan(options.actor, 'accounts.restore');
	const user = await findUserById(db, options.userId);
	if (!user) throw new DomainError('NOT_FOUND');
	if (user.disabledAt && !options.restore) throw new DomainError('INVALID_TRANSITION');
	return db.transaction(async (tx) => {
		let roles = user.roles;
		if (options.restore) {
			roles = options.restore.roles ? sortRoles(options.restore.roles) : roles;
			await tx
				.update(users)
				.set({
					roles,
					disabledAt: null,
					lockedUntil: null,
					failedLoginCount: 0,
					updatedAt: now()
				})
				.where(eq(users.id, user.id));
			await clearAccountThrottle(tx, user.email);
		}
		const { token, expiresAt } = await issueUserToken(tx, user.id, 'set_password');
		const link = setPasswordLink(options.origin, token);
		if (options.sendMail) {
			await enqueueAuthMail(tx, user.email, {
				kind: 'set_password',
				link,
				roles: roleLabels(roles)
			});
		}
		await recordAudit(tx, {
			actor: options.actor,
			action: options.restore ? 'account.restored' : 'account.link-sent',
			entity: 'user',
			entityId: user.id,
			data: options.restore ? { roles } : undefined
		});
		return { userId: user.id, email: user.email, link, expiresAt };
	});
}
