import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, isNull, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { STAFF_ROLES, users } from '../db/schema';
import { DomainError } from '../errors';
import { now } from '../time';
import { CLI_ACTOR } from '../auth/actor';
import { createStaffAccount } from '../auth/create-staff-account';

/**
 * The first administrator of a new installation. While no active administrator exists, the
 * server prints a one-time setup link at start (`/einrichten?token=…`). The token lives only in
 * this process's memory (nothing to leak from the database or a backup), works once, expires
 * after a day and stops working as soon as any administrator exists. A restart prints a new one.
 */
export const SETUP_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

interface SetupToken {
	hash: Buffer;
	expiresAt: Date;
	used: boolean;
}
let current: SetupToken | null = null;

const hashOf = (token: string) => createHash('sha256').update(token).digest();

/** Whether an administrator exists who can sign in (not disabled). */
export async function hasAdministrator(db: Db): Promise<boolean> {
	const [row] = await db
		.select({ id: users.id })
		.from(users)
		.where(and(sql`'admin' = any(${users.roles})`, isNull(users.disabledAt)))
		.limit(1);
	return Boolean(row);
}

/** At start: a new setup link if there is no administrator yet, otherwise null. */
export async function issueSetupLink(db: Db, origin: string): Promise<string | null> {
	if (await hasAdministrator(db)) {
		current = null;
		return null;
	}
	const token = randomBytes(24).toString('base64url');
	current = {
		hash: hashOf(token),
		expiresAt: new Date(now().getTime() + SETUP_LINK_LIFETIME_MS),
		used: false
	};
	return `${origin.replace(/\/+$/, '')}/einrichten?token=${token}`;
}

/** Whether `token` is the current, unused, unexpired setup token. */
export function isSetupTokenValid(token: string | null | undefined): boolean {
	if (!current || current.used || !token || token.length > 100) return false;
	if (now() >= current.expiresAt) return false;
	return timingSafeEqual(hashOf(token), current.hash);
}

/** Only for tests: forget the setup token. */
export function resetSetupToken() {
	current = null;
}

export interface CreateFirstAdministratorOptions {
	token: string;
	email: string;
	displayName: string;
	origin: string;
}

/**
 * Creates the first administrator (with every staff role) and returns the one-time link where
 * they set their password, the same link the admin CLI prints. Refused with the setup token
 * used, expired or wrong, or once an administrator exists.
 */
export async function createFirstAdministrator(db: Db, options: CreateFirstAdministratorOptions) {
	if (!isSetupTokenValid(options.token)) {
		throw new DomainError('FORBIDDEN', { message: m.ops_setup_link_invalid });
	}
	const token = current!;
	// Used before the first await: a second post racing this one in this process is refused.
	token.used = true;
	try {
		if (await hasAdministrator(db))
			throw new DomainError('FORBIDDEN', { message: m.ops_setup_link_invalid });
		return await createStaffAccount(db, {
			actor: CLI_ACTOR,
			email: options.email,
			displayName: options.displayName,
			roles: [...STAFF_ROLES],
			origin: options.origin,
			sendMail: false
		});
	} catch (err) {
		// A typo (say, an address that exists as a resident) must not burn the link.
		if (!(err instanceof DomainError && err.code === 'FORBIDDEN')) token.used = false;
		throw err;
	}
}
