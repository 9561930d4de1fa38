import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
	closePage,
	createAccount,
	DESKTOP,
	expectAccessible,
	expectNoHorizontalScroll,
	launchBrowser,
	logIn,
	NARROW,
	openPage,
	PHONE,
	postForm,
	screenshot,
	submit,
	TEST_PASSWORD
} from '../support';

async function tryLogin(page: Page, email: string, password: string) {
	await page.goto('/anmelden');
	await page.fill('input[name="email"]', email);
	await page.fill('input[name="password"]', password);
	const [response] = await Promise.all([
		page.waitForNavigation(),
		page.locator('main form.form button[type="submit"]').click()
	]);
	return response;
}

describe('login and logout', () => {
	let browser: Browser;
	const email = 'e2e-login@example.org';
	const lockEmail = 'e2e-lock@example.org';

	beforeAll(async () => {
		browser = await launchBrowser();
		await createAccount(browser, 'rooms', email);
		await createAccount(browser, 'resident', lockEmail);
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('shows the login page accessibly at every width', { timeout: 180_000 }, async () => {
		const page = await openPage(browser, { width: DESKTOP });
		for (const width of [DESKTOP, PHONE, NARROW]) {
			await page.setViewportSize({ width, height: 900 });
			const res = await page.goto('/anmelden');
			expect(res?.status()).toBe(200);
			await expect(page.locator('h1').innerText()).resolves.toBe('Anmelden');
			await expectAccessible(page);
			await expectNoHorizontalScroll(page);
			if (width !== NARROW) await screenshot(page, 'auth-anmelden');
		}
		await closePage(page);
	});

	it('answers a wrong password and an unknown address with the same German message', async () => {
		const page = await openPage(browser, { width: PHONE });
		const wrong = await tryLogin(page, email, 'falsches-passwort');
		expect(wrong?.status()).toBe(400);
		const wrongText = await page.locator('.error-summary').innerText();
		expect(wrongText).toContain('E-Mail-Adresse oder Passwort sind nicht richtig');
		// Not a field to correct: the summary says so instead of counting "entries".
		expect(wrongText).toContain('Das hat nicht geklappt:');
		expect(wrongText).not.toContain('korrigieren');
		// The address comes back, the password never does.
		await expect(page.locator('input[name="email"]').inputValue()).resolves.toBe(email);
		await expect(page.locator('input[name="password"]').inputValue()).resolves.toBe('');
		await expect(page.evaluate(() => document.activeElement?.className)).resolves.toContain(
			'error-summary'
		);
		await expectAccessible(page, { atThisWidth: true });
		await screenshot(page, 'auth-anmelden-fehler');

		const unknown = await tryLogin(page, 'niemand-hier@example.org', 'falsches-passwort');
		expect(unknown?.status()).toBe(400);
		await expect(page.locator('.error-summary').innerText()).resolves.toBe(wrongText);
		await closePage(page);
	});

	it('sets a safe session cookie, rotates the CSRF cookie and follows a local return path', async () => {
		const page = await openPage(browser);
		await page.goto('/anmelden?weiter=%2Fkonto%3Fx%3D1');
		const before = (await page.context().cookies()).find((c) => c.name === 'csrf')?.value;
		await page.fill('input[name="email"]', email);
		await page.fill('input[name="password"]', TEST_PASSWORD);
		await submit(page);
		expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/konto?x=1');
		const cookies = await page.context().cookies();
		const session = cookies.find((c) => c.name === 'session');
		expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
		// maxAge = SESSION_DAYS (14) days.
		const days = (session!.expires * 1000 - Date.now()) / 86_400_000;
		expect(days).toBeGreaterThan(13.9);
		expect(days).toBeLessThan(14.1);
		const after = cookies.find((c) => c.name === 'csrf')?.value;
		expect(after).toBeTruthy();
		expect(after).not.toBe(before);

		// A form token from before the login is worthless now.
		await page.goto('/konto');
		const old = await postForm(page, '/konto?/name', { display_name: 'X', _csrf: 'stale-token' });
		expect(old.status).toBe(403);
		await closePage(page);
	});

	it('logs in and out without JavaScript; /abmelden only takes a POST with a valid token', async () => {
		const page = await openPage(browser, { javaScript: false });
		await logIn(page, email, TEST_PASSWORD);
		expect(new URL(page.url()).pathname).toBe('/verwaltung');

		const get = await page.request.get('/abmelden', { maxRedirects: 0 });
		expect(get.status()).toBe(405);
		const forged = await postForm(page, '/abmelden', {}, { csrf: false });
		expect(forged.status).toBe(403);
		await expect(page.goto('/verwaltung').then((r) => r?.status())).resolves.toBe(200);

		await Promise.all([
			page.waitForNavigation(),
			page.locator('header form[action="/abmelden"] button').click()
		]);
		expect(new URL(page.url()).pathname).toBe('/');
		expect((await page.context().cookies()).some((c) => c.name === 'session')).toBe(false);
		await page.goto('/verwaltung');
		expect(new URL(page.url()).pathname).toBe('/anmelden');
		await closePage(page);
	});

	it('redirects signed-in users away from the login page', async () => {
		const page = await openPage(browser);
		await logIn(page, lockEmail, TEST_PASSWORD);
		await page.goto('/anmelden');
		expect(new URL(page.url()).pathname).toBe('/konto');
		await closePage(page);
	});
});
