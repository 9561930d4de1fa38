import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
	closePage,
	DESKTOP,
	expectAccessible,
	expectNoHorizontalScroll,
	launchBrowser,
	NARROW,
	openPage,
	postForm,
	screenshot
} from '../support';

/**
 * The form kit's example page (/entwicklung/komponenten; the shared test server sets
 * COMPONENT_EXAMPLES=1, elsewhere it is a 404, see component-examples.test.ts): every component
 * in every state passes axe at 1280 and 320 px; radios and checkboxes work by keyboard; the
 * error summary's links move focus to the field, a group's to its first input.
 */
const PATH = '/entwicklung/komponenten';

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

async function send(page: Page) {
	await Promise.all([
		page.waitForNavigation(),
		page.getByRole('button', { name: 'Prüfen' }).click()
	]);
}

describe('form kit example page', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('shows every component in its states accessibly at 1280 px, and fitting 320 px', async () => {
		for (const width of [DESKTOP, NARROW]) {
			const page = await openPage(browser, { width });
			const res = await page.goto(PATH);
			expect(res?.status()).toBe(200);
			await expect(page.locator('h1').count()).resolves.toBe(1);
			// The components' markup is the same at every width: axe at 1280, the layout at 320.
			await expectAccessible(page);
			await expectNoHorizontalScroll(page);
			await screenshot(page, 'formkit-komponenten');
			await closePage(page);
		}
	});

	it('answers an empty form with "Fehler:" in the title and summary links that move focus', async () => {
		const page = await openPage(browser);
		await page.goto(PATH);
		await send(page);
		await expect(page.title()).resolves.toMatch(/^Fehler: Formular-Bausteine – /);
		// The summary has focus after the page loads, so screen readers read it first.
		await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe(
			'error-summary'
		);
		const summary = page.locator('.error-summary');
		await expect(summary.innerText()).resolves.toContain('Bitte korrigieren Sie diese 6 Angaben');
		// Text field, date, radio group (first radio), checkbox group (first box), single checkbox.
		for (const name of ['title', 'day', 'startsAt', 'place', 'needs', 'consent']) {
			await summary.locator(`a[href="#field-${name}"]`).click();
			await expect(focusedId(page), name).resolves.toBe(`field-${name}`);
		}
		// The group's error is announced with it: the fieldset points at hint and error.
		const describedBy = await page
			.locator('fieldset:has(#field-place)')
			.getAttribute('aria-describedby');
		expect(describedBy).toBe('field-place-hint field-place-error');
		await expectAccessible(page);
		await screenshot(page, 'formkit-komponenten-fehler');
		await closePage(page);
	});

	it('reaches radios and checkboxes by keyboard and accepts the form', async () => {
		const page = await openPage(browser);
		await page.goto(PATH);
		await page.focus('#field-title');
		await page.keyboard.type('Sommerfest');
		await page.fill('#field-day', '2026-11-29');
		await page.fill('#field-startsAt', '09:30');
		await page.focus('#field-startsAt');
		// Chromium's time input takes one Tab per part (hours, minutes, maybe AM/PM).
		for (let i = 0; i < 4 && (await focusedId(page)) === 'field-startsAt'; i++) {
			await page.keyboard.press('Tab');
		}
		await expect(focusedId(page)).resolves.toBe('field-place');
		// Arrow keys move within the group and choose; Tab leaves it for the checkboxes.
		await page.keyboard.press('ArrowDown');
		await expect(focusedId(page)).resolves.toBe('field-place-outside');
		await expect(page.isChecked('#field-place-outside')).resolves.toBe(true);
		await page.keyboard.press('Tab');
		await expect(focusedId(page)).resolves.toBe('field-needs');
		await page.keyboard.press('Tab');
		await expect(focusedId(page)).resolves.toBe('field-needs-kitchen');
		await page.keyboard.press('Space');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		await expect(focusedId(page)).resolves.toBe('field-consent');
		await page.keyboard.press('Space');
		await send(page);
		await expect(page.locator('[role="status"]').first().innerText()).resolves.toContain(
			'Alle Angaben sind gültig.'
		);
		await expect(page.title()).resolves.not.toMatch(/Fehler/);
		// What came back is what was chosen.
		await expect(page.isChecked('#field-needs-kitchen')).resolves.toBe(true);
		await expect(page.isChecked('#field-needs')).resolves.toBe(false);

		// An old browser shows the date and time inputs as text fields: typed German works too.
		const typed = {
			title: 'Flohmarkt',
			day: '29.11.2026',
			startsAt: '9.30',
			place: 'house',
			needs: 'chairs',
			consent: 'on'
		};
		const ok = await postForm(page, PATH, typed);
		expect(ok.status).toBe(200);
		expect(ok.body).toContain('Alle Angaben sind gültig.');
		const bad = await postForm(page, PATH, { ...typed, day: '31.02.2026', startsAt: '25:00' });
		expect(bad.status).toBe(400);
		expect(bad.body).toContain('Das Datum bei „Datum“ gibt es nicht.');
		expect(bad.body).toContain('Die Uhrzeit bei „Beginn“ gibt es nicht.');
		expect(bad.body).toContain('<title>Fehler: Formular-Bausteine');
		await closePage(page);
	});
});
