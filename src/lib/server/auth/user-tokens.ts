import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { users, userTokens, type TokenPurpose } from '../db/schema';
import { hashToken, newToken } from './tokens';
import { now as clockNow } from '../time';

const HOUR = 60 * 60 * 1000;

/** How long a link from a mail or the CLI stays valid. */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
	reset_password: HOUR,
	verify_email: 48 * HOUR,
	set_password: 7 * 24 * HOUR,
	sign_in: HOUR
};

/**
 * Issues a one-time token and returns it in clear (for the link); only its hash is stored.
 * Older unused tokens of the same purpose stop working, so only the newest link counts.
 */
export async function issueUserToken(
	db: Db | Tx,
	userId: number,
	purpose: TokenPurpose,
	now = clockNow()
): Promise<{ token: string; expiresAt: Date }> {
	await db
		.delete(userTokens)
		.where(
			and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt))
		);
	const token = newToken();
	const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]);
	await db.insert(userTokens).values({ id: hashToken(token), userId, purpose, expiresAt });
	return { token, expiresAt };
}

function usable(token: string, purposes: readonly TokenPurpose[], now: Date) {
	return and(
		eq(userTokens.id, hashToken(token)),
		inArray(userTokens.purpose, [...purposes]),
		isNull(userTokens.usedAt),
		gt(userTokens.expiresAt, now)
	);
}

/** Looks a token up without using it (to decide whether to show the form at all). */
export async function peekUserToken(
	db: Db | Tx,
	token: string,
	purposes: readonly TokenPurpose[],
	now = clockNow()
) {
	if (!token || token.length > 100) return null;
	const [row] = await db
		.select({ userId: userTokens.userId, purpose: userTokens.purpose, email: users.email })
		.from(userTokens)
		.innerJoin(users, eq(users.id, userTokens.userId))
		.where(and(usable(token, purposes, now), isNull(users.disabledAt)))
		.limit(1);
	return row ?? null;
}

/**
 * Marks a token used and returns its user, or null when it is unknown, expired, used or of
 * another purpose. One conditional UPDATE, so two concurrent uses cannot both succeed.
 */
export async function consumeUserToken(
	db: Db | Tx,
	token: string,
	purposes: readonly TokenPurpose[],
	now = clockNow()
): Promise<{ userId: number; purpose: TokenPurpose } | null> {
	if (!token || token.length > 100) return null;
	const [row] = await db
		.update(userTokens)
		.set({ usedAt: now })
		.where(usable(token, purposes, now))
		.returning({ userId: userTokens.userId, purpose: userTokens.purpose });
	return row ?? null;
}
