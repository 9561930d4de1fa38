import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
	checkLayoutAt,
	closePage,
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
	waitForNewMail
} from '../support';

const PASSWORD = 'Mein-Quartier-Passwort';

async function fillRegistration(page: Page, email: string, name = 'Rita Register') {
	await page.goto('/registrieren');
	await page.fill('input[name="display_name"]', name);
	await page.fill('input[name="email"]', email);
	await page.fill('input[name="password"]', PASSWORD);
	await page.fill('input[name="password_repeat"]', PASSWORD);
	await page.check('input[name="consent"]');
}

describe('resident registration', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('registers, refuses the login until the address is confirmed, then logs in (without JavaScript)', async () => {
		const email = 'e2e-rita@example.org';
		const page = await openPage(browser, { javaScript: false });
		const before = readMails().length;
		await fillRegistration(page, email);
		await submit(page);
		await expect(page.locator('h1').innerText()).resolves.toContain(
			'Bitte bestätigen Sie Ihre E-Mail-Adresse'
		);
		const mail = await waitForNewMail(before, (m) => m.to.includes(email));
		expect(mail.subject).toContain('Bitte bestätigen Sie Ihre E-Mail-Adresse');

		// Not yet confirmed: a clear message and a way to get a new link.
		await page.goto('/anmelden');
		await page.fill('input[name="email"]', email);
		await page.fill('input[name="password"]', PASSWORD);
		await submit(page);
		await expect(page.locator('.error-summary').innerText()).resolves.toContain(
			'Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse'
		);
		const resendFrom = readMails().length;
		await submit(page, 'form[action="?/bestaetigung"] button');
		await expect(page.locator('main .notice').first().innerText()).resolves.toContain(
			'haben wir einen neuen Link geschickt'
		);
		const second = await waitForNewMail(resendFrom, (m) => m.to.includes(email));

		// The first link was replaced by the second.
		const old = await page.goto(linkPath(mail.text, '/registrieren/bestaetigen'));
		expect(old?.status()).toBe(400);
		await page.goto(linkPath(second.text, '/registrieren/bestaetigen'));
		await expect(page.locator('main').innerText()).resolves.toContain(email);
		await submit(page);
		expect(page.url()).toMatch(/\/anmelden\?hinweis=bestaetigt$/);
		await expect(page.locator('main .notice').first().innerText()).resolves.toContain(
			'Ihre E-Mail-Adresse ist bestätigt'
		);
		await logIn(page, email, PASSWORD);
		expect(new URL(page.url()).pathname).toBe('/konto');
		await expect(page.locator('main').innerText()).resolves.toContain('Rita Register');
		await closePage(page);
	});

	it('checks every field and keeps what was typed (except passwords)', async () => {
		const page = await openPage(browser, { width: PHONE });
		await page.goto('/registrieren');
		const [res] = await Promise.all([
			page.waitForNavigation(),
			page.locator('main form.form button[type="submit"]').click()
		]);
		expect(res?.status()).toBe(400);
		const summary = await page.locator('.error-summary').innerText();
		for (const expected of [
			'„Ihr Name“',
			'„E-Mail-Adresse“',
			'„Passwort“',
			'„Passwort wiederholen“',
			'„Einverständnis zum Datenschutz“'
		])
			expect(summary).toContain(expected);
		await expectAccessible(page, { atThisWidth: true });
		await screenshot(page, 'auth-registrieren-fehler');

		await page.fill('input[name="display_name"]', '<script>alert(1)</script>');
		await page.fill('input[name="email"]', 'keine-adresse');
		await page.fill('input[name="password"]', 'kurz');
		await submit(page);
		await expect(page.locator('input[name="display_name"]').inputValue()).resolves.toBe(
			'<script>alert(1)</script>'
		);
		await expect(page.locator('input[name="password"]').inputValue()).resolves.toBe('');
		await expect(page.locator('script:has-text("alert(1)")').count()).resolves.toBe(0);
		await expect(page.locator('.error-summary').innerText()).resolves.toContain(
			'gültige E-Mail-Adresse'
		);
		await closePage(page);
	});

	it(
		'shows the registration and confirmation pages accessibly, fitting 375 px too',
		{ timeout: 180_000 },
		async () => {
			const page = await openPage(browser, { width: DESKTOP });
			await page.goto('/registrieren');
			const privacy = page.locator('main .privacy-note a');
			await expect(
				privacy.evaluate((a) => new URL((a as HTMLAnchorElement).href).pathname)
			).resolves.toBe('/datenschutz');
			await expectAccessible(page);
			await screenshot(page, 'auth-registrieren');
			await checkLayoutAt(page, [PHONE], 'auth-registrieren');
			const email = 'e2e-seiten@example.org';
			const before = readMails().length;
			await fillRegistration(page, email);
			await submit(page);
			await expectAccessible(page);
			await screenshot(page, 'auth-registrieren-gesendet');
			await checkLayoutAt(page, [PHONE], 'auth-registrieren-gesendet');
			const mail = await waitForNewMail(before, (m) => m.to.includes(email));
			await page.goto(linkPath(mail.text, '/registrieren/bestaetigen'));
			await expectAccessible(page);
			await screenshot(page, 'auth-bestaetigen');
			await checkLayoutAt(page, [PHONE], 'auth-bestaetigen');
			const bad = await page.goto('/registrieren/bestaetigen?token=falsch');
			expect(bad?.status()).toBe(400);
			await closePage(page);
		}
	);
});
