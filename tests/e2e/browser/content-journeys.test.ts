import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, DESKTOP, launchBrowser, loginAs, openPage, screenshot } from '../support';
import { idsOnList, submit } from '../content-support';

/**
 * The content journeys that need a browser's form handling. Notices, news (with the feed and
 * pagination) and contact persons are plain form posts: tests/e2e/http/content-journeys.
 */
describe('content journeys', () => {
	let browser: Browser;
	let editor: Page;
	let visitor: Page;

	beforeAll(async () => {
		browser = await launchBrowser();
		editor = await loginAs(browser, 'content');
		visitor = await openPage(browser, { width: DESKTOP });
	});
	afterAll(async () => {
		await closePage(editor);
		await closePage(visitor);
		await browser?.close();
	});

	it('a content editor fills in the venue address and it appears on /haus-der-begegnung', async () => {
		// /verwaltung/haus lists the places; the first one is the house of the public page.
		const [venueId] = await idsOnList(editor, '/verwaltung/haus');
		const venuePage = `/verwaltung/haus/${venueId}`;
		await editor.goto(venuePage);
		const fields = ['input[name="street"]', 'input[name="postalCode"]', 'input[name="city"]'];
		const original = await Promise.all(fields.map((field) => editor.inputValue(field)));
		const originalHours = await editor.inputValue('textarea[name="openingHours"]');

		await visitor.goto('/haus-der-begegnung');
		await expect(visitor.locator('main').innerText()).resolves.toContain('wird noch ergänzt');

		await editor.goto(venuePage);
		await expect(editor.locator('#field-street-hint').innerText()).resolves.toContain(
			'wird noch ergänzt'
		);
		await editor.fill('input[name="street"]', 'Am Kasterer Markt 3');
		await editor.fill('input[name="postalCode"]', '50181');
		await editor.fill('input[name="city"]', 'Bedburg');
		await editor.fill('textarea[name="openingHours"]', 'Montag bis Donnerstag 9 bis 12 Uhr');
		await submit(editor, 'Speichern');
		expect(new URL(editor.url()).pathname + new URL(editor.url()).search).toBe(
			'/verwaltung/haus?gespeichert=1'
		);
		await expect(editor.getByRole('status').innerText()).resolves.toContain('Gespeichert');
		await expect(editor.locator('main table').innerText()).resolves.toContain(
			'Am Kasterer Markt 3, 50181 Bedburg'
		);
		await editor.goto(venuePage);
		await expect(editor.inputValue('input[name="street"]')).resolves.toBe('Am Kasterer Markt 3');

		await visitor.goto('/haus-der-begegnung');
		const address = await visitor.locator('main address').innerText();
		expect(address).toContain('Am Kasterer Markt 3');
		expect(address).toContain('50181 Bedburg');
		await expect(visitor.locator('main').innerText()).resolves.toContain('Montag bis Donnerstag');
		// axe on this page: public-pages.
		await screenshot(visitor, 'content-haus-public');

		// Back to Kaster's seed (address still to be completed): other files read these pages.
		await editor.goto(venuePage);
		for (const [i, field] of fields.entries()) await editor.fill(field, original[i]);
		await editor.fill('textarea[name="openingHours"]', originalHours);
		await submit(editor, 'Speichern');
		await visitor.goto('/haus-der-begegnung');
		await expect(visitor.locator('main').innerText()).resolves.toContain('wird noch ergänzt');
	});

	it('edits an editable page and shows the sanitised preview after saving', async () => {
		await editor.goto('/verwaltung/seiten/impressum');
		const body = await editor.inputValue('textarea[name="body"]');
		await editor.fill(
			'textarea[name="body"]',
			`${body}\n\n## Test-Abschnitt\n\n<script>alert(1)</script> [böse](javascript:alert(1))`
		);
		await submit(editor, 'Speichern');
		const url = new URL(editor.url());
		expect(url.pathname + url.search + url.hash).toBe(
			'/verwaltung/seiten/impressum?gespeichert=1#vorschau'
		);
		const preview = editor.locator('#vorschau .prose');
		await expect(preview.locator('h2', { hasText: 'Test-Abschnitt' }).count()).resolves.toBe(1);
		await expect(preview.innerText()).resolves.toContain('<script>alert(1)</script>');
		await expect(preview.locator('script').count()).resolves.toBe(0);
		await expect(preview.locator('a[href^="javascript"]').count()).resolves.toBe(0);

		await visitor.goto('/impressum');
		await expect(visitor.locator('main h2', { hasText: 'Test-Abschnitt' }).count()).resolves.toBe(
			1
		);
		await expect(visitor.locator('main script').count()).resolves.toBe(0);
	});
});
