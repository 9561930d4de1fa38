import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { closePage, launchBrowser, loginAs, PHONE, visitAndCheck } from '../support';

/*
 * The back office of room requests on the shared server. There is no public request form in
 * this branch yet, so the shared server has no requests: this checks the inbox (its empty state),
 * the day plan and a missing request; approving and declining are in-process action tests
 * (src/routes/verwaltung/raeume/anfragen/[id=id]/decide.test.ts) until the form exists.
 */
describe('rooms: back office', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('shows staff with the rooms role the inbox, the day plan and its days', async () => {
		const staff = await loginAs(browser, 'rooms');
		try {
			// The start page counts the requests and the menu leads to them.
			// (Empty in this branch; once the public form exists other tests may add requests.)
			const card = staff.locator('section[aria-labelledby="dash-rooms"]');
			await expect(card.textContent()).resolves.toMatch(
				/Keine Raumanfrage wartet|\d+ Anfragen? warte/
			);
			await staff.locator('.backoffice-nav a[href="/verwaltung/raeume"]').click();
			expect(new URL(staff.url()).pathname).toBe('/verwaltung/raeume');

			await visitAndCheck(staff, '/verwaltung/raeume', 'rooms-inbox', { alsoAt: [PHONE] });
			if ((await staff.locator('main table').count()) === 0) {
				await expect(staff.locator('main .empty-state').textContent()).resolves.toContain(
					'Zurzeit wartet keine Raumanfrage auf eine Entscheidung.'
				);
			}

			await staff.getByRole('link', { name: 'Tagesplan des Hauses' }).click();
			await visitAndCheck(staff, '/verwaltung/raeume/plan?tag=2026-11-18', 'rooms-plan', {
				alsoAt: [PHONE]
			});
			const main = staff.locator('main');
			await expect(main.locator('h1').textContent()).resolves.toBe(
				'Belegung der Räume am Mittwoch, 18. November 2026'
			);
			await expect(main.getByRole('heading', { name: 'Gruppenraum' }).count()).resolves.toBe(1);
			await main.getByRole('link', { name: 'Nächster Tag →' }).click();
			expect(new URL(staff.url()).search).toBe('?tag=2026-11-19');
			// Typed into the date field where a browser shows text: the German form works too.
			await staff.goto('/verwaltung/raeume/plan?tag=20.11.2026');
			await expect(main.locator('h1').textContent()).resolves.toContain('20. November 2026');

			// Printed for the door: only the plan, in large type.
			await staff.emulateMedia({ media: 'print' });
			await expect(staff.locator('.backoffice-nav').isVisible()).resolves.toBe(false);
			await expect(staff.locator('.day-plan__pick').isVisible()).resolves.toBe(false);
			const size = await main
				.locator('.day-plan')
				.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
			expect(size).toBeGreaterThanOrEqual(21);
			await staff.emulateMedia({ media: 'screen' });

			const missing = await staff.goto('/verwaltung/raeume/anfragen/999999');
			expect(missing?.status()).toBe(404);
			const nonsense = await staff.goto('/verwaltung/raeume/plan?tag=irgendwann');
			expect(nonsense?.status()).toBe(404);
		} finally {
			await closePage(staff);
		}
	});
});
