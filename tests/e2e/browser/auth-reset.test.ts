import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
	checkLayoutAt,
	closePage,
	createAccount,
	DESKTOP,
	expectAccessible,
	launchBrowser,
	linkPath,
	logIn,
	openPage,
	PHONE,
	readMails,
	screenshot,
	submit,
	TEST_PASSWORD,
	waitForNewMail
} from '../support';

describe('password reset by mail', () => {
	let browser: Browser;
	const email = 'e2e-reset@example.org';

	beforeAll(async () => {
		browser = await launchBrowser();
		await createAccount(browser, 'resident', email);
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('mails a link that sets a new password, which then works for the login (without JavaScript)', async () => {
		const page = await openPage(browser, { javaScript: false });
		await page.goto('/anmelden');
		await page.click('text=Passwort vergessen?');
		expect(new URL(page.url()).pathname).toBe('/passwort-vergessen');
		const before = readMails().length;
		await page.fill('input[name="email"]', email.toUpperCase());
		await submit(page);
		await expect(page.locator('h1').innerText()).resolves.toBe('Bitte sehen Sie in Ihr Postfach');

		const mail = await waitForNewMail(before, (m) => m.to.includes(email));
		expect(mail.subject).toContain('Neues Passwort festlegen');
		expect(mail.text).toContain('1 Stunde');
		const link = linkPath(mail.text, '/passwort-setzen');

		await page.goto(link);
		await expect(page.locator('main').innerText()).resolves.toContain(email);
		await page.fill('input[name="password"]', 'Das-Neue-Passwort-2025');
		await page.fill('input[name="password_repeat"]', 'Das-Neue-Passwort-2025');
		await submit(page);
		expect(new URL(page.url()).pathname).toBe('/anmelden');
		await expect(page.locator('main .notice').first().innerText()).resolves.toContain(
			'Ihr Passwort ist gespeichert'
		);
		await logIn(page, email, 'Das-Neue-Passwort-2025');
		expect(new URL(page.url()).pathname).toBe('/konto');

		// The link is used up: a clear German page with status 400 and a way forward.
		const fresh = await openPage(browser);
		const again = await fresh.goto(link);
		expect(again?.status()).toBe(400);
		await expect(fresh.locator('h1').innerText()).resolves.toBe('Dieser Link gilt nicht (mehr)');
		const newLink = fresh.locator('main a', { hasText: 'Neuen Link anfordern' });
		await expect(
			newLink.evaluate((a) => new URL((a as HTMLAnchorElement).href).pathname)
		).resolves.toBe('/passwort-vergessen');
		// axe on this page: the last test (an invalid token shows the same page).
		await screenshot(fresh, 'auth-link-ungueltig');

		// The old password is gone.
		const old = await openPage(browser);
		await expect(logIn(old, email, TEST_PASSWORD)).rejects.toThrow(/nicht richtig/);
		await Promise.all([closePage(page), closePage(fresh), closePage(old)]);
	});

	it(
		'refuses mismatched or short passwords and keeps the link usable',
		{ timeout: 180_000 },
		async () => {
			await createAccount(browser, 'resident', 'e2e-reset2@example.org');
			const page = await openPage(browser, { width: DESKTOP });
			const before = readMails().length;
			await page.goto('/passwort-vergessen');
			await page.fill('input[name="email"]', 'e2e-reset2@example.org');
			await submit(page);
			const mail = await waitForNewMail(before, (m) => m.to.includes('e2e-reset2@example.org'));
			const link = linkPath(mail.text, '/passwort-setzen');

			await page.goto(link);
			await expectAccessible(page);
			await screenshot(page, 'auth-passwort-setzen');
			await checkLayoutAt(page, [PHONE], 'auth-passwort-setzen');
			await page.fill('input[name="password"]', 'kurz');
			await page.fill('input[name="password_repeat"]', 'anders');
			const [res] = await Promise.all([
				page.waitForNavigation(),
				page.locator('main form.form button[type="submit"]').click()
			]);
			expect(res?.status()).toBe(400);
			const summary = await page.locator('.error-summary').innerText();
			expect(summary).toContain('„Neues Passwort“ muss mindestens 10 Zeichen lang sein.');
			await expectAccessible(page);
			await screenshot(page, 'auth-passwort-setzen-fehler');
			await checkLayoutAt(page, [PHONE], 'auth-passwort-setzen-fehler');

			await page.fill('input[name="password"]', 'Zehn-Zeichen-und-mehr');
			await page.fill('input[name="password_repeat"]', 'Zehn-Zeichen-und-mehr!');
			await submit(page);
			await expect(page.locator('.error-summary').innerText()).resolves.toContain(
				'stimmen nicht überein'
			);

			await page.fill('input[name="password"]', 'Zehn-Zeichen-und-mehr');
			await page.fill('input[name="password_repeat"]', 'Zehn-Zeichen-und-mehr');
			await submit(page);
			expect(page.url()).toMatch(/\/anmelden\?hinweis=passwort$/);
			await closePage(page);
		}
	);

	it(
		'shows the request form and the confirmation accessibly, fitting 375 px too',
		{ timeout: 180_000 },
		async () => {
			const page = await openPage(browser, { width: DESKTOP });
			await page.goto('/passwort-vergessen');
			await expectAccessible(page);
			await screenshot(page, 'auth-passwort-vergessen');
			await checkLayoutAt(page, [PHONE], 'auth-passwort-vergessen');
			await page.fill('input[name="email"]', 'irgendwer@example.org');
			await submit(page);
			await expectAccessible(page);
			await screenshot(page, 'auth-passwort-vergessen-gesendet');
			await checkLayoutAt(page, [PHONE], 'auth-passwort-vergessen-gesendet');
			const invalid = await page.goto('/passwort-setzen?token=kaputt');
			expect(invalid?.status()).toBe(400);
			await expectAccessible(page);
			await screenshot(page, 'auth-link-ungueltig');
			await checkLayoutAt(page, [PHONE], 'auth-link-ungueltig');
			const missing = await page.goto('/passwort-setzen');
			expect(missing?.status()).toBe(400);
			await closePage(page);
		}
	);
});
