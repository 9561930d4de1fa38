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
	screenshot
} from '../support';

/**
 * The concerns journeys in Chromium: a visitor without JavaScript reports a private concern;
 * staff see it, no public page does. (A public notice's way through forwarding and answers is
 * concerns-forward.)
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

	it('takes a private concern without JavaScript: staff see it, the public never does', async () => {
		const marker = `P${Date.now()}`;
		const email = `privat-${marker.toLowerCase()}@besucher.example`;
		const visitor = await openPage(browser, { javaScript: false });
		await visitor.goto('/');
		await Promise.all([
			visitor.waitForLoadState('load'),
			visitor.locator('main').getByRole('link', { name: 'Anliegen melden' }).click()
		]);
		expect(new URL(visitor.url()).pathname).toBe('/anliegen/neu');
		await visitor.getByLabel('Nachbarschaft & Zusammenleben').check();
		await visitor
			.getByLabel('Beschreibung')
			.fill(`Im Haus nebenan wird nachts laut gefeiert, bitte vertraulich (${marker}).`);
		await visitor.getByLabel('Persönliches Anliegen').check();
		await visitor.getByLabel('Ihr Name').fill('Erika Mustermann');
		await visitor.getByLabel('Ihre E-Mail-Adresse').fill(email);
		await send(visitor, 'Anliegen senden');
		expect(new URL(visitor.url()).pathname).toBe('/anliegen/danke');
		const thanks = await visitor.locator('main').innerText();
		const number = /KAS-\d{4}-\d{4,}/.exec(thanks)![0];
		expect(thanks).toContain('Wir haben Ihnen eine Bestätigung per E-Mail geschickt.');
		await screenshot(visitor, 'concerns-danke');

		// Nowhere public: not in the list, not under its number, not in the statistics' words.
		expect((await visitor.goto(`/anliegen/${number}`))?.status()).toBe(404);
		await visitor.goto('/anliegen');
		await expect(visitor.locator('main').innerText()).resolves.not.toContain(marker);
		await closePage(visitor);
		const list = await openPage(browser);
		expect((await list.goto('/anliegen'))?.status()).toBe(200);
		await check(list, 'concerns-liste');
		expect((await list.goto('/anliegen/statistik'))?.status()).toBe(200);
		await check(list, 'concerns-statistik');
		await closePage(list);

		const staff = await loginAs(browser, 'concerns', { at: '/verwaltung' });
		await expect(staff.locator('main').innerText()).resolves.toMatch(/\d+ offene Anliegen/);
		await staff.goto(`/verwaltung/anliegen?q=${number}`);
		await screenshot(staff, 'concerns-verwaltung-liste');
		await Promise.all([
			staff.waitForLoadState('load'),
			staff.getByRole('link', { name: new RegExp(number) }).click()
		]);
		const detail = await staff.locator('main').innerText();
		expect(detail).toContain(email);
		expect(detail).toContain(marker);
		await check(staff, 'concerns-verwaltung-detail');
		// The Art. 15/17 page: found by the address, with export and erase.
		await staff.goto('/verwaltung/anliegen/personen');
		await staff.getByLabel('E-Mail-Adresse', { exact: false }).fill(email);
		await send(staff, 'Anliegen suchen');
		await expect(staff.locator('main').innerText()).resolves.toContain(number);
		await check(staff, 'concerns-personen');
		await closePage(staff);

		const admin = await loginAs(browser, 'admin', { at: '/verwaltung/anliegen/open311' });
		await check(admin, 'concerns-open311-schluessel');
		await closePage(admin);
	});
});
