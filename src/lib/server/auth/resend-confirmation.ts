import type { Db } from '../db/client';
import { hitRateLimit } from '../security/rate-limit';
import { enqueueAuthMail, verifyEmailLink } from './auth-mails';
import type { Actor } from './actor';
import { assertCan } from './permissions';
import { issueUserToken } from './user-tokens';
import { findUserByEmail, normalizeEmail } from './users';

/**
 * Sends a new confirmation link to an unconfirmed, active account; does nothing otherwise.
 * The caller answers the same either way. Returns whether a mail was queued.
 */
export async function resendConfirmation(
	db: Db,
	{ actor, email, origin }: { actor: Actor; email: string; origin: string }
): Promise<boolean> {
	assertCan(actor, 'account.request-link');
	const user = await findUserByEmail(db, email);
	if (!user || user.emailVerifiedAt || user.disabledAt) return false;
	if (!hitRateLimit(`verify-mail:${normalizeEmail(email)}`, 3, 15 * 60_000).ok) return false;
	await db.transaction(async (tx) => {
		const { token } = await issueUserToken(tx, user.id, 'verify_email');
		await enqueueAuthMail(tx, user.email, {
			kind: 'verify_email',
			link: verifyEmailLink(origin, token)
		});
	});
	return true;
}
