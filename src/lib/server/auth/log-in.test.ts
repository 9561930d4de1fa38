import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import { createUser } from '$tests/helpers/users';
import type { Database } from '../db/client';
import { auditLog, outboxMails, users } from '../db/schema';
import { resetClientThrottles } from '../security/client-throttle';
import { ANONYMOUS } from './actor';
import { logIn, type LogInOptions } from './log-in';
import { signInWithLink } from './sign-in-with-link';

const PASSWORD = 'Richtig-Langes-Passwort-1';
const options = {
	actor: ANONYMOUS,
	maxFailures: 3,
	lockSeconds: 600,
	origin: 'https://quartier.example'
};
const t0 = new Date('2030-01-01T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('logIn', () => {
	let database: Database;
	beforeAll(async () => {
		database = await createTestDatabase();
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(() => resetClientThrottles());

	const attempt = (
		email: string,
		password: string,
		seconds: number,
		extra: Partial<LogInOptions> = {}
	) => logIn(database.db, { email, password, ...options, now: at(seconds), ...extra });
	const answer = (result: Awaited<ReturnType<typeof logIn>>) => {
		// What the route shows: everything but the server-side mail flag.
		const shown: Record<string, unknown> = { ...result };
		delete shown.mailQueued;
		return shown;
	};
	const mailsTo = async (email: string) =>
		(await database.db.select().from(outboxMails)).filter((m) => m.recipient === email);

	it('accepts the right password regardless of the case of the address', async () => {
		const user = await createUser(database.db, { email: 'Anna@Example.org', roles: ['content'] });
		const result = await attempt('ANNA@example.ORG', PASSWORD, 0);
		expect(result).toEqual({
			ok: true,
			user: { id: user.id, email: 'anna@example.org', displayName: '', roles: ['content'] }
		});
	});

	it('answers an unknown address exactly like a wrong password', async () => {
		await createUser(database.db, { email: 'bert@example.org' });
		const unknown = await attempt('nobody@example.org', PASSWORD, 0);
		const wrong = await attempt('bert@example.org', 'falsch-falsch', 0);
		expect(answer(unknown)).toEqual({ ok: false, reason: 'invalid' });
		expect(answer(wrong)).toEqual(answer(unknown));
	});

	it('slows an unknown address down exactly like an existing one (no account enumeration)', async () => {
		await createUser(database.db, { email: 'ida@example.org' });
		const known: unknown[] = [];
		const unknown: unknown[] = [];
		for (let i = 0; i < 6; i++) {
			known.push(answer(await attempt('ida@example.org', `wrong-${i}`, i * 20)));
			unknown.push(answer(await attempt('niemand@example.org', `wrong-${i}`, i * 20)));
		}
		expect(unknown).toEqual(known);
		expect(known.at(-1)).toMatchObject({ ok: false, reason: 'locked' });
	});

	it('delays progressively instead of locking: the right password works once the wait is over', async () => {
		const user = await createUser(database.db, { email: 'carla@example.org' });
		const go = (password: string, seconds: number) => attempt(user.email, password, seconds);

		expect(answer(await go('wrong-1', 0))).toEqual({ ok: false, reason: 'invalid' });
		expect(answer(await go('wrong-2', 1))).toEqual({ ok: false, reason: 'invalid' });
		// From the third wrong password on, each attempt waits: 15 s, then 30 s, then 60 s …
		expect(answer(await go('wrong-3', 2))).toEqual({
			ok: false,
			reason: 'locked',
			retryAfterSeconds: 15
		});
		expect(answer(await go(PASSWORD, 10))).toEqual({
			ok: false,
			reason: 'locked',
			retryAfterSeconds: 7
		});
		expect(answer(await go('wrong-4', 20))).toEqual({
			ok: false,
			reason: 'locked',
			retryAfterSeconds: 30
		});
		expect(answer(await go('wrong-5', 51))).toEqual({
			ok: false,
			reason: 'locked',
			retryAfterSeconds: 60
		});
		// The right password after the wait gets in and resets the count.
		expect((await go(PASSWORD, 112)).ok).toBe(true);
		expect(answer(await go('wrong-6', 113))).toEqual({ ok: false, reason: 'invalid' });
		const audit = await database.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.entityId, String(user.id)));
		expect(audit.map((a) => a.action)).toEqual(['account.locked']);
	});

	it('never waits longer than lockSeconds, and forgets the count a day after the last wrong password', async () => {
		const user = await createUser(database.db, { email: 'dora@example.org' });
		let seconds = 0;
		let last: Awaited<ReturnType<typeof logIn>> | undefined;
		for (let i = 0; i < 12; i++) {
			last = await attempt(user.email, `wrong-${i}`, seconds);
			seconds += last.ok === false && last.reason === 'locked' ? last.retryAfterSeconds : 1;
		}
		expect(last).toMatchObject({ ok: false, reason: 'locked', retryAfterSeconds: 600 });
		// A wrong password every so often no longer keeps the owner out for good: after a quiet day
		// the count starts again.
		seconds += 24 * 60 * 60 + 600;
		expect(answer(await attempt(user.email, 'wrong-again', seconds))).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect((await attempt(user.email, PASSWORD, seconds + 1)).ok).toBe(true);
	});

	it('mails the owner a single-use sign-in link when the delays start; the link gets past them', async () => {
		const user = await createUser(database.db, { email: 'emma@example.org', roles: ['admin'] });
		for (let i = 0; i < 3; i++) await attempt(user.email, `wrong-${i}`, i);
		// Nothing is mailed for an unknown address.
		for (let i = 0; i < 3; i++) await attempt('keiner@example.org', `wrong-${i}`, i);
		expect(await mailsTo('keiner@example.org')).toEqual([]);

		const [mail] = await mailsTo(user.email);
		expect(mail.subject).toContain('falsche Passwörter');
		expect(mail.textBody).toContain('Konto entsperren');
		const token = /\/anmelden\/link\?token=([A-Za-z0-9_-]+)/.exec(mail.textBody)![1];
		// The attacker keeps trying; the owner still gets in.
		expect(await attempt(user.email, 'wrong-x', 100)).toMatchObject({ reason: 'locked' });
		const signedIn = await signInWithLink(database.db, { actor: ANONYMOUS, token, now: at(101) });
		expect(signedIn).toMatchObject({ id: user.id, roles: ['admin'] });
		expect(await signInWithLink(database.db, { actor: ANONYMOUS, token, now: at(102) })).toBeNull();
		// The delays are gone as well.
		expect((await attempt(user.email, PASSWORD, 103)).ok).toBe(true);
	});

	it('does not accept an expired sign-in link', async () => {
		const user = await createUser(database.db, { email: 'fiete@example.org' });
		for (let i = 0; i < 3; i++) await attempt(user.email, `wrong-${i}`, i);
		const [mail] = await mailsTo(user.email);
		const token = /\/anmelden\/link\?token=([A-Za-z0-9_-]+)/.exec(mail.textBody)![1];
		expect(
			await signInWithLink(database.db, { actor: ANONYMOUS, token, now: at(3700) })
		).toBeNull();
		expect(
			await signInWithLink(database.db, { actor: ANONYMOUS, token: 'nonsense', now: at(4) })
		).toBeNull();
	});

	it('slows a client down that tries one password against many addresses (spraying)', async () => {
		await createUser(database.db, { email: 'gina@example.org' });
		// maxFailures 10: the client may make 30 wrong guesses before its own delays start, so what
		// stops it here is the number of different addresses.
		const client = '203.0.113.7';
		let result: Awaited<ReturnType<typeof logIn>> | undefined;
		for (let i = 0; i < 21; i++)
			result = await attempt(`opfer-${i}@example.org`, 'Sommer2030!', i, {
				client,
				maxFailures: 10
			});
		expect(result).toMatchObject({ ok: false, reason: 'locked' });
		// Even a right password from that client waits …
		expect(await attempt('gina@example.org', PASSWORD, 30, { client })).toMatchObject({
			reason: 'locked'
		});
		// … while another client is not affected.
		expect((await attempt('gina@example.org', PASSWORD, 31, { client: '198.51.100.1' })).ok).toBe(
			true
		);
	});

	it('counts concurrent wrong passwords without losing any', async () => {
		const user = await createUser(database.db, { email: 'hugo@example.org' });
		await Promise.all(
			Array.from({ length: 5 }, () => attempt(user.email, 'x', 0, { maxFailures: 10 }))
		);
		const [row] = await database.db.select().from(users).where(eq(users.id, user.id));
		expect(row.failedLoginCount).toBe(5);
	});

	it('refuses disabled and unconfirmed accounts, but only with the right password', async () => {
		await createUser(database.db, { email: 'frida@example.org', disabled: true });
		await createUser(database.db, { email: 'gustav@example.org', verified: false });
		await createUser(database.db, { email: 'hanna@example.org', password: null });
		const go = (email: string, password = PASSWORD) => attempt(email, password, 0);
		expect(answer(await go('frida@example.org'))).toEqual({ ok: false, reason: 'disabled' });
		expect(answer(await go('frida@example.org', 'wrong'))).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(answer(await go('gustav@example.org'))).toEqual({ ok: false, reason: 'unverified' });
		expect(answer(await go('gustav@example.org', 'wrong'))).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(answer(await go('hanna@example.org', ''))).toEqual({ ok: false, reason: 'invalid' });
	});
});
