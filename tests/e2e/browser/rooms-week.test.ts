import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, launchBrowser, loginAs, PHONE, visitAndCheck } from '../support';

/*
 * The house's week plan for staff with the rooms role: axe and layout at desktop and phone
 * width. No journey: the page only reads, the use case and route tests cover its data.
 */
describe('rooms: the week plan in the back office', () => {
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		browser = await launchBrowser();
		page = await loginAs(browser, 'rooms', { at: '/verwaltung/raeume/plan/woche' });
	});
	afterAll(async () => {
		if (page) await closePage(page);
		await browser?.close();
	});

	it('shows seven days with prev/next, accessibly at desktop and phone width', async () => {
		await visitAndCheck(page, '/verwaltung/raeume/plan/woche', 'rooms-week-plan', {
			alsoAt: [PHONE]
		});
		await expect(page.locator('main h2').count()).resolves.toBe(7);
		await expect(page.locator('main').innerText()).resolves.toMatch(
			/Vorige Woche[\s\S]*Nächste Woche/
		);
	});
});
