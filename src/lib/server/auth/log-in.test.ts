import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import { createUser } from '$tests/helpers/users';
import type { Database } from '../db/client';
import { auditLog, users } from '../db/schema';
import { ANONYMOUS } from './actor';
import { logIn } from './log-in';

const PASSWORD = 'Richtig-Langes-Passwort-1';
const options = { actor: ANONYMOUS, maxFailures: 3, lockSeconds: 60 };

describe('logIn', () => {
	let database: Database;
	beforeAll(async () => {
		database = await createTestDatabase();
	});
	afterAll(async () => {
		await database?.close();
	});

	it('accepts the right password regardless of the case of the address', async () => {
		const user = await createUser(database.db, { email: 'Anna@Example.org', roles: ['content'] });
		const result = await logIn(database.db, {
			email: 'ANNA@example.ORG',
			password: PASSWORD,
			...options
		});
		expect(result).toEqual({
			ok: true,
			user: { id: user.id, email: 'anna@example.org', displayName: '', roles: ['content'] }
		});
	});

	it('answers an unknown address exactly like a wrong password', async () => {
		await createUser(database.db, { email: 'bert@example.org' });
		const unknown = await logIn(database.db, {
			email: 'nobody@example.org',
			password: PASSWORD,
			...options
		});
		const wrong = await logIn(database.db, {
			email: 'bert@example.org',
			password: 'falsch-falsch',
			...options
		});
		expect(unknown).toEqual({ ok: false, reason: 'invalid' });
		expect(wrong).toEqual(unknown);
	});

	it('locks after maxFailures wrong passwords, refuses the right one while locked, then lets it in', async () => {
		const user = await createUser(database.db, { email: 'carla@example.org' });
		const t0 = new Date('2030-01-01T10:00:00Z');
		const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
		const attempt = (password: string, seconds: number) =>
			logIn(database.db, { email: user.email, password, ...options, now: at(seconds) });

		expect(await attempt('wrong-1', 0)).toEqual({ ok: false, reason: 'invalid' });
		expect(await attempt('wrong-2', 1)).toEqual({ ok: false, reason: 'invalid' });
		expect(await attempt('wrong-3', 2)).toEqual({
			ok: false,
			reason: 'locked',
			retryAfterSeconds: 60
		});
		// Even the right password is refused while the lock lasts, with the time left.
		expect(await attempt(PASSWORD, 32)).toEqual({
			ok: false,
			reason: 'locked',
			retryAfterSeconds: 30
		});
		const audit = await database.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.entityId, String(user.id)));
		expect(audit.map((a) => a.action)).toEqual(['account.locked']);

		expect((await attempt(PASSWORD, 63)).ok).toBe(true);
		const [row] = await database.db.select().from(users).where(eq(users.id, user.id));
		expect(row.failedLoginCount).toBe(0);
		expect(row.lockedUntil).toBeNull();
	});

	it('locks again on the first wrong password after a lock has run out', async () => {
		const user = await createUser(database.db, { email: 'dora@example.org' });
		const t0 = new Date('2030-01-01T10:00:00Z');
		const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
		for (let i = 0; i < 3; i++)
			await logIn(database.db, { email: user.email, password: 'x', ...options, now: at(i) });
		const again = await logIn(database.db, {
			email: user.email,
			password: 'y',
			...options,
			now: at(100)
		});
		expect(again).toMatchObject({ ok: false, reason: 'locked' });
	});

	it('counts concurrent wrong passwords without losing any', async () => {
		const user = await createUser(database.db, { email: 'emil@example.org' });
		await Promise.all(
			Array.from({ length: 5 }, () =>
				logIn(database.db, {
					actor: ANONYMOUS,
					email: user.email,
					password: 'x',
					maxFailures: 10,
					lockSeconds: 60
				})
			)
		);
		const [row] = await database.db.select().from(users).where(eq(users.id, user.id));
		expect(row.failedLoginCount).toBe(5);
	});

	it('refuses disabled and unconfirmed accounts, but only with the right password', async () => {
		await createUser(database.db, { email: 'frida@example.org', disabled: true });
		await createUser(database.db, { email: 'gustav@example.org', verified: false });
		await createUser(database.db, { email: 'hanna@example.org', password: null });
		const go = (email: string, password = PASSWORD) =>
			logIn(database.db, { email, password, ...options });
		expect(await go('frida@example.org')).toEqual({ ok: false, reason: 'disabled' });
		expect(await go('frida@example.org', 'wrong')).toEqual({ ok: false, reason: 'invalid' });
		expect(await go('gustav@example.org')).toEqual({ ok: false, reason: 'unverified' });
		expect(await go('gustav@example.org', 'wrong')).toEqual({ ok: false, reason: 'invalid' });
		expect(await go('hanna@example.org', '')).toEqual({ ok: false, reason: 'invalid' });
	});
});
