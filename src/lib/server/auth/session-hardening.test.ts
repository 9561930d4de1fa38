import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import { createUser } from '$tests/helpers/users';
import type { Database } from '../db/client';
import { outboxMails, sessions, users } from '../db/schema';
import { resetClock, setClock } from '../time';
import { logIn } from './log-in';
import { ANONYMOUS, type Actor } from './actor';
import { endSessionCookie } from './session-cookie';
import { createSession, validateSession } from './sessions';
import { updateAccountRoles } from './update-account-roles';
import { peekUserToken } from './user-tokens';

const DAY = 24 * 60 * 60 * 1000;
const t0 = new Date('2030-03-01T08:00:00Z');
const PASSWORD = 'Richtig-Langes-Passwort-1';

describe('session hardening', () => {
	let database: Database;
	let admin: Actor;
	beforeAll(async () => {
		database = await createTestDatabase();
		const row = await createUser(database.db, { email: 'chefin@example.org', roles: ['admin'] });
		admin = { kind: 'staff', id: row.id, email: row.email, displayName: '', roles: ['admin'] };
	});
	afterAll(async () => {
		await database?.close();
	});
	afterEach(() => resetClock());

	it('ends a session after its absolute lifetime, however often it was used', async () => {
		const user = await createUser(database.db, { email: 'aktiv@example.org' });
		setClock(t0);
		const { token } = await createSession(database.db, user.id, 14);
		// Used every ten days: the sliding expiry alone would keep it alive for ever.
		for (const day of [10, 20, 29]) {
			setClock(new Date(t0.getTime() + day * DAY));
			expect(await validateSession(database.db, token, 14, 30), `day ${day}`).not.toBeNull();
		}
		setClock(new Date(t0.getTime() + 30 * DAY + 1000));
		expect(await validateSession(database.db, token, 14, 30)).toBeNull();
	});

	it('never extends a session past its absolute lifetime', async () => {
		const user = await createUser(database.db, { email: 'fast-ende@example.org' });
		setClock(t0);
		const { token } = await createSession(database.db, user.id, 14);
		setClock(new Date(t0.getTime() + 10 * DAY));
		expect((await validateSession(database.db, token, 14, 30))?.expiresAt.getTime()).toBe(
			t0.getTime() + 24 * DAY
		);
		setClock(new Date(t0.getTime() + 20 * DAY));
		const found = await validateSession(database.db, token, 14, 30);
		expect(found?.expiresAt.getTime()).toBe(t0.getTime() + 30 * DAY);
	});

	it('deletes the session cookie without Secure on plain http, with Secure on https', async () => {
		for (const [origin, secure] of [
			['http://192.168.1.20:3000', false],
			['https://quartier.example', true]
		] as const) {
			const deleted: { name: string; options: { secure?: boolean; path?: string } }[] = [];
			const cookies = {
				delete: (name: string, options: { secure?: boolean; path?: string }) =>
					deleted.push({ name, options }),
				set: () => {}
			};
			await endSessionCookie(database.db, cookies as never, new URL(`${origin}/abmelden`), null);
			// SvelteKit adds Secure when `secure` is not given; a browser on http then ignores the
			// deletion and keeps the cookie.
			expect(deleted).toEqual([
				{ name: 'session', options: expect.objectContaining({ path: '/', secure }) }
			]);
		}
	});

	it('a resident who becomes staff is signed out everywhere and must set a new password by link', async () => {
		const resident = await createUser(database.db, { email: 'bewohnerin@example.org' });
		const { token } = await createSession(database.db, resident.id, 14);
		await updateAccountRoles(database.db, {
			actor: admin,
			userId: resident.id,
			roles: ['content'],
			origin: 'https://quartier.example'
		});
		expect(await validateSession(database.db, token, 14)).toBeNull();
		expect(
			await database.db.select().from(sessions).where(eq(sessions.userId, resident.id))
		).toEqual([]);
		// The old password no longer works …
		const login = await logIn(database.db, {
			actor: ANONYMOUS,
			email: resident.email,
			password: PASSWORD,
			maxFailures: 10,
			lockSeconds: 900
		});
		expect(login.ok).toBe(false);
		// … and a set-password link is on its way.
		const [mail] = await database.db
			.select()
			.from(outboxMails)
			.where(eq(outboxMails.recipient, resident.email));
		expect(mail.textBody).toContain('neues Passwort');
		const link = /\/passwort-setzen\?token=([A-Za-z0-9_-]+)/.exec(mail.textBody)![1];
		expect(await peekUserToken(database.db, link, ['set_password'])).toMatchObject({
			userId: resident.id
		});
	});

	it('staff whose roles change among staff roles keep their sessions and password', async () => {
		const staff = await createUser(database.db, { email: 'team@example.org', roles: ['rooms'] });
		const { token } = await createSession(database.db, staff.id, 14);
		await updateAccountRoles(database.db, {
			actor: admin,
			userId: staff.id,
			roles: ['rooms', 'content'],
			origin: 'https://quartier.example'
		});
		expect(await validateSession(database.db, token, 14)).not.toBeNull();
		const [row] = await database.db.select().from(users).where(eq(users.id, staff.id));
		expect(row.passwordHash).not.toBeNull();
	});
});
