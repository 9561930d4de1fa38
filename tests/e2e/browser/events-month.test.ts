import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
	closePage,
	expectAccessible,
	launchBrowser,
	NARROW,
	openPage,
	screenshot,
	visitAndCheck
} from '../support';

/**
 * The month view and the print view in Chromium, once each: axe, no sideways scroll at 1280 and
 * 320 px (the grid turns into a list of days), a keyboard journey from the list to the month,
 * the next month and an event; the print view with print media (A4, no navigation). Contents,
 * periods and bad input are HTTP and use-case tests.
 */
describe('events: month and print views', () => {
	let browser: Browser;
	let page: Page;
	beforeAll(async () => {
		browser = await launchBrowser();
		page = await openPage(browser);
	});
	afterAll(async () => {
		await closePage(page);
		await browser?.close();
	});

	it('moves through the months by keyboard and opens an event', async () => {
		// Two weeks on: the weekly Sprachcafé has dates in that month whatever today is.
		const month = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 7);
		await page.goto('/veranstaltungen');
		const monthLink = page.getByRole('link', { name: 'Monatsansicht' });
		await monthLink.focus();
		await Promise.all([
			page.waitForURL(/\/veranstaltungen\/monat\/\d{4}-\d\d$/),
			page.keyboard.press('Enter')
		]);

		await visitAndCheck(page, `/veranstaltungen/monat/${month}`, 'events-month', {
			alsoAt: [NARROW]
		});
		// A screen reader hears a full date in each day cell, and the grid has its caption.
		await expect(page.locator('table.month-grid caption').innerText()).resolves.toMatch(
			/Kalender .* \d+ Termine/
		);
		await expect(page.getByRole('columnheader', { name: 'Donnerstag' }).count()).resolves.toBe(1);

		// At 320 px the days with events read as a list with their dates.
		await page.setViewportSize({ width: NARROW, height: 800 });
		await expectAccessible(page, { atThisWidth: true });
		const firstDay = page.locator('.month-grid__day--busy .month-grid__full').first();
		await expect(firstDay.isVisible()).resolves.toBe(true);
		await expect(firstDay.innerText()).resolves.toMatch(/^\w+, \d{1,2}\. \w+ 20\d\d$/);
		await page.setViewportSize({ width: 1280, height: 800 });

		const [year, monthNumber] = month.split('-').map(Number);
		const following = new Date(Date.UTC(year, monthNumber, 1)).toISOString().slice(0, 7);
		const next = page.getByRole('link', { name: /Nächster Monat/ });
		await next.focus();
		await Promise.all([
			page.waitForURL(new RegExp(`/monat/${following}$`)),
			page.keyboard.press('Enter')
		]);
		const event = page.locator('.month-grid__events a', { hasText: 'Sprachcafé' }).first();
		await event.focus();
		await Promise.all([
			page.waitForURL(/\/veranstaltungen\/sprachcafe$/),
			page.keyboard.press('Enter')
		]);
	});

	it('prints a week or a month as an A4 sheet with a QR code and no navigation', async () => {
		const res = await page.goto('/veranstaltungen/druck');
		expect(res?.status()).toBe(200);
		expect(page.url()).toMatch(/\?woche=\d{4}-W\d\d$/);
		const month = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 7);
		await page.goto(`/veranstaltungen/druck?monat=${month}`);
		await expect(page.locator('.event-print__day').count()).resolves.toBeGreaterThan(3);
		await expectAccessible(page);
		await expect(page.locator('.event-print__qr svg').count()).resolves.toBe(1);
		await page.emulateMedia({ media: 'print' });
		try {
			await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
			await expect(page.locator('.site-footer').isVisible()).resolves.toBe(false);
			// Every text on the sheet at 14 pt (18.67 CSS px) or larger.
			const smallest = await page.locator('.event-print').evaluate((sheet) => {
				let min = Infinity;
				for (const el of [sheet, ...sheet.querySelectorAll('*')]) {
					const own = [...el.childNodes].some(
						(n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''
					);
					if (own) min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
				}
				return min;
			});
			expect(smallest).toBeGreaterThanOrEqual(18.6);
			await screenshot(page, 'events-print');
		} finally {
			await page.emulateMedia({ media: 'screen' });
		}
	});
});
