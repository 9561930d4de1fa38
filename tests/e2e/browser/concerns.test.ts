import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
	checkLayoutAt,
	closePage,
	expectAccessible,
	expectNoHorizontalScroll,
	launchBrowser,
	loginAs,
	NARROW,
	openPage,
	screenshot,
	waitForMail
} from '../support';

/**
 * The concerns journey in Chromium: a visitor without JavaScript reports a public notice, staff
 * answer and resolve it in the back office, the status link from the mail shows the answer.
 * axe (1280 px) and the layout at 320 px once per new template: the form, its error state, the
 * public list, the staff detail. Privacy and bad input are HTTP and in-process tests.
 */
describe('concerns: report, answer, follow', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	async function check(page: Page, name: string) {
		await expect(page.locator('h1').count()).resolves.toBe(1);
		await expectAccessible(page);
		await expectNoHorizontalScroll(page);
		await screenshot(page, name);
		await checkLayoutAt(page, [NARROW], name);
	}

	async function send(page: Page, button: string) {
		await Promise.all([
			page.waitForLoadState('load'),
			page.getByRole('button', { name: button, exact: true }).click()
		]);
	}

	it('axe-checks the form and its error state', async () => {
		const page = await openPage(browser);
		expect((await page.goto('/anliegen/neu'))?.status()).toBe(200);
		await check(page, 'concerns-neu');
		await page.getByLabel('Beschreibung').fill('zu kurz');
		await send(page, 'Anliegen senden');
		await page.waitForSelector('.error-summary');
		const summary = await page.locator('.error-summary').innerText();
		expect(summary).toContain('Bitte korrigieren Sie diese 3 Angaben:');
		expect(summary).toContain('„Beschreibung“ muss mindestens 10 Zeichen lang sein.');
		await expect(page.getByLabel('Beschreibung').inputValue()).resolves.toBe('zu kurz');
		await check(page, 'concerns-neu-fehler');
		await closePage(page);
	});

	it('takes a public notice without JavaScript; staff answer; the status link shows it', async () => {
		const marker = `B${Date.now()}`;
		const email = `anliegen-${marker.toLowerCase()}@besucher.example`;
		const visitor = await openPage(browser, { javaScript: false });
		await visitor.goto('/');
		await Promise.all([
			visitor.waitForLoadState('load'),
			visitor.locator('main').getByRole('link', { name: 'Anliegen melden' }).click()
		]);
		expect(new URL(visitor.url()).pathname).toBe('/anliegen/neu');
		await visitor.getByLabel('Beleuchtung').check();
		await visitor.getByLabel('Beschreibung').fill(`Die Laterne am Bach ist dunkel (${marker}).`);
		await visitor.getByLabel('Ort oder Adresse').fill('Am Bach 4');
		await visitor.getByLabel('Öffentlicher Hinweis').check();
		await visitor.getByLabel('Ihr Name').fill('Erika Mustermann');
		await visitor.getByLabel('Ihre E-Mail-Adresse').fill(email);
		await send(visitor, 'Anliegen senden');
		expect(new URL(visitor.url()).pathname).toBe('/anliegen/danke');
		const thanks = await visitor.locator('main').innerText();
		const number = /KAS-\d{4}-\d{4,}/.exec(thanks)![0];
		expect(thanks).toContain('Wir haben Ihnen eine Bestätigung per E-Mail geschickt.');
		await screenshot(visitor, 'concerns-danke');
		await closePage(visitor);

		const staff = await loginAs(browser, 'concerns', { at: '/verwaltung' });
		await expect(staff.locator('main').innerText()).resolves.toMatch(/\d+ offene Anliegen/);
		await staff.goto(`/verwaltung/anliegen?q=${number}`);
		await screenshot(staff, 'concerns-verwaltung-liste');
		await Promise.all([
			staff.waitForLoadState('load'),
			staff.getByRole('link', { name: new RegExp(number) }).click()
		]);
		await expect(staff.locator('main').innerText()).resolves.toContain(email);
		await staff.getByLabel('Erledigt').check();
		await staff
			.getByLabel('Öffentliche Nachricht dazu')
			.fill(`Die Lampe brennt wieder (${marker}).`);
		await send(staff, 'Stand ändern');
		await expect(staff.locator('.notice--success').innerText()).resolves.toContain(
			'Der Stand ist geändert. Sie geht per E-Mail an die meldende Person.'
		);
		await check(staff, 'concerns-verwaltung-detail');
		await closePage(staff);

		const mail = await waitForMail((m) => m.to.includes(email) && m.subject.includes('Antwort'));
		const link = /https?:\/\/[^/\s]+(\/anliegen\/status\/[A-Za-z0-9_-]+)/.exec(mail.text)![1];
		const holder = await openPage(browser, { javaScript: false });
		expect((await holder.goto(link))?.status()).toBe(200);
		const status = await holder.locator('main').innerText();
		expect(status).toContain(number);
		expect(status).toContain(`Die Lampe brennt wieder (${marker}).`);
		expect(status).toContain('Erledigt');
		await screenshot(holder, 'concerns-status');
		await holder.goto(`/anliegen/${number}`);
		await screenshot(holder, 'concerns-detail');
		await closePage(holder);

		const list = await openPage(browser);
		expect((await list.goto('/anliegen?status=resolved'))?.status()).toBe(200);
		await expect(list.locator('main').innerText()).resolves.toContain(number);
		await check(list, 'concerns-liste');
		await closePage(list);
	});
});
