import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import { createUser } from '$tests/helpers/users';
import type { Database } from '../db/client';
import { auditLog, outboxMails, sessions, users } from '../db/schema';
import { createStaffAccount } from './create-staff-account';
import { findAccounts, getAccountById } from './find-accounts';
import { actorOf, ANONYMOUS, CLI_ACTOR, type Actor } from './actor';
import { sendSetPasswordLink } from './send-set-password-link';
import { createSession, validateSession } from './sessions';
import { setAccountDisabled } from './set-account-disabled';
import { setPasswordWithToken } from './set-password-with-token';
import { updateAccountRoles } from './update-account-roles';
import { peekUserToken } from './user-tokens';

const ORIGIN = 'https://quartier.example';
const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

describe('staff accounts', () => {
	let database: Database;
	let admin: Actor & { id: number };
	let editor: Actor & { id: number };
	const auditFor = (id: number) =>
		database.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.entityId, String(id)));

	beforeAll(async () => {
		database = await createTestDatabase();
		const a = await createUser(database.db, { email: 'chefin@example.org', roles: ['admin'] });
		const e = await createUser(database.db, { email: 'redaktion@example.org', roles: ['content'] });
		admin = { ...actorOf(a), id: a.id } as Actor & { id: number };
		editor = { ...actorOf(e), id: e.id } as Actor & { id: number };
	});
	afterAll(async () => {
		await database?.close();
	});

	it('creates an account without password, mails a 7-day link and audits it', async () => {
		const before = Date.now();
		const { userId, link, expiresAt } = await createStaffAccount(database.db, {
			actor: admin,
			email: 'Neue.Kollegin@Example.org',
			displayName: 'Neue Kollegin',
			roles: ['rooms', 'content', 'content'],
			origin: ORIGIN,
			sendMail: true
		});
		expect(link).toMatch(/^https:\/\/quartier\.example\/passwort-setzen\?token=/);
		expect(expiresAt.getTime() - before).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
		const account = await getAccountById(database.db, { actor: admin, id: userId });
		expect(account).toMatchObject({
			email: 'neue.kollegin@example.org',
			roles: ['rooms', 'content'],
			hasPassword: false,
			emailVerifiedAt: null
		});
		const mails = await database.db
			.select()
			.from(outboxMails)
			.where(eq(outboxMails.recipient, 'neue.kollegin@example.org'));
		expect(mails).toHaveLength(1);
		expect(mails[0].textBody).toContain(link);
		expect(mails[0].textBody).toContain('Räume, Inhalte');
		expect((await auditFor(userId)).map((a) => [a.action, a.actorId])).toEqual([
			['account.created', admin.id]
		]);

		await setPasswordWithToken(database.db, {
			actor: ANONYMOUS,
			token: tokenOf(link),
			password: 'Ein-Gutes-Passwort'
		});
		expect(await getAccountById(database.db, { actor: admin, id: userId })).toMatchObject({
			hasPassword: true,
			emailVerifiedAt: expect.any(Date)
		});
	});

	it('refuses duplicates, empty role lists and non-admin actors', async () => {
		const base = { displayName: 'X', origin: ORIGIN, sendMail: true };
		await expect(
			createStaffAccount(database.db, {
				...base,
				actor: admin,
				email: 'CHEFIN@example.org',
				roles: ['content']
			})
		).rejects.toMatchObject({ code: 'CONFLICT', fieldErrors: { email: expect.any(String) } });
		await expect(
			createStaffAccount(database.db, { ...base, actor: admin, email: 'x@example.org', roles: [] })
		).rejects.toMatchObject({ code: 'INVALID', fieldErrors: { roles: expect.any(String) } });
		await expect(
			createStaffAccount(database.db, {
				...base,
				actor: editor,
				email: 'y@example.org',
				roles: ['admin']
			})
		).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(
			updateAccountRoles(database.db, { actor: editor, userId: editor.id, roles: ['admin'] })
		).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(
			setAccountDisabled(database.db, { actor: editor, userId: admin.id, disabled: true })
		).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(findAccounts(database.db, { actor: editor, page: 1 })).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		const [{ roles }] = await database.db.select().from(users).where(eq(users.id, editor.id));
		expect(roles).toEqual(['content']);
	});

	it('changes roles with an audit record, but an admin cannot drop their own admin role', async () => {
		const user = await createUser(database.db, { email: 'rollen@example.org', roles: ['content'] });
		await updateAccountRoles(database.db, {
			actor: admin,
			userId: user.id,
			roles: ['concerns', 'content']
		});
		const [audit] = await auditFor(user.id);
		expect(audit).toMatchObject({
			action: 'account.roles-changed',
			actorId: admin.id,
			before: { roles: ['content'] },
			after: { roles: ['concerns', 'content'] }
		});
		await expect(
			updateAccountRoles(database.db, { actor: admin, userId: admin.id, roles: ['content'] })
		).rejects.toMatchObject({
			code: 'INVALID',
			fieldErrors: { roles: expect.stringContaining('nicht selbst') }
		});
		await updateAccountRoles(database.db, {
			actor: admin,
			userId: admin.id,
			roles: ['admin', 'rooms']
		});
		await expect(
			updateAccountRoles(database.db, { actor: admin, userId: 999_999, roles: [] })
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
	});

	it('disabling ends all sessions and blocks links; enabling lets the person back', async () => {
		const user = await createUser(database.db, { email: 'sperre@example.org', roles: ['rooms'] });
		const { token } = await createSession(database.db, user.id, 14);
		const { link } = await sendSetPasswordLink(database.db, {
			actor: admin,
			userId: user.id,
			origin: ORIGIN,
			sendMail: true
		});

		await setAccountDisabled(database.db, { actor: admin, userId: user.id, disabled: true });
		expect(
			await database.db.select().from(sessions).where(eq(sessions.userId, user.id))
		).toHaveLength(0);
		expect(await validateSession(database.db, token, 14)).toBeNull();
		expect(await peekUserToken(database.db, tokenOf(link), ['set_password'])).toBeNull();
		await expect(
			sendSetPasswordLink(database.db, {
				actor: admin,
				userId: user.id,
				origin: ORIGIN,
				sendMail: true
			})
		).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });

		await setAccountDisabled(database.db, { actor: admin, userId: user.id, disabled: false });
		expect(await peekUserToken(database.db, tokenOf(link), ['set_password'])).not.toBeNull();
		expect((await auditFor(user.id)).map((a) => a.action)).toEqual([
			'account.link-sent',
			'account.disabled',
			'account.enabled'
		]);
		await expect(
			setAccountDisabled(database.db, { actor: admin, userId: admin.id, disabled: true })
		).rejects.toMatchObject({ code: 'INVALID' });
	});

	it('a new link replaces the old one; only the CLI may restore access', async () => {
		const user = await createUser(database.db, { email: 'link@example.org', roles: ['concerns'] });
		const first = await sendSetPasswordLink(database.db, {
			actor: admin,
			userId: user.id,
			origin: ORIGIN,
			sendMail: true
		});
		const second = await sendSetPasswordLink(database.db, {
			actor: admin,
			userId: user.id,
			origin: ORIGIN,
			sendMail: true
		});
		expect(await peekUserToken(database.db, tokenOf(first.link), ['set_password'])).toBeNull();
		expect(await peekUserToken(database.db, tokenOf(second.link), ['set_password'])).not.toBeNull();
		await expect(
			sendSetPasswordLink(database.db, {
				actor: admin,
				userId: user.id,
				origin: ORIGIN,
				sendMail: false,
				restore: {}
			})
		).rejects.toMatchObject({ code: 'FORBIDDEN' });

		await database.db
			.update(users)
			.set({
				disabledAt: new Date(),
				lockedUntil: new Date(Date.now() + 600_000),
				failedLoginCount: 10
			})
			.where(eq(users.id, user.id));
		await sendSetPasswordLink(database.db, {
			actor: CLI_ACTOR,
			userId: user.id,
			origin: ORIGIN,
			sendMail: false,
			restore: { roles: ['admin', 'concerns'] }
		});
		const [row] = await database.db.select().from(users).where(eq(users.id, user.id));
		expect(row).toMatchObject({
			disabledAt: null,
			lockedUntil: null,
			failedLoginCount: 0,
			roles: ['concerns', 'admin']
		});
	});

	it('pages and filters the list, staff first', async () => {
		for (let i = 0; i < 4; i++) await createUser(database.db, { email: `buerger${i}@example.org` });
		const all = await findAccounts(database.db, { actor: admin, page: 1, pageSize: 3 });
		expect(all.rows).toHaveLength(3);
		expect(all.rows.every((r) => r.roles.length > 0)).toBe(true);
		expect(all.pages).toBe(Math.ceil(all.total / 3));
		const residents = await findAccounts(database.db, {
			actor: admin,
			page: 1,
			filter: 'residents',
			pageSize: 100
		});
		expect(residents.rows.map((r) => r.email)).toEqual(
			expect.arrayContaining(['buerger0@example.org', 'buerger3@example.org'])
		);
		expect(residents.rows.every((r) => r.roles.length === 0)).toBe(true);
		const staff = await findAccounts(database.db, {
			actor: admin,
			page: 1,
			filter: 'staff',
			pageSize: 100
		});
		expect(staff.total + residents.total).toBe(all.total);
		const beyond = await findAccounts(database.db, { actor: admin, page: 50, pageSize: 3 });
		expect(beyond.rows).toHaveLength(0);
	});
});
