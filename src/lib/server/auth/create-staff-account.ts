import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { users, type StaffRole } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { DomainError, sqlStateOf } from '../errors';
import { enqueueAuthMail, setPasswordLink } from './auth-mails';
import { roleLabels, sortRoles } from './role-labels';
import { actorIdOf, assertAdmin, type Actor } from './roles';
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
	assertAdmin(options.actor);
	const roles = sortRoles(options.roles);
	if (roles.length === 0) {
		throw new DomainError('INVALID', m.auth_roles_required(), { roles: m.auth_roles_required() });
	}
	const email = normalizeEmail(options.email);
	const conflict = () =>
		new DomainError('CONFLICT', m.auth_account_exists(), { email: m.auth_account_exists() });
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
				actorId: actorIdOf(options.actor),
				action: 'account.create',
				entity: 'user',
				entityId: user.id,
				data: { email, roles, via: options.actor === 'cli' ? 'cli' : 'backoffice' }
			});
			return { userId: user.id, link, expiresAt };
		});
	} catch (err) {
		if (sqlStateOf(err) === '23505') throw conflict();
		throw err;
	}
}
