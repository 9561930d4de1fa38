import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { closePage, launchBrowser, loginAs, PHONE, visitAndCheck } from '../support';

/*
 * The room usage report on the shared server, once with axe at 1280 and 375 px: the sums and the
 * CSV are tested in-process (src/lib/server/rooms/usage-report.test.ts, …/bericht/report.test.ts).
 */
describe('rooms: usage report', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('shows staff with the rooms role the month report with its chart', async () => {
		const path = '/verwaltung/raeume/bericht?monat=2026-11';
		const staff = await loginAs(browser, 'rooms', { at: path });
		try {
			await visitAndCheck(staff, path, 'rooms-report', { alsoAt: [PHONE] });
			await expect(staff.locator('h1').textContent()).resolves.toContain('November 2026');
			await expect(
				staff.getByRole('link', { name: 'Als CSV herunterladen' }).getAttribute('href')
			).resolves.toMatch(/\/verwaltung\/raeume\/bericht\.csv\?monat=2026-11$/);
		} finally {
			await closePage(staff);
		}
	});
});
