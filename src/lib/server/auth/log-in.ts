import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { users } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { clientWaitMs, recordClientFailure } from '../security/client-throttle';
import { now as clockNow } from '../time';
import { enqueueAuthMail, signInLink } from './auth-mails';
import {
	accountWaitSeconds,
	clearAccountThrottle,
	recordAccountFailure,
	throttleKey
} from './login-throttle';
import type { Actor } from './actor';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import { assertCan } from './permissions';
import type { SessionUser } from './roles';
import { issueUserToken } from './user-tokens';
import { findUserByEmail, type UserRow } from './users';

export type LogInResult = (
	| { ok: true; user: SessionUser }
	| { ok: false; reason: 'invalid' | 'unverified' | 'disabled' }
	| { ok: false; reason: 'locked'; retryAfterSeconds: number }
) & {
	/** A sign-in link went to the outbox (kick the sender; never changes the answer). */
	mailQueued?: boolean;
};

export interface LogInOptions {
	actor: Actor;
	email: string;
	password: string;
	/** Wrong passwords per address before the delays start (LOGIN_MAX_FAILURES). */
	maxFailures: number;
	/** The longest delay between attempts (LOGIN_LOCK_SECONDS). */
	lockSeconds: number;
	/** The client (see clientKey), for the delays per client and the limit across addresses. */
	client?: string;
	/** Base of the sign-in link mailed to the owner after repeated wrong passwords. */
	origin?: string;
	now?: Date;
}

/** Different addresses one client may get wrong per hour before it has to wait. */
const SPRAY_ACCOUNTS = 20;

/**
 * Checks e-mail and password. Nothing in the answer or the work done depends on whether the
 * address has an account: an unknown address is hashed like a real one and slowed down like a
 * real one (the delays are kept per address, not per account).
 *
 * Wrong passwords slow further attempts down, per address and per client (see login-throttle
 * and client-throttle); while a delay runs the password is not checked at all. The delays are
 * short and run out, and the owner gets a sign-in link by mail when they start, so an attacker
 * cannot keep the owner out.
 */
export async function logIn(db: Db, options: LogInOptions): Promise<LogInResult> {
	assertCan(options.actor, 'account.log-in');
	const now = options.now ?? clockNow();
	const policy = { freeFailures: options.maxFailures, maxDelaySeconds: options.lockSeconds };
	const clientWait = options.client
		? Math.ceil(clientWaitMs(options.client, now.getTime()) / 1000)
		: 0;
	const wait = Math.max(clientWait, await accountWaitSeconds(db, options.email, now));
	if (wait > 0) return { ok: false, reason: 'locked', retryAfterSeconds: wait };

	const user = await findUserByEmail(db, options.email);
	const passwordHash = user?.passwordHash;
	if (!user || !passwordHash) {
		await verifyAgainstDummy(options.password);
		return recordFailure(db, null, options, policy, now);
	}
	if (!(await verifyPassword(passwordHash, options.password))) {
		return recordFailure(db, user, options, policy, now);
	}
	await db.transaction(async (tx) => {
		await clearAccountThrottle(tx, user.email);
		await tx
			.update(users)
			.set({ failedLoginCount: 0, lockedUntil: null })
			.where(eq(users.id, user.id));
	});
	if (user.disabledAt) return { ok: false, reason: 'disabled' };
	if (!user.emailVerifiedAt) return { ok: false, reason: 'unverified' };
	return {
		ok: true,
		user: { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles }
	};
}

async function recordFailure(
	db: Db,
	user: UserRow | null,
	options: LogInOptions,
	policy: { freeFailures: number; maxDelaySeconds: number },
	now: Date
): Promise<LogInResult> {
	return db.transaction(async (tx) => {
		const account = await recordAccountFailure(tx, options.email, policy, now);
		const clientWait = options.client
			? recordClientFailure(
					options.client,
					throttleKey(options.email),
					{ ...policy, freeFailures: 3 * policy.freeFailures, maxAccounts: SPRAY_ACCOUNTS },
					now.getTime()
				)
			: 0;
		let mailQueued = false;
		if (user) mailQueued = await noteFailureOnAccount(tx, user, account, options, now);
		const wait = Math.max(account.waitSeconds, Math.ceil(clientWait / 1000));
		return wait > 0
			? { ok: false, reason: 'locked', retryAfterSeconds: wait, mailQueued }
			: { ok: false, reason: 'invalid', mailQueued };
	});
}

/**
 * Keeps the account's own fields in step (the back office shows "temporarily locked"), and when
 * the delays start (and again every maxFailures wrong passwords after that) mails the owner a
 * single-use sign-in link that gets past them.
 */
async function noteFailureOnAccount(
	tx: Tx,
	user: UserRow,
	account: { failures: number; waitSeconds: number },
	options: LogInOptions,
	now: Date
): Promise<boolean> {
	await tx
		.update(users)
		.set({
			failedLoginCount: account.failures,
			lockedUntil: account.waitSeconds
				? new Date(now.getTime() + account.waitSeconds * 1000)
				: user.lockedUntil
		})
		.where(eq(users.id, user.id));
	const beyond = account.failures - options.maxFailures;
	if (beyond < 0 || beyond % options.maxFailures !== 0) return false;
	if (beyond === 0) {
		await recordAudit(tx, {
			actor: options.actor,
			action: 'account.locked',
			entity: 'user',
			entityId: user.id,
			data: { failures: account.failures }
		});
	}
	if (user.disabledAt || !options.origin) return false;
	const { token } = await issueUserToken(tx, user.id, 'sign_in', now);
	await enqueueAuthMail(tx, user.email, {
		kind: 'sign_in',
		link: signInLink(options.origin, token)
	});
	return true;
}
