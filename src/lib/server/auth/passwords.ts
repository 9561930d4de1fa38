import { hash, verify } from '@node-rs/argon2';

/** Shortest password we accept; length matters more than character classes (NIST SP 800-63B). */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

// Algorithm is a const enum in the typings, which isolated modules cannot import: 2 is Argon2id.
const ARGON2ID = 2;
// OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane (about 30 ms here).
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
	try {
		return await verify(storedHash, password);
	} catch {
		// A malformed stored hash is a wrong password, not a server error.
		return false;
	}
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one verification, for logins with an unknown address: the answer time then
 * does not tell whether an account exists.
 */
export async function verifyAgainstDummy(password: string): Promise<void> {
	dummyHash ??= hashPassword('not-a-real-password-only-for-timing');
	await verifyPassword(await dummyHash, password);
}
