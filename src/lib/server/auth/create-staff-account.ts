import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { users, type StaffRole } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { fieldError, sqlStateOf } from '../errors';
import { enqueueAuthMail, setPasswordLink } from './auth-mails';
import { roleLabels, sortRoles } from './role-labels';
import type { Actor } from './actor';
import { assertCan } from './permissions';
import { issueUserToken } from './user-tokens';
import { findUserByEmail, normalizeEmail } from './users';

export interface CreateStaffAccountOptions {
	actor: Actor;
	email: string;
	displayName: string;
	roles: StaffRole[];
	origin: string;
	/** Mail the set-password link (back office); the CLI prints it instead. */
	sendMail: boolean;
}

/**
 * Creates a staff account without a password; its owner sets one through a link that is valid
 * for 7 days. The address counts as confirmed once the link has been used.
 */
export async function createStaffAccount(db: Db, options: CreateStaffAccountOptions) {
	assertCan(options.actor, 'accounts.manage');
	const roles = sortRoles(options.roles);
	if (roles.length === 0) {
		throw fieldError('roles', m.auth_roles_required);
	}
	const email = normalizeEmail(options.email);
	const conflict = () => fieldError('email', m.auth_account_exists, 'CONFLICT');
	if (await findUserByEmail(db, email)) throw conflict();
	try {
		return await db.transaction(async (tx) => {
			const [user] = await tx
				.insert(users)
				.values({ email, displayName: options.displayName, roles })
				.returning({ id: users.id });
			const { token, expiresAt } = await issueUserToken(tx, user.id, 'set_password');
			const link = setPasswordLink(options.origin, token);
			if (options.sendMail) {
				await enqueueAuthMail(tx, email, { kind: 'set_password', link, roles: roleLabels(roles) });
			}
			await recordAudit(tx, {
				actor: options.actor,
				action: 'account.created',
				entity: 'user',
				entityId: user.id,
				data: { email, roles, via: options.actor.kind === 'cli' ? 'cli' : 'backoffice' }
			});
			return { userId: user.id, link, expiresAt };
		});
	} catch (err) {
		if (sqlStateOf(err) === '23505') throw conflict();
		throw err;
	}
}
