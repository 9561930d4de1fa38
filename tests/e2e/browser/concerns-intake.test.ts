import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
	checkLayoutAt,
	closePage,
	expectAccessible,
	expectNoHorizontalScroll,
	launchBrowser,
	loginAs,
	NARROW,
	openPage,
	screenshot
} from '../support';

/**
 * The desk intake in Chromium: staff record a concern at /verwaltung/anliegen/neu, the receipt
 * shows the number and a QR code, and its status link opens the concern for whoever holds the
 * paper. axe (1280 px) and the layout at 320 px on the intake form, its error state, the receipt
 * and the categories page. Roles, bad input and contact messages are in-process and HTTP tests.
 */
describe('concerns intake: desk journey', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	async function check(page: Page, name: string) {
		await expect(page.locator('h1').count()).resolves.toBe(1);
		await expectAccessible(page);
		await expectNoHorizontalScroll(page);
		await screenshot(page, name);
		await checkLayoutAt(page, [NARROW], name);
		await page.setViewportSize({ width: 1280, height: 900 });
	}

	async function send(page: Page, button: string) {
		await Promise.all([
			page.waitForLoadState('load'),
			page.getByRole('button', { name: button, exact: true }).click()
		]);
	}

	it('records a concern at the desk, prints the receipt, and its status link opens the concern', async () => {
		const marker = `S${Date.now()}`;
		const staff = await loginAs(browser, 'concerns', { at: '/verwaltung/anliegen/neu' });
		await check(staff, 'concerns-intake-neu');

		await send(staff, 'Anliegen speichern und Beleg zeigen');
		await staff.waitForSelector('.error-summary');
		await expect(staff.locator('.error-summary').innerText()).resolves.toContain('Beschreibung');
		await check(staff, 'concerns-intake-neu-fehler');

		await staff.getByLabel('Am Telefon').check();
		await staff.getByLabel('Beleuchtung').check();
		await staff.getByLabel('Beschreibung').fill(`Die Laterne am Teich flackert (${marker}).`);
		await staff.getByLabel(/^Name/).fill('Frau Teich');
		await staff.getByLabel('Telefonnummer').fill('05251 777');
		await staff.getByLabel('Wir dürfen die Person zu diesem Anliegen kontaktieren').check();
		await send(staff, 'Anliegen speichern und Beleg zeigen');
		expect(new URL(staff.url()).pathname).toMatch(/^\/verwaltung\/anliegen\/\d+\/beleg$/);
		const receipt = await staff.locator('main').innerText();
		const number = /KAS-\d{4}-\d{4,}/.exec(receipt)![0];
		expect(receipt).toContain('So verfolgen Sie Ihr Anliegen');
		expect(receipt).toContain(marker);
		await expect(staff.locator('.concern-receipt__qr svg').count()).resolves.toBe(1);
		// The print button comes with the page's script (hydration); without it a hint stands there.
		await staff.getByRole('button', { name: 'Beleg drucken', exact: true }).waitFor();
		await check(staff, 'concerns-intake-beleg');
		await staff.emulateMedia({ media: 'print' });
		await screenshot(staff, 'concerns-intake-beleg-druck');
		await staff.emulateMedia({ media: 'screen' });
		const statusUrl = await staff.locator('[data-status-url]').getAttribute('href');

		const holder = await openPage(browser, { javaScript: false });
		expect((await holder.goto(new URL(statusUrl!).pathname))?.status()).toBe(200);
		const status = await holder.locator('main').innerText();
		expect(status).toContain(number);
		expect(status).toContain(marker);
		await closePage(holder);

		await Promise.all([
			staff.waitForLoadState('load'),
			staff.getByRole('link', { name: 'Zurück zum Anliegen' }).click()
		]);
		await expect(staff.locator('main').innerText()).resolves.toContain('Eingangsweg: Am Telefon');
		await screenshot(staff, 'concerns-intake-detail');
		await checkLayoutAt(staff, [NARROW], 'concerns-intake-detail');
		await staff.setViewportSize({ width: 1280, height: 900 });

		expect((await staff.goto('/verwaltung/anliegen/kategorien'))?.status()).toBe(200);
		await check(staff, 'concerns-intake-kategorien');
		await closePage(staff);
	});
});
