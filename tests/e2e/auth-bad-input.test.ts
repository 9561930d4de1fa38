import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
	closePage,
	createAccount,
	csrfFrom,
	launchBrowser,
	linkPath,
	loginAs,
	openPage,
	postForm,
	readMails,
	submit,
	waitForNewMail
} from './support';

const BIG = 'x'.repeat(100 * 1024);
const SCRIPT = '<script>alert(1)</script>';
const SQL = "' OR 1=1; DROP TABLE users; --";
const BAD_UNICODE = 'Name \uFFFD kaputt';

interface FormCase {
	name: string;
	page: Page;
	action: string;
	/** A filled form that passes validation except where a test spoils one field. */
	fields: Record<string, string>;
	/** Text fields and the label the error messages must name. */
	labels: Record<string, string>;
	/** Fields echoed back into the form after an error. */
	echoed?: string[];
	/** Values that make the form fail elsewhere, so nothing is stored while one field is tested. */
	spoil?: Record<string, string>;
}

describe('bad input on every account form', () => {
	let browser: Browser;
	let anonymous: Page;
	let stranger: Page;
	let resident: Page;
	let admin: Page;
	let resetLink: string;
	let accountPath: string;
	const cases: FormCase[] = [];

	beforeAll(async () => {
		browser = await launchBrowser();
		anonymous = await openPage(browser);
		await anonymous.goto('/anmelden');
		stranger = await openPage(browser);
		await stranger.goto('/anmelden');
		resident = await loginAs(browser, 'resident');
		admin = await loginAs(browser, 'admin');

		await createAccount(browser, 'resident', 'e2e-bad-input@example.org');
		const before = readMails().length;
		await anonymous.goto('/passwort-vergessen');
		await anonymous.fill('input[name="email"]', 'e2e-bad-input@example.org');
		await submit(anonymous);
		const mail = await waitForNewMail(before, (m) => m.to.includes('e2e-bad-input@example.org'));
		resetLink = linkPath(mail.text, '/passwort-setzen');
		await anonymous.goto('/anmelden');
		await admin.goto('/verwaltung/konten?art=residents');
		accountPath =
			(await admin
				.locator('table a', { hasText: 'e2e-bad-input@example.org' })
				.getAttribute('href')) ?? '';
		await resident.goto('/konto');

		const password = 'Ein-Langes-Passwort-1';
		cases.push(
			{
				name: 'login',
				page: anonymous,
				action: '/anmelden?/anmelden',
				fields: { email: 'a@example.org', password },
				labels: { email: 'E-Mail-Adresse', password: 'Passwort' },
				echoed: ['email']
			},
			{
				name: 'resend confirmation',
				page: anonymous,
				action: '/anmelden?/bestaetigung',
				fields: { email: 'a@example.org' },
				labels: { email: 'E-Mail-Adresse' }
			},
			{
				name: 'forgotten password',
				page: anonymous,
				action: '/passwort-vergessen',
				fields: { email: 'a@example.org' },
				labels: { email: 'E-Mail-Adresse' },
				echoed: ['email']
			},
			{
				name: 'set password',
				page: anonymous,
				action: resetLink,
				fields: { password, password_repeat: password },
				labels: { password: 'Neues Passwort' }
			},
			{
				name: 'registration',
				page: anonymous,
				action: '/registrieren',
				fields: {
					display_name: 'Rosa',
					email: 'e2e-never-stored@example.org',
					password,
					password_repeat: password,
					consent: 'on'
				},
				labels: { display_name: 'Ihr Name', email: 'E-Mail-Adresse', password: 'Passwort' },
				echoed: ['display_name', 'email'],
				spoil: { password_repeat: 'passt-nicht' }
			},
			{
				name: 'own name',
				page: resident,
				action: '/konto?/name',
				fields: { display_name: 'Test-Bewohnerin' },
				labels: { display_name: 'Ihr Name' },
				echoed: ['display_name']
			},
			{
				name: 'own password',
				page: resident,
				action: '/konto?/passwort',
				fields: {
					current_password: 'falsch-aber-egal',
					new_password: password,
					new_password_repeat: password
				},
				labels: { new_password: 'Neues Passwort' }
			},
			{
				name: 'new staff account',
				page: admin,
				action: '/verwaltung/konten/neu',
				fields: {
					email: 'e2e-never-staff@example.org',
					display_name: 'Nie',
					role_content: 'on'
				},
				labels: { email: 'E-Mail-Adresse', display_name: 'Name' },
				echoed: ['email', 'display_name'],
				spoil: { role_content: '' }
			}
		);
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('refuses empty forms with a German message naming the field', async () => {
		for (const c of cases) {
			const empty = Object.fromEntries(Object.keys(c.fields).map((k) => [k, '']));
			const res = await postForm(c.page, c.action, empty);
			expect(res.status, c.name).toBe(400);
			const [field, label] = Object.entries(c.labels)[0];
			expect(res.body, `${c.name} ${field}`).toContain(`Bitte füllen Sie das Feld „${label}“ aus.`);
		}
	});

	it('refuses 100 kB in any text field with a German "too long" message', async () => {
		for (const c of cases) {
			for (const [field, label] of Object.entries(c.labels)) {
				const res = await postForm(c.page, c.action, { ...c.fields, [field]: BIG });
				expect(res.status, `${c.name} ${field}`).toBe(400);
				const named = field.includes('email')
					? `„${label}“ darf höchstens`
					: `„${label}“ darf höchstens`;
				expect(res.body, `${c.name} ${field}`).toContain(named);
				expect(res.body.length, `${c.name} ${field} echoes 100 kB`).toBeLessThan(80_000);
			}
		}
	});

	it('escapes script tags, treats SQL as text and refuses invalid characters', async () => {
		for (const c of cases) {
			for (const field of Object.keys(c.labels).filter((f) => !f.includes('password'))) {
				const script = await postForm(c.page, c.action, {
					...c.fields,
					[field]: SCRIPT,
					...c.spoil
				});
				expect(script.status, `${c.name} ${field}`).toBeLessThan(500);
				expect(script.body, `${c.name} ${field}`).not.toContain(SCRIPT);
				if (c.echoed?.includes(field))
					expect(script.body, `${c.name} ${field} ${script.status}`).toContain(
						'&lt;script>alert(1)&lt;/script>'
					);

				const sql = await postForm(c.page, c.action, {
					...c.fields,
					[field]: SQL,
					...c.spoil
				});
				expect(sql.status, `${c.name} ${field} sql`).toBeLessThan(500);

				const bad = await postForm(c.page, c.action, {
					...c.fields,
					[field]: BAD_UNICODE,
					...c.spoil
				});
				expect(bad.status, `${c.name} ${field} unicode`).toBe(400);
				expect(bad.body, `${c.name} ${field} unicode`).toMatch(
					/enthält ungültige Zeichen|gültige E-Mail-Adresse/
				);
			}
		}
		await postForm(resident, '/konto?/name', { display_name: 'Test-Bewohnerin' });
		// The users table is still there and nothing of the above was stored.
		await admin.goto('/verwaltung/konten');
		const list = await admin.locator('main').innerText();
		expect(list).toContain('admin@example.org');
		expect(list).not.toContain('e2e-never');
		expect(list).not.toContain('<script>');
	});

	it('refuses missing and foreign CSRF tokens with 403 on every form and button', async () => {
		const foreign = await csrfFrom(stranger);
		const buttons = [
			{ page: anonymous, action: '/registrieren/bestaetigen?token=x' },
			{ page: resident, action: '/abmelden' },
			{ page: admin, action: `${accountPath}?/rollen` },
			{ page: admin, action: `${accountPath}?/link` },
			{ page: admin, action: `${accountPath}?/sperren` },
			{ page: admin, action: `${accountPath}?/freischalten` }
		];
		for (const c of [...cases, ...buttons.map((b) => ({ ...b, name: b.action, fields: {} }))]) {
			const missing = await postForm(c.page, c.action, c.fields, { csrf: false });
			expect(missing.status, `${c.name} missing`).toBe(403);
			expect(missing.body).toContain('Aus Sicherheitsgründen');
			const wrong = await postForm(c.page, c.action, { ...c.fields, _csrf: foreign });
			expect(wrong.status, `${c.name} foreign`).toBe(403);
		}
		// Still signed in, account untouched, the reset link still usable.
		await expect(resident.goto('/konto').then((r) => r?.status())).resolves.toBe(200);
		await expect(anonymous.goto(resetLink).then((r) => r?.status())).resolves.toBe(200);
		await admin.goto(accountPath);
		await expect(admin.locator('.facts').innerText()).resolves.toContain('aktiv');
	});

	it('ignores forged role values and unknown fields', async () => {
		const res = await postForm(admin, `${accountPath}?/rollen`, {
			role_admin: '<script>',
			role_content: 'yes',
			roles: 'admin',
			role_superuser: 'on'
		});
		expect(res.status).toBe(200);
		await admin.goto(accountPath);
		await expect(admin.locator('.facts').innerText()).resolves.toContain('keine Rolle');
		await closePage(admin);
	});
});
