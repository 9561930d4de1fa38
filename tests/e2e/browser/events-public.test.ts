import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
	checkLayoutAt,
	closePage,
	expectAccessible,
	launchBrowser,
	loginAs,
	openPage,
	PHONE,
	screenshot,
	visitAndCheck
} from '../support';

/**
 * The public calendar's three templates in Chromium, once each: axe at 1280 px, no sideways
 * scroll at 1280 and 375 px, screenshots (SCREENSHOTS=1). A visitor filters the list with the
 * GET form (no JavaScript needed) and follows an event to its organiser. Content and bad input
 * are HTTP and use-case tests.
 */
describe('events: a visitor browses the calendar', () => {
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

	it('filters the list, opens an event and its organiser', async () => {
		await visitAndCheck(page, '/veranstaltungen', 'events-list', { alsoAt: [PHONE] });

		await page.locator('summary', { hasText: 'Veranstaltungen filtern' }).click();
		await page.getByRole('combobox', { name: 'Kategorie' }).selectOption('umwelt');
		await Promise.all([
			page.waitForURL(/kategorie=umwelt/),
			page.getByRole('button', { name: 'Anzeigen' }).click()
		]);
		await expect(page.locator('.event-item').count()).resolves.toBeGreaterThan(0);
		const titles = await page.locator('.event-item__title').allInnerTexts();
		expect(new Set(titles)).toEqual(new Set(['Repair-Café']));

		await Promise.all([
			page.waitForURL(/\/veranstaltungen\/repair-cafe$/),
			page.locator('.event-item__title a').first().click()
		]);
		await visitAndCheck(page, '/veranstaltungen/repair-cafe', 'events-detail', {
			alsoAt: [PHONE]
		});
		await Promise.all([
			page.waitForURL(/\/gruppen\/repair-cafe-kaster$/),
			page.getByRole('link', { name: 'Repair-Café Kaster' }).click()
		]);
		await visitAndCheck(page, '/gruppen/repair-cafe-kaster', 'events-group', { alsoAt: [PHONE] });
	});

	it('shows the office its event list and form (the publishing journey is an HTTP test)', async () => {
		const staff = await loginAs(browser, 'content');
		try {
			await visitAndCheck(staff, '/verwaltung/veranstaltungen', 'events-admin-list', {
				alsoAt: [PHONE]
			});
			await visitAndCheck(staff, '/verwaltung/veranstaltungen/neu', 'events-admin-new', {
				alsoAt: [PHONE]
			});
		} finally {
			await closePage(staff);
		}
	});
	it('lets the office cancel one date of a series and set it again', async () => {
		const staff = await loginAs(browser, 'content', { at: '/verwaltung/veranstaltungen' });
		try {
			const href = await staff
				.getByRole('link', { name: /Seniorentreff/ })
				.first()
				.getAttribute('href');
			const editPath = href!;
			await visitAndCheck(staff, editPath, 'events-dates-admin', { alsoAt: [PHONE] });
			await Promise.all([
				staff.waitForURL(/\/termine\/\d+#absagen$/),
				staff
					.getByRole('link', { name: /Diesen Termin absagen/ })
					.first()
					.click()
			]);
			const datePath = new URL(staff.url()).pathname;
			await visitAndCheck(staff, datePath, 'events-dates-date', { alsoAt: [PHONE] });
			await staff.locator('#field-reason').fill('Der Raum wird gestrichen.');
			await Promise.all([
				staff.waitForURL(/gespeichert=1#termine-liste$/),
				staff.getByRole('button', { name: 'Diesen Termin absagen' }).click()
			]);
			await expect(staff.locator('#termine-liste .tag--warn').count()).resolves.toBe(1);
			// What the public page and the feed then show is an HTTP test (events-public).

			// Put it back, so the calendar is as the other tests expect it.
			await staff.goto(datePath);
			await Promise.all([
				staff.waitForURL(/termine-liste$/),
				staff.getByRole('button', { name: 'Wieder ansetzen' }).click()
			]);
			await expect(staff.locator('#termine-liste .tag--warn').count()).resolves.toBe(0);
		} finally {
			await closePage(staff);
		}
	});

	it('takes a proposal from a visitor: form, its errors and the status page', async () => {
		const visitor = await openPage(browser);
		try {
			await visitAndCheck(visitor, '/veranstaltungen/vorschlagen', 'events-propose', {
				alsoAt: [PHONE]
			});
			// Sent half-filled: the error summary and the inline messages, checked with axe.
			const title = `Hoffest ${Date.now()}`;
			await visitor.locator('#field-title').fill(title);
			await Promise.all([
				visitor.waitForLoadState('load'),
				visitor.getByRole('button', { name: 'Vorschlag senden' }).click()
			]);
			await expect(visitor.locator('.error-summary').count()).resolves.toBe(1);
			await expect(visitor.locator('#field-title').inputValue()).resolves.toBe(title);
			await expectAccessible(visitor);
			await screenshot(visitor, 'events-propose-errors');
			await checkLayoutAt(visitor, [PHONE], 'events-propose-errors');

			const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
			await visitor.locator('#field-description').fill('Musik, Kuchen und Flohmarkt im Hof.');
			await visitor.locator('#field-date').fill(day);
			await visitor.locator('#field-startTime').fill('15:00');
			await visitor.locator('#field-endTime').fill('19:00');
			await visitor.locator('#field-placeName').fill('Innenhof Lindenstraße 4');
			await visitor.locator('#field-organiserName').fill('Hausgemeinschaft Lindenstraße');
			await visitor.locator('#field-submitterName').fill('Erika Mustermann');
			await Promise.all([
				visitor.waitForURL(/\/veranstaltungen\/vorschlag\?token=/),
				visitor.getByRole('button', { name: 'Vorschlag senden' }).click()
			]);
			await expect(visitor.locator('h1').innerText()).resolves.toBe(
				'Ihr Vorschlag für den Kalender'
			);
			await expect(visitor.getByText('Eingereicht – wird geprüft').count()).resolves.toBe(1);
			await expectAccessible(visitor);
			await screenshot(visitor, 'events-proposal-status');
			// The office's decision and what the status page then says: HTTP (events-public).
		} finally {
			await closePage(visitor);
		}
	});
});
