import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import { createUser } from '$tests/helpers/users';
import type { Database } from '../db/client';
import { outboxMails, sessions, users } from '../db/schema';
import { DomainError } from '../errors';
import { resetRateLimits } from '../security/rate-limit';
import { seedSite } from '../site/seed-site';
import { actorOf, ANONYMOUS } from './actor';
import { changeOwnPassword } from './change-own-password';
import { confirmEmail } from './confirm-email';
import { logIn } from './log-in';
import { registerResident } from './register-resident';
import { requestPasswordReset } from './request-password-reset';
import { resendConfirmation } from './resend-confirmation';
import { createSession, validateSession } from './sessions';
import { setPasswordWithToken } from './set-password-with-token';
import { findUserByEmail } from './users';

const ORIGIN = 'https://quartier.example';
const PASSWORD = 'Richtig-Langes-Passwort-1';
const login = { actor: ANONYMOUS, maxFailures: 10, lockSeconds: 60 };

function tokenIn(text: string, route: string): string {
	const match = new RegExp(`${ORIGIN}${route}\\?token=([A-Za-z0-9_-]+)`).exec(text);
	if (!match) throw new Error(`no ${route} link in ${text}`);
	return match[1];
}

describe('self-service account flows', () => {
	let database: Database;
	const mailsTo = (to: string) =>
		database.db.select().from(outboxMails).where(eq(outboxMails.recipient, to));

	beforeAll(async () => {
		database = await createTestDatabase();
		await seedSite(database.db);
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(() => resetRateLimits());

	describe('registration', () => {
		it('creates an unconfirmed resident, mails a link, and lets them in only after confirming', async () => {
			const queued = await registerResident(database.db, {
				actor: ANONYMOUS,
				email: 'Neu@Example.org',
				displayName: 'Nora',
				password: PASSWORD,
				origin: ORIGIN
			});
			expect(queued).toBe(true);
			const user = await findUserByEmail(database.db, 'neu@example.org');
			expect(user).toMatchObject({ email: 'neu@example.org', roles: [], emailVerifiedAt: null });
			expect(user?.passwordHash).toMatch(/^\$argon2id\$/);

			const [mail] = await mailsTo('neu@example.org');
			expect(mail.subject).toContain('Quartiersmanagement Kaster');
			expect(mail.textBody).not.toContain(PASSWORD);
			const token = tokenIn(mail.textBody, '/registrieren/bestaetigen');

			expect(
				await logIn(database.db, { email: 'neu@example.org', password: PASSWORD, ...login })
			).toEqual({
				ok: false,
				reason: 'unverified'
			});
			expect(await confirmEmail(database.db, { actor: ANONYMOUS, token })).toBe(true);
			expect(await confirmEmail(database.db, { actor: ANONYMOUS, token })).toBe(false);
			const result = await logIn(database.db, {
				email: 'neu@example.org',
				password: PASSWORD,
				...login
			});
			expect(result.ok).toBe(true);
		});

		it('does not reveal a taken address: the owner gets a notice, the account stays as it was', async () => {
			const owner = await createUser(database.db, {
				email: 'besetzt@example.org',
				displayName: 'Olga'
			});
			const queued = await registerResident(database.db, {
				actor: ANONYMOUS,
				email: 'BESETZT@example.org',
				displayName: 'Mallory',
				password: 'Anderes-Passwort-99',
				origin: ORIGIN
			});
			expect(queued).toBe(true);
			const after = await findUserByEmail(database.db, 'besetzt@example.org');
			expect(after?.displayName).toBe('Olga');
			expect(after?.passwordHash).toBe(owner.passwordHash);
			const [mail] = await mailsTo('besetzt@example.org');
			expect(mail.textBody).toContain('schon ein Konto');
			expect(mail.textBody).toContain(`${ORIGIN}/passwort-vergessen`);
		});

		it('sends a new confirmation link to unconfirmed accounts only', async () => {
			await createUser(database.db, { email: 'unbestaetigt@example.org', verified: false });
			await createUser(database.db, { email: 'bestaetigt@example.org' });
			expect(
				await resendConfirmation(database.db, {
					actor: ANONYMOUS,
					email: 'unbestaetigt@example.org',
					origin: ORIGIN
				})
			).toBe(true);
			expect(
				await resendConfirmation(database.db, {
					actor: ANONYMOUS,
					email: 'bestaetigt@example.org',
					origin: ORIGIN
				})
			).toBe(false);
			expect(
				await resendConfirmation(database.db, {
					actor: ANONYMOUS,
					email: 'niemand@example.org',
					origin: ORIGIN
				})
			).toBe(false);
		});
	});

	describe('password reset', () => {
		it('mails a one-hour link that sets the password, confirms the address and ends all sessions', async () => {
			const user = await createUser(database.db, {
				email: 'vergessen@example.org',
				verified: false
			});
			const { token: sessionToken } = await createSession(database.db, user.id, 14);
			await database.db
				.update(users)
				.set({ failedLoginCount: 9, lockedUntil: new Date(Date.now() + 60_000) })
				.where(eq(users.id, user.id));

			expect(
				await requestPasswordReset(database.db, {
					actor: ANONYMOUS,
					email: 'Vergessen@example.org',
					origin: ORIGIN
				})
			).toBe(true);
			const [mail] = await mailsTo('vergessen@example.org');
			expect(mail.textBody).toContain('1 Stunde');
			const token = tokenIn(mail.textBody, '/passwort-setzen');

			await setPasswordWithToken(database.db, {
				actor: ANONYMOUS,
				token,
				password: 'Ganz-Neues-Passwort-2'
			});
			expect(await validateSession(database.db, sessionToken, 14)).toBeNull();
			const result = await logIn(database.db, {
				email: user.email,
				password: 'Ganz-Neues-Passwort-2',
				...login
			});
			expect(result.ok).toBe(true);
			expect(
				(await logIn(database.db, { email: user.email, password: PASSWORD, ...login })).ok
			).toBe(false);

			// The link works once.
			await expect(
				setPasswordWithToken(database.db, {
					actor: ANONYMOUS,
					token,
					password: 'Noch-Ein-Passwort-3'
				})
			).rejects.toBeInstanceOf(DomainError);
			expect(
				(
					await logIn(database.db, {
						email: user.email,
						password: 'Ganz-Neues-Passwort-2',
						...login
					})
				).ok
			).toBe(true);
		});

		it('sends nothing for unknown or disabled accounts, and at most 3 mails per address and quarter hour', async () => {
			await createUser(database.db, { email: 'gesperrt@example.org', disabled: true });
			await createUser(database.db, { email: 'viel@example.org' });
			expect(
				await requestPasswordReset(database.db, {
					actor: ANONYMOUS,
					email: 'unbekannt@example.org',
					origin: ORIGIN
				})
			).toBe(false);
			expect(
				await requestPasswordReset(database.db, {
					actor: ANONYMOUS,
					email: 'gesperrt@example.org',
					origin: ORIGIN
				})
			).toBe(false);
			const results = [];
			for (let i = 0; i < 5; i++)
				results.push(
					await requestPasswordReset(database.db, {
						actor: ANONYMOUS,
						email: 'viel@example.org',
						origin: ORIGIN
					})
				);
			expect(results).toEqual([true, true, true, false, false]);
			expect(await mailsTo('viel@example.org')).toHaveLength(3);
			expect(await mailsTo('unbekannt@example.org')).toHaveLength(0);
			expect(await mailsTo('gesperrt@example.org')).toHaveLength(0);
		});

		it('refuses a reset link of an account disabled after the mail went out, leaving the token unused', async () => {
			const user = await createUser(database.db, { email: 'spaeter-gesperrt@example.org' });
			await requestPasswordReset(database.db, {
				actor: ANONYMOUS,
				email: user.email,
				origin: ORIGIN
			});
			const [mail] = await mailsTo(user.email);
			await database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
			await expect(
				setPasswordWithToken(database.db, {
					actor: ANONYMOUS,
					token: tokenIn(mail.textBody, '/passwort-setzen'),
					password: 'Neues-Passwort-123'
				})
			).rejects.toBeInstanceOf(DomainError);
			const [row] = await database.db.select().from(users).where(eq(users.id, user.id));
			expect(row.passwordHash).toBe(user.passwordHash);
		});
	});

	describe('own account', () => {
		it('changes the password only with the right current one and keeps just this session', async () => {
			const user = await createUser(database.db, { email: 'selbst@example.org' });
			const mine = await createSession(database.db, user.id, 14);
			const other = await createSession(database.db, user.id, 14);
			await expect(
				changeOwnPassword(database.db, {
					actor: actorOf(user),
					currentPassword: 'falsch',
					newPassword: 'Neues-Passwort-123',
					sessionToken: mine.token
				})
			).rejects.toMatchObject({
				code: 'INVALID',
				fieldErrors: { current_password: expect.any(String) }
			});
			expect(
				await database.db.select().from(sessions).where(eq(sessions.userId, user.id))
			).toHaveLength(2);

			await changeOwnPassword(database.db, {
				actor: actorOf(user),
				currentPassword: PASSWORD,
				newPassword: 'Neues-Passwort-123',
				sessionToken: mine.token
			});
			expect(await validateSession(database.db, mine.token, 14)).not.toBeNull();
			expect(await validateSession(database.db, other.token, 14)).toBeNull();
			expect(
				(await logIn(database.db, { email: user.email, password: 'Neues-Passwort-123', ...login }))
					.ok
			).toBe(true);
		});
	});
});
