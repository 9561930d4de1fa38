import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HttpClient } from '../http';
import {
	closePage,
	expectAccessible,
	launchBrowser,
	loginAs,
	PHONE,
	checkLayoutAt,
	screenshot,
	visitAndCheck
} from '../support';

/*
 * Content staff manage organiser groups: the list, a new group made by keyboard alone, its edit
 * page with an editor and with errors; axe at desktop width, the layout at phone width. The
 * rules and journeys are use-case, in-process and HTTP tests (http/events-groups).
 */

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const focusedText = (page: Page) =>
	page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '');

async function tabTo(page: Page, done: () => Promise<boolean>, max = 60): Promise<void> {
	for (let i = 0; i < max; i++) {
		if (await done()) return;
		await page.keyboard.press('Tab');
	}
	throw new Error('not reached by Tab');
}

describe('groups in the back office', () => {
	let browser: Browser;
	let page: Page;
	let editPath = '';

	beforeAll(async () => {
		browser = await launchBrowser();
		page = await loginAs(browser, 'content', { at: '/verwaltung/gruppen' });
	});
	afterAll(async () => {
		if (editPath) {
			const staff = await HttpClient.as('content');
			await staff.get(editPath);
			await staff.post(`${editPath}?/delete`, { confirm: 'on' });
		}
		if (page) await closePage(page);
		await browser?.close();
	});

	it('lists the groups accessibly at desktop and phone width', async () => {
		await visitAndCheck(page, '/verwaltung/gruppen', 'groups-admin-list', { alsoAt: [PHONE] });
		const main = await page.locator('main').innerText();
		expect(main).toContain('Neue Gruppe');
		await expect(
			page.locator('.backoffice-nav a[aria-current="page"]').innerText()
		).resolves.toContain('Gruppen');
	});

	it('creates a group by keyboard, then edits it with an editor and with errors', async () => {
		await page.goto('/verwaltung/gruppen');
		await tabTo(page, async () => (await focusedText(page)) === 'Neue Gruppe');
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/verwaltung\/gruppen\/neu$/);
		await tabTo(page, async () => (await focusedId(page)) === 'field-name');
		await page.keyboard.type('Tanzgruppe e2e');
		await page.keyboard.press('Tab');
		await expect(focusedId(page)).resolves.toBe('field-description');
		await page.keyboard.type('Wir tanzen donnerstags im Saal.');
		await tabTo(page, async () => (await focusedId(page)) === 'field-showContact');
		await page.keyboard.press('Space');
		await tabTo(page, async () => (await focusedText(page)) === 'Gruppe anlegen');
		await Promise.all([page.waitForURL(/\/verwaltung\/gruppen\?/), page.keyboard.press('Enter')]);
		await expect(page.locator('[role="status"]').first().innerText()).resolves.toBeTruthy();

		const href = await page
			.getByRole('link', { name: /^Tanzgruppe e2e/ })
			.first()
			.getAttribute('href');
		editPath = new URL(href ?? '', page.url()).pathname;
		expect(editPath).toMatch(/^\/verwaltung\/gruppen\/\d+$/);

		const staff = await HttpClient.as('content');
		await staff.get(editPath);
		expect(
			(await staff.post(`${editPath}?/addEditor`, { email: 'e2e-resident@example.org' })).status
		).toBe(303);

		await visitAndCheck(page, editPath, 'groups-admin-edit', { alsoAt: [PHONE] });
		await expect(page.locator('.editor-list').innerText()).resolves.toContain(
			'e2e-resident@example.org'
		);
		await expect(page.isChecked('#field-showContact')).resolves.toBe(true);

		await page.fill('#field-name', '');
		await page.fill('#field-email', 'kein-at');
		await Promise.all([
			page.waitForLoadState('load'),
			page.locator('main form.form button[type="submit"]').first().press('Enter')
		]);
		await expect(page.locator('.error-summary').first().innerText()).resolves.toMatch(
			/Name der Gruppe[\s\S]*E-Mail-Adresse/
		);
		await expectAccessible(page);
		await screenshot(page, 'groups-admin-edit-errors');
		await checkLayoutAt(page, [PHONE], 'groups-admin-edit-errors');
	});
});
