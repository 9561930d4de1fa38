import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
	closePage,
	expectAccessible,
	expectNoHorizontalScroll,
	launchBrowser,
	openPage,
	PHONE,
	screenshot
} from '../support';

describe('404 page', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('is friendly, German and inside the site layout', async () => {
		const page = await openPage(browser);
		try {
			const res = await page.goto('/seite-gibt-es-nicht');
			expect(res?.status()).toBe(404);
			await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
			expect(await page.locator('h1').count()).toBe(1);
			await expect(page.locator('h1').innerText()).resolves.toBe('Seite nicht gefunden');
			await expect(page.locator('main').innerText()).resolves.toContain(
				'Diese Seite gibt es leider nicht (mehr).'
			);
			await expect(page.locator('main a[href="/"]').innerText()).resolves.toContain(
				'Zur Startseite'
			);
			expect(await page.locator('header.site-header').count()).toBe(1);
			expect(await page.locator('nav.site-nav a[href="/kontakt"]').count()).toBe(1);
			expect(await page.locator('footer.site-footer a[href="/impressum"]').count()).toBe(1);
			await expect(page.title()).resolves.toContain('Seite nicht gefunden');
			await expectAccessible(page);
			await screenshot(page, 'ops-404');
		} finally {
			await closePage(page);
		}
	});

	it('fits a phone without sideways scrolling', async () => {
		const page = await openPage(browser, { width: PHONE });
		try {
			expect((await page.goto('/seite-gibt-es-nicht'))?.status()).toBe(404);
			await expectNoHorizontalScroll(page);
			await screenshot(page, 'ops-404');
		} finally {
			await closePage(page);
		}
	});
});
