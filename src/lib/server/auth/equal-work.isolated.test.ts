import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '$tests/helpers/db';
import { createUser } from '$tests/helpers/users';
import type { Database, Db } from '../db/client';
import { resetRateLimits } from '../security/rate-limit';
import { registerResident } from './register-resident';
import { ANONYMOUS } from './actor';
import { requestPasswordReset } from './request-password-reset';

/*
 * Whether an address has an account must not show in how long the answer takes. Measuring time
 * in a test is flaky, so this counts the expensive work instead: argon2 calls and transactions.
 */
const argon2 = vi.hoisted(() => ({ calls: 0 }));
vi.mock('@node-rs/argon2', async (importOriginal) => {
	const real = await importOriginal<typeof import('@node-rs/argon2')>();
	return {
		...real,
		hash: (...args: Parameters<typeof real.hash>) => {
			argon2.calls++;
			return real.hash(...args);
		},
		verify: (...args: Parameters<typeof real.verify>) => {
			argon2.calls++;
			return real.verify(...args);
		}
	};
});

describe('equal work for existing and unknown addresses', () => {
	let database: Database;
	const ORIGIN = 'https://quartier.example';
	beforeAll(async () => {
		database = await createTestDatabase();
		await createUser(database.db, { email: 'schon-da@example.org' });
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(() => resetRateLimits());

	/** argon2 calls and transactions of one call. */
	async function workOf(run: (db: Db) => Promise<unknown>) {
		let transactions = 0;
		const db = new Proxy(database.db, {
			get(target, key, receiver) {
				if (key === 'transaction') transactions++;
				return Reflect.get(target, key, receiver);
			}
		});
		argon2.calls = 0;
		await run(db);
		return { argon2: argon2.calls, transactions };
	}

	it('registration hashes a password either way', async () => {
		const register = (email: string) => (db: Db) =>
			registerResident(db, {
				actor: ANONYMOUS,
				email,
				displayName: 'Test',
				password: 'Ein-langes-Passwort-1',
				origin: ORIGIN
			});
		const existing = await workOf(register('schon-da@example.org'));
		const fresh = await workOf(register('ganz-neu@example.org'));
		expect(fresh.argon2).toBe(1);
		expect(existing).toEqual(fresh);
	});

	it('a reset request does the same work for an existing and an unknown address', async () => {
		const reset = (email: string) => (db: Db) =>
			requestPasswordReset(db, { actor: ANONYMOUS, email, origin: ORIGIN });
		const existing = await workOf(reset('schon-da@example.org'));
		const unknown = await workOf(reset('unbekannt@example.org'));
		expect(existing.transactions).toBe(1);
		expect(unknown).toEqual(existing);
	});
});
