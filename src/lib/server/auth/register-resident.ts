import type { Db } from '../db/client';
import { users } from '../db/schema';
import { sqlStateOf } from '../errors';
import { hitRateLimit } from '../security/rate-limit';
import { enqueueAuthMail, verifyEmailLink } from './auth-mails';
import type { Actor } from './actor';
import { hashPassword } from './passwords';
import { assertCan } from './permissions';
import { issueUserToken } from './user-tokens';
import { findUserByEmail, normalizeEmail } from './users';

/**
 * Registers a resident (an account without roles) and mails a confirmation link; login waits for
 * the confirmation. For a taken address the owner gets a mail instead and the caller answers as
 * if all went well, so the form does not reveal who has an account.
 * Returns whether a mail was queued.
 */
export async function registerResident(
	db: Db,
	options: { actor: Actor; email: string; displayName: string; password: string; origin: string }
): Promise<boolean> {
	assertCan(options.actor, 'account.register');
	const email = normalizeEmail(options.email);
	// Hashed before the lookup, for taken addresses too: otherwise a taken address answers in a
	// third of the time and the form tells who has an account after all.
	const passwordHash = await hashPassword(options.password);
	if (await findUserByEmail(db, email)) return notifyExistingAccount(db, email, options.origin);
	try {
		await db.transaction(async (tx) => {
			const [user] = await tx
				.insert(users)
				.values({ email, displayName: options.displayName, passwordHash, roles: [] })
				.returning({ id: users.id });
			const { token } = await issueUserToken(tx, user.id, 'verify_email');
			await enqueueAuthMail(tx, email, {
				kind: 'verify_email',
				link: verifyEmailLink(options.origin, token)
			});
		});
		return true;
	} catch (err) {
		// Registered at the same moment by a concurrent request.
		if (sqlStateOf(err) === '23505') return notifyExistingAccount(db, email, options.origin);
		throw err;
	}
}

async function notifyExistingAccount(db: Db, email: string, origin: string): Promise<boolean> {
	const allowed = hitRateLimit(`register-mail:${email}`, 3, 15 * 60_000).ok;
	// A transaction like the new account's, whether or not a mail goes out.
	return db.transaction(async (tx) => {
		if (!allowed) return false;
		await enqueueAuthMail(tx, email, {
			kind: 'already_registered',
			loginLink: `${origin}/anmelden`,
			resetLink: `${origin}/passwort-vergessen`
		});
		return true;
	});
}
