import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { userTokens } from '../db/schema';
import { hitRateLimit } from '../security/rate-limit';
import { enqueueAuthMail, setPasswordLink } from './auth-mails';
import type { Actor } from './actor';
import { assertCan } from './permissions';
import { issueUserToken } from './user-tokens';
import { findUserByEmail, normalizeEmail } from './users';

/** Reset mails per address and quarter of an hour: nobody can flood a mailbox through this form. */
const MAILS_PER_ADDRESS = 3;

/**
 * Sends a reset link if the address belongs to an active account. The caller answers the same in
 * every case, so the form does not reveal which addresses have accounts.
 * Returns whether a mail was queued (for kicking the sender, never for the answer).
 */
export async function requestPasswordReset(
	db: Db,
	{ actor, email, origin }: { actor: Actor; email: string; origin: string }
): Promise<boolean> {
	assertCan(actor, 'account.request-link');
	const user = await findUserByEmail(db, email);
	// Counted for every address, known or not, like everything else here: the time of the answer
	// must not tell whether the address has an account.
	const allowed = hitRateLimit(
		`reset-mail:${normalizeEmail(email)}`,
		MAILS_PER_ADDRESS,
		15 * 60_000
	).ok;
	return db.transaction(async (tx) => {
		if (!user || user.disabledAt || !allowed) {
			// The round trips of issuing a token, without one.
			await tx
				.select({ id: userTokens.id })
				.from(userTokens)
				.where(eq(userTokens.userId, 0))
				.limit(1);
			return false;
		}
		const { token } = await issueUserToken(tx, user.id, 'reset_password');
		await enqueueAuthMail(tx, user.email, {
			kind: 'reset_password',
			link: setPasswordLink(origin, token)
		});
		return true;
	});
}
