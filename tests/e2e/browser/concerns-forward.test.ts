import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import {
	checkLayoutAt,
	closePage,
	expectAccessible,
	launchBrowser,
	loginAs,
	NARROW,
	openPage,
	screenshot,
	waitForMail
} from '../support';

/**
 * THE forwarding journey: a resident reports a public notice with a photo, staff forward it to the body
 * handling its category, the body answers through the link in its mail (no account), the
 * submitter's mail and the public page show the answer. axe and 320 px on the two new templates
 * (answer page, ledger). Roles, consent, single use and bad input are unit and HTTP tests.
 */
describe('concerns: forward to a responsible body and its answer', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	async function check(page: Page, name: string) {
		await expectAccessible(page);
		await checkLayoutAt(page, [NARROW], name);
	}

	async function send(page: Page, button: string) {
		await Promise.all([
			page.waitForLoadState('load'),
			page.getByRole('button', { name: button, exact: true }).click()
		]);
	}

	it('resident reports, staff forward, the body answers, the submitter reads it', async () => {
		const marker = `W${Date.now()}`;
		const email = `weiter-${marker.toLowerCase()}@besucher.example`;

		// 1. A resident reports a public notice and lets bodies see their contact data.
		const visitor = await openPage(browser, { javaScript: false });
		expect((await visitor.goto('/anliegen/neu'))?.status()).toBe(200);
		await visitor.getByLabel('Beleuchtung').check();
		await visitor.getByLabel('Beschreibung').fill(`Die Laterne am Weiher ist dunkel (${marker}).`);
		await visitor.getByLabel('Ort oder Adresse').fill('Am Weiher 2');
		await visitor.getByLabel('Öffentlicher Hinweis').check();
		await visitor.getByLabel('Ihr Name').fill('Erika Weiher');
		await visitor.getByLabel('Ihre E-Mail-Adresse').fill(email);
		await visitor.getByLabel(/dürfen Name und Kontaktdaten mitgeschickt werden/).check();
		// A photo from the phone, with the camera's EXIF data (stripped on the way in).
		const photo = await sharp({
			create: { width: 640, height: 480, channels: 3, background: '#6a8' }
		})
			.jpeg()
			.withMetadata({ exif: { IFD0: { Make: 'Testkamera' } } })
			.toBuffer();
		await visitor
			.getByLabel('Fotos', { exact: false })
			.setInputFiles({ name: 'laterne.jpg', mimeType: 'image/jpeg', buffer: photo });
		await send(visitor, 'Anliegen senden');
		expect(new URL(visitor.url()).pathname).toBe('/anliegen/danke');
		const number = /KAS-\d{4}-\d{4,}/.exec(await visitor.locator('main').innerText())![0];
		await closePage(visitor);

		// 2. Staff forward it; the body handling "Beleuchtung" is suggested and preselected.
		const staff = await loginAs(browser, 'concerns', { at: `/verwaltung/anliegen?q=${number}` });
		await Promise.all([
			staff.waitForLoadState('load'),
			staff.getByRole('link', { name: new RegExp(number) }).click()
		]);
		await expect(staff.getByLabel(/Tiefbauamt der Stadt Bedburg/).isChecked()).resolves.toBe(true);
		await staff.getByLabel('Begleittext').fill(`Bitte um Prüfung (${marker}).`);
		await send(staff, 'Weiterleiten');
		await expect(staff.locator('.notice--success').innerText()).resolves.toContain(
			'Das Anliegen ist weitergeleitet'
		);
		await screenshot(staff, 'concerns-forward-detail');
		await staff.goto('/verwaltung/anliegen/weiterleitungen');
		await expect(staff.locator('main').innerText()).resolves.toContain(number);
		await screenshot(staff, 'concerns-forward-ledger');
		await check(staff, 'concerns-forward-ledger');
		// Layout of the bodies list and its edit form (no axe: the form kit is checked elsewhere).
		await staff.goto('/verwaltung/anliegen/stellen');
		await screenshot(staff, 'concerns-forward-bodies');
		await checkLayoutAt(staff, [NARROW], 'concerns-forward-bodies');
		await Promise.all([
			staff.waitForLoadState('load'),
			staff.getByRole('link', { name: /Tiefbauamt der Stadt Bedburg/ }).click()
		]);
		await checkLayoutAt(staff, [NARROW], 'concerns-forward-body-edit');
		await closePage(staff);

		// 3. The body opens the link from its mail and answers, without an account.
		const toBody = await waitForMail(
			(m) => m.to.includes('tiefbauamt@bedburg.example') && m.text.includes(number)
		);
		expect(toBody.text).toContain(`Bitte um Prüfung (${marker}).`);
		expect(toBody.text).toContain(email);
		const link = /https?:\/\/[^/\s]+(\/anliegen\/antwort\/[A-Za-z0-9_-]{43})/.exec(toBody.text)![1];
		const body = await openPage(browser);
		expect((await body.goto(link))?.status()).toBe(200);
		await expect(body.locator('main').innerText()).resolves.toContain('Erika Weiher');
		await screenshot(body, 'concerns-forward-answer');
		await check(body, 'concerns-forward-answer');
		await body
			.getByRole('textbox', { name: /^Antwort/ })
			.fill(`Die Lampe ist getauscht (${marker}).`);
		await body.getByLabel('Erledigt').check();
		await send(body, 'Antwort senden');
		expect(new URL(body.url()).pathname).toBe('/anliegen/antwort/erledigt');
		await screenshot(body, 'concerns-forward-answered');
		// Single use: the link is gone now.
		expect((await body.goto(link))?.status()).toBe(410);
		await expect(body.locator('main').innerText()).resolves.toContain('nur einmal');
		await closePage(body);

		// 4. The submitter's mail brings the answer and a status link; the public page shows it.
		const answered = await waitForMail(
			(m) => m.to.includes(email) && m.text.includes(`Die Lampe ist getauscht (${marker}).`)
		);
		const statusLink = /https?:\/\/[^/\s]+(\/anliegen\/status\/[A-Za-z0-9_-]+)/.exec(
			answered.text
		)![1];
		const holder = await openPage(browser, { javaScript: false });
		await holder.goto(statusLink);
		const status = await holder.locator('main').innerText();
		expect(status).toContain('Antwort von Tiefbauamt der Stadt Bedburg');
		expect(status).toContain(`Die Lampe ist getauscht (${marker}).`);
		await holder.goto(`/anliegen/${number}`);
		const publicPage = await holder.locator('main').innerText();
		expect(publicPage).toContain('Weitergeleitet an Tiefbauamt der Stadt Bedburg');
		expect(publicPage).toContain(`Die Lampe ist getauscht (${marker}).`);
		expect(publicPage).not.toContain(email);
		const src = await holder
			.getByRole('img', { name: `Foto 1 zum Anliegen ${number}` })
			.getAttribute('src');
		const image = await holder.request.get(src!);
		expect(image.headers()['content-type']).toBe('image/jpeg');
		expect((await sharp(await image.body()).metadata()).exif).toBeUndefined();
		await closePage(holder);
	});
});
