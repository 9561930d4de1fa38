import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, launchBrowser, loginAs, PHONE, visitAndCheck } from '../support';

/*
 * The staff calendar page, a new template: axe at 1280 px, no sideways scroll at 375 px. Making
 * and renewing the link is an HTTP test (rooms-feeds), the feeds' contents in-process.
 */
describe('rooms: the staff calendar feed page', () => {
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		browser = await launchBrowser();
		page = await loginAs(browser, 'rooms', { at: '/verwaltung/raeume' });
	});
	afterAll(async () => {
		if (page) await closePage(page);
		await browser?.close();
	});

	it('shows the feed page accessibly at desktop and phone width', async () => {
		await visitAndCheck(page, '/verwaltung/raeume/kalender', 'rooms-feed', { alsoAt: [PHONE] });
	});
});
