import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
	closePage,
	createAccount,
	DESKTOP,
	emailFor,
	expectAccessible,
	launchBrowser,
	loginAs,
	openPage,
	PHONE,
	postForm,
	screenshot,
	submit,
	logIn,
	TEST_PASSWORD
} from './support';

describe('roles and the back office', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('sends anonymous visitors of /verwaltung to the login and back afterwards', async () => {
		const page = await openPage(browser);
		await page.goto('/verwaltung/konten');
		expect(new URL(page.url()).pathname).toBe('/anmelden');
		expect(new URL(page.url()).searchParams.get('weiter')).toBe('/verwaltung/konten');
		await expect(page.locator('main').innerText()).resolves.toContain('Bitte melden Sie sich an');
		await closePage(page);
	});

	it('logs the CLI-made admin in and shows the accounts page', async () => {
		const page = await loginAs(browser, 'admin');
		expect(new URL(page.url()).pathname).toBe('/verwaltung');
		const res = await page.goto('/verwaltung/konten');
		expect(res?.status()).toBe(200);
		await expect(page.locator('table').innerText()).resolves.toContain(emailFor('admin'));
		await closePage(page);
	});

	it('gives a content editor the back office but not the accounts', async () => {
		const page = await loginAs(browser, 'content', { width: PHONE });
		expect(new URL(page.url()).pathname).toBe('/verwaltung');
		for (const path of ['/verwaltung/konten', '/verwaltung/konten/neu', '/verwaltung/konten/1']) {
			const res = await page.goto(path);
			expect(res?.status(), path).toBe(403);
		}
		await page.goto('/konto');
		const res = await postForm(page, '/verwaltung/konten/neu', {
			email: 'sneaky@example.org',
			display_name: 'Sneaky',
			role_admin: 'on'
		});
		expect(res.status).toBe(403);
		const sperren = await postForm(page, '/verwaltung/konten/1?/sperren', {});
		expect(sperren.status).toBe(403);
		await closePage(page);
	});

	it('keeps residents out of the back office entirely', async () => {
		const page = await loginAs(browser, 'resident');
		expect(new URL(page.url()).pathname).toBe('/konto');
		await expectAccessible(page);
		await screenshot(page, 'auth-konto');
		for (const path of ['/verwaltung', '/verwaltung/konten', '/verwaltung/konten/neu']) {
			const res = await page.goto(path);
			expect(res?.status(), path).toBe(403);
		}
		await page.goto('/konto');
		const res = await postForm(page, '/verwaltung/konten/1?/rollen', { role_admin: 'on' });
		expect(res.status).toBe(403);
		await closePage(page);
	});

	it(
		'shows the own account page and its messages accessibly at both widths',
		{ timeout: 180_000 },
		async () => {
			for (const width of [DESKTOP, PHONE]) {
				const page = await loginAs(browser, 'resident', { width });
				await page.goto('/konto');
				await expectAccessible(page);
				await screenshot(page, 'auth-konto');

				await page.fill('input[name="display_name"]', `Bewohnerin ${width}`);
				await submit(page, 'form[action="?/name"] button');
				await expect(page.locator('main .notice').first().innerText()).resolves.toBe(
					'Gespeichert.'
				);
				await expect(page.locator('.facts').innerText()).resolves.toContain(`Bewohnerin ${width}`);
				await expect(page.locator('header').innerText()).resolves.toContain('Mein Konto');

				await page.fill('input[name="current_password"]', 'nicht-das-richtige');
				await page.fill('input[name="new_password"]', 'Ganz-Neues-Passwort');
				await page.fill('input[name="new_password_repeat"]', 'Ganz-Neues-Passwort');
				await submit(page, 'form[action="?/passwort"] button');
				await expect(page.locator('.error-summary').innerText()).resolves.toContain(
					'Das aktuelle Passwort ist nicht richtig.'
				);
				await expect(
					page.locator('#field-current_password').getAttribute('aria-invalid')
				).resolves.toBe('true');
				await expectAccessible(page);
				await screenshot(page, 'auth-konto-fehler');
				await closePage(page);
			}
		}
	);

	it('changes the own password, ending other sessions but not this one', async () => {
		await createAccount(browser, 'resident', 'e2e-wechsel@example.org');
		const other = await openPage(browser);
		await logIn(other, 'e2e-wechsel@example.org', TEST_PASSWORD);
		const page = await openPage(browser, { javaScript: false });
		await logIn(page, 'e2e-wechsel@example.org', TEST_PASSWORD);
		await page.fill('input[name="current_password"]', TEST_PASSWORD);
		await page.fill('input[name="new_password"]', 'Gewechseltes-Passwort');
		await page.fill('input[name="new_password_repeat"]', 'Gewechseltes-Passwort');
		await submit(page, 'form[action="?/passwort"] button');
		await expect(page.locator('main .notice').first().innerText()).resolves.toContain(
			'Ihr Passwort ist geändert'
		);
		await expect(page.goto('/konto').then((r) => new URL(r!.url()).pathname)).resolves.toBe(
			'/konto'
		);
		await other.goto('/konto');
		expect(new URL(other.url()).pathname).toBe('/anmelden');
		await logIn(other, 'e2e-wechsel@example.org', 'Gewechseltes-Passwort');
		await Promise.all([closePage(page), closePage(other)]);
	});

	it('sends anonymous visitors of /konto to the login', async () => {
		const page = await openPage(browser);
		await page.goto('/konto');
		expect(page.url()).toMatch(/\/anmelden\?weiter=%2Fkonto$/);
		const post = await postForm(page, '/konto?/name', { display_name: 'x' });
		expect(post.status).toBe(303);
		await closePage(page);
	});
});
