import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
	checkLayoutAt,
	closePage,
	expectAccessible,
	launchBrowser,
	loginAs,
	PHONE,
	screenshot,
	submit,
	visitAndCheck
} from '../support';

/*
 * Staff with the rooms role manage rooms on the shared server: the list and the edit form (axe,
 * desktop and phone width, the form with errors), and one journey: the Kreativraum's opening
 * hours changed and saved, then put back (other tests read the same rooms).
 */
describe('rooms: management in the back office', () => {
	let browser: Browser;
	let page: Page;
	let editPath = '';

	beforeAll(async () => {
		browser = await launchBrowser();
		page = await loginAs(browser, 'rooms', { at: '/verwaltung/raeume/verwalten' });
		const href = await page
			.getByRole('link', { name: /^Kreativraum/ })
			.first()
			.getAttribute('href');
		editPath = new URL(href ?? '', page.url()).pathname;
		expect(editPath).toMatch(/^\/verwaltung\/raeume\/verwalten\/\d+$/);
	});
	afterAll(async () => {
		if (page) await closePage(page);
		await browser?.close();
	});

	it('lists the rooms and the closing days, accessibly at desktop and phone width', async () => {
		await visitAndCheck(page, '/verwaltung/raeume/verwalten', 'rooms-admin-list', {
			alsoAt: [PHONE]
		});
		const main = await page.locator('main').innerText();
		expect(main).toContain('Großer Saal');
		expect(main).toContain('Neuer Raum');
		expect(main).toContain('Schließtage des Hauses');
	});

	it('shows the edit form, and its errors, accessibly at desktop and phone width', async () => {
		await visitAndCheck(page, editPath, 'rooms-admin-edit', { alsoAt: [PHONE] });
		await page.fill('#field-capacity', '0');
		await page.fill('#field-opens2', '18:00');
		await page.fill('#field-closes2', '09:00');
		await submit(page, 'main form.form button[type="submit"]');
		await expect(page.locator('.error-summary').innerText()).resolves.toMatch(
			/ganze Zahl von 1 bis 10000[\s\S]*Dienstag muss „bis“ nach „von“ liegen/
		);
		await expectAccessible(page);
		await screenshot(page, 'rooms-admin-edit-errors');
		await checkLayoutAt(page, [PHONE], 'rooms-admin-edit-errors');
	});

	async function hoursOnTuesday(): Promise<[string, string]> {
		return [await page.inputValue('#field-opens2'), await page.inputValue('#field-closes2')];
	}

	async function saveTuesday(opens: string, closes: string) {
		await page.goto(editPath);
		await page.fill('#field-opens2', opens);
		await page.fill('#field-closes2', closes);
		await submit(page, 'main form.form button[type="submit"]');
		expect(new URL(page.url()).pathname).toBe('/verwaltung/raeume/verwalten');
		await expect(page.locator('[role="status"]').innerText()).resolves.toMatch(/gespeichert/i);
	}

	it('changes the Kreativraum’s opening hours, then puts them back', async () => {
		await page.goto(editPath);
		const before = await hoursOnTuesday();
		expect(before).toEqual(['09:00', '20:00']);
		await saveTuesday('10:30', '16:00');
		await page.goto(editPath);
		expect(await hoursOnTuesday()).toEqual(['10:30', '16:00']);
		// The change is in the room's history, named as the form names it.
		await expect(page.locator('main').innerText()).resolves.toMatch(/Dienstag 10:30–16:00/);
		await saveTuesday(...before);
		await page.goto(editPath);
		expect(await hoursOnTuesday()).toEqual(before);
	});

	it('blocks a time and frees it again; adds closing days and deletes them', async () => {
		// Beyond the rooms' 365 days of advance booking, so no request of another test meets them.
		await page.goto(editPath);
		await page.fill('#field-date', '2028-03-01');
		await page.fill('#field-startTime', '10:00');
		await page.fill('#field-endTime', '11:30');
		await page.fill('#field-title', 'Wartung e2e');
		await submit(page, 'main form[aria-label="Zeit sperren"] button[type="submit"]');
		const blocks = page.locator('.block-list');
		await expect(blocks.innerText()).resolves.toMatch(
			/1\. März 2028, 10:00–11:30[\s\S]*Wartung e2e/
		);
		await expectAccessible(page);
		await submit(page, '.block-list button[type="submit"]');
		await expect(page.locator('main').innerText()).resolves.toContain('Die Sperre ist aufgehoben.');
		expect(await page.locator('.block-list').count()).toBe(0);

		await page.goto('/verwaltung/raeume/verwalten');
		await page.fill('#field-firstDay', '2028-03-06');
		await page.fill('#field-lastDay', '2028-03-10');
		await page.fill('#field-reason', 'Renovierung e2e');
		await submit(page, 'main form[aria-label="Schließtage eintragen"] button[type="submit"]');
		const closures = page.locator('.closure-list');
		await expect(closures.innerText()).resolves.toContain('Renovierung e2e');
		await expectAccessible(page);
		await checkLayoutAt(page, [PHONE], 'rooms-admin-list-closure');
		const item = closures.locator('li', { hasText: 'Renovierung e2e' });
		await item.locator('summary').click();
		await submit(page, '.closure-list li:has-text("Renovierung e2e") button[type="submit"]');
		await expect(page.locator('main').innerText()).resolves.not.toContain('Renovierung e2e');
	});
});
