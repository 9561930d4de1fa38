import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
	checkLayoutAt,
	closePage,
	DESKTOP,
	expectAccessible,
	launchBrowser,
	loginAs,
	openPage,
	PHONE,
	screenshot,
	visitAndCheck
} from '../support';
import { idsOnList, submit } from '../content-support';

describe('content pages: accessible and tidy at 1280 and 375 px', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	// /aktuelles itself is in public-pages (1280 and 320 px), the 404 page in ops-http.
	it('a news page at 1280 px, and its layout at 375 px', { timeout: 120_000 }, async () => {
		const page = await openPage(browser, { width: DESKTOP });
		await visitAndCheck(page, '/aktuelles/neue-internetseite', 'content-aktuelles-detail', {
			alsoAt: [PHONE]
		});
		await closePage(page);
	});

	it(
		'site settings and the review reminder for an admin at 1280 px, and their layout at 375 px',
		{ timeout: 120_000 },
		async () => {
			const page = await loginAs(browser, 'admin', { width: DESKTOP });
			await expect(page.locator('main').innerText()).resolves.not.toContain(
				'Erklärung zur Barrierefreiheit prüfen'
			);
			await checkLayoutAt(page, [PHONE], 'content-bo-uebersicht');
			await visitAndCheck(page, '/verwaltung/quartier', 'content-bo-quartier', {
				alsoAt: [PHONE]
			});
			const original = await page.inputValue('input[name="accessibilityReviewedOn"]');

			await page.fill('input[name="accessibilityReviewedOn"]', '2020-05-04');
			await submit(page, 'Speichern');
			await expect(page.getByRole('status').innerText()).resolves.toContain('Gespeichert');
			await expect(page.locator('main').innerText()).resolves.toContain(
				'Erklärung zur Barrierefreiheit prüfen'
			);
			await visitAndCheck(page, '/verwaltung', 'content-bo-uebersicht-erinnerung', {
				alsoAt: [PHONE]
			});
			await expect(page.locator('main').innerText()).resolves.toContain(
				'zuletzt am 4. Mai 2020 geprüft'
			);

			await page.goto('/verwaltung/quartier');
			await page.fill('input[name="accessibilityReviewedOn"]', original);
			await submit(page, 'Speichern');
			await page.goto('/verwaltung');
			await expect(page.locator('main').innerText()).resolves.not.toContain(
				'Erklärung zur Barrierefreiheit prüfen'
			);
			await closePage(page);
		}
	);

	it(
		'back-office pages of a content editor at 1280 px, and their layout at 375 px',
		{ timeout: 300_000 },
		async () => {
			const page = await loginAs(browser, 'content', { width: DESKTOP });
			const [personId] = await idsOnList(page, '/verwaltung/ansprechpersonen');
			const [noticeId] = await idsOnList(page, '/verwaltung/hinweise');
			const [newsId] = await idsOnList(page, '/verwaltung/neuigkeiten');
			const [venueId] = await idsOnList(page, '/verwaltung/haus');
			const pages: [string, string][] = [
				['/verwaltung/haus', 'content-bo-haus'],
				[`/verwaltung/haus/${venueId}`, 'content-bo-haus-edit'],
				['/verwaltung/ansprechpersonen', 'content-bo-personen'],
				['/verwaltung/ansprechpersonen/neu', 'content-bo-person-neu'],
				[`/verwaltung/ansprechpersonen/${personId}`, 'content-bo-person-edit'],
				['/verwaltung/seiten', 'content-bo-seiten'],
				['/verwaltung/seiten/barrierefreiheit', 'content-bo-seite-edit'],
				['/verwaltung/hinweise', 'content-bo-hinweise'],
				['/verwaltung/hinweise/neu', 'content-bo-hinweis-neu'],
				[`/verwaltung/hinweise/${noticeId}`, 'content-bo-hinweis-edit'],
				['/verwaltung/neuigkeiten', 'content-bo-neuigkeiten'],
				['/verwaltung/neuigkeiten/neu', 'content-bo-neuigkeit-neu'],
				[`/verwaltung/neuigkeiten/${newsId}`, 'content-bo-neuigkeit-edit']
			];
			// A "neu" page shows the same form component as the edit page (which adds the delete
			// form), so axe checks the edit page only.
			for (const [path, name] of pages) {
				const isNew = path.endsWith('/neu');
				// At 375 px the layout, on the same page resized: a "neu" page is the edit page's form.
				await visitAndCheck(page, path, name, { axe: !isNew, alsoAt: isNew ? [] : [PHONE] });
			}

			// A form with errors: summary first, inline errors, input kept, still accessible.
			await page.goto('/verwaltung/hinweise/neu');
			await page.fill('input[name="title"]', '');
			await page.fill('textarea[name="body"]', '<b>bleibt</b> erhalten');
			await page.fill('input[name="endsAt"]', '2000-01-01T10:00');
			await submit(page, 'Anlegen');
			await expect(page.locator('.error-summary').innerText()).resolves.toContain(
				'Bitte füllen Sie das Feld „Überschrift“ aus.'
			);
			await expect(page.inputValue('textarea[name="body"]')).resolves.toBe(
				'<b>bleibt</b> erhalten'
			);
			// Once the title is there, the time window is checked and named.
			await page.fill('input[name="title"]', 'Test');
			await submit(page, 'Anlegen');
			await expect(page.locator('.error-summary').innerText()).resolves.toContain(
				'„Anzeigen bis“ muss nach „Anzeigen ab“ liegen.'
			);
			await expect(page.locator('#field-endsAt-error').innerText()).resolves.toContain(
				'„Anzeigen bis“ muss nach'
			);
			await expectAccessible(page);
			await screenshot(page, 'content-bo-hinweis-fehler');
			await checkLayoutAt(page, [PHONE], 'content-bo-hinweis-fehler');
			await closePage(page);
		}
	);
});
