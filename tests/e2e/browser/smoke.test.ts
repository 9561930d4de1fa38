import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, openPage, PHONE, screenshot } from '../support';

describe('smoke', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('serves the start page with Kaster data, accessibly', async () => {
		const page = await openPage(browser, { width: PHONE });
		const res = await page.goto('/');
		expect(res?.status()).toBe(200);
		await expect(page.locator('h1').textContent()).resolves.toContain('Kaster');
		await expectAccessible(page, { atThisWidth: true });
		await screenshot(page, 'smoke-start');
	});
});
