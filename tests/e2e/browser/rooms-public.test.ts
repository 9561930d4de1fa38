import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HttpClient } from '../http';
import { addDays, futureWeekday } from '../rooms-support';
import {
	checkLayoutAt,
	closePage,
	expectAccessible,
	expectNoHorizontalScroll,
	launchBrowser,
	linkPath,
	openPage,
	PHONE,
	screenshot,
	visitAndCheck,
	waitForMail
} from '../support';

/**
 * A group finds a free room, opens it, asks for a weekly slot (the preview shows one date taken,
 * which they leave out) and gets the thank-you page and the status link. axe at 1280 px and the
 * layout at 375 px once per new template: search result, room page, form with errors, preview,
 * status page. /raeume itself is a public page (public-pages: axe at 1280 and 320 px); the
 * request without JavaScript, the cancel link and bad input are HTTP and in-process tests.
 */
describe('rooms: a visitor requests a room', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	/** axe, no sideways scroll at 1280 and 375 px, screenshots: for a page reached by a click. */
	async function check(page: Page, name: string) {
		await expect(page.locator('h1').count()).resolves.toBe(1);
		await expectAccessible(page);
		await expectNoHorizontalScroll(page);
		await screenshot(page, name);
		await checkLayoutAt(page, [PHONE], name);
	}

	async function click(page: Page, name: string, role: 'button' | 'link' = 'button') {
		await Promise.all([
			page.waitForLoadState('load'),
			page.getByRole(role, { name, exact: true }).first().click()
		]);
	}

	it('finds a free room, opens it and requests a weekly slot, leaving out a taken date', async () => {
		// Thursdays 17:00–19:00 in the Gruppenraum; the second one is taken already.
		const date = futureWeekday(4, 35, 2);
		const email = `gruppe-${Date.now()}@besucher.example`;
		const taken = await new HttpClient().submit(
			'/raeume/gruppenraum/anfragen',
			{
				date: addDays(date, 7),
				startTime: '17:00',
				endTime: '19:00',
				repeat: 'once',
				interval: '2',
				purpose: 'Probe',
				attendees: '5',
				name: 'Andere Gruppe',
				email: 'andere-gruppe@besucher.example',
				acceptRules: 'on'
			},
			'/raeume/gruppenraum/anfragen?/senden'
		);
		expect(taken.status).toBe(303);

		const page = await openPage(browser);
		await page.goto('/raeume');
		await page.locator('#field-date').fill(date);
		await page.locator('#field-startTime').fill('17:00');
		await page.locator('#field-endTime').fill('19:00');
		await page.locator('#field-attendees').fill('15');
		await click(page, 'Freie Räume suchen');
		const result = page.locator('[role="status"]');
		await expect(result.innerText()).resolves.toContain('Gruppenraum für diese Zeit anfragen');
		await expect(result.innerText()).resolves.toMatch(/Kreativraum: .*höchstens 12 Personen/);
		await check(page, 'rooms-search');

		await click(page, 'Gruppenraum', 'link');
		expect(new URL(page.url()).pathname).toBe('/raeume/gruppenraum');
		await expect(page.locator('main').innerText()).resolves.toContain('Hausordnung');
		await check(page, 'rooms-room');

		await click(page, 'Diesen Raum anfragen', 'link');
		await page.locator('#field-date').fill(date);
		await page.locator('#field-startTime').fill('17:00');
		await page.locator('#field-endTime').fill('19:00');
		await page.locator('#field-repeat-weekly').check();
		await page.locator('#field-until').fill(addDays(date, 14));
		await page.locator('#field-purpose').fill('Offenes Singen');
		await page.locator('#field-attendees').fill('15');
		await page.locator('#field-name').fill('Erika Muster');
		await page.locator('#field-email').fill(email);
		await page.locator('#field-organisation').fill('Chor Kaster');
		// The house rules are not accepted yet.
		await click(page, 'Termine prüfen');
		await expect(page.locator('.error-summary').innerText()).resolves.toContain(
			'Bitte bestätigen Sie „Hausordnung“.'
		);
		await expect(page.locator('#field-name').inputValue()).resolves.toBe('Erika Muster');
		await check(page, 'rooms-request-errors');

		await page.locator('#field-acceptRules').check();
		await page.locator('#field-showOrganisation').check();
		await click(page, 'Termine prüfen');
		const preview = await page.locator('.room-preview').innerText();
		expect(preview).toContain('2 von 3 Terminen frei.');
		expect(preview).toMatch(/17:00–19:00:\s*belegt/);
		await check(page, 'rooms-request-preview');

		await click(page, 'Anfrage senden');
		expect(new URL(page.url()).pathname).toBe('/raeume/gruppenraum/anfragen/danke');
		await expect(page.locator('h1').innerText()).resolves.toBe('Danke für Ihre Anfrage');

		const mail = await waitForMail((m) => m.to.includes(email));
		await visitAndCheck(page, linkPath(mail.text, '/raeume/anfrage'), 'rooms-status', {
			alsoAt: [PHONE]
		});
		const status = await page.locator('main').innerText();
		expect(status).toContain('Angefragt');
		expect(status).toMatch(/17:00–19:00:\s*belegt, nicht angefragt/);
		await closePage(page);
	});
});
