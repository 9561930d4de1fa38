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
	loginAs,
	openPage,
	PHONE,
	readMails,
	screenshot,
	visitAndCheck,
	waitForMail,
	waitForNewMail
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
		const statusPath = new URL(page.url()).pathname + new URL(page.url()).search;

		// Staff approve, leaving out the third date as well.
		const reference = /RAUM-\d{4}-\d{4}/.exec(status)![0];
		const staff = await loginAs(browser, 'rooms', { at: '/verwaltung/raeume' });
		await click(staff, reference, 'link');
		const skips = staff.getByLabel(/diesen Termin auslassen/);
		await expect(skips.count()).resolves.toBe(2);
		await skips.last().check();
		const mailsBefore = readMails().length;
		await click(staff, 'Anfrage zusagen');
		await expect(staff.locator('main').innerText()).resolves.toContain('Zugesagt.');
		await closePage(staff);

		// The requester gets the answer with a calendar file, and sees it on the status page …
		const answer = await waitForNewMail(mailsBefore, (m) => m.to.includes(email));
		expect(answer.subject).toContain(reference);
		expect(answer.text).toContain('text/calendar');
		await page.goto(statusPath);
		const decided = await page.locator('main').innerText();
		expect(decided).toContain('Zugesagt');
		expect(decided).toMatch(/17:00–19:00:\s*zugesagt/);
		expect(decided).toMatch(/17:00–19:00:\s*entfällt/);
		// … and in the room's public week, with the group's name as agreed.
		await page.goto(`/raeume/gruppenraum?woche=${date}`);
		await expect(page.locator('main').innerText()).resolves.toContain('Chor Kaster');

		// Plans change: the cancel link of the first mail frees the room again (a real browser
		// sends its own Origin with the form, which the page's referrer policy must allow).
		await page.goto(linkPath(mail.text, '/raeume/anfrage/absagen'));
		await click(page, 'Ja, Anfrage absagen');
		await expect(page.locator('h1').innerText()).resolves.toBe('Anfrage abgesagt');
		await page.goto(`/raeume/gruppenraum?woche=${date}`);
		await expect(page.locator('main').innerText()).resolves.not.toContain('Chor Kaster');
		await closePage(page);
	});

	it('staff propose another time instead, and the requester accepts', async () => {
		const date = futureWeekday(2, 40);
		const email = `vorschlag-${Date.now()}@besucher.example`;
		const sent = await new HttpClient().submit(
			'/raeume/gruppenraum/anfragen',
			{
				date,
				startTime: '18:00',
				endTime: '20:00',
				repeat: 'once',
				interval: '2',
				purpose: 'Elternabend',
				attendees: '10',
				name: 'Max Muster',
				email,
				acceptRules: 'on'
			},
			'/raeume/gruppenraum/anfragen?/senden'
		);
		expect(sent.status).toBe(303);
		const received = await waitForMail((m) => m.to.includes(email));
		const reference = /RAUM-\d{4}-\d{4}/.exec(received.subject)![0];

		const staff = await loginAs(browser, 'rooms', { at: '/verwaltung/raeume' });
		await click(staff, reference, 'link');
		// The request page (approve, propose, decline) once with axe, and at 375 px.
		await check(staff, 'rooms-request-detail');
		await staff.locator('#field-roomId').selectOption({ label: 'Großer Saal' });
		await staff.locator('#field-startTime').fill('19:00');
		await staff.locator('#field-endTime').fill('21:00');
		await staff.locator('#field-proposalMessage').fill('Im Saal ist mehr Platz.');
		const mailsBefore = readMails().length;
		await click(staff, 'Vorschlag senden');
		await expect(staff.locator('main').innerText()).resolves.toContain('Vorschlag');
		await closePage(staff);

		const proposal = await waitForNewMail(mailsBefore, (m) => m.to.includes(email));
		expect(proposal.text).toContain('Großer Saal');
		const page = await openPage(browser);
		await visitAndCheck(page, linkPath(proposal.text, '/raeume/anfrage'), 'rooms-status-proposal', {
			alsoAt: [PHONE]
		});
		await expect(page.locator('main').innerText()).resolves.toMatch(
			/19:00–21:00, Großer Saal:\s*vorgeschlagen/
		);
		await click(page, 'Vorschlag annehmen');
		const accepted = await page.locator('main').innerText();
		expect(accepted).toContain('Zugesagt');
		expect(accepted).toMatch(/19:00–21:00.*Großer Saal:\s*zugesagt/s);
		await closePage(page);
	});
});
