import type { Db } from '../../src/lib/server/db/client';
import { users, type StaffRole } from '../../src/lib/server/db/schema';
import { actorOf, type Actor } from '../../src/lib/server/auth/actor';
import { hashPassword } from '../../src/lib/server/auth/passwords';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import type { SessionUser } from '../../src/lib/server/auth/roles';

/**
 * Accounts for tests, written straight into a test database (no mail, no form): a confirmed
 * address, a password and, when asked for, a live session.
 *
 *   const { user, actor, locals, cookie } = await createStaffUser(db, { roles: ['content'] });
 *
 * `locals` is what the hook puts into `event.locals` for a signed-in request (in-process form
 * action tests), `cookie` the Cookie header of the session (HTTP tests against a server that
 * shares the database), `actor` what a use case takes.
 */

/** The one password of factory-made accounts unless a test passes its own. */
export const TEST_PASSWORD = 'Quartier-Test-Passwort-2024';

// argon2 costs a noticeable fraction of a second of CPU; the same password gets the same hash
// (with its salt) for every account of a run, which is all a test needs.
const hashes = new Map<string, Promise<string>>();
export function passwordHashFor(password: string): Promise<string> {
	let hash = hashes.get(password);
	if (!hash) {
		hash = hashPassword(password);
		hashes.set(password, hash);
	}
	return hash;
}

let sequence = 0;
/** A unique address for this process (tests share one database per file). */
export function uniqueEmail(prefix = 'person'): string {
	sequence += 1;
	return `${prefix}-${process.pid}-${sequence}@example.org`;
}

export interface AccountOptions {
	email?: string;
	/** null: no password yet (an account waiting for its set-password link). */
	password?: string | null;
	displayName?: string;
	verified?: boolean;
	disabled?: boolean;
	/** Start a session and return its cookie (default true). */
	session?: boolean;
}

export interface TestAccount {
	user: typeof users.$inferSelect;
	/** As the hook loads it for a session. */
	sessionUser: SessionUser;
	actor: Actor;
	/** event.locals of a signed-in request, for in-process action tests. */
	locals: { user: SessionUser; sessionToken: string | null };
	/** The session token and its Cookie header ('' without a session). */
	sessionToken: string | null;
	cookie: string;
}

async function createAccount(
	db: Db,
	roles: StaffRole[],
	{
		email = uniqueEmail(roles.length > 0 ? roles.join('-') : 'resident'),
		password = TEST_PASSWORD,
		displayName = roles.length > 0 ? `Test ${roles.join(', ')}` : 'Test-Bewohnerin',
		verified = true,
		disabled = false,
		session = true
	}: AccountOptions
): Promise<TestAccount> {
	const [user] = await db
		.insert(users)
		.values({
			email: email.toLowerCase(),
			displayName,
			roles,
			passwordHash: password === null ? null : await passwordHashFor(password),
			emailVerifiedAt: verified ? new Date() : null,
			disabledAt: disabled ? new Date() : null
		})
		.returning();
	const sessionUser: SessionUser = {
		id: user.id,
		email: user.email,
		displayName: user.displayName,
		roles: user.roles
	};
	const sessionToken = session ? (await createSession(db, user.id, 14)).token : null;
	return {
		user,
		sessionUser,
		actor: actorOf(sessionUser),
		locals: { user: sessionUser, sessionToken },
		sessionToken,
		cookie: sessionToken ? `${SESSION_COOKIE}=${sessionToken}` : ''
	};
}

/** A staff account with the given roles (default: content editor). */
export function createStaffUser(
	db: Db,
	{ roles = ['content'], ...options }: AccountOptions & { roles?: StaffRole[] } = {}
): Promise<TestAccount> {
	if (roles.length === 0) throw new Error('a staff account needs at least one role');
	return createAccount(db, roles, options);
}

/** A resident: an account without roles, address confirmed unless `verified: false`. */
export function createResident(db: Db, options: AccountOptions = {}): Promise<TestAccount> {
	return createAccount(db, [], options);
}
