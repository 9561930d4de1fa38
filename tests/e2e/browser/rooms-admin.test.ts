import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HttpClient } from '../http';
import {
	checkLayoutAt,
	closePage,
	expectAccessible,
	launchBrowser,
	loginAs,
	PHONE,
	screenshot,
	submit,
	visitAndCheck
} from '../support';

/*
 * Staff with the rooms role manage rooms on the shared server: the list (with closing days) and
 * the edit form (with a blocked time, and with errors), axe at desktop width and the layout at
 * phone width. The journeys (opening hours, blocking, closing days) are HTTP tests.
 */
describe('rooms: management in the back office', () => {
	let browser: Browser;
	let page: Page;
	let editPath = '';
	let staff: HttpClient;

	beforeAll(async () => {
		browser = await launchBrowser();
		page = await loginAs(browser, 'rooms', { at: '/verwaltung/raeume/verwalten' });
		const href = await page
			.getByRole('link', { name: /^Kreativraum/ })
			.first()
			.getAttribute('href');
		editPath = new URL(href ?? '', page.url()).pathname;
		expect(editPath).toMatch(/^\/verwaltung\/raeume\/verwalten\/\d+$/);
		// A blocked time and closing days, so the pages show their lists (the journeys that make
		// and remove them are HTTP tests: http/rooms-admin). Beyond the year of advance booking.
		staff = await HttpClient.as('rooms');
		await staff.get(editPath);
		const block = {
			date: '2028-04-05',
			startTime: '10:00',
			endTime: '11:30',
			title: 'Wartung e2e',
			note: ''
		};
		expect((await staff.post(`${editPath}?/block`, block)).status).toBe(303);
		await staff.get('/verwaltung/raeume/verwalten');
		const closure = { firstDay: '2028-04-10', lastDay: '2028-04-14', reason: 'Renovierung e2e' };
		expect((await staff.post('/verwaltung/raeume/verwalten?/addClosure', closure)).status).toBe(
			303
		);
		// A photo, so axe sees the list of photos with its remove buttons.
		await staff.get(editPath);
		const jpeg = await sharp({
			create: { width: 600, height: 400, channels: 3, background: '#3a7' }
		})
			.jpeg()
			.toBuffer();
		const photo = new File([new Uint8Array(jpeg)], 'raum.jpg', { type: 'image/jpeg' });
		expect((await staff.post(`${editPath}?/addPhoto`, { photo, altText: 'Foto e2e' })).status).toBe(
			303
		);
	});
	afterAll(async () => {
		const list = await staff.get('/verwaltung/raeume/verwalten');
		const closureId = /name="closure" value="(\d+)"/.exec(
			list.body.slice(list.body.indexOf('Renovierung e2e'))
		)?.[1];
		await staff.post('/verwaltung/raeume/verwalten?/deleteClosure', {
			closure: closureId!,
			confirm: 'on'
		});
		const edit = await staff.get(editPath);
		const photoId = /name="photo" value="(\d+)"/.exec(edit.body)?.[1];
		await staff.post(`${editPath}?/removePhoto`, { photo: photoId! });
		const blockId = /name="block" value="(\d+)"/.exec(edit.body)?.[1];
		await staff.post(`${editPath}?/unblock`, { block: blockId! });
		if (page) await closePage(page);
		await browser?.close();
	});

	it('lists the rooms and the closing days, accessibly at desktop and phone width', async () => {
		await visitAndCheck(page, '/verwaltung/raeume/verwalten', 'rooms-admin-list', {
			alsoAt: [PHONE]
		});
		const main = await page.locator('main').innerText();
		expect(main).toContain('Großer Saal');
		expect(main).toContain('Neuer Raum');
		expect(main).toContain('Schließtage des Hauses');
		expect(main).toContain('Renovierung e2e');
	});

	it('shows the edit form, and its errors, accessibly at desktop and phone width', async () => {
		await visitAndCheck(page, editPath, 'rooms-admin-edit', { alsoAt: [PHONE] });
		await expect(page.locator('.block-list').innerText()).resolves.toContain('Wartung e2e');
		await expect(page.getByRole('img', { name: 'Foto e2e' }).count()).resolves.toBe(1);
		await page.fill('#field-capacity', '0');
		await page.fill('#field-opens2', '18:00');
		await page.fill('#field-closes2', '09:00');
		await submit(page, 'main form.form button[type="submit"]');
		await expect(page.locator('.error-summary').innerText()).resolves.toMatch(
			/ganze Zahl von 1 bis 10000[\s\S]*Dienstag muss „bis“ nach „von“ liegen/
		);
		await expectAccessible(page);
		await screenshot(page, 'rooms-admin-edit-errors');
		await checkLayoutAt(page, [PHONE], 'rooms-admin-edit-errors');
	});
});
