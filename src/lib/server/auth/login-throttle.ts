import { eq, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { loginThrottles } from '../db/schema';
import { hashToken } from './tokens';
import { normalizeEmail } from './users';

/**
 * Progressive delays per e-mail address. The first `freeFailures` wrong passwords cost nothing;
 * from then on each one makes the next attempt wait twice as long (15 s, 30 s, 1 min … up to
 * `maxDelaySeconds`). Nothing is ever locked for good: the wait runs out, the count is forgotten
 * a day after the last wrong password, and a right password, a new password or a sign-in link
 * clears it. Kept in the database so that every app instance sees the same count.
 */
export interface ThrottlePolicy {
	freeFailures: number;
	maxDelaySeconds: number;
}

const FIRST_DELAY_SECONDS = 15;
/** A day without a wrong password and the count starts again. */
export const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;

export function throttleKey(email: string): string {
	return hashToken(`login:${normalizeEmail(email)}`);
}

export function delayAfter(failures: number, policy: ThrottlePolicy): number {
	if (failures < policy.freeFailures) return 0;
	const doublings = Math.min(30, failures - policy.freeFailures);
	return Math.min(policy.maxDelaySeconds, FIRST_DELAY_SECONDS * 2 ** doublings);
}

/** Seconds until this address may try again (0: now). */
export async function accountWaitSeconds(db: Db | Tx, email: string, now: Date): Promise<number> {
	const [row] = await db
		.select({ delayedUntil: loginThrottles.delayedUntil })
		.from(loginThrottles)
		.where(eq(loginThrottles.key, throttleKey(email)));
	return row?.delayedUntil ? secondsUntil(row.delayedUntil, now) : 0;
}

/** Counts a wrong password; returns the new count and how long the next attempt must wait. */
export async function recordAccountFailure(
	db: Db | Tx,
	email: string,
	policy: ThrottlePolicy,
	now: Date
): Promise<{ failures: number; waitSeconds: number }> {
	const forgetBefore = new Date(now.getTime() - FAILURE_MEMORY_MS).toISOString();
	// One statement, so concurrent wrong attempts are all counted.
	const [row] = await db
		.insert(loginThrottles)
		.values({ key: throttleKey(email), failures: 1, lastFailureAt: now })
		.onConflictDoUpdate({
			target: loginThrottles.key,
			set: {
				failures: sql`case when ${loginThrottles.lastFailureAt} < ${forgetBefore}::timestamptz then 1 else ${loginThrottles.failures} + 1 end`,
				lastFailureAt: now
			}
		})
		.returning({ failures: loginThrottles.failures });
	const waitSeconds = delayAfter(row.failures, policy);
	if (waitSeconds > 0) {
		await db
			.update(loginThrottles)
			.set({ delayedUntil: new Date(now.getTime() + waitSeconds * 1000) })
			.where(eq(loginThrottles.key, throttleKey(email)));
	}
	return { failures: row.failures, waitSeconds };
}

/** After a right password, a new password or a sign-in link. */
export async function clearAccountThrottle(db: Db | Tx, email: string): Promise<void> {
	await db.delete(loginThrottles).where(eq(loginThrottles.key, throttleKey(email)));
}

/** Housekeeping: counts nobody remembers any more. */
export async function deleteForgottenThrottles(db: Db, now: Date): Promise<void> {
	await db
		.delete(loginThrottles)
		.where(lt(loginThrottles.lastFailureAt, new Date(now.getTime() - FAILURE_MEMORY_MS)));
}

export function secondsUntil(until: Date, now: Date): number {
	const ms = until.getTime() - now.getTime();
	return ms <= 0 ? 0 : Math.ceil(ms / 1000);
}
