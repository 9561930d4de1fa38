import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '$tests/helpers/db';
import { createUser } from '$tests/helpers/users';
import type { Database } from '../db/client';
import { sql } from 'drizzle-orm';
import { users } from '../db/schema';
import { resetClock, setClock } from '../time';
import {
	createFirstAdministrator,
	hasAdministrator,
	isSetupTokenValid,
	issueSetupLink,
	resetSetupToken,
	SETUP_LINK_LIFETIME_MS
} from './first-admin';

const ORIGIN = 'https://quartier.example';
const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';
const first = (token: string, email = 'chefin@example.org') => ({
	token,
	email,
	displayName: 'Chefin',
	origin: ORIGIN
});

describe('first administrator', () => {
	let database: Database;
	beforeAll(async () => {
		database = await createTestDatabase();
	});
	afterAll(async () => {
		await database?.close();
	});
	afterEach(async () => {
		resetClock();
		resetSetupToken();
		await database.db.delete(users);
	});

	it('prints a link while there is no administrator; it creates one with every role, once', async () => {
		// A resident or a disabled administrator does not count.
		await createUser(database.db, { email: 'anna@example.org', roles: [] });
		await createUser(database.db, {
			email: 'alt@example.org',
			roles: ['admin'],
			disabled: true
		});
		expect(await hasAdministrator(database.db)).toBe(false);
		const link = await issueSetupLink(database.db, ORIGIN);
		expect(link).toMatch(/^https:\/\/quartier\.example\/einrichten\?token=[\w-]{30,}$/);
		const token = tokenOf(link!);
		expect(isSetupTokenValid(token)).toBe(true);

		const created = await createFirstAdministrator(database.db, first(token));
		expect(created.link).toMatch(/^https:\/\/quartier\.example\/passwort-setzen\?token=/);
		const [user] = await database.db
			.select()
			.from(users)
			.where(sql`email = 'chefin@example.org'`);
		expect(user.roles.sort()).toEqual(['admin', 'concerns', 'content', 'rooms']);
		expect(await hasAdministrator(database.db)).toBe(true);

		// Single use.
		expect(isSetupTokenValid(token)).toBe(false);
		await expect(
			createFirstAdministrator(database.db, first(token, 'zweite@example.org'))
		).rejects.toMatchObject({ code: 'FORBIDDEN' });
		// And no new link once an administrator exists.
		expect(await issueSetupLink(database.db, ORIGIN)).toBeNull();
	});

	it('refuses a wrong or expired token', async () => {
		const token = tokenOf((await issueSetupLink(database.db, ORIGIN))!);
		expect(isSetupTokenValid(`${token}x`)).toBe(false);
		expect(isSetupTokenValid('')).toBe(false);
		setClock(new Date(Date.now() + SETUP_LINK_LIFETIME_MS + 1000));
		expect(isSetupTokenValid(token)).toBe(false);
		await expect(createFirstAdministrator(database.db, first(token))).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		expect(await hasAdministrator(database.db)).toBe(false);
	});

	it('refuses once an administrator exists by other means (the CLI), even with a valid token', async () => {
		const token = tokenOf((await issueSetupLink(database.db, ORIGIN))!);
		await createUser(database.db, { email: 'cli@example.org', roles: ['admin'] });
		await expect(createFirstAdministrator(database.db, first(token))).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		expect(await database.db.select().from(users)).toHaveLength(1);
	});

	it('keeps the link usable after a rejected address', async () => {
		await createUser(database.db, { email: 'anna@example.org', roles: [] });
		const token = tokenOf((await issueSetupLink(database.db, ORIGIN))!);
		await expect(
			createFirstAdministrator(database.db, first(token, 'anna@example.org'))
		).rejects.toMatchObject({ code: 'CONFLICT' });
		expect(isSetupTokenValid(token)).toBe(true);
		await createFirstAdministrator(database.db, first(token));
		expect(await hasAdministrator(database.db)).toBe(true);
	});

	it('refuses two posts racing with the same token: one administrator', async () => {
		const token = tokenOf((await issueSetupLink(database.db, ORIGIN))!);
		const results = await Promise.allSettled([
			createFirstAdministrator(database.db, first(token, 'eins@example.org')),
			createFirstAdministrator(database.db, first(token, 'zwei@example.org'))
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(await database.db.select().from(users)).toHaveLength(1);
	});
});
