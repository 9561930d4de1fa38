import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HttpClient, postOk } from '../http';
import {
	checkLayoutAt,
	closePage,
	expectAccessible,
	launchBrowser,
	loginAs,
	NARROW,
	openPage,
	readMails,
	screenshot,
	submit,
	visitAndCheck,
	waitForNewMail
} from '../support';

/**
 * Registration in Chromium, once: a visitor signs up (the form and its error state checked with
 * axe, at 1280 and 320 px), the confirmation arrives in the test SMTP server, its cancel link
 * opens the confirm page and cancels; staff see the participant list. Rules and bad input are
 * use-case and HTTP tests.
 */
describe('events: a visitor signs up and cancels', () => {
	let browser: Browser;
	let page: Page;
	let slug: string;
	let eventId: number;

	beforeAll(async () => {
		browser = await launchBrowser();
		page = await openPage(browser);
		const staff = await HttpClient.as('content');
		slug = `anmeldung-browser-${Date.now()}`;
		const day = new Date(Date.now() + 320 * 86_400_000).toISOString().slice(0, 10);
		await staff.get('/verwaltung/veranstaltungen/neu');
		await postOk(staff, '/verwaltung/veranstaltungen/neu', {
			title: 'Kochabend für alle',
			slug,
			date: day,
			startTime: '18:00',
			endTime: '20:00',
			repeat: 'none',
			placeName: 'Pfarrheim St. Rochus',
			placeAddress: 'Kirchstraße 1, 50181 Bedburg',
			isFree: 'on',
			registrationEnabled: 'on',
			registrationCapacity: '12',
			registrationCloses: '24',
			registrationWaitlist: 'on'
		});
		const list = await staff.get('/verwaltung/veranstaltungen');
		eventId = Number(
			new RegExp(`/verwaltung/veranstaltungen/(\\d+)"[^>]*>[^<]*Kochabend für alle`).exec(
				list.body
			)![1]
		);
	});
	afterAll(async () => {
		await closePage(page);
		await browser?.close();
	});

	it('signs up, gets the mail, cancels with its link; staff see the list', async () => {
		await page.goto(`/veranstaltungen/${slug}`);
		await expect(page.getByText('Noch 12 Plätze frei').count()).resolves.toBe(1);
		await screenshot(page, 'events-register-event');
		await checkLayoutAt(page, [NARROW], 'events-register-event');
		await Promise.all([
			page.waitForURL(/\/anmelden\?termin=\d+$/),
			page.getByRole('link', { name: 'Jetzt anmelden' }).click()
		]);
		await visitAndCheck(
			page,
			new URL(page.url()).pathname + new URL(page.url()).search,
			'events-register-form',
			{
				alsoAt: [NARROW]
			}
		);

		await submit(page);
		await expect(page.locator('.error-summary, [role="alert"]').count()).resolves.toBeGreaterThan(
			0
		);
		await expectAccessible(page);
		await screenshot(page, 'events-register-form-errors');
		await checkLayoutAt(page, [NARROW], 'events-register-form-errors');

		const before = readMails().length;
		const email = `browser-${Date.now()}@example.org`;
		await page.locator('#field-name').fill('Aylin Demir');
		await page.locator('#field-email').fill(email);
		await page.locator('#field-persons').fill('2');
		await submit(page);
		expect(page.url()).toMatch(/\/anmelden\/danke$/);
		await screenshot(page, 'events-register-thanks');

		const mail = await waitForNewMail(before, (m) => m.to.includes(email));
		expect(mail.subject).toBe('Anmeldung bestätigt: Kochabend für alle');
		const link =
			/https?:\/\/[^/\s]+(\/veranstaltungen\/anmeldung\/absagen\/[A-Za-z0-9_-]{43})/.exec(
				// A mail with an attachment is multipart: its text part is still quoted-printable.
				mail.raw.replace(/=\r?\n/g, '')
			)![1];
		await visitAndCheck(page, link, 'events-register-cancel', { alsoAt: [NARROW] });
		await submit(page);
		expect(page.url()).toMatch(/\/veranstaltungen\/anmeldung\/absagen\/erledigt$/);
		await expect(page.locator('h1').innerText()).resolves.toBe('Anmeldung abgesagt');

		const staff = await loginAs(browser, 'content');
		try {
			await visitAndCheck(
				staff,
				`/verwaltung/veranstaltungen/${eventId}/anmeldungen`,
				'events-register-admin',
				{ alsoAt: [NARROW] }
			);
			await expect(staff.getByText('Abgesagt (1)').count()).resolves.toBe(1);
			await staff.goto(`/verwaltung/veranstaltungen/${eventId}#field-registrationCapacity`);
			await screenshot(staff, 'events-register-staff-form');
		} finally {
			await closePage(staff);
		}
	});
});
