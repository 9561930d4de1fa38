import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from './actor';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import { assertCan } from './permissions';
import type { SessionUser } from './roles';
import { findUserByEmail } from './users';

export type LogInResult =
	| { ok: true; user: SessionUser }
	| { ok: false; reason: 'invalid' | 'unverified' | 'disabled' }
	| { ok: false; reason: 'locked'; retryAfterSeconds: number };

export interface LogInOptions {
	actor: Actor;
	email: string;
	password: string;
	/** Consecutive wrong passwords that lock the account (LOGIN_MAX_FAILURES). */
	maxFailures: number;
	/** How long a lock lasts (LOGIN_LOCK_SECONDS). */
	lockSeconds: number;
	now?: Date;
}

/**
 * Checks e-mail and password. Unknown address and wrong password give the same answer in about
 * the same time. After maxFailures wrong passwords in a row the account is locked; while locked
 * the password is not even checked, and once the lock has passed every further wrong password
 * locks again until a right one resets the count.
 */
export async function logIn(db: Db, options: LogInOptions): Promise<LogInResult> {
	assertCan(options.actor, 'account.log-in');
	const now = options.now ?? new Date();
	const user = await findUserByEmail(db, options.email);
	if (!user || !user.passwordHash) {
		await verifyAgainstDummy(options.password);
		return { ok: false, reason: 'invalid' };
	}
	if (user.lockedUntil && user.lockedUntil > now) {
		return { ok: false, reason: 'locked', retryAfterSeconds: secondsUntil(user.lockedUntil, now) };
	}
	if (!(await verifyPassword(user.passwordHash, options.password))) {
		return recordFailure(db, user.id, options, now);
	}
	await db
		.update(users)
		.set({ failedLoginCount: 0, lockedUntil: null })
		.where(eq(users.id, user.id));
	if (user.disabledAt) return { ok: false, reason: 'disabled' };
	if (!user.emailVerifiedAt) return { ok: false, reason: 'unverified' };
	return {
		ok: true,
		user: { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles }
	};
}

async function recordFailure(
	db: Db,
	userId: number,
	options: LogInOptions,
	now: Date
): Promise<LogInResult> {
	const lockUntil = new Date(now.getTime() + options.lockSeconds * 1000);
	return db.transaction(async (tx) => {
		// One statement, so concurrent wrong attempts are all counted.
		const [row] = await tx
			.update(users)
			.set({
				failedLoginCount: sql`${users.failedLoginCount} + 1`,
				lockedUntil: sql`case when ${users.failedLoginCount} + 1 >= ${options.maxFailures} then ${lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`
			})
			.where(eq(users.id, userId))
			.returning({ count: users.failedLoginCount, lockedUntil: users.lockedUntil });
		if (row && row.count >= options.maxFailures && row.lockedUntil) {
			await recordAudit(tx, {
				actor: options.actor,
				action: 'account.locked',
				entity: 'user',
				entityId: userId,
				data: { failures: row.count }
			});
			return {
				ok: false,
				reason: 'locked',
				retryAfterSeconds: secondsUntil(row.lockedUntil, now)
			} as const;
		}
		return { ok: false, reason: 'invalid' } as const;
	});
}

function secondsUntil(until: Date, now: Date): number {
	return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
