import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
	checkLayoutAt,
	closePage,
	expectAccessible,
	launchBrowser,
	loginAs,
	PHONE,
	screenshot,
	submit
} from '../support';

/* The own account page (who may see it: http/auth-roles.test.ts). */
describe('the own account page (browser)', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('saves the name, shows a wrong current password accessibly, fitting 375 px too', async () => {
		const page = await loginAs(browser, 'resident');
		await expectAccessible(page);
		await screenshot(page, 'auth-konto');
		await checkLayoutAt(page, [PHONE], 'auth-konto');

		await page.fill('input[name="display_name"]', 'Bewohnerin 1280');
		await submit(page, 'form[action="?/name"] button');
		await expect(page.locator('main .notice').first().innerText()).resolves.toBe('Gespeichert.');
		await expect(page.locator('.facts').innerText()).resolves.toContain('Bewohnerin 1280');
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
		await checkLayoutAt(page, [PHONE], 'auth-konto-fehler');
		await closePage(page);
	});
});
